import { randomUUID } from 'node:crypto';
import { type Approver, requestApproval, toLogEntry } from '../../core/authority/index.ts';
import { InvalidInput } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertDecisionLog } from '../../db/repositories/authority.ts';
import {
  findApprovals,
  insertApproval,
  type StoredApproval,
} from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';
import { type ActionInput, decideOnCase, loadActingAgent } from './authority-state.ts';
import { decisionSummary, refusal } from './execute-action.ts';

/**
 * Who is asked when the first approver misses the approval SLA: any manager, then any admin.
 * The engine drops the requester from the list and never asks the same approver twice here.
 */
export const ESCALATION_CHAIN: readonly Approver[] = [
  { kind: 'role', role: 'manager' },
  { kind: 'role', role: 'admin' },
];

function sameApprover(a: Approver, b: Approver): boolean {
  return a.kind === 'person'
    ? b.kind === 'person' && a.person.id === b.person.id
    : b.kind === 'role' && a.role === b.role;
}

/**
 * One step: over the limit, the agent asks with a justification. The request goes to the
 * decision's approver (the rule's owner, a named person or a role), escalating up the chain
 * when the SLA (15 minutes unless the caller says otherwise) passes.
 */
export async function requestCaseApproval(
  ctx: CommandContext,
  caseId: string,
  input: ActionInput & { justification: string; slaMinutes?: number | undefined },
): Promise<StoredApproval> {
  authorize(ctx.actor, 'authority.act');
  const now = ctx.clock.now();
  const approval = await ctx.db.transaction(async (tx) => {
    const { profile } = await loadActingAgent(tx, ctx.actor.id, ctx.actor.role);
    const d = await decideOnCase(ctx, tx, { caseId, agent: profile, action: input, now });
    const decision = d.decision;
    if (decision.outcome === 'allowed') {
      throw new InvalidInput(
        'authority.approval_not_needed',
        `No approval is needed: ${decision.reason} Execute the action instead.`,
        { decision: decisionSummary(decision) },
      );
    }
    if (decision.outcome === 'denied') throw refusal(decision);
    const open = await findApprovals(tx, {
      statuses: ['pending', 'escalated'],
      requesterId: profile.id,
      caseId,
      limit: 50,
    });
    const same = open.find(
      (a) =>
        a.actionType === decision.actionType &&
        (a.amount?.amountMinor ?? null) === (decision.amount?.amountMinor ?? null) &&
        (a.amount?.currency ?? null) === (decision.amount?.currency ?? null),
    );
    if (same) {
      throw new InvalidInput(
        'authority.approval_pending',
        `You already asked for this on this case; it awaits an answer until ${same.deadline.toISOString()}.`,
        { approvalId: same.id },
      );
    }
    const approval = requestApproval({
      id: randomUUID(),
      decision,
      request: d.request,
      requester: { id: profile.id, name: profile.name },
      justification: input.justification,
      now,
      ...(input.slaMinutes ? { slaMinutes: input.slaMinutes } : {}),
      escalateTo: ESCALATION_CHAIN.filter((a) => !sameApprover(a, decision.approver)),
    });
    const stored = await insertApproval(tx, approval, {
      caseId,
      customerId: d.case.customerId,
      purchaseId: d.customer.purchaseId,
    });
    await insertDecisionLog(tx, {
      ...toLogEntry(decision, { at: now, agentId: profile.id, caseId }),
      customerId: d.case.customerId,
      source: 'approval_request',
    });
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.approval_requested',
        entity: 'authority_approval',
        entityId: stored.id,
        after: {
          caseId,
          decision: decisionSummary(decision),
          justification: stored.justification,
          approvers: stored.approvers,
          deadline: stored.deadline,
        },
      },
    ]);
    return stored;
  });
  ctx.events.publish([
    {
      type: 'authority.approval_requested',
      actor: ctx.actor,
      at: now,
      data: {
        approvalId: approval.id,
        caseId,
        customerId: approval.customerId,
        actionType: approval.actionType,
        amount: approval.amount,
        approver: approval.approvers[0],
        deadline: approval.deadline,
      },
    },
  ]);
  return approval;
}
