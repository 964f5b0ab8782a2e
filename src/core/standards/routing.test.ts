import { describe, expect, it } from 'vitest';
import {
  type AgentAvailability,
  type RoutingCaseFacts,
  type RoutingCursor,
  type RoutingRule,
  routeCase,
  selectRoutingRule,
  type Team,
} from './routing.ts';

const now = Date.parse('2026-11-23T09:00:00Z');
const agent = (id: string, over: Partial<AgentAvailability> = {}): AgentAvailability => ({
  id,
  online: true,
  openCases: 0,
  maxOpenCases: 5,
  skills: [],
  languages: [],
  ...over,
});
const facts = (over: Partial<RoutingCaseFacts> = {}): RoutingCaseFacts => ({
  caseId: 'case-1',
  siteId: 'berlin',
  channel: 'email',
  category: 'billing',
  language: 'de',
  customerTier: 'standard',
  requiredSkills: [],
  lastAgentId: null,
  ...over,
});
const rr: Team = { id: 'berlin-rr', strategy: 'round_robin', memberIds: ['a', 'b', 'c', 'd'] };
const ll: Team = { id: 'berlin-ll', strategy: 'least_loaded', memberIds: ['a', 'b', 'c', 'd'] };
const vip: Team = { id: 'vip', strategy: 'round_robin', memberIds: ['v'] };
const rules: RoutingRule[] = [
  { id: 'berlin', teamId: 'berlin-rr', conditions: { siteId: ['berlin'] } },
  { id: 'berlin-ll', teamId: 'berlin-ll', conditions: { siteId: ['berlin'], channel: ['chat'] } },
  { id: 'vip', teamId: 'vip', conditions: { customerTier: ['enterprise'] } },
];
const teams = [rr, ll, vip];
const everyone = ['a', 'b', 'c', 'd', 'v'].map((id) => agent(id));

describe('selectRoutingRule', () => {
  it.each([
    ['matches by site', facts(), 'berlin'],
    ['prefers the rule with more matching conditions', facts({ channel: 'chat' }), 'berlin-ll'],
    ['ranks customer tier above site when equally specific', facts({ customerTier: 'enterprise' }), 'vip'],
    ['returns null when nothing matches', facts({ siteId: 'lisbon' }), null],
  ])('%s', (_name, f, expected) => {
    expect(selectRoutingRule(rules, f)?.id ?? null).toBe(expected);
  });

  it('requires the case to need every skill a rule names', () => {
    const skillRules: RoutingRule[] = [
      ...rules,
      { id: 'tech', teamId: 'vip', conditions: { siteId: ['berlin'] }, skills: ['api', 'sql'] },
    ];
    expect(selectRoutingRule(skillRules, facts({ requiredSkills: ['api'] }))?.id).toBe('berlin');
    expect(selectRoutingRule(skillRules, facts({ requiredSkills: ['sql', 'api'] }))?.id).toBe('tech');
  });
});

function assignMany(count: number, agents: AgentAvailability[], team = rr) {
  let cursor: RoutingCursor = {};
  const load = new Map(agents.map((a) => [a.id, a.openCases]));
  const tally: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const current = agents.map((a) => ({ ...a, openCases: load.get(a.id)! }));
    const d = routeCase(
      facts({ caseId: `c${i}`, channel: team === ll ? 'chat' : 'email' }),
      rules,
      teams,
      current,
      now,
      cursor,
    );
    cursor = d.cursor;
    if (d.kind === 'assigned') {
      tally[d.agentId] = (tally[d.agentId] ?? 0) + 1;
      load.set(d.agentId, load.get(d.agentId)! + 1);
    } else tally[d.reason] = (tally[d.reason] ?? 0) + 1;
  }
  return tally;
}

describe('routeCase: round robin', () => {
  it('spreads 400 assignments evenly over 4 agents', () => {
    const agents = ['a', 'b', 'c', 'd'].map((id) => agent(id, { maxOpenCases: 1000 }));
    expect(assignMany(400, agents)).toEqual({ a: 100, b: 100, c: 100, d: 100 });
  });

  it('resumes after the agent in the cursor', () => {
    const d = routeCase(facts(), rules, teams, everyone, now, { 'berlin-rr': 'b' });
    expect(d).toMatchObject({
      kind: 'assigned',
      agentId: 'c',
      reason: 'round_robin',
      cursor: { 'berlin-rr': 'c' },
    });
  });

  it('skips offline agents and those at capacity', () => {
    const agents = [agent('a', { online: false }), agent('b', { openCases: 5 }), agent('c'), agent('d')];
    expect(assignMany(10, agents)).toEqual({ c: 5, d: 5 });
  });

  it('never puts an agent over capacity and queues the rest', () => {
    const agents = ['a', 'b', 'c', 'd'].map((id) => agent(id, { maxOpenCases: 2 }));
    expect(assignMany(10, agents)).toEqual({ a: 2, b: 2, c: 2, d: 2, all_agents_at_capacity: 2 });
  });

  it('keeps its place when the cursor names an agent who left the team', () => {
    expect(routeCase(facts(), rules, teams, everyone, now, { 'berlin-rr': 'gone' })).toMatchObject({
      agentId: 'a',
    });
  });
});

describe('routeCase: least loaded', () => {
  it('picks the agent with the smallest share of capacity', () => {
    const agents = [
      agent('a', { openCases: 2, maxOpenCases: 4 }),
      agent('b', { openCases: 3, maxOpenCases: 10 }),
      agent('c', { openCases: 1, maxOpenCases: 2 }),
      agent('d', { openCases: 4, maxOpenCases: 5 }),
    ];
    expect(routeCase(facts({ channel: 'chat' }), rules, teams, agents, now)).toMatchObject({
      kind: 'assigned',
      agentId: 'b',
      reason: 'least_loaded',
    });
  });

  it('levels the load before it fills anyone up', () => {
    const agents = [
      agent('a', { openCases: 3 }),
      agent('b'),
      agent('c', { openCases: 1 }),
      agent('d', { openCases: 2 }),
    ];
    expect(assignMany(10, agents, ll)).toEqual({ a: 1, b: 4, c: 3, d: 2 });
  });
});

describe('routeCase: returning customer', () => {
  it('goes back to the last agent when available', () => {
    const d = routeCase(facts({ lastAgentId: 'c' }), rules, teams, everyone, now, { 'berlin-rr': 'a' });
    expect(d).toMatchObject({
      kind: 'assigned',
      agentId: 'c',
      reason: 'last_agent',
      cursor: { 'berlin-rr': 'a' },
    });
  });

  it.each([
    ['offline', { online: false }],
    ['at capacity', { openCases: 5 }],
    ['missing a needed skill', { skills: [] as string[] }],
  ])('falls back to the team when the last agent is %s', (_name, over) => {
    const agents = everyone.map((a) => (a.id === 'c' ? { ...a, ...over } : { ...a, skills: ['api'] }));
    const d = routeCase(
      facts({ lastAgentId: 'c', requiredSkills: _name.startsWith('missing') ? ['api'] : [] }),
      rules,
      teams,
      agents,
      now,
    );
    expect(d).toMatchObject({ kind: 'assigned', agentId: 'a', reason: 'round_robin' });
  });

  it('does not follow the last agent outside the team unless the rule allows it', () => {
    const f = facts({ lastAgentId: 'v' });
    expect(routeCase(f, rules, teams, everyone, now)).toMatchObject({ agentId: 'a' });
    const open = rules.map((r) => ({ ...r, allowLastAgentOutsideTeam: true }));
    expect(routeCase(f, open, teams, everyone, now)).toMatchObject({ agentId: 'v', reason: 'last_agent' });
  });
});

describe('routeCase: queued', () => {
  it.each([
    ['no rule matches', facts({ siteId: 'lisbon' }), everyone, 'no_matching_rule'],
    ['the whole team is offline', facts(), everyone.map((a) => ({ ...a, online: false })), 'no_agent_online'],
    ['nobody online has the skill', facts({ requiredSkills: ['sql'] }), everyone, 'no_agent_with_skills'],
    [
      'nobody online speaks the language',
      facts({ language: 'fi' }),
      everyone.map((a) => ({ ...a, languages: ['de'] })),
      'no_agent_with_skills',
    ],
    [
      'everyone is at capacity',
      facts(),
      everyone.map((a) => ({ ...a, openCases: 5 })),
      'all_agents_at_capacity',
    ],
  ])('queues with a reason when %s', (_name, f, agents, reason) => {
    expect(routeCase(f, rules, teams, agents, now, { x: 'y' })).toMatchObject({
      kind: 'queued',
      reason,
      cursor: { x: 'y' },
    });
  });

  it('queues for an unknown team rather than guessing', () => {
    expect(
      routeCase(facts(), [{ id: 'r', teamId: 'ghost', conditions: {} }], teams, everyone, now),
    ).toMatchObject({
      kind: 'queued',
      reason: 'unknown_team',
      teamId: 'ghost',
    });
  });
});
