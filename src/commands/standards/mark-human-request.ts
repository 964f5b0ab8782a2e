import { detectHumanRequest, type HumanRequest } from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  insertEscalationSteps,
  loadMessageForReaction,
  markHumanRequested,
} from '../../db/repositories/standards-cases.ts';
import { eventActor, STANDARDS_ACTOR, type StandardsDeps } from './shared.ts';

/**
 * A customer message that asks for a person or a manager: the case is marked (never cleared),
 * raised to at least high priority, tagged `human-requested` and escalated (level 1 to the
 * owner for a person, level 2 to the lead for a manager). Once per case; returns what was found.
 */
export async function markHumanRequest(
  deps: StandardsDeps,
  messageId: string,
): Promise<(HumanRequest & { caseId: string; marked: boolean }) | null> {
  const now = deps.clock.now();
  const message = await loadMessageForReaction(deps.db.db, messageId);
  if (!message) return null;
  if (message.direction !== 'inbound') return null;
  const request = detectHumanRequest(message.body);
  if (!request.requested) return { ...request, caseId: message.caseId, marked: false };
  const level = request.target === 'manager' ? 2 : 1;
  const actions =
    request.target === 'manager'
      ? [
          { kind: 'notify', role: 'owner' },
          { kind: 'notify', role: 'lead' },
        ]
      : [{ kind: 'notify', role: 'owner' }];
  const marked = await deps.db.transaction(async (tx) => {
    const updated = await markHumanRequested(tx, message.caseId, now);
    if (!updated) return null;
    const ownerId = updated.ownerId;
    await insertEscalationSteps(tx, [
      {
        key: `${message.caseId}:human_request:L${level}`,
        caseId: message.caseId,
        policyId: '',
        metric: 'first_response',
        startedAt: now.getTime(),
        level,
        actions: actions as never,
        dueAt: now.getTime(),
        ownerId,
        decidedAt: now.getTime(),
      },
    ]);
    await appendAudit(tx, STANDARDS_ACTOR, undefined, [
      {
        action: 'case.human_requested',
        entity: 'case',
        entityId: message.caseId,
        after: { messageId, target: request.target, phrase: request.phrase, ...updated },
      },
    ]);
    return { ...updated, ownerId };
  });
  if (marked) {
    const actor = eventActor(STANDARDS_ACTOR);
    deps.events.publish([
      {
        type: 'case.human_requested',
        actor,
        at: now,
        data: {
          caseId: message.caseId,
          messageId,
          target: request.target,
          phrase: request.phrase,
          version: marked.version,
        },
      },
      {
        type: 'case.escalated',
        actor,
        at: now,
        data: { caseId: message.caseId, reason: 'human_requested', level, actions, ownerId: marked.ownerId },
      },
    ]);
  }
  return { ...request, caseId: message.caseId, marked: marked !== null };
}
