import {
  type RoutingCursor,
  type RoutingDecision,
  routeCase,
  selectRoutingRule,
  type Team,
} from '../../core/standards/index.ts';
import type { Executor } from '../../db/client.ts';
import {
  applyRouting,
  assignRoutedCase,
  findUnroutedCases,
  loadRoutingFacts,
  lockAgentsForRouting,
  type RoutingCase,
  readRoutingCandidates,
  readRoutingFacts,
  readRoutingSnapshot,
} from '../../db/repositories/routing.ts';
import type { StoredRoutingRule } from '../../db/repositories/standards.ts';
import { cachedRoutingConfig, routingConfig } from './routing-config-cache.ts';
import { eventActor, STANDARDS_ACTOR, type StandardsDeps } from './shared.ts';

/** Optimistic attempts before routing takes the locks up front (a burst on one team). */
const OPTIMISTIC_ATTEMPTS = 3;

type Routed = { decision: RoutingDecision; version?: number } | null;

/**
 * Assigns a new, unowned case by the routing rules, or leaves it queued. Null when the case is
 * gone, owned already, or no longer new. Capacity holds across server processes either way:
 * - fast path, like ingest: the core decides on an unlocked read (the case, the candidates' load,
 *   the round-robin cursor; the configuration from memory while its version holds) and one
 *   statement applies the decision under the case's and the chosen agent's locks, re-counting
 *   that agent's open cases, or refuses it when anything moved;
 * - when refused repeatedly: one transaction locks the case, the candidates in id order and the
 *   cursor first, counts after the locks, then decides (routers queue on the locks).
 */
export async function routeNewCase(deps: StandardsDeps, caseId: string): Promise<RoutingDecision | null> {
  let routed: Routed | 'retry' = 'retry';
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS && routed === 'retry'; attempt++) {
    routed = await routeOptimistically(deps, caseId);
  }
  if (routed === 'retry') routed = await routeUnderLocks(deps, caseId);
  if (routed?.decision.kind === 'assigned' && routed.version !== undefined) {
    const d = routed.decision;
    deps.events.publish([
      {
        type: 'case.assigned',
        actor: eventActor(STANDARDS_ACTOR),
        at: deps.clock.now(),
        data: {
          caseId,
          ownerId: d.agentId,
          teamId: d.teamId,
          ruleId: d.ruleId,
          reason: d.reason,
          version: routed.version,
        },
      },
    ]);
  }
  return routed?.decision ?? null;
}

/** At most this many agents across the routing teams are read up front with the case. */
const SNAPSHOT_MAX_AGENTS = 200;

async function decide(deps: StandardsDeps, tx: Executor, facts: RoutingCase, locked: boolean) {
  const { rules, teams } = await routingConfig(deps.db, tx, facts.configVersion);
  const { team, candidates } = candidatesFor(rules, teams, facts);
  const { agents, cursor } = locked
    ? await lockAgentsForRouting(tx, candidates, team?.id)
    : await readRoutingCandidates(tx, candidates, team?.id);
  const decision = routeCase(facts, rules, team ? [team] : [], agents, deps.clock.now(), cursor);
  return { decision, cursor };
}

function candidatesFor(
  rules: readonly StoredRoutingRule[],
  teams: ReadonlyMap<string, Team>,
  facts: RoutingCase,
) {
  const rule = selectRoutingRule(rules, facts);
  const team = rule ? teams.get(rule.teamId) : undefined;
  const candidates = new Set(team?.memberIds ?? []);
  if (facts.lastAgentId) candidates.add(facts.lastAgentId);
  return { rule, team, candidates: [...candidates] };
}

type Decided = { facts: RoutingCase; decision: RoutingDecision; cursor: RoutingCursor };

/**
 * The common case in one round trip: with the configuration cached, read the case together with
 * every agent its teams could route to, and decide. Null when there is nothing to route; just the
 * facts when the cache turned out older than the case's configuration version; undefined when
 * there is no cache or its teams are too big to read up front.
 */
async function decideFromSnapshot(
  deps: StandardsDeps,
  caseId: string,
): Promise<Decided | { facts: RoutingCase } | null | undefined> {
  const hit = cachedRoutingConfig(deps.db);
  if (!hit) return undefined;
  const teams = [...hit.config.teams.values()];
  const agentIds = [...new Set(teams.flatMap((t) => t.memberIds))];
  if (agentIds.length > SNAPSHOT_MAX_AGENTS) return undefined;
  const snapshot = await readRoutingSnapshot(
    deps.db.db,
    caseId,
    agentIds,
    teams.map((t) => t.id),
  );
  const { facts } = snapshot;
  if (!facts || facts.ownerId !== null || facts.status !== 'new') return null;
  if (facts.configVersion !== hit.version) return { facts };
  const { team, candidates } = candidatesFor(hit.config.rules, hit.config.teams, facts);
  const wanted = new Set(candidates);
  const agents = snapshot.agents.filter((a) => wanted.has(a.id));
  const last = team ? snapshot.cursors[team.id] : undefined;
  const cursor: RoutingCursor = team && last ? { [team.id]: last } : {};
  const decision = routeCase(facts, hit.config.rules, team ? [team] : [], agents, deps.clock.now(), cursor);
  return { facts, decision, cursor };
}

/** The case, the candidates and the decision: from one snapshot read when it can, else step by step. */
async function readAndDecide(deps: StandardsDeps, caseId: string): Promise<Decided | null> {
  const snapshot = await decideFromSnapshot(deps, caseId);
  if (snapshot === null) return null;
  if (snapshot && 'decision' in snapshot) return snapshot;
  const facts = snapshot?.facts ?? (await readRoutingFacts(deps.db.db, caseId));
  if (!facts || facts.ownerId !== null || facts.status !== 'new') return null;
  return { facts, ...(await decide(deps, deps.db.db, facts, false)) };
}

const audit = (d: Extract<RoutingDecision, { kind: 'assigned' }>) => ({
  ownerId: d.agentId,
  teamId: d.teamId,
  ruleId: d.ruleId,
  reason: d.reason,
});

async function routeOptimistically(deps: StandardsDeps, caseId: string): Promise<Routed | 'retry'> {
  const db = deps.db.db;
  const read = await readAndDecide(deps, caseId);
  if (!read) return null;
  const { facts, decision, cursor } = read;
  if (decision.kind !== 'assigned') return { decision };
  const before = cursor[decision.teamId] ?? null;
  const after = decision.cursor[decision.teamId] ?? null;
  const applied = await applyRouting(db, {
    caseId,
    caseVersion: facts.version,
    agentId: decision.agentId,
    teamId: decision.teamId,
    expectedCursor: before,
    newCursor: after && after !== before ? after : null,
    actor: eventActor(STANDARDS_ACTOR),
    audit: audit(decision),
  });
  if (applied.outcome === 'ok') return { decision, version: applied.version };
  return applied.outcome === 'gone' ? null : 'retry';
}

async function routeUnderLocks(deps: StandardsDeps, caseId: string): Promise<Routed> {
  return deps.db.transaction(async (tx) => {
    const facts = await loadRoutingFacts(tx, caseId, true);
    if (!facts || facts.ownerId !== null || facts.status !== 'new') return null;
    const { decision, cursor } = await decide(deps, tx, facts, true);
    if (decision.kind !== 'assigned') return { decision };
    const next = decision.cursor[decision.teamId];
    const version = await assignRoutedCase(tx, {
      caseId,
      agentId: decision.agentId,
      teamId: decision.teamId,
      cursorAgentId: next && next !== cursor[decision.teamId] ? next : null,
      actor: eventActor(STANDARDS_ACTOR),
      audit: audit(decision),
    });
    return { decision, version };
  });
}

/**
 * The safety net for the in-process reaction (lost if the process dies right after the case
 * commits): routes cases still unowned after `olderThanSeconds`. Queued cases are retried.
 */
export async function routeUnroutedCases(
  deps: StandardsDeps,
  options: { olderThanSeconds?: number; limit?: number } = {},
): Promise<number> {
  const ids = await findUnroutedCases(deps.db.db, options.olderThanSeconds ?? 30, options.limit ?? 200);
  let assigned = 0;
  for (const id of ids) {
    const d = await routeNewCase(deps, id);
    if (d?.kind === 'assigned') assigned++;
  }
  return assigned;
}
