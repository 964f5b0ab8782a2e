import { approveRequest, rejectRequest, SelfApproval } from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { type ExecutedActionRecord, insertAction, lockUsage } from '../../db/repositories/authority.ts';
import { loadApproval, type StoredApproval, saveApproval } from '../../db/repositories/authority-workflow.ts';
import type { DomainEvent } from '../../events.ts';
import { authorize, type CommandContext } from '../context.ts';
import { actionExecutedEvent } from './execute-action.ts';

export interface ApprovalOutcome {
  approval: StoredApproval;
  /** Set when approved: approving executes exactly what was asked, for the agent who asked. */
  action: ExecutedActionRecord | null;
}

/**
 * One click. Approving executes the requested action at once, on the requester's behalf, under the
 * usage locks (so it counts towards the customer's and agent's usage like any other); rejecting
 * records why. The requester can never decide their own request.
 */
export async function decideApproval(
  ctx: CommandContext,
  approvalId: string,
  verdict: 'approve' | 'reject',
  note: string,
): Promise<ApprovalOutcome> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const current = await loadApproval(tx, approvalId, true);
    if (!current) throw new NotFound('approval', approvalId);
    // Said first, whatever the role: "you cannot approve your own request" is the useful answer.
    if (current.requester.id === ctx.actor.id) throw new SelfApproval(approvalId, ctx.actor.id);
    authorize(ctx.actor, 'authority.approve');
    const actor = { id: ctx.actor.id, name: ctx.actor.name, role: ctx.actor.role };
    const decided =
      verdict === 'approve'
        ? approveRequest(current, actor, now, note)
        : rejectRequest(current, actor, now, note);
    let action: ExecutedActionRecord | null = null;
    if (decided.status === 'approved') {
      await lockUsage(tx, current.customerId, current.requester.id, current.actionType);
      action = await insertAction(tx, {
        caseId: current.caseId,
        customerId: current.customerId,
        agentId: current.requester.id,
        executedBy: ctx.actor.id,
        actionType: current.actionType,
        amount: current.amount,
        params: current.request.params as Record<string, unknown>,
        basis: 'approval',
        ruleId: current.ruleId,
        ruleVersion: current.ruleVersion,
        approvalId: current.id,
        overrideId: null,
        // After the locks, so a concurrent execution that re-reads usage counts this one.
        executedAt: ctx.clock.now(),
      });
    }
    const saved = await saveApproval(tx, decided, action?.id ?? null);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: `authority.approval_${decided.status}`,
        entity: 'authority_approval',
        entityId: approvalId,
        before: { status: current.status },
        after: { status: saved.status, note: saved.resolution?.note ?? '', actionId: action?.id ?? null },
      },
      ...(action
        ? [
            {
              action: 'authority.action_executed',
              entity: 'authority_action',
              entityId: action.id,
              after: {
                caseId: action.caseId,
                customerId: action.customerId,
                basis: 'approval',
                approvalId,
                amount: action.amount,
                params: action.params,
              },
            },
          ]
        : []),
    ]);
    return { approval: saved, action };
  });
  const events: DomainEvent[] = [
    {
      type: 'authority.approval_decided',
      actor: ctx.actor,
      at: now,
      data: {
        approvalId,
        caseId: result.approval.caseId,
        requesterId: result.approval.requester.id,
        status: result.approval.status,
        note: result.approval.resolution?.note ?? '',
        actionId: result.action?.id ?? null,
      },
    },
  ];
  if (result.action) events.push(actionExecutedEvent(ctx, result.action, now));
  ctx.events.publish(events);
  return result;
}
