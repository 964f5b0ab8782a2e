import { InvalidTransition, NotAuthorized } from '../errors.ts';
import type { ActionRequest } from './catalogue.ts';
import { type Approver, approverName, type NeedsApproval } from './decision.ts';
import { JustificationRequired, SelfApproval } from './errors.ts';
import type { LimitState } from './limits.ts';
import type { Money } from './money.ts';
import type { PersonRef } from './people.ts';

export type ApprovalStatus = 'pending' | 'escalated' | 'approved' | 'rejected' | 'expired';

export const DEFAULT_APPROVAL_SLA_MINUTES = 15;
export const MIN_APPROVAL_JUSTIFICATION = 15;
const MINUTE_MS = 60_000;

/** A person acting on an approval, with the role they act in. */
export interface Actor extends PersonRef {
  readonly role: string;
}

export interface ApprovalResolution {
  readonly by: PersonRef;
  readonly at: Date;
  readonly note: string;
}

export interface ApprovalRequest {
  readonly id: string;
  readonly status: ApprovalStatus;
  readonly request: ActionRequest;
  readonly actionType: string;
  readonly amount: Money | null;
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly limit: LimitState;
  readonly requester: PersonRef;
  readonly justification: string;
  /** Approvers in order: the first is asked first, the next ones on each missed deadline. */
  readonly approvers: readonly Approver[];
  readonly level: number;
  readonly requestedAt: Date;
  /** Inclusive: an answer at exactly the deadline is on time. */
  readonly deadline: Date;
  readonly slaMinutes: number;
  readonly resolution: ApprovalResolution | null;
}

function isRequester(approver: Approver, requester: PersonRef): boolean {
  return approver.kind === 'person' && approver.person.id === requester.id;
}

export interface ApprovalRequestInput {
  readonly id: string;
  readonly decision: NeedsApproval;
  readonly request: ActionRequest;
  readonly requester: PersonRef;
  readonly justification: string;
  readonly now: Date;
  readonly slaMinutes?: number;
  /** Who is asked when the first approver misses the deadline (e.g. the manager, then the head of service). */
  readonly escalateTo?: readonly Approver[];
}

/** Opens an approval for a `needs_approval` decision; nobody is ever asked to approve their own request. */
export function requestApproval(input: ApprovalRequestInput): ApprovalRequest {
  if (input.justification.trim().length < MIN_APPROVAL_JUSTIFICATION) {
    throw new JustificationRequired('ask for approval', MIN_APPROVAL_JUSTIFICATION);
  }
  const approvers = [input.decision.approver, ...(input.escalateTo ?? [])].filter(
    (a) => !isRequester(a, input.requester),
  );
  if (approvers.length === 0) throw new SelfApproval(input.id, input.requester.id);
  const slaMinutes = input.slaMinutes ?? DEFAULT_APPROVAL_SLA_MINUTES;
  return {
    id: input.id,
    status: 'pending',
    request: input.request,
    actionType: input.decision.actionType,
    amount: input.decision.amount,
    ruleId: input.decision.rule.id,
    ruleVersion: input.decision.rule.version,
    limit: input.decision.limit,
    requester: input.requester,
    justification: input.justification.trim(),
    approvers,
    level: 0,
    requestedAt: input.now,
    deadline: new Date(input.now.getTime() + slaMinutes * MINUTE_MS),
    slaMinutes,
    resolution: null,
  };
}

export function currentApprover(approval: ApprovalRequest): Approver {
  return approval.approvers[approval.level] ?? approval.approvers[0]!;
}

function mayDecide(approval: ApprovalRequest, actor: Actor): boolean {
  // Anyone asked so far may still answer: escalation adds approvers, it does not remove them.
  return approval.approvers
    .slice(0, approval.level + 1)
    .some((a) => (a.kind === 'person' ? a.person.id === actor.id : a.role === actor.role));
}

function resolve(
  approval: ApprovalRequest,
  to: 'approved' | 'rejected',
  actor: Actor,
  now: Date,
  note: string,
) {
  if (approval.status !== 'pending' && approval.status !== 'escalated') {
    throw new InvalidTransition('approval', approval.status, to);
  }
  if (actor.id === approval.requester.id) throw new SelfApproval(approval.id, actor.id);
  if (!mayDecide(approval, actor)) {
    throw new NotAuthorized(
      `approval.${to}`,
      `${actor.name} is not an approver for this request; ${approverName(currentApprover(approval))} is.`,
    );
  }
  return {
    ...approval,
    status: to,
    resolution: { by: { id: actor.id, name: actor.name }, at: now, note: note.trim() },
  };
}

export function approveRequest(
  approval: ApprovalRequest,
  actor: Actor,
  now: Date,
  note = '',
): ApprovalRequest {
  return resolve(approval, 'approved', actor, now, note);
}

/** A rejection always says why, so the agent can tell the customer something true. */
export function rejectRequest(
  approval: ApprovalRequest,
  actor: Actor,
  now: Date,
  note: string,
): ApprovalRequest {
  if (note.trim().length < MIN_APPROVAL_JUSTIFICATION)
    throw new JustificationRequired('reject', MIN_APPROVAL_JUSTIFICATION);
  return resolve(approval, 'rejected', actor, now, note);
}

export type EscalationDecision =
  | { readonly action: 'none'; readonly reason: 'resolved' | 'on_time'; readonly deadline: Date }
  | { readonly action: 'escalate'; readonly to: Approver; readonly level: number; readonly deadline: Date }
  | { readonly action: 'expire' };

/** Run by the SLA sweep: past the deadline, ask the next approver, or expire when none is left. */
export function decideApprovalEscalation(approval: ApprovalRequest, now: Date): EscalationDecision {
  if (approval.status !== 'pending' && approval.status !== 'escalated') {
    return { action: 'none', reason: 'resolved', deadline: approval.deadline };
  }
  if (now.getTime() <= approval.deadline.getTime())
    return { action: 'none', reason: 'on_time', deadline: approval.deadline };
  const level = approval.level + 1;
  const to = approval.approvers[level];
  if (!to) return { action: 'expire' };
  return {
    action: 'escalate',
    to,
    level,
    deadline: new Date(now.getTime() + approval.slaMinutes * MINUTE_MS),
  };
}

export function applyEscalation(
  approval: ApprovalRequest,
  decision: EscalationDecision,
  now: Date,
): ApprovalRequest {
  switch (decision.action) {
    case 'none':
      return approval;
    case 'expire':
      if (approval.status !== 'pending' && approval.status !== 'escalated') {
        throw new InvalidTransition('approval', approval.status, 'expired');
      }
      return {
        ...approval,
        status: 'expired',
        resolution: {
          by: { id: 'system', name: 'Approval SLA' },
          at: now,
          note: 'No approver answered in time.',
        },
      };
    case 'escalate':
      if (approval.status !== 'pending' && approval.status !== 'escalated') {
        throw new InvalidTransition('approval', approval.status, 'escalated');
      }
      return { ...approval, status: 'escalated', level: decision.level, deadline: decision.deadline };
  }
}

/**
 * An approved request authorises exactly what was asked: the same action type, customer and
 * amount. Anything else needs its own decision.
 */
export function approvalCovers(
  approval: ApprovalRequest,
  request: ActionRequest,
  amount: Money | null,
): boolean {
  return (
    approval.status === 'approved' &&
    approval.request.actionType === request.actionType &&
    approval.request.customerId === request.customerId &&
    (approval.amount?.amountMinor ?? null) === (amount?.amountMinor ?? null) &&
    (approval.amount?.currency ?? null) === (amount?.currency ?? null)
  );
}
