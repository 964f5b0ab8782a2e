/**
 * SLA sweep and routing latency. `npx tsx bench/run.ts sla [--cases N] [--agents N]`
 * Fixed clock and a seeded generator, so runs compare like with like.
 */
import { cpus, loadavg } from 'node:os';
import { detectBreaches } from '../src/core/standards/breaches.ts';
import type { BusinessCalendar, OpeningInterval } from '../src/core/standards/business-calendar.ts';
import {
  type AgentAvailability,
  type RoutingCaseFacts,
  type RoutingCursor,
  type RoutingRule,
  routeCase,
  type Team,
} from '../src/core/standards/routing.ts';
import { type Priority, type SlaPolicy, selectSlaPolicy } from '../src/core/standards/sla-policy.ts';
import { computeSlaState, type SlaCaseFacts, type StatusChange } from '../src/core/standards/sla-state.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-27T10:00:00Z');

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
}

const weekdays = (hours: OpeningInterval[]) => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});
const SITES: { id: string; calendar: BusinessCalendar }[] = [
  {
    id: 'berlin',
    calendar: {
      timeZone: 'Europe/Berlin',
      mode: 'business',
      weeklyHours: weekdays([{ start: '08:00', end: '18:00' }]),
      holidays: ['2026-12-24', '2026-12-25', '2026-12-26'],
    },
  },
  {
    id: 'new-york',
    calendar: {
      timeZone: 'America/New_York',
      mode: 'business',
      weeklyHours: weekdays([
        { start: '09:00', end: '12:30' },
        { start: '13:30', end: '17:30' },
      ]),
      holidays: ['2026-11-26'],
    },
  },
  {
    id: 'sydney',
    calendar: {
      timeZone: 'Australia/Sydney',
      mode: 'business',
      weeklyHours: {
        ...weekdays([{ start: '09:00', end: '17:00' }]),
        sat: [{ start: '10:00', end: '14:00' }],
      },
      holidays: [],
    },
  },
  {
    id: 'kolkata',
    calendar: {
      timeZone: 'Asia/Kolkata',
      mode: 'business',
      weeklyHours: weekdays([{ start: '22:00', end: '06:00' }]),
      holidays: [],
    },
  },
  {
    id: 'sao-paulo',
    calendar: {
      timeZone: 'America/Sao_Paulo',
      mode: 'business',
      weeklyHours: weekdays([{ start: '08:00', end: '20:00' }]),
      holidays: ['2026-11-20'],
    },
  },
];

const POLICIES: SlaPolicy[] = [
  {
    id: 'standard',
    version: 1,
    name: 'Standard',
    conditions: {},
    targets: { first_response: 8 * HOUR, next_response: 8 * HOUR, resolution: 40 * HOUR },
    hours: 'business',
    atRisk: { fraction: 0.2 },
    pauseWhilePending: true,
  },
  {
    id: 'urgent',
    version: 1,
    name: 'Urgent',
    conditions: { priority: ['urgent'] },
    targets: { first_response: HOUR, next_response: HOUR, resolution: 8 * HOUR },
    hours: 'calendar',
    atRisk: { withinMs: 15 * 60_000 },
    pauseWhilePending: true,
  },
  {
    id: 'enterprise',
    version: 1,
    name: 'Enterprise',
    conditions: { customerTier: ['enterprise'] },
    targets: { first_response: 2 * HOUR, next_response: 4 * HOUR, resolution: 16 * HOUR },
    hours: 'business',
    atRisk: { fraction: 0.25, withinMs: 30 * 60_000 },
    pauseWhilePending: true,
  },
  {
    id: 'chat-berlin',
    version: 1,
    name: 'Berlin chat',
    conditions: { siteId: ['berlin'], channel: ['chat'] },
    targets: { first_response: HOUR / 6, resolution: 8 * HOUR },
    hours: 'business',
    atRisk: {},
    pauseWhilePending: false,
  },
];

function buildCases(count: number, rand: () => number): SlaCaseFacts[] {
  const priorities: Priority[] = ['low', 'normal', 'normal', 'high', 'urgent'];
  const channels = ['email', 'chat', 'web', 'phone'];
  return Array.from({ length: count }, (_, i) => {
    const createdAt = NOW - Math.floor(rand() * 14 * 24 * HOUR);
    const answered = rand() < 0.6;
    const firstResponseAt = answered ? Math.min(NOW, createdAt + Math.floor(rand() * 12 * HOUR)) : null;
    const statusHistory: StatusChange[] = [{ at: createdAt, status: 'open' }];
    if (rand() < 0.3) {
      const from = createdAt + Math.floor(rand() * (NOW - createdAt));
      statusHistory.push({ at: from, status: 'pending' });
      if (rand() < 0.5) statusHistory.push({ at: from + Math.floor(rand() * (NOW - from)), status: 'open' });
    }
    return {
      caseId: `case-${i}`,
      siteId: SITES[i % SITES.length]!.id,
      priority: priorities[Math.floor(rand() * priorities.length)]!,
      channel: channels[Math.floor(rand() * channels.length)]!,
      customerTier: rand() < 0.1 ? 'enterprise' : 'standard',
      createdAt,
      firstResponseAt,
      nextResponse:
        firstResponseAt !== null && rand() < 0.5
          ? { since: firstResponseAt + Math.floor(rand() * (NOW - firstResponseAt)), repliedAt: null }
          : null,
      resolvedAt: null,
      statusHistory,
      ownerHistory: [{ at: createdAt, ownerId: `agent-${i % 40}` }],
    };
  });
}

function sweep(cases: SlaCaseFacts[]) {
  const calendars = new Map(SITES.map((s) => [s.id, s.calendar]));
  const recorded = new Set<string>();
  const counts = { ok: 0, at_risk: 0, breached: 0, met: 0, paused: 0 };
  let breaches = 0;
  for (const facts of cases) {
    const policy = selectSlaPolicy(POLICIES, facts)!;
    const state = computeSlaState(facts, policy, calendars.get(facts.siteId)!, NOW);
    for (const t of state.targets) {
      counts[t.status]++;
      if (t.paused) counts.paused++;
    }
    breaches += detectBreaches(state, recorded).length;
  }
  return { counts, breaches };
}

function routingBench(agentCount: number, decisions: number, rand: () => number) {
  const teams: Team[] = SITES.map((s, i) => ({
    id: `team-${s.id}`,
    strategy: i % 2 === 0 ? 'round_robin' : 'least_loaded',
    memberIds: Array.from(
      { length: agentCount / SITES.length },
      (_, j) => `agent-${i * (agentCount / SITES.length) + j}`,
    ),
  }));
  const rules: RoutingRule[] = [
    ...SITES.map((s) => ({ id: `site-${s.id}`, teamId: `team-${s.id}`, conditions: { siteId: [s.id] } })),
    ...SITES.map((s) => ({
      id: `vip-${s.id}`,
      teamId: `team-${s.id}`,
      conditions: { siteId: [s.id], customerTier: ['enterprise'] },
      skills: ['vip'],
    })),
  ];
  const agents: AgentAvailability[] = Array.from({ length: agentCount }, (_, i) => ({
    id: `agent-${i}`,
    online: rand() < 0.8,
    openCases: Math.floor(rand() * 8),
    maxOpenCases: 8,
    skills: rand() < 0.5 ? ['vip'] : [],
    languages: [],
  }));
  let cursor: RoutingCursor = {};
  const samples: number[] = [];
  for (let i = 0; i < decisions; i++) {
    const facts: RoutingCaseFacts = {
      caseId: `new-${i}`,
      siteId: SITES[i % SITES.length]!.id,
      channel: 'email',
      category: 'billing',
      language: 'en',
      customerTier: rand() < 0.1 ? 'enterprise' : 'standard',
      requiredSkills: rand() < 0.1 ? ['vip'] : [],
      lastAgentId: rand() < 0.3 ? `agent-${Math.floor(rand() * agentCount)}` : null,
    };
    const t0 = performance.now();
    const d = routeCase(facts, rules, teams, agents, NOW + i, cursor);
    samples.push(performance.now() - t0);
    cursor = d.cursor;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1]! };
}

export async function run(args: string[]): Promise<void> {
  const count = option(args, '--cases', 100_000);
  const agentCount = option(args, '--agents', 40);
  console.log(`$ npx tsx bench/run.ts sla --cases ${count} --agents ${agentCount}`);
  console.log(
    `node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (figures stretch with contention)`,
  );
  console.log(`${SITES.length} sites: ${SITES.map((s) => s.calendar.timeZone).join(', ')}`);
  const cases = buildCases(count, seeded(42));

  // CPU time beside wall time: on a shared machine the wall clock also counts time spent waiting.
  const timed = <T>(fn: () => T) => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const result = fn();
    const used = process.cpuUsage(cpu);
    return { result, wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
  const coldRun = timed(() => sweep(cases));
  const cold = coldRun.result;
  const warmRun = timed(() => sweep(cases));
  console.log(
    `SLA sweep, ${count} open cases (target < 2000 ms): first run ${coldRun.wallMs.toFixed(0)} ms wall / ${coldRun.cpuMs.toFixed(0)} ms CPU; warm calendars ${warmRun.wallMs.toFixed(0)} ms wall / ${warmRun.cpuMs.toFixed(0)} ms CPU`,
  );
  console.log(`  targets: ${JSON.stringify(cold.counts)}; new breach events: ${cold.breaches}`);

  const r = routingBench(agentCount, 10_000, seeded(7));
  console.log(
    `routeCase, ${agentCount} agents, 10000 decisions: p50 ${(r.p50 * 1000).toFixed(1)} µs, p99 ${(r.p99 * 1000).toFixed(1)} µs (target < 5 ms), max ${r.max.toFixed(2)} ms`,
  );
}
