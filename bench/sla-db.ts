/**
 * The SLA sweep job against PostgreSQL, and routing of a new case with its locks.
 * `npx tsx bench/run.ts sla-db [--cases 100000] [--agents 40] [--routes 300] [--warmup 2000] [--routing-only] [--no-policy-edit]`
 * Embedded PostgreSQL in a temporary directory, or a fresh database on CASEBOOK_BENCH_DATABASE_URL
 * (kept afterwards for EXPLAIN and the like when CASEBOOK_BENCH_KEEP is set).
 * BENCH_VERBOSE=1 prints each sweep of the first backlog on a line of its own.
 *
 * Seeds 5 sites with business hours (Berlin, New York, Sydney, Kolkata night shift, São Paulo),
 * `--cases` open cases created over the last 14 days (30% pending, half answered), 4 SLA
 * policies with an escalation ladder, then runs the sweep: the first writes the SLA cache for
 * every case and records the breaches; the later ones find little to write; then a policy edit
 * (a new version of the chat policy with a longer first-response target) makes the next sweep
 * recompute the cases it can move (the chat cases) and write the rows that moved, and an edit of
 * one site's holidays the cases of that site. Each line gives wall and node CPU time,
 * the phases, and how many cache rows were written. Routing then assigns `--warmup` new cases
 * (cold: V8 still optimising the code, which takes as much CPU on its own threads as the routing
 * itself; statements prepared and the configuration loaded once) and `--routes` more (warm, as on
 * a server that has been running), timing each set apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { routeNewCase } from '../src/commands/standards/route-new-case.ts';
import { sweepSla } from '../src/commands/standards/sweep-sla.ts';
import { systemClock } from '../src/core/ports.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { rows, sql } from '../src/db/sql.ts';
import { EventBus } from '../src/events.ts';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
}

async function open(): Promise<{ db: Database; label: string; cleanup(): Promise<void> }> {
  const serverUrl = process.env.CASEBOOK_BENCH_DATABASE_URL;
  if (serverUrl) {
    const name = `casebook_bench_sla_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: u.toString(), dataDir: '', poolSize: 10 });
    return {
      db,
      label: 'PostgreSQL server',
      cleanup: async () => {
        await db.close();
        if (!process.env.CASEBOOK_BENCH_KEEP)
          await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-sla-'));
  const db = await openDatabase({ dataDir: dir, poolSize: 10 });
  return {
    db,
    label: 'embedded PostgreSQL',
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const day = (start: string, end: string) => [{ start, end }];
const weekdays = (start: string, end: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, day(start, end)]));

export async function seed(db: Database, cases: number, agents: number) {
  const x = db.db;
  const sites = [
    ['BER', 'Europe/Berlin', weekdays('08:00', '18:00')],
    ['NYC', 'America/New_York', weekdays('09:00', '17:00')],
    ['SYD', 'Australia/Sydney', { ...weekdays('08:30', '17:30'), sat: day('09:00', '13:00') }],
    ['BLR', 'Asia/Kolkata', weekdays('22:00', '06:00')],
    ['SAO', 'America/Sao_Paulo', weekdays('09:00', '18:00')],
  ] as const;
  for (const [code, zone, hours] of sites) {
    await x.execute(sql`with s as (insert into sites (code, name, time_zone) values (${code}, ${code}, ${zone}) returning id)
      insert into site_calendars (site_id, weekly_hours, holidays) select id, ${JSON.stringify(hours)}::jsonb, '{2026-12-25}' from s`);
    await x.execute(
      sql`insert into teams (site_id, name) select id, ${`${code} desk`} from sites where code = ${code}`,
    );
  }
  await x.execute(sql`insert into agents (name, role, kind, team_id)
    select 'Agent ' || g, 'agent', 'person', (select id from teams order by name offset (g % 5) limit 1)
    from generate_series(1, ${agents}) g`);
  await x.execute(sql`insert into agent_availability (agent_id, online, max_open_cases)
    select id, true, 1000000 from agents where role = 'agent'`);
  await x.execute(sql`insert into routing_rules (name, team_id, conditions)
    select 'Site ' || s.code, t.id, jsonb_build_object('siteId', jsonb_build_array(s.id)) from sites s join teams t on t.site_id = s.id`);
  await x.execute(sql`insert into customers (display_name, tier)
    select 'Customer ' || g, case when g % 10 = 0 then 'gold' else 'standard' end from generate_series(1, ${Math.ceil(cases / 5)}) g`);
  await x.execute(sql`with c as (select id, row_number() over (order by id) - 1 as n from customers),
      s as (select id, row_number() over (order by code) - 1 as n from sites),
      g as (select g, now() - make_interval(secs => (g * 7919 % 1209600)) as created from generate_series(1, ${cases}) g)
    insert into cases (customer_id, site_id, channel, status, priority, subject, created_at, first_reply_at, waiting_since, last_activity_at)
    select c.id, s.id, (array['email', 'chat', 'phone', 'web'])[1 + g % 4], 'open',
      (array['low', 'normal', 'normal', 'high', 'urgent'])[1 + g % 5], 'Case ' || g, g.created,
      case when g % 2 = 0 then g.created + interval '2 hours' end,
      case when g % 4 = 0 then g.created + interval '1 day' when g % 2 = 1 then g.created end, g.created
    from g join c on c.n = g % (select count(*) from customers) join s on s.n = g % 5`);
  await x.execute(sql`update cases set status = 'pending' where number % 10 < 3`);
  const ladder = await rows<{ id: string }>(
    x,
    sql`insert into escalation_policies (name, levels) values ('Default', ${JSON.stringify([
      { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
      { level: 2, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] },
      {
        level: 3,
        trigger: 'breached',
        afterMs: 4 * 3_600_000,
        actions: [{ kind: 'notify', role: 'manager' }],
      },
    ])}::jsonb) returning id`,
  );
  const H = 3_600_000;
  const policies = [
    ['Catch-all', {}, { first_response: 8 * H, next_response: 8 * H, resolution: 72 * H }],
    ['Urgent', { priority: ['urgent'] }, { first_response: H, next_response: 2 * H, resolution: 8 * H }],
    ['Gold', { customerTier: ['gold'] }, { first_response: 2 * H, next_response: 4 * H, resolution: 24 * H }],
    ['Chat', { channel: ['chat'] }, { first_response: 0.25 * H, next_response: 0.5 * H, resolution: 24 * H }],
  ] as const;
  for (const [name, conditions, targets] of policies) {
    await x.execute(sql`insert into sla_policies (name, conditions, targets, escalation_policy_id)
      values (${name}, ${JSON.stringify(conditions)}::jsonb, ${JSON.stringify(targets)}::jsonb, ${ladder[0]!.id})`);
  }
  await x.execute(sql`vacuum analyze`);
}

export async function run(args: string[]): Promise<void> {
  const cases = option(args, '--cases', 100_000);
  const agents = option(args, '--agents', 40);
  const routes = option(args, '--routes', 300);
  const warmup = option(args, '--warmup', 2000);
  const { db, label, cleanup } = await open();
  try {
    const t0 = performance.now();
    await seed(db, cases, agents);
    console.log(
      `sla-db: ${cases} open cases, ${agents} agents, ${label}; seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    console.log(
      `command: npx tsx bench/run.ts sla-db --cases ${cases} --agents ${agents} --routes ${routes} --warmup ${warmup}`,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model}, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const deps = { db, clock: systemClock, events: new EventBus() };
    const sweep = async (label: string, full = false) => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const r = await sweepSla(deps, { full });
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      console.log(
        `${label}: ${wall.toFixed(0)} ms wall (node CPU ${((used.user + used.system) / 1000).toFixed(0)} ms) = load ${r.ms.load.toFixed(0)} + compute ${r.ms.compute.toFixed(0)} + write ${r.ms.write.toFixed(0)} ms; ${r.cases} cases recomputed, ${r.breaches} new breaches, ${r.escalations} new escalation steps; ${r.written} cache rows written${r.full ? ' (full)' : ''}${r.deferred ? `; ${r.deferred} cases' records deferred` : ''}`,
      );
      return { r, wall };
    };
    if (!args.includes('--routing-only')) {
      let { r } = await sweep(
        'sweep 1 (first: every case, records a first share of the backlog of breaches)',
      );
      // The backlog's other shares, sweep after sweep, as the job runs them.
      const backlog: number[] = [];
      let recorded = r.breaches + r.escalations;
      const started = performance.now();
      while (r.more) {
        const s = performance.now();
        r = await sweepSla(deps);
        backlog.push(performance.now() - s);
        if (process.env.BENCH_VERBOSE)
          console.log(
            `  ${(performance.now() - s).toFixed(0)} ms: ${r.cases} cases, ${r.breaches}+${r.escalations} records, ${r.written} rows, ${r.deferred} deferred, load ${r.ms.load.toFixed(0)} compute ${r.ms.compute.toFixed(0)} write ${r.ms.write.toFixed(0)}`,
          );
        recorded += r.breaches + r.escalations;
      }
      // What autovacuum would do over the next minutes after that one-off backlog, done now so that
      // it does not share the CPUs with the sweeps timed below.
      const v = performance.now();
      await db.db.execute(sql`vacuum (analyze)`);
      console.log(`vacuum (analyze) after the backlog: ${((performance.now() - v) / 1000).toFixed(1)} s`);
      if (backlog.length) {
        console.log(
          `backlog (the sweeps after it until no backlog is left): ${backlog.length} sweeps, ${Math.min(...backlog).toFixed(0)}–${Math.max(...backlog).toFixed(0)} ms each, ${((performance.now() - started) / 1000).toFixed(1)} s in all; ${recorded} breaches and steps recorded with the first`,
        );
      }
      await sweep('sweep 2 (steady state: only cases with a threshold due)');
      await sweep('sweep 3 (full recompute of every open case, nothing new to record)', true);
      await sweep('sweep 4 (full recompute again, warm)', true);
      await db.db.execute(sql`update cases set version = version + 1 where number % 100 = 0`);
      await sweep('sweep 5 (1% of cases changed since)');
      await sweep('sweep 6 (steady state again)');
      if (!args.includes('--no-policy-edit')) {
        // A policy edit: the signature moves, so the next sweep recomputes every open case.
        await db.db.execute(
          sql`update sla_policies set version = version + 1, updated_at = now(),
                targets = jsonb_set(targets, '{first_response}', to_jsonb(1800000)) where name = 'Chat'`,
        );
        await sweep(
          'sweep 7 (after a policy edit: the cases it can move recomputed, the moved rows written)',
        );
        // A site's hours edited: that site's cases (a fifth).
        await db.db.execute(
          sql`update site_calendars set version = version + 1, holidays = holidays || '{2026-12-31}'
              where site_id = (select id from sites where code = 'BER')`,
        );
        await sweep("sweep 8 (after a site's hours edit: that site's cases recomputed)");
        // The catch-all's targets edited (its conditions kept): the cases under it.
        await db.db.execute(
          sql`update sla_policies set version = version + 1, updated_at = now(),
                targets = jsonb_set(targets, '{resolution}', to_jsonb(${96 * 3_600_000}::bigint)) where name = 'Catch-all'`,
        );
        await sweep("sweep 9 (after the catch-all's targets edit: the cases under it recomputed)");
        // The worst case: every policy's resolution target an hour longer, so every open case's
        // deadlines move and every cache row is rewritten.
        await db.db.execute(
          sql`update sla_policies set version = version + 1, updated_at = now(),
                targets = jsonb_set(targets, '{resolution}', to_jsonb((targets->>'resolution')::bigint + 3600000))
              where targets ? 'resolution'`,
        );
        await sweep("sweep 10 (after every policy's targets edit: every open case recomputed and rewritten)");
      }
    }
    // Routing: new cases, one at a time, through the same transaction the reaction uses.
    const fresh = await rows<{ id: string }>(
      db.db,
      sql`insert into cases (customer_id, site_id, channel, subject)
          select (select id from customers order by id offset (g % (select count(*) from customers)) limit 1), (select id from sites order by code offset (g % 5) limit 1), 'email', 'New ' || g
          from generate_series(1, ${warmup + routes}) g returning id`,
    );
    const timeRoutes = async (label: string, ids: { id: string }[]) => {
      const times: number[] = [];
      let assigned = 0;
      for (const { id } of ids) {
        const s = performance.now();
        const d = await routeNewCase(deps, id);
        times.push(performance.now() - s);
        if (d?.kind === 'assigned') assigned++;
      }
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
      console.log(
        `routeNewCase (read, decide, one atomic apply with locks and audit), ${label}: ${ids.length} cases, ${assigned} assigned; p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
      );
    };
    if (warmup > 0)
      await timeRoutes('cold (the first after start: code not yet optimised)', fresh.splice(0, warmup));
    await timeRoutes(`warm (after ${warmup})`, fresh);
  } finally {
    await cleanup();
  }
}
