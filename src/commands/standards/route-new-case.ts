import { type RoutingDecision, routeCase, selectRoutingRule } from '../../core/standards/index.ts';
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
} from '../../db/repositories/standards-cases.ts';
import { routingConfig } from './routing-config-cache.ts';
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

async function decide(deps: StandardsDeps, tx: Executor, facts: RoutingCase, locked: boolean) {
  const { rules, teams } = await routingConfig(deps.db, tx, facts.configVersion);
  const rule = selectRoutingRule(rules, facts);
  const team = rule ? teams.get(rule.teamId) : undefined;
  const candidates = new Set(team?.memberIds ?? []);
  if (facts.lastAgentId) candidates.add(facts.lastAgentId);
  const { agents, cursor } = locked
    ? await lockAgentsForRouting(tx, [...candidates], team?.id)
    : await readRoutingCandidates(tx, [...candidates], team?.id);
  const decision = routeCase(facts, rules, team ? [team] : [], agents, deps.clock.now(), cursor);
  return { decision, cursor };
}

const audit = (d: Extract<RoutingDecision, { kind: 'assigned' }>) => ({
  ownerId: d.agentId,
  teamId: d.teamId,
  ruleId: d.ruleId,
  reason: d.reason,
});

async function routeOptimistically(deps: StandardsDeps, caseId: string): Promise<Routed | 'retry'> {
  const db = deps.db.db;
  const facts = await readRoutingFacts(db, caseId);
  if (!facts || facts.ownerId !== null || facts.status !== 'new') return null;
  const { decision, cursor } = await decide(deps, db, facts, false);
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
