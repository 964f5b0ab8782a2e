import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { fixedClock } from '../../core/ports.ts';
import {
  decideEscalations,
  detectBreaches,
  type EscalationPolicy,
  type SlaState,
  type SlaTargetState,
} from '../../core/standards/index.ts';
import { escalationLevelsDue } from '../../core/standards/sla-sweep.ts';
import type { StoredSlaPolicy } from '../../db/repositories/standards.ts';
import { insertSlaPolicy } from '../../db/repositories/standards.ts';
import { updateCaseSla } from '../../db/repositories/standards-cases.ts';
import { one, rows, sql } from '../../db/sql.ts';
import { configChangeScope, configParts, recordTokens, stateKey, sweepSla } from './sweep-sla.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newCase(over: Record<string, unknown> = {}) {
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email: `c${Math.random().toString(36).slice(2)}@example.com` }, ...over }),
  });
  expect(res.statusCode).toBe(201);
  return (res.json() as { caseId: string }).caseId;
}

const inHours = (h: number) => fixedClock(new Date(Date.now() + h * 3_600_000).toISOString());
const sweepAt = (h: number, full = false) =>
  sweepSla({ db: t.db, clock: inHours(h), events: t.events }, { full });

describe('SLA sweep at scale: write only what moved', () => {
  it('a full recompute writes nothing when nothing changed, and still writes a changed case', async () => {
    await insertSlaPolicy(t.db.db, {
      name: 'Catch-all',
      conditions: {},
      targets: { first_response: 8 * 3_600_000, resolution: 72 * 3_600_000 },
      hours: 'calendar',
      atRisk: {},
      pauseWhilePending: true,
      escalationPolicyId: null,
    });
    const a = await newCase();
    const b = await newCase();
    const first = await sweepAt(0);
    // The first sweep ever: every open case is a candidate (none has a cached state), written.
    expect(first.full).toBe(false);
    expect(first.written).toBeGreaterThanOrEqual(2);
    const before = await rows<{ id: string; computed: Date; key: string }>(
      t.db.db,
      sql`select case_id as id, computed_at as computed, state_key as key from case_sla where case_id in (${a}, ${b}) order by case_id`,
    );
    expect(before).toHaveLength(2);

    const again = await sweepAt(0.01, true);
    expect(again.full).toBe(true);
    expect(again.cases).toBeGreaterThanOrEqual(2);
    expect(again.written).toBe(0);
    const after = await rows<{ id: string; computed: Date; key: string }>(
      t.db.db,
      sql`select case_id as id, computed_at as computed, state_key as key from case_sla where case_id in (${a}, ${b}) order by case_id`,
    );
    expect(after).toEqual(before);

    // An agent's reply meets the first response: a full recompute writes that case, not the other.
    await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${a}/messages`,
      payload: { kind: 'reply', body: 'On it.' },
    });
    const changed = await sweepAt(0.02, true);
    expect(changed.written).toBe(1);
    const row = await one<{ key: string }>(
      t.db.db,
      sql`select state_key as key from case_sla where case_id = ${a}`,
    );
    // The key's first-response segment: metric letter, status letter (met).
    expect(row?.key).toContain('|fm');
    expect(row?.key).not.toBe(before.find((r) => r.id === a)?.key);
    const untouched = await one<{ computed: Date }>(
      t.db.db,
      sql`select computed_at as computed from case_sla where case_id = ${b}`,
    );
    expect(untouched?.computed).toEqual(before.find((r) => r.id === b)?.computed);
  });

  it('a state that crosses a threshold is written and its breach recorded once, by key', async () => {
    const c = await newCase();
    await sweepAt(0);
    const late = await sweepAt(9, true);
    expect(late.written).toBeGreaterThanOrEqual(1);
    const again = await sweepAt(9.01, true);
    expect(again.breaches).toBe(0);
    const breaches = await rows<{ metric: string }>(
      t.db.db,
      sql`select metric from sla_breaches where case_id = ${c}`,
    );
    expect(breaches.map((x) => x.metric)).toEqual(['first_response']);
    const cache = await one<{ status: string }>(
      t.db.db,
      sql`select status from case_sla where case_id = ${c}`,
    );
    expect(cache?.status).toBe('breached');
  });

  it('a configuration change recomputes the cases it can move once; the next sweep is incremental', async () => {
    await newCase();
    await sweepAt(0);
    const quiet = await sweepAt(0.01);
    expect(quiet.full).toBe(false);
    await insertSlaPolicy(t.db.db, {
      name: 'Email',
      conditions: { channel: ['email'] },
      targets: { first_response: 4 * 3_600_000 },
      hours: 'calendar',
      atRisk: {},
      pauseWhilePending: false,
      escalationPolicyId: null,
    });
    const recomputed = await sweepAt(0.02);
    expect(recomputed).toMatchObject({ configChanged: true, full: false });
    // The email cases moved to the new policy: their rows changed and were written.
    expect(recomputed.written).toBeGreaterThan(0);
    const next = await sweepAt(0.03);
    expect(next.full).toBe(false);
    expect(next.written).toBe(0);
  });

  it('a policy edit that only moves deadlines rewrites the rows and records nothing twice', async () => {
    const c = await newCase();
    await sweepAt(30);
    const breaches = await rows<{ key: string }>(
      t.db.db,
      sql`select key from sla_breaches where case_id = ${c}`,
    );
    expect(breaches.length).toBeGreaterThan(0);
    const before = await one<{ key: string; version: number }>(
      t.db.db,
      sql`select state_key as key, policy_version as version from case_sla where case_id = ${c}`,
    );
    // Every policy one version up, with its targets a little longer: the breached stay breached.
    await t.db.db.execute(
      sql`update sla_policies set version = version + 1, targets = (select jsonb_object_agg(k, v::bigint + 60000) from jsonb_each_text(targets) as e(k, v))`,
    );
    const edited = await sweepAt(30.01);
    expect(edited.configChanged).toBe(true);
    expect(edited.breaches).toBe(0);
    const after = await one<{ key: string; version: number }>(
      t.db.db,
      sql`select state_key as key, policy_version as version from case_sla where case_id = ${c}`,
    );
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(after?.key).not.toBe(before?.key);
    expect(await rows(t.db.db, sql`select key from sla_breaches where case_id = ${c}`)).toHaveLength(
      breaches.length,
    );

    // A resolution target of an hour added to every policy: at 30 h it is breached, a breach the
    // cached keys do not name, so it is recorded.
    await t.db.db.execute(
      sql`update sla_policies set version = version + 1, targets = targets || '{"resolution": 3600000}'::jsonb`,
    );
    const shortened = await sweepAt(30.02);
    expect(shortened.breaches).toBeGreaterThan(0);
    const metrics = await rows<{ metric: string }>(
      t.db.db,
      sql`select metric from sla_breaches where case_id = ${c} order by metric`,
    );
    expect(metrics.map((m) => m.metric)).toContain('resolution');
  });

  it('a policy, ladder or calendar change recomputes just the cases it can move, and leaves the cache as a full recompute would', async () => {
    const chat = await newCase({ channel: 'chat' });
    const email = await newCase();
    // Settled first: every threshold due by then is handled, so what follows is the change alone.
    await sweepAt(50);
    await insertSlaPolicy(t.db.db, {
      name: 'Chat',
      conditions: { channel: ['chat'] },
      targets: { first_response: 0.25 * 3_600_000 },
      hours: 'calendar',
      atRisk: {},
      pauseWhilePending: false,
      escalationPolicyId: null,
    });
    // The new policy: the chat cases move to it, the email cases cannot.
    const added = await sweepAt(50.001);
    expect(added).toMatchObject({ configChanged: true, full: false });
    const policyOf = async (id: string) =>
      (
        await one<{ p: string }>(
          t.db.db,
          sql`select p.name as p from case_sla s join sla_policies p on p.id = s.policy_id where s.case_id = ${id}`,
        )
      )?.p;
    expect(await policyOf(chat)).toBe('Chat');
    expect(await policyOf(email)).not.toBe('Chat');
    const open = (await one<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from cases where status in ('new', 'open', 'pending')`,
    ))!.n;
    const openChats = (await one<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from cases where status in ('new', 'open', 'pending') and channel = 'chat'`,
    ))!.n;
    expect(added.cases).toBeLessThan(open);

    // An edit of it: the cases under it, not the others.
    await t.db.db.execute(
      sql`update sla_policies set version = version + 1, targets = '{"first_response": 1800000}' where name = 'Chat'`,
    );
    const edited = await sweepAt(50.01);
    expect(edited).toMatchObject({ configChanged: true, full: false });
    expect(edited.cases).toBeGreaterThanOrEqual(openChats);
    expect(edited.cases).toBeLessThan(open);
    // A full recompute at the same instant finds nothing to write: the scoped one missed nothing.
    expect((await sweepAt(50.01, true)).written).toBe(0);

    // A calendar change: the cases of that site.
    const site = (await one<{ id: string }>(
      t.db.db,
      sql`insert into sites (code, name, time_zone) values ('SCOPE', 'Scope', 'Europe/Berlin') returning id`,
    ))!.id;
    await t.db.db.execute(sql`update cases set site_id = ${site}, version = version + 1 where id = ${email}`);
    await sweepAt(50.02);
    await t.db.db.execute(
      sql`insert into site_calendars (site_id, mode, weekly_hours) values (${site}, 'business', '{"mon": [{"start": "09:00", "end": "17:00"}]}')`,
    );
    const calendar = await sweepAt(50.03);
    expect(calendar).toMatchObject({ configChanged: true, full: false });
    expect(calendar.cases).toBeGreaterThanOrEqual(1);
    expect(calendar.cases).toBeLessThan(open);
    expect((await sweepAt(50.03, true)).written).toBe(0);

    // A policy on two dimensions (tier and priority, tested in SQL): just the case it matches.
    await t.db.db.execute(
      sql`update customers set tier = 'gold' where id = (select customer_id from cases where id = ${email})`,
    );
    await t.db.db.execute(sql`update cases set version = version + 1 where id = ${email}`);
    await sweepAt(50.031);
    const priority = (await one<{ p: string }>(
      t.db.db,
      sql`select priority as p from cases where id = ${email}`,
    ))!.p;
    await insertSlaPolicy(t.db.db, {
      name: 'Gold',
      conditions: { customerTier: ['gold'], priority: [priority as 'normal'] },
      targets: { first_response: 3_600_000 },
      hours: 'calendar',
      atRisk: {},
      pauseWhilePending: false,
      escalationPolicyId: null,
    });
    const gold = await sweepAt(50.032);
    expect(gold).toMatchObject({ configChanged: true, full: false });
    expect(gold.cases).toBeLessThan(open);
    expect(await policyOf(email)).toBe('Gold');
    expect((await sweepAt(50.032, true)).written).toBe(0);

    // A ladder change: the cases under a policy that escalates by it.
    const ladder = (await one<{ id: string }>(
      t.db.db,
      sql`insert into escalation_policies (name, levels) values ('Chat ladder',
            '[{"level": 1, "trigger": "breached", "actions": [{"kind": "notify", "role": "owner"}]}]') returning id`,
    ))!.id;
    await t.db.db.execute(
      sql`update sla_policies set escalation_policy_id = ${ladder}, version = version + 1 where name = 'Chat'`,
    );
    await sweepAt(50.035);
    await t.db.db.execute(
      sql`update escalation_policies set version = version + 1,
            levels = '[{"level": 1, "trigger": "breached", "actions": [{"kind": "notify", "role": "lead"}]}]' where id = ${ladder}`,
    );
    const reladdered = await sweepAt(50.036);
    expect(reladdered).toMatchObject({ configChanged: true, full: false });
    expect(reladdered.cases).toBeGreaterThanOrEqual(openChats);
    expect(reladdered.cases).toBeLessThan(open);
    expect((await sweepAt(50.036, true)).written).toBe(0);

    // A policy retired: the cases it governed go back to the others.
    await t.db.db.execute(
      sql`update sla_policies set active = false, version = version + 1 where name = 'Chat'`,
    );
    const retired = await sweepAt(50.04);
    expect(retired.configChanged).toBe(true);
    expect(await policyOf(chat)).not.toBe('Chat');
    expect((await sweepAt(50.04, true)).written).toBe(0);
  });

  it('a backlog is worked off a share per sweep: every case computed, each breach recorded once', async () => {
    const count = async () =>
      Number((await one<{ n: string }>(t.db.db, sql`select count(*) as n from sla_breaches`))!.n);
    const deps = (h: number) => ({ db: t.db, clock: inHours(h), events: t.events });
    const until = async (h: number, options: { maxRecordingCases?: number; backlogCandidates?: number }) => {
      const runs = [await sweepSla(deps(h), options)];
      while (runs.at(-1)!.more && runs.length < 100)
        runs.push(await sweepSla(deps(h + runs.length / 1000), options));
      expect(runs.at(-1)!.more).toBe(false);
      return runs;
    };
    // Cases never computed: one per sweep, until each has its row.
    const fresh = [await newCase(), await newCase(), await newCase()];
    const computed = await until(0.05, { backlogCandidates: 1 });
    expect(computed[0]!.more).toBe(true);
    expect(computed.length).toBeGreaterThanOrEqual(3);
    // Their breaches come due together: one case's records per sweep, the others deferred.
    const before = await count();
    const recording = await until(50, { maxRecordingCases: 1 });
    expect(recording[0]!.deferred).toBeGreaterThanOrEqual(2);
    expect(recording.length).toBeGreaterThanOrEqual(3);
    // Each sweep recorded what it announced, and no breach twice (the keys are unique).
    expect(await count()).toBe(before + recording.reduce((sum, r) => sum + r.breaches, 0));
    for (const c of fresh) {
      const row = await one<{ key: string | null; n: string }>(
        t.db.db,
        sql`select s.state_key as key, (select count(*) from sla_breaches b where b.case_id = s.case_id and b.metric = 'first_response') as n
            from case_sla s where s.case_id = ${c}`,
      );
      expect(row?.key).toContain('|fb');
      expect(Number(row?.n)).toBe(1);
    }
    // Nothing was left out: a full recompute afterwards finds nothing to record.
    const full = await sweepSla(deps(50.5), { full: true });
    expect(full.breaches + full.escalations + full.deferred).toBe(0);
  });

  it('updating a cache row that is missing after all inserts it', async () => {
    const c = await newCase();
    await sweepAt(0);
    const row = {
      caseId: c,
      policyId: null,
      policyVersion: null,
      status: 'none' as const,
      nextDueAt: null,
      timeLeftMs: null,
      paused: false,
      computedAt: Date.now(),
      caseVersion: 99,
      nextCheckAt: null,
      stateKey: 'none',
    };
    await t.db.db.execute(sql`delete from case_sla where case_id = ${c}`);
    await t.db.transaction((tx) => updateCaseSla(tx, [row]));
    const stored = await one<{ version: number; key: string }>(
      t.db.db,
      sql`select case_version as version, state_key as key from case_sla where case_id = ${c}`,
    );
    expect(stored).toEqual({ version: 99, key: 'none' });
    await t.db.transaction((tx) => updateCaseSla(tx, [{ ...row, caseVersion: 100 }]));
    expect(
      (
        await one<{ version: number }>(
          t.db.db,
          sql`select case_version as version from case_sla where case_id = ${c}`,
        )
      )?.version,
    ).toBe(100);
  });

  it('a sweep that filled its tables refreshes their planner statistics; a small one does not', async () => {
    const analyzed = () =>
      one<{ n: number }>(
        t.db.db,
        sql`select coalesce(analyze_count, 0)::int as n from pg_stat_user_tables where relname = 'case_sla'`,
      ).then((r) => r?.n ?? 0);
    await newCase();
    const before = await analyzed();
    const small = await sweepSla({ db: t.db, clock: inHours(40), events: t.events }, { full: true });
    expect(small.written).toBeGreaterThan(0);
    expect(await analyzed()).toBe(before);
    await newCase();
    await sweepSla({ db: t.db, clock: inHours(41), events: t.events }, { full: true, analyzeAfterRows: 1 });
    expect(await analyzed()).toBe(before + 1);
  });

  it('a second sweep while one holds the lock does nothing', async () => {
    await newCase();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = t.db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from sla_sweep_state where id for update`);
      locked();
      await held;
    });
    await isLocked;
    const second = await sweepAt(0.5, true);
    release();
    await holder;
    expect(second).toMatchObject({ skipped: true, cases: 0, written: 0 });
    const after = await sweepAt(0.5, true);
    expect(after.skipped).toBe(false);
  });
});

describe('stateKey', () => {
  const target: SlaTargetState = {
    metric: 'first_response',
    targetMs: 1000,
    startedAt: 0,
    dueAt: 1000,
    elapsedMs: 100,
    timeLeftMs: 900,
    status: 'ok',
    paused: false,
    metAt: null,
    breachedAt: null,
    ownerAtDue: null,
  };
  const state: SlaState = {
    caseId: 'c',
    policyId: 'p',
    policyVersion: 1,
    computedAt: 100,
    targets: [target],
  };
  const ladder: EscalationPolicy = {
    id: 'e',
    levels: [
      { level: 2, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] },
      { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
      { level: 3, trigger: 'breached', afterMs: 500, metrics: ['resolution'], actions: [] },
      { level: 4, trigger: 'breached', afterMs: 500, actions: [{ kind: 'reassign', to: 'lead' }] },
    ],
  };

  it('ignores what moves with the clock alone', () => {
    const later = { ...state, computedAt: 200, targets: [{ ...target, elapsedMs: 200, timeLeftMs: 800 }] };
    expect(stateKey(later)).toBe(stateKey(state));
    const paused = { ...state, targets: [{ ...target, paused: true, dueAt: 5000 }] };
    expect(stateKey({ ...paused, targets: [{ ...target, paused: true, dueAt: 9000 }] })).toBe(
      stateKey(paused),
    );
    expect(stateKey({ ...state, policyVersion: 2 })).not.toBe(stateKey(state));
    expect(stateKey({ ...state, targets: [{ ...target, status: 'at_risk' }] })).not.toBe(stateKey(state));
    expect(stateKey(null)).toBe('none');
  });

  it('names the escalation levels due exactly as decideEscalations decides them', () => {
    const statuses: SlaTargetState['status'][] = ['ok', 'at_risk', 'breached', 'met'];
    for (const metric of ['first_response', 'resolution'] as const) {
      for (const status of statuses) {
        for (const paused of [false, true]) {
          for (const now of [500, 1000, 1499, 1500, 1501, 9000]) {
            const t = { ...target, metric, status, paused, metAt: status === 'met' ? 900 : null };
            const s = { ...state, targets: [t] };
            const levels = decideEscalations(s, ladder, new Set(), now)
              .map((e) => `L${e.level}`)
              .join('');
            expect(escalationLevelsDue(t, ladder, now)).toBe(levels);
          }
        }
      }
    }
    const breached = { ...state, targets: [{ ...target, status: 'breached' as const }] };
    expect(stateKey(breached, ladder, 1001)).not.toBe(stateKey(breached, ladder, 1501));
  });

  it('implies exactly the breaches and steps detectBreaches and decideEscalations would record', () => {
    // A record key `case:metric:start[:Ln]` as a token: metric letter, a next response's start, b or Ln.
    const token = (metric: string, startedAt: number, suffix: string) =>
      `${metric[0]}${metric === 'next_response' ? startedAt : ''}${suffix}`;
    const statuses: SlaTargetState['status'][] = ['ok', 'at_risk', 'breached', 'met'];
    for (const first of statuses) {
      for (const next of statuses) {
        for (const paused of [false, true]) {
          for (const now of [500, 1001, 1501, 9000]) {
            const s: SlaState = {
              ...state,
              targets: [
                { ...target, status: first, metAt: first === 'met' ? 900 : null },
                {
                  ...target,
                  metric: 'next_response',
                  startedAt: 123.5,
                  dueAt: 1123.5,
                  status: next,
                  paused,
                  metAt: next === 'met' ? 900 : null,
                },
                { ...target, metric: 'resolution', status: 'breached', dueAt: 400 },
              ],
            };
            const expected = [
              ...detectBreaches(s, new Set()).map((b) => token(b.metric, b.startedAt, 'b')),
              ...decideEscalations(s, ladder, new Set(), now).map((e) =>
                token(e.metric, e.startedAt, `L${e.level}`),
              ),
            ];
            expect(recordTokens(stateKey(s, ladder, now)).sort()).toEqual(expected.sort());
          }
        }
      }
    }
    expect(recordTokens('none')).toEqual([]);
    expect(recordTokens(null)).toEqual([]);
  });
});

describe('configChangeScope', () => {
  const policy = (
    id: string,
    conditions: Record<string, string[]>,
    escalationPolicyId: string | null = null,
  ) => ({ id, conditions, escalationPolicyId }) as unknown as StoredSlaPolicy;
  const policies = [
    policy('catch-all', {}),
    policy('chat', { channel: ['chat'] }, 'ladder'),
    policy('gold', { customerTier: ['gold'] }),
  ];
  const before = ['csite-a:1', 'csite-b:1', 'eladder:1:true', 'pcatch-all:1', 'pchat:1'];
  const swap = (from: string, to: string) => before.map((p) => (p === from ? to : p));
  const none = { siteIds: [], policyIds: [], conditions: [] };

  it("names a changed policy, whose cases and whose conditions' cases move", () => {
    expect(configChangeScope(before, swap('pchat:1', 'pchat:2'), policies)).toEqual({
      ...none,
      policyIds: ['chat'],
      conditions: [{ channel: ['chat'] }],
    });
    expect(configChangeScope(before, [...before, 'pgold:1'], policies)).toEqual({
      ...none,
      policyIds: ['gold'],
      conditions: [{ customerTier: ['gold'] }],
    });
  });

  it('names only the cases under a policy whose targets alone changed: the same cases still choose it', () => {
    const stored = (version: number, conditions: Record<string, string[]>) =>
      [{ id: 'gold', version, conditions, escalationPolicyId: null }] as unknown as StoredSlaPolicy[];
    const parts = (ps: StoredSlaPolicy[]) => configParts(ps, [], new Map());
    const v1 = stored(1, { customerTier: ['gold'] });
    const targetsOnly = stored(2, { customerTier: ['gold'] });
    const widened = stored(3, { customerTier: ['gold', 'silver'] });
    expect(configChangeScope(parts(v1), parts(targetsOnly), targetsOnly)).toEqual({
      ...none,
      policyIds: ['gold'],
    });
    expect(configChangeScope(parts(targetsOnly), parts(widened), widened)).toEqual({
      ...none,
      policyIds: ['gold'],
      conditions: [{ customerTier: ['gold', 'silver'] }],
    });
  });

  it('names the site of a changed calendar and the policies of a changed ladder', () => {
    expect(configChangeScope(before, swap('csite-b:1', 'csite-b:2'), policies)).toEqual({
      ...none,
      siteIds: ['site-b'],
    });
    expect(configChangeScope(before, swap('eladder:1:true', 'eladder:1:false'), policies)).toEqual({
      ...none,
      policyIds: ['chat'],
    });
  });

  it('names a policy that went (its cases move; it matches none), and nothing when nothing changed', () => {
    expect(
      configChangeScope(
        before,
        before.filter((p) => p !== 'pchat:1'),
        policies.filter((p) => p.id !== 'chat'),
      ),
    ).toEqual({ ...none, policyIds: ['chat'] });
    expect(configChangeScope(before, before, policies)).toEqual(none);
  });
});
