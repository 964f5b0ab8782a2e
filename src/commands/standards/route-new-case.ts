import { type RoutingDecision, routeCase, selectRoutingRule } from '../../core/standards/index.ts';
import { loadRoutingConfig } from '../../db/repositories/standards.ts';
import {
  assignRoutedCase,
  findUnroutedCases,
  loadCursor,
  loadRoutingFacts,
  lockAgentsForRouting,
} from '../../db/repositories/standards-cases.ts';
import { eventActor, STANDARDS_ACTOR, type StandardsDeps } from './shared.ts';

/**
 * Assigns a new, unowned case by the routing rules, or leaves it queued. In one transaction:
 * the case row is locked (two routers cannot both assign it), then the candidate agents'
 * availability rows in id order, and their open cases are counted only after that lock, so two
 * server processes routing at once never push an agent past capacity. Null when the case is
 * gone, owned already, or no longer new.
 */
export async function routeNewCase(deps: StandardsDeps, caseId: string): Promise<RoutingDecision | null> {
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const facts = await loadRoutingFacts(tx, caseId, true);
    if (!facts || facts.ownerId !== null || facts.status !== 'new') return null;
    const { rules, teams } = await loadRoutingConfig(tx);
    const rule = selectRoutingRule(rules, facts);
    const team = rule ? teams.get(rule.teamId) : undefined;
    const candidates = new Set(team?.memberIds ?? []);
    if (facts.lastAgentId) candidates.add(facts.lastAgentId);
    const agents = await lockAgentsForRouting(tx, [...candidates]);
    const cursor = team && agents.length > 0 ? await loadCursor(tx, team.id) : {};
    const decision = routeCase(facts, rules, team ? [team] : [], agents, now, cursor);
    if (decision.kind !== 'assigned') return { decision, version: facts.version };
    const next = decision.cursor[decision.teamId];
    const version = await assignRoutedCase(tx, {
      caseId,
      agentId: decision.agentId,
      teamId: decision.teamId,
      cursorAgentId: next && next !== cursor[decision.teamId] ? next : null,
      actor: eventActor(STANDARDS_ACTOR),
      audit: {
        ownerId: decision.agentId,
        teamId: decision.teamId,
        ruleId: decision.ruleId,
        reason: decision.reason,
      },
    });
    return { decision, version };
  });
  if (result?.decision.kind === 'assigned') {
    const d = result.decision;
    deps.events.publish([
      {
        type: 'case.assigned',
        actor: eventActor(STANDARDS_ACTOR),
        at: now,
        data: {
          caseId,
          ownerId: d.agentId,
          teamId: d.teamId,
          ruleId: d.ruleId,
          reason: d.reason,
          version: result.version,
        },
      },
    ]);
  }
  return result?.decision ?? null;
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
