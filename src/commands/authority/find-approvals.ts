import { can } from '../../core/access/roles.ts';
import type { ApprovalStatus } from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import {
  findApprovals as findStoredApprovals,
  loadApproval,
  type StoredApproval,
} from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';
import { escalateOverdueApprovals } from './escalate-approvals.ts';

export type ApprovalView = 'queue' | 'mine' | 'case';

const OPEN: ApprovalStatus[] = ['pending', 'escalated'];

/**
 * `queue`: what the actor may decide now (by person or by role), overdue ones escalated first.
 * `mine`: what the actor asked for. `case`: every request on one case.
 */
export async function findApprovals(
  ctx: CommandContext,
  filter: {
    view: ApprovalView;
    status?: ApprovalStatus | 'open' | undefined;
    caseId?: string;
    limit: number;
  },
): Promise<StoredApproval[]> {
  authorize(ctx.actor, 'authority.act');
  if (filter.view === 'queue') {
    authorize(ctx.actor, 'authority.approve');
    await escalateOverdueApprovals(ctx, { authorized: true });
  }
  const statuses: ApprovalStatus[] =
    !filter.status || filter.status === 'open'
      ? filter.view === 'queue'
        ? OPEN
        : ['pending', 'escalated', 'approved', 'rejected', 'expired']
      : filter.status === 'pending'
        ? OPEN
        : [filter.status];
  return findStoredApprovals(ctx.db.db, {
    statuses,
    limit: filter.limit,
    ...(filter.view === 'queue' ? { decidableBy: { id: ctx.actor.id, role: ctx.actor.role } } : {}),
    ...(filter.view === 'mine' ? { requesterId: ctx.actor.id } : {}),
    ...(filter.view === 'case' && filter.caseId ? { caseId: filter.caseId } : {}),
  });
}

export async function getApproval(ctx: CommandContext, id: string): Promise<StoredApproval> {
  authorize(ctx.actor, 'authority.act');
  const found = await loadApproval(ctx.db.db, id);
  if (!found) throw new NotFound('approval', id);
  // Agents see their own requests; approvers see all.
  if (found.requester.id !== ctx.actor.id && !can(ctx.actor.role, 'authority.approve')) {
    authorize(ctx.actor, 'authority.approve');
  }
  return found;
}
