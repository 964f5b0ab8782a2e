/**
 * `npx tsx bench/run.ts console [--cases 200] [--runs 15] [--opens 40]`
 *
 * Starts the real server with the built console on loopback (embedded PostgreSQL in a temporary
 * directory, or CASEBOOK_BENCH_DATABASE_URL), seeds an agent and `--cases` customer cases through
 * POST /inbound, then drives Debian's Chromium with playwright-core:
 *  - first load to interactive: a fresh browser context (empty cache) for a logged-in agent, from
 *    navigation start to the first inbox row painted (the inbox is then usable with j/k/Enter);
 *  - opening a case from the inbox: j to select, Enter to open, until the timeline is on screen,
 *    measured inside the page; "warm" after the row was selected for 150 ms (the console prefetches
 *    the selected case), "cold" by opening a case never selected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openDatabase } from '../src/db/client.ts';
import { AGENT, seedConsole } from '../test/browser/seed.ts';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startConsoleServer } from '../test/browser/server.ts';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
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
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const shown = await until(() => document.querySelector('[data-testid="timeline-item"]') !== null);
    const withCustomer = await until(() => document.querySelector('[data-testid="customer-panel"]') !== null);
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
  tdur?: number;
  args?: { name?: string };
}

/** CPU time of the page's main thread in top-level tasks: what the console costs, whatever the load. */
function mainThreadCpuMs(trace: { traceEvents: TraceEvent[] }): number {
  const main = new Set<string>();
  for (const e of trace.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      main.add(`${e.pid}:${e.tid}`);
  }
  let micros = 0;
  for (const e of trace.traceEvents) {
    if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`)) {
      micros += e.tdur ?? 0;
    }
  }
  return micros / 1000;
}

export async function run(args: string[]): Promise<void> {
  const cases = option(args, 'cases', 200);
  const runs = option(args, 'runs', 15);
  const opens = option(args, 'opens', 40);
  console.log(`$ npx tsx bench/run.ts console --cases ${cases} --runs ${runs} --opens ${opens}`);
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
    const seeded = await seedConsole(db, server.app, cases);
    console.log(`seeded ${cases + 2} cases in ${ms(performance.now() - seedStart)}; server ${server.url}`);

    // First load, each in a fresh context: no HTTP cache, a session cookie from the login API.
    const firstLoads: number[] = [];
    const domReady: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const login = await context.request.post(`${server.url}/api/v1/auth/login`, {
        data: { email: AGENT.email, password: AGENT.password },
      });
      if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
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
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.request.post(`${server.url}/api/v1/auth/login`, {
        data: { email: AGENT.email, password: AGENT.password },
      });
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
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.request.post(`${server.url}/api/v1/auth/login`, {
      data: { email: AGENT.email, password: AGENT.password },
    });
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
    for (let i = 0; i < Math.min(opens, 10); i++) {
      await browser.startTracing(page, { categories: ['toplevel'] });
      await page.evaluate(openWithKeyboard(i + 1));
      openCpu.push(mainThreadCpuMs(JSON.parse((await browser.stopTracing()).toString())));
      await page.evaluate(`window.location.hash = '#/inbox?queue=all'`);
      await page.getByTestId('case-row').first().waitFor();
    }
    for (const id of seeded.otherCaseIds.slice(-Math.min(opens, seeded.otherCaseIds.length))) {
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
    console.log(`  main-thread CPU per open, selecting and prefetch included:   ${summary(openCpu)}`);
    console.log(`open a case never selected (cold, no prefetch):                ${summary(cold)}`);
  } finally {
    await browser.close();
    await server.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
