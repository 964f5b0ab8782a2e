import { decideTransfer, type EscalationStep, routeCase } from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadRoutingFacts, lockAgentsForRouting, saveCursor } from '../../db/repositories/routing.ts';
import { loadRoutingTeam } from '../../db/repositories/standards.ts';
import {
  findTeamLead,
  loadCaseTeam,
  loadOwnership,
  setCaseOwner,
} from '../../db/repositories/standards-cases.ts';
import { eventActor, STANDARDS_ACTOR, type StandardsDeps } from './shared.ts';

const ESCALATION_ACTOR = { id: STANDARDS_ACTOR.id, role: 'manager' as const };

/**
 * Carries out a `reassign` action of an escalation step: to the team's lead, or to another
 * available member of the team (the team's strategy, capacity respected, the current owner left
 * out). The case keeps its owner when nobody can take it: it is never dropped. Null when nothing moved.
 */
export async function reassignOnEscalation(
  deps: StandardsDeps,
  step: Pick<EscalationStep, 'caseId' | 'key' | 'level'>,
  to: 'team_queue' | 'lead',
): Promise<{ from: string | null; to: string } | null> {
  const now = deps.clock.now();
  const moved = await deps.db.transaction(async (tx) => {
    const ownership = await loadOwnership(tx, step.caseId, true);
    const kase = await loadCaseTeam(tx, step.caseId);
    if (!ownership || !kase?.teamId || !['new', 'open', 'pending'].includes(kase.status)) return null;
    let next: string | null = null;
    if (to === 'lead') {
      next = await findTeamLead(tx, kase.teamId, ownership.ownerId);
    } else {
      const team = await loadRoutingTeam(tx, kase.teamId);
      const facts = await loadRoutingFacts(tx, step.caseId, false);
      if (!team || !facts) return null;
      const others = { ...team, memberIds: team.memberIds.filter((id) => id !== ownership.ownerId) };
      const { agents, cursor } = await lockAgentsForRouting(tx, others.memberIds, team.id);
      const rule = { id: 'escalation', teamId: team.id, conditions: {} };
      const decision = routeCase(
        { ...facts, lastAgentId: null, requiredSkills: [] },
        [rule],
        [others],
        agents,
        now,
        cursor,
      );
      if (decision.kind !== 'assigned') return null;
      next = decision.agentId;
      const last = decision.cursor[team.id];
      if (last) await saveCursor(tx, team.id, last);
    }
    if (!next || next === ownership.ownerId) return null;
    const decision = decideTransfer(ownership, ESCALATION_ACTOR, { to: next, reason: 'escalation' }, now);
    const { version } = await setCaseOwner(tx, step.caseId, next);
    await appendAudit(tx, STANDARDS_ACTOR, undefined, [
      {
        action: 'case.reassigned',
        entity: 'case',
        entityId: step.caseId,
        before: { ownerId: decision.from },
        after: { ownerId: next, escalation: step.key, level: step.level, to },
      },
    ]);
    return { from: decision.from, to: next, version };
  });
  if (!moved) return null;
  deps.events.publish([
    {
      type: 'case.assigned',
      actor: eventActor(STANDARDS_ACTOR),
      at: now,
      data: {
        caseId: step.caseId,
        ownerId: moved.to,
        from: moved.from,
        reason: 'escalation',
        version: moved.version,
      },
    },
  ]);
  return { from: moved.from, to: moved.to };
}
