import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { buildSite } from '../../../test/factories.ts';
import { mayAutoClose } from '../../commands/standards/auto-close-guard.ts';
import { routeNewCase } from '../../commands/standards/route-new-case.ts';
import { seedStandards } from '../../commands/standards/seed-standards.ts';
import type { StandardsDeps } from '../../commands/standards/shared.ts';
import { slaSweepJob } from '../../commands/standards/sla-sweep-job.ts';
import { sweepSla } from '../../commands/standards/sweep-sla.ts';
import { fixedClock, systemClock } from '../../core/ports.ts';
import type { DomainEvent } from '../../events.ts';
import { startReactions } from '../../reactions.ts';
import { openDatabase } from '../client.ts';
import { one, rows, sql } from '../sql.ts';
import { insertSlaPolicy, saveAvailability, saveRoutingRule, saveTeamRouting } from './standards.ts';
import { setCaseOwner } from './standards-cases.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const deps = (): StandardsDeps => ({ db: t.db, clock: systemClock, events: t.events });

async function newCase(over: Record<string, unknown> = {}) {
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email: `c${Math.random().toString(36).slice(2)}@example.com` }, ...over }),
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { caseId: string; messageId: string };
}

async function team(siteId: string, name: string) {
  return (await one<{ id: string }>(
    t.db.db,
    sql`insert into teams (site_id, name) values (${siteId}, ${name}) returning id`,
  ))!;
}

async function agent(name: string) {
  return (await one<{ id: string }>(
    t.db.db,
    sql`insert into agents (name, role, kind) values (${name}, 'agent', 'person') returning id`,
  ))!.id;
}

function collect(types: string[]) {
  const seen: DomainEvent[] = [];
  const stop = t.events.subscribe((e) => {
    if (types.includes(e.type)) seen.push(e);
  });
  return { seen, stop };
}

describe('SLA sweep job', () => {
  it('records each breach and escalation step once, even when run twice, and fills the inbox cache', async () => {
    const esc = (await one<{ id: string }>(
      t.db.db,
      sql`insert into escalation_policies (name, levels) values ('Default',
            ${JSON.stringify([
              { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
              { level: 2, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] },
            ])}::jsonb) returning id`,
    ))!;
    await insertSlaPolicy(t.db.db, {
      name: 'Catch-all',
      conditions: {},
      targets: { first_response: 3_600_000, resolution: 86_400_000 },
      hours: 'calendar',
      atRisk: {},
      pauseWhilePending: true,
      escalationPolicyId: esc.id,
    });
    const { caseId } = await newCase();
    const later = new Date(Date.now() + 2 * 3_600_000);
    const job = slaSweepJob({ db: t.db, clock: fixedClock(later.toISOString()), events: t.events });
    const events = collect(['sla.breached', 'case.escalated', 'sla.at_risk']);
    await job.handle(job.payload.parse({}), { id: 1, attempt: 1 });
    await job.handle(job.payload.parse({}), { id: 1, attempt: 2 });
    events.stop();
    const breaches = await rows<{ metric: string }>(
      t.db.db,
      sql`select metric from sla_breaches where case_id = ${caseId}`,
    );
    expect(breaches.map((b) => b.metric)).toEqual(['first_response']);
    const steps = await rows<{ level: number }>(
      t.db.db,
      sql`select level from escalation_steps where case_id = ${caseId} order by level`,
    );
    expect(steps.map((s) => s.level)).toEqual([1, 2]);
    expect(events.seen.filter((e) => e.type === 'sla.breached' && e.data.caseId === caseId)).toHaveLength(1);
    expect(events.seen.filter((e) => e.type === 'case.escalated' && e.data.caseId === caseId)).toHaveLength(
      2,
    );
    const cache = await one<{ status: string }>(
      t.db.db,
      sql`select status from case_sla where case_id = ${caseId}`,
    );
    expect(cache?.status).toBe('breached');
  });
});

describe('incremental sweeps', () => {
  it('recomputes a case when its threshold comes due or when it changes, and skips it otherwise', async () => {
    const { caseId } = await newCase();
    const at = (h: number) => fixedClock(new Date(Date.now() + h * 3_600_000).toISOString());
    const sweepAt = (h: number) => sweepSla({ db: t.db, clock: at(h), events: t.events });
    const status = async () =>
      (await one<{ status: string }>(t.db.db, sql`select status from case_sla where case_id = ${caseId}`))
        ?.status;
    await sweepAt(0);
    expect(await status()).toBe('ok');
    const quiet = await sweepAt(0.1);
    expect(quiet.cases).toBe(0);
    await sweepAt(0.9);
    expect(await status()).toBe('at_risk');
    await sweepAt(1.5);
    expect(await status()).toBe('breached');
    await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      payload: { kind: 'reply', body: 'Sorry for the wait.' },
    });
    const changed = await sweepAt(1.6);
    expect(changed.cases).toBeGreaterThanOrEqual(1);
    const key = (await one<{ key: string }>(
      t.db.db,
      sql`select state_key as key from case_sla where case_id = ${caseId}`,
    ))!.key;
    // The reply is stamped with the real clock, before the simulated deadline: the change is picked
    // up. The state key has a segment per target: metric letter, then status letter.
    expect(key).toContain('|fm');
    expect(key).toContain('|ro');
  });
});

describe('escalation re-assignment', () => {
  it('a reassign rung moves a breached case to another available team member, once', async () => {
    const site = await buildSite(t.db);
    const tm = await team(site.id, 'Escalation');
    const [first, second] = [await agent('E1'), await agent('E2')];
    await saveTeamRouting(t.db.db, tm.id, { strategy: 'round_robin', memberIds: [first, second] });
    for (const id of [first, second]) {
      await saveAvailability(t.db.db, {
        agentId: id,
        online: true,
        maxOpenCases: 10,
        skills: [],
        languages: [],
        updatedAt: null,
      });
    }
    const ladder = (await one<{ id: string }>(
      t.db.db,
      sql`insert into escalation_policies (name, levels) values ('Reassign',
            ${JSON.stringify([{ level: 1, trigger: 'breached', actions: [{ kind: 'reassign', to: 'team_queue' }] }])}::jsonb)
          returning id`,
    ))!;
    await insertSlaPolicy(t.db.db, {
      name: 'Site escalation',
      conditions: { siteId: [site.id] },
      targets: { first_response: 600_000 },
      hours: 'calendar',
      atRisk: {},
      pauseWhilePending: false,
      escalationPolicyId: ladder.id,
    });
    const { caseId } = await newCase({ site: site.code });
    await setCaseOwner(t.db.db, caseId, first, tm.id);
    const job = slaSweepJob({
      db: t.db,
      clock: fixedClock(new Date(Date.now() + 3_600_000).toISOString()),
      events: t.events,
    });
    await job.handle(job.payload.parse({}), { id: 2, attempt: 1 });
    await job.handle(job.payload.parse({}), { id: 2, attempt: 2 });
    const owner = await one<{ owner_id: string }>(
      t.db.db,
      sql`select owner_id from cases where id = ${caseId}`,
    );
    expect(owner?.owner_id).toBe(second);
    const moves = await rows(
      t.db.db,
      sql`select 1 from audit_log where action = 'case.reassigned' and entity_id = ${caseId}`,
    );
    expect(moves).toHaveLength(1);
  });
});

describe('auto-close guard', () => {
  it('refuses automatic closing once the customer asked for a person', async () => {
    const { caseId } = await newCase({ body: 'Can I talk to a real person please?' });
    expect(await mayAutoClose(t.db.db, caseId)).toMatchObject({ allowed: false, reason: 'human_requested' });
    const calm = await newCase({ body: 'Thanks, the agent was helpful.' });
    expect(await mayAutoClose(t.db.db, calm.caseId)).toEqual({ allowed: true });
  });
});

/** A site whose new cases one routing rule sends to a team of online agents with this capacity. */
async function routedTeam(
  name: string,
  strategy: 'round_robin' | 'least_loaded',
  agentNames: string[],
  maxOpenCases: number,
) {
  const site = await buildSite(t.db, { timeZone: 'Europe/Berlin' });
  const tm = await team(site.id, name);
  const members: string[] = [];
  for (const n of agentNames) members.push(await agent(n));
  await saveTeamRouting(t.db.db, tm.id, { strategy, memberIds: members });
  for (const id of members) {
    await saveAvailability(t.db.db, {
      agentId: id,
      online: true,
      maxOpenCases,
      skills: [],
      languages: [],
      updatedAt: null,
    });
  }
  const rule = await saveRoutingRule(t.db.db, null, {
    name,
    position: 0,
    teamId: tm.id,
    conditions: { siteId: [site.id] },
    skills: [],
    active: true,
  });
  return { site, team: tm, members, rule };
}

/** Routes the cases at once, alternating between this process and a second pool (another server). */
async function routeFromTwoProcesses(cases: string[]) {
  const second = await openDatabase({
    databaseUrl: t.db.url,
    dataDir: '',
    poolSize: 8,
    runMigrations: false,
  });
  try {
    const other: StandardsDeps = { db: second, clock: systemClock, events: t.events };
    return await Promise.all(cases.map((id, i) => routeNewCase(i % 2 ? other : deps(), id)));
  } finally {
    await second.close();
  }
}

async function openCasesPerAgent(members: string[]) {
  const load = await rows<{ n: number }>(
    t.db.db,
    sql`select count(*)::int as n from cases where owner_id = any(${`{${members.join(',')}}`}::uuid[])
        group by owner_id order by owner_id`,
  );
  return load.map((l) => l.n);
}

describe('routing', () => {
  it('two server processes assigning at once never push an agent past capacity', async () => {
    const { site, members } = await routedTeam('Concurrency', 'least_loaded', ['A1', 'A2', 'A3'], 2);
    const cases: string[] = [];
    for (let i = 0; i < 16; i++) cases.push((await newCase({ site: site.code })).caseId);
    const decisions = await routeFromTwoProcesses(cases);
    expect(decisions.filter((d) => d?.kind === 'assigned')).toHaveLength(6);
    expect(
      decisions.filter((d) => d?.kind === 'queued').every((d) => d?.reason === 'all_agents_at_capacity'),
    ).toBe(true);
    expect(await openCasesPerAgent(members)).toEqual([2, 2, 2]);
  });

  it('round robin stays even when two server processes route a burst at once', async () => {
    const { site, members } = await routedTeam('Burst', 'round_robin', ['B1', 'B2'], 50);
    const cases: string[] = [];
    for (let i = 0; i < 12; i++) cases.push((await newCase({ site: site.code })).caseId);
    const decisions = await routeFromTwoProcesses(cases);
    expect(decisions.every((d) => d?.kind === 'assigned')).toBe(true);
    expect(await openCasesPerAgent(members)).toEqual([6, 6]);
  });

  it('a returning customer goes to the agent of their last case when that agent is available', async () => {
    const { site, members } = await routedTeam('Returning', 'round_robin', ['L1', 'L2', 'L3'], 50);
    const from = { email: `back${Math.random().toString(36).slice(2)}@example.com` };
    const first = await newCase({ site: site.code, from, threadKey: 'first' });
    const d1 = await routeNewCase(deps(), first.caseId);
    expect(d1?.kind).toBe('assigned');
    const lastAgent = d1?.kind === 'assigned' ? d1.agentId : '';
    // Other customers move the round-robin cursor on.
    for (let i = 0; i < 2; i++) await routeNewCase(deps(), (await newCase({ site: site.code })).caseId);
    const again = await newCase({ site: site.code, from, threadKey: 'second' });
    const d2 = await routeNewCase(deps(), again.caseId);
    expect(d2).toMatchObject({ kind: 'assigned', agentId: lastAgent, reason: 'last_agent' });
    expect(members).toContain(lastAgent);
  });

  it('a cached routing configuration is reloaded as soon as a rule or a team changes', async () => {
    const first = await routedTeam('First', 'round_robin', ['C1'], 50);
    const [a1] = first.members;
    const second = await team(first.site.id, 'Second');
    const a2 = await agent('C2');
    await saveTeamRouting(t.db.db, second.id, { strategy: 'round_robin', memberIds: [a2] });
    await saveAvailability(t.db.db, {
      agentId: a2,
      online: true,
      maxOpenCases: 50,
      skills: [],
      languages: [],
      updatedAt: null,
    });
    const route = async () => {
      const d = await routeNewCase(deps(), (await newCase({ site: first.site.code })).caseId);
      return d?.kind === 'assigned' ? d.agentId : d?.kind;
    };
    expect(await route()).toBe(a1);
    await saveRoutingRule(t.db.db, first.rule.id, { ...first.rule, teamId: second.id });
    expect(await route()).toBe(a2);
    await saveTeamRouting(t.db.db, second.id, { strategy: 'round_robin', memberIds: [a1!] });
    expect(await route()).toBe(a1);
  });

  it('round robin spreads evenly and persists its cursor; the reaction routes a new case', async () => {
    const { site, members } = await routedTeam('RR', 'round_robin', ['R1', 'R2'], 50);
    const reactions = startReactions(deps());
    try {
      const owners: string[] = [];
      for (let i = 0; i < 4; i++) {
        const { caseId } = await newCase({ site: site.code });
        await reactions.idle();
        owners.push(
          (await one<{ owner_id: string }>(t.db.db, sql`select owner_id from cases where id = ${caseId}`))!
            .owner_id,
        );
      }
      expect(owners).toEqual([members[0], members[1], members[0], members[1]]);
    } finally {
      await reactions.stop();
    }
  });
});

describe('human requests', () => {
  it('a customer asking for a manager marks, raises and escalates the case once', async () => {
    const reactions = startReactions(deps());
    const events = collect(['case.human_requested', 'case.escalated']);
    try {
      const { caseId } = await newCase({ body: 'This is the third time. I want to speak to a manager.' });
      await reactions.idle();
      const k = await one<{ priority: string; tags: string[]; human: Date | null }>(
        t.db.db,
        sql`select priority, tags, human_requested_at as human from cases where id = ${caseId}`,
      );
      expect(k).toMatchObject({ priority: 'high', tags: ['human-requested'] });
      expect(k?.human).toBeInstanceOf(Date);
      expect(events.seen.filter((e) => e.data.caseId === caseId).map((e) => e.type)).toEqual([
        'case.human_requested',
        'case.escalated',
      ]);
    } finally {
      events.stop();
      await reactions.stop();
    }
  });
});

describe('demo standards', () => {
  it('seeds hours, policies, rules and availability that the sweep and routing accept', async () => {
    const site = await buildSite(t.db, { timeZone: 'America/New_York' });
    await team(site.id, 'NY Billing & Accounts');
    const seeded = await seedStandards(t.db, new Date());
    expect(seeded.policies).toBe(5);
    const result = await sweepSla({ db: t.db, clock: systemClock, events: t.events });
    expect(result.cases).toBeGreaterThan(0);
  });
});

describe('job registry', () => {
  it('binds the SLA sweep and the approval SLA job, each with a schedule, once', async () => {
    const { bindJobDefinitions, jobSchedules } = await import('../../jobs/registry.ts');
    bindJobDefinitions(deps());
    const kinds = bindJobDefinitions(deps()).map((d) => d.kind);
    for (const kind of ['standards.sla_sweep', 'authority.escalate_approvals']) {
      expect(kinds.filter((k) => k === kind)).toHaveLength(1);
      expect(jobSchedules.some((s) => s.kind === kind)).toBe(true);
    }
  });
});
