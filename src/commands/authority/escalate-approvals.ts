import { applyEscalation, decideApprovalEscalation } from '../../core/authority/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { lockOverdueApprovals, saveApproval } from '../../db/repositories/authority-workflow.ts';
import type { DomainEvent } from '../../events.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface EscalationResult {
  escalated: string[];
  expired: string[];
}

/**
 * The approval SLA sweep: every open approval past its deadline goes to the next approver with a
 * fresh deadline, or expires when nobody is left. Idempotent (a second run finds nothing overdue)
 * and safe to run concurrently (rows are locked with SKIP LOCKED). Today it runs lazily before the
 * approvals queue is read and on POST /authority/approvals/escalate-overdue; the durable job queue
 * will run this same function on a schedule.
 */
export async function escalateOverdueApprovals(
  ctx: CommandContext,
  options: { authorized?: boolean; limit?: number } = {},
): Promise<EscalationResult> {
  if (!options.authorized) authorize(ctx.actor, 'authority.approve');
  const now = ctx.clock.now();
  const events: DomainEvent[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const overdue = await lockOverdueApprovals(tx, now, options.limit ?? 200);
    const out: EscalationResult = { escalated: [], expired: [] };
    for (const current of overdue) {
      const decision = decideApprovalEscalation(current, now);
      if (decision.action === 'none') continue;
      const next = applyEscalation(current, decision, now);
      await saveApproval(tx, next);
      (decision.action === 'escalate' ? out.escalated : out.expired).push(current.id);
      await appendAudit(tx, ctx.actor, ctx.requestId, [
        {
          action:
            decision.action === 'escalate' ? 'authority.approval_escalated' : 'authority.approval_expired',
          entity: 'authority_approval',
          entityId: current.id,
          before: { status: current.status, level: current.level, deadline: current.deadline },
          after: { status: next.status, level: next.level, deadline: next.deadline, by: 'approval SLA' },
        },
      ]);
      events.push({
        type: decision.action === 'escalate' ? 'authority.approval_escalated' : 'authority.approval_expired',
        actor: ctx.actor,
        at: now,
        data: {
          approvalId: current.id,
          caseId: current.caseId,
          ...(decision.action === 'escalate' ? { to: decision.to, deadline: decision.deadline } : {}),
        },
      });
    }
    return out;
  });
  ctx.events.publish(events);
  return result;
}
