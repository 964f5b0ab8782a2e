import type { EpochMs, Instant } from './business-calendar.ts';
import { toEpochMs } from './business-calendar.ts';
import { type Conditions, compareSpecificity, matchesConditions } from './conditions.ts';

/** Strongest first, for tie-breaking between equally specific rules (see conditions.ts). */
export const ROUTING_DIMENSIONS = [
  'skills',
  'category',
  'language',
  'customerTier',
  'channel',
  'siteId',
] as const;
type RoutingDimension = Exclude<(typeof ROUTING_DIMENSIONS)[number], 'skills'>;

export interface RoutingRule {
  readonly id: string;
  readonly teamId: string;
  readonly conditions: Conditions<RoutingDimension>;
  /** Matches when the case needs every one of these skills. */
  readonly skills?: readonly string[];
  /** A returning customer may go back to their last agent even if that agent is in another team. */
  readonly allowLastAgentOutsideTeam?: boolean;
}

export interface Team {
  readonly id: string;
  readonly strategy: 'round_robin' | 'least_loaded';
  /** Round-robin order. */
  readonly memberIds: readonly string[];
}

export interface AgentAvailability {
  readonly id: string;
  readonly online: boolean;
  readonly openCases: number;
  readonly maxOpenCases: number;
  readonly skills: readonly string[];
  /** Languages the agent handles; empty means any. */
  readonly languages: readonly string[];
}

export interface RoutingCaseFacts {
  readonly caseId: string;
  readonly siteId: string;
  readonly channel: string;
  readonly category: string | null;
  readonly language: string | null;
  readonly customerTier: string | null;
  readonly requiredSkills: readonly string[];
  /** The agent who last handled this customer, for stickiness. */
  readonly lastAgentId: string | null;
}

/** The last agent assigned per team; passed in and handed back so the caller persists it. */
export type RoutingCursor = Readonly<Record<string, string>>;

export type QueueReason =
  | 'no_matching_rule'
  | 'unknown_team'
  | 'no_agent_online'
  | 'no_agent_with_skills'
  | 'all_agents_at_capacity';

export type RoutingDecision =
  | {
      readonly kind: 'assigned';
      readonly caseId: string;
      readonly agentId: string;
      readonly teamId: string;
      readonly ruleId: string;
      readonly reason: 'last_agent' | 'round_robin' | 'least_loaded';
      readonly decidedAt: EpochMs;
      readonly cursor: RoutingCursor;
    }
  | {
      readonly kind: 'queued';
      readonly caseId: string;
      readonly teamId: string | null;
      readonly ruleId: string | null;
      readonly reason: QueueReason;
      readonly decidedAt: EpochMs;
      readonly cursor: RoutingCursor;
    };

function ruleMatches(rule: RoutingRule, facts: RoutingCaseFacts): boolean {
  if (!matchesConditions(rule.conditions, facts)) return false;
  return (rule.skills ?? []).every((s) => facts.requiredSkills.includes(s));
}

const withSkills = (r: RoutingRule) => ({ ...r.conditions, skills: r.skills ?? [] });

/** The most specific matching rule; equally specific rules fall back to list order. */
export function selectRoutingRule(
  rules: readonly RoutingRule[],
  facts: RoutingCaseFacts,
): RoutingRule | null {
  let best: RoutingRule | null = null;
  for (const rule of rules) {
    if (!ruleMatches(rule, facts)) continue;
    if (!best || compareSpecificity(withSkills(rule), withSkills(best), ROUTING_DIMENSIONS) < 0) best = rule;
  }
  return best;
}

function canHandle(agent: AgentAvailability, facts: RoutingCaseFacts): boolean {
  if (!facts.requiredSkills.every((s) => agent.skills.includes(s))) return false;
  return !facts.language || agent.languages.length === 0 || agent.languages.includes(facts.language);
}

function isAvailable(agent: AgentAvailability, facts: RoutingCaseFacts): boolean {
  return agent.online && agent.openCases < agent.maxOpenCases && canHandle(agent, facts);
}

/**
 * Chooses who gets a new case. A returning customer's last agent wins when available (online,
 * under capacity, able to handle it, and in the team unless the rule allows otherwise); else the
 * team's strategy picks among available members. Stickiness leaves the cursor alone so it does
 * not cost the other agents their turn.
 */
export function routeCase(
  facts: RoutingCaseFacts,
  rules: readonly RoutingRule[],
  teams: readonly Team[],
  agents: readonly AgentAvailability[],
  now: Instant,
  cursor: RoutingCursor = {},
): RoutingDecision {
  const decidedAt = toEpochMs(now);
  const queued = (reason: QueueReason, teamId: string | null, ruleId: string | null): RoutingDecision => ({
    kind: 'queued',
    caseId: facts.caseId,
    teamId,
    ruleId,
    reason,
    decidedAt,
    cursor,
  });
  const rule = selectRoutingRule(rules, facts);
  if (!rule) return queued('no_matching_rule', null, null);
  const team = teams.find((t) => t.id === rule.teamId);
  if (!team) return queued('unknown_team', rule.teamId, rule.id);
  const byId = new Map<string, AgentAvailability>();
  for (const a of agents) byId.set(a.id, a);
  const assigned = (
    agentId: string,
    reason: 'last_agent' | 'round_robin' | 'least_loaded',
  ): RoutingDecision => ({
    kind: 'assigned',
    caseId: facts.caseId,
    agentId,
    teamId: team.id,
    ruleId: rule.id,
    reason,
    decidedAt,
    cursor: reason === 'last_agent' ? cursor : { ...cursor, [team.id]: agentId },
  });

  const last = facts.lastAgentId ? byId.get(facts.lastAgentId) : undefined;
  if (
    last &&
    isAvailable(last, facts) &&
    (team.memberIds.includes(last.id) || rule.allowLastAgentOutsideTeam)
  ) {
    return assigned(last.id, 'last_agent');
  }

  // Members in round-robin order, starting just after the last one served.
  const n = team.memberIds.length;
  const after = cursor[team.id];
  const start = after === undefined ? 0 : team.memberIds.indexOf(after) + 1;
  let chosen: AgentAvailability | null = null;
  let anyOnline = false;
  let anyCapable = false;
  for (let i = 0; i < n; i++) {
    const agent = byId.get(team.memberIds[(start + i) % n]!);
    if (!agent?.online) continue;
    anyOnline = true;
    if (!canHandle(agent, facts)) continue;
    anyCapable = true;
    if (agent.openCases >= agent.maxOpenCases) continue;
    if (team.strategy === 'round_robin') {
      chosen = agent;
      break;
    }
    // Least loaded by share of capacity, then by count; ties keep round-robin order.
    if (
      !chosen ||
      agent.openCases * chosen.maxOpenCases < chosen.openCases * agent.maxOpenCases ||
      (agent.openCases * chosen.maxOpenCases === chosen.openCases * agent.maxOpenCases &&
        agent.openCases < chosen.openCases)
    ) {
      chosen = agent;
    }
  }
  if (chosen) return assigned(chosen.id, team.strategy);
  if (!anyOnline) return queued('no_agent_online', team.id, rule.id);
  if (!anyCapable) return queued('no_agent_with_skills', team.id, rule.id);
  return queued('all_agents_at_capacity', team.id, rule.id);
}
