/**
 * `npx tsx bench/run.ts console [--cases 200] [--runs 15] [--opens 40] [--demo]`
 *
 * Starts the real server with the built console on loopback (embedded PostgreSQL in a temporary
 * directory, or CASEBOOK_BENCH_DATABASE_URL), seeds an agent and `--cases` customer cases through
 * POST /inbound, then drives Debian's Chromium with playwright-core:
 *  - first load to interactive: a fresh browser context (empty cache) for a logged-in agent, from
 *    navigation start to the first inbox row painted (the inbox is then usable with j/k/Enter);
 *  - opening a case from the inbox: j to select, Enter to open, until the timeline is on screen,
 *    measured inside the page; "warm" after the row was selected for 150 ms (the console prefetches
 *    the selected case), "cold" by opening a case far down the list that j never selected;
 *  - main-thread CPU of an open from a trace, between performance marks: from Enter until the
 *    timeline is painted, and from Enter until 400 ms later, so the panels mounted after the first
 *    paint (composer, suggestions, actions, checklist, SLA) and their fetches are counted too; and
 *    the whole trace, selecting (j) and prefetching included.
 * With `--demo` the server is filled with the demo organisation instead (src/demo/seed-demo.ts: 6
 * sites, 40 agents, 5,000 customers, 20,000 messages; about 30 s) and the bench logs in as the demo
 * lead who owns the most open cases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { type Database, openDatabase } from '../src/db/client.ts';
import { rows, sql } from '../src/db/sql.ts';
import { datasetDir } from '../src/demo/datasets.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { AGENT, seedConsole } from '../test/browser/seed.ts';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startConsoleServer } from '../test/browser/server.ts';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The demo organisation, and the lead with the most open cases to log in as. */
async function seedDemoOrganisation(db: Database): Promise<{ email: string; password: string }> {
  const seeded = await seedDemo(db, {
    seed: 1,
    customers: 5000,
    messages: 20_000,
    dataDir: datasetDir(process.cwd()),
    now: new Date(),
  });
  await db.db.execute(sql`analyze`);
  const [lead] = await rows<{ email: string; open: number }>(
    db.db,
    sql`select a.email, count(c.id)::int as open from agents a
          left join cases c on c.owner_id = a.id and c.status in ('new', 'open', 'pending')
        where a.role = 'lead' and a.kind = 'person' group by a.id, a.email order by open desc, a.email limit 1`,
  );
  if (!lead) throw new Error('the demo seed made no lead');
  console.log(`demo lead ${lead.email} owns ${lead.open} open cases`);
  return { email: lead.email, password: seeded.adminPassword };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const summary = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))} (n=${values.length})`;

// Page scripts are strings: tsx would otherwise wrap inner functions in a __name helper the page lacks.
const pageHelpers = `
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const until = async (test) => { while (!test()) await frame(); return performance.now(); };`;

function openWithKeyboard(steps: number): string {
  return `(async () => {${pageHelpers}
    await until(() => document.querySelectorAll('[data-testid="case-row"]').length > 0);
    for (let s = 0; s < ${steps}; s++) window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }));
    await new Promise((r) => setTimeout(r, 150));
    performance.mark('cb-open');
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const shown = await until(() => document.querySelector('[data-testid="timeline-item"]') !== null);
    const withCustomer = await until(() => document.querySelector('[data-testid="customer-panel"]') !== null);
    // Frame callbacks run before the paint; a task queued from one runs after it.
    setTimeout(() => performance.mark('cb-painted'), 0);
    return { open: shown - t0, customer: withCustomer - t0 };
  })()`;
}

function openByAddress(caseId: string): string {
  return `(async () => {${pageHelpers}
    const t0 = performance.now();
    window.location.hash = '#/cases/${caseId}';
    return (await until(() => document.querySelector('[data-testid="timeline-item"]') !== null)) - t0;
  })()`;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU time of the page's main thread in top-level tasks: what the console costs, whatever the load.
 * With `from` and `to` (performance.mark names), only the tasks running between the two marks.
 */
function mainThreadCpuMs(trace: { traceEvents: TraceEvent[] }, from?: string, to?: string): number {
  const mark = (name: string | undefined) =>
    trace.traceEvents.find((e) => e.cat.includes('blink.user_timing') && e.name === name)?.ts;
  const start = mark(from) ?? Number.NEGATIVE_INFINITY;
  const end = mark(to) ?? Number.POSITIVE_INFINITY;
  const main = new Set<string>();
  for (const e of trace.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      main.add(`${e.pid}:${e.tid}`);
  }
  let micros = 0;
  for (const e of trace.traceEvents) {
    if (
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      main.has(`${e.pid}:${e.tid}`) &&
      e.ts + (e.dur ?? 0) > start &&
      e.ts < end
    ) {
      micros += e.tdur ?? 0;
    }
  }
  return micros / 1000;
}

export async function run(args: string[]): Promise<void> {
  const cases = option(args, 'cases', 200);
  const runs = option(args, 'runs', 15);
  const opens = option(args, 'opens', 40);
  const demo = args.includes('--demo');
  console.log(
    `$ npx tsx bench/run.ts console ${demo ? '--demo' : `--cases ${cases}`} --runs ${runs} --opens ${opens}`,
  );
  if (!hasChromium) {
    console.error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CASEBOOK_CHROMIUM).`);
    process.exitCode = 2;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-console-'));
  const url = process.env.CASEBOOK_BENCH_DATABASE_URL;
  const db = await openDatabase({ dataDir, poolSize: 10, ...(url ? { databaseUrl: url } : {}) });
  const server = await startConsoleServer(db);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const seedStart = performance.now();
    let login = { email: AGENT.email, password: AGENT.password };
    if (demo) {
      login = await seedDemoOrganisation(db);
      console.log(
        `seeded the demo organisation in ${ms(performance.now() - seedStart)}; server ${server.url}`,
      );
    } else {
      await seedConsole(db, server.app, cases);
      console.log(`seeded ${cases + 2} cases in ${ms(performance.now() - seedStart)}; server ${server.url}`);
    }
    const newSession = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const res = await context.request.post(`${server.url}/api/v1/auth/login`, { data: login });
      if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
      return context;
    };

    // First load, each in a fresh context: no HTTP cache, a session cookie from the login API.
    const firstLoads: number[] = [];
    const domReady: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await newSession();
      const page = await context.newPage();
      await page.goto(`${server.url}/#/inbox?queue=all`, { waitUntil: 'commit' });
      const interactive = await page.waitForFunction(
        `document.querySelector('[data-testid="case-row"]') ? performance.now() : false`,
        undefined,
        { polling: 10, timeout: 15_000 },
      );
      firstLoads.push((await interactive.jsonValue()) as number);
      const nav = (await page.evaluate(
        `performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN`,
      )) as number;
      domReady.push(nav);
      await context.close();
    }

    // The same first load traced: main-thread CPU time until interactive, which contention on a
    // shared machine does not stretch the way it stretches wall-clock time.
    const cpu: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const context = await newSession();
      const page = await context.newPage();
      await browser.startTracing(page, { categories: ['toplevel'] });
      await page.goto(`${server.url}/#/inbox?queue=all`, { waitUntil: 'commit' });
      await page.waitForFunction(`document.querySelector('[data-testid="case-row"]') !== null`, undefined, {
        polling: 10,
        timeout: 15_000,
      });
      cpu.push(mainThreadCpuMs(JSON.parse((await browser.stopTracing()).toString())));
      await context.close();
    }

    // Opening cases from the inbox with the keyboard, in one long-lived page like an agent's day.
    const context = await newSession();
    const page = await context.newPage();
    await page.goto(`${server.url}/#/inbox?queue=all`);
    await page.getByTestId('case-row').first().waitFor();
    const warm: number[] = [];
    const cold: number[] = [];
    const panel: number[] = [];
    for (let i = 0; i < opens; i++) {
      const timing = (await page.evaluate(openWithKeyboard(i % 25))) as { open: number; customer: number };
      warm.push(timing.open);
      panel.push(timing.customer);
      await page.evaluate(`window.location.hash = '#/inbox?queue=all'`);
      await page.getByTestId('case-row').first().waitFor();
    }
    const openCpu: number[] = [];
    const firstFrameCpu: number[] = [];
    const wholeCpu: number[] = [];
    for (let i = 0; i < Math.min(opens, 10); i++) {
      await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
      await page.evaluate(openWithKeyboard(i + 1));
      await page.waitForTimeout(400);
      const trace = JSON.parse((await browser.stopTracing()).toString());
      firstFrameCpu.push(mainThreadCpuMs(trace, 'cb-open', 'cb-painted'));
      openCpu.push(mainThreadCpuMs(trace, 'cb-open'));
      wholeCpu.push(mainThreadCpuMs(trace));
      await page.evaluate(`window.location.hash = '#/inbox?queue=all'`);
      await page.getByTestId('case-row').first().waitFor();
    }
    // Cases far down the inbox, which j never reached: nothing about them is cached. (The seeded
    // cases were used before, but the oldest of them wait longest and sit at the top, where j selects.)
    const coldIds = (
      (await page.evaluate(
        `[...document.querySelectorAll('[data-testid="case-row"] a')].map((a) => a.getAttribute('href'))`,
      )) as string[]
    )
      .slice(60)
      .map((href) => href.replace('#/cases/', ''));
    for (const id of coldIds.slice(-Math.min(opens, coldIds.length))) {
      await page.evaluate(`window.location.hash = '#/inbox?queue=all'`);
      await page.getByTestId('case-row').first().waitFor();
      const took = (await page.evaluate(openByAddress(id))) as number;
      cold.push(took);
    }
    await context.close();

    console.log('');
    console.log(
      `machine: ${cpus().length} CPU(s), load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (figures stretch with contention)`,
    );
    console.log(
      `first load to interactive (inbox rows painted), fresh cache:  ${summary(firstLoads)}  target < 1500 ms`,
    );
    console.log(`  DOMContentLoaded:                                            ${summary(domReady)}`);
    console.log(`  main-thread CPU until interactive (traced):                  ${summary(cpu)}`);
    console.log(
      `open a case from the inbox (j…, Enter → timeline), prefetched:  ${summary(warm)}  target p95 < 150 ms`,
    );
    console.log(`  … until the customer panel is shown:                         ${summary(panel)}`);
    console.log(`  main-thread CPU per open, Enter → timeline painted:          ${summary(firstFrameCpu)}`);
    console.log(`  main-thread CPU per open, Enter → 400 ms later (all panels): ${summary(openCpu)}`);
    console.log(`  … the same with selecting (j) and prefetching before Enter:  ${summary(wholeCpu)}`);
    console.log(`open a case never selected (cold, no prefetch):                ${summary(cold)}`);
  } finally {
    await browser.close();
    await server.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
