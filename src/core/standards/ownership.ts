import { type EpochMs, type Instant, toEpochMs } from './business-calendar.ts';
import {
  AlreadyOwner,
  HandoverStale,
  NotAssigned,
  NotCaseOwner,
  NotHandoverReceiver,
  OwnerRequired,
  TransferNeedsAcceptance,
} from './errors.ts';

export type StaffRole = 'agent' | 'lead' | 'manager';

export interface StaffActor {
  readonly id: string;
  readonly role: StaffRole;
}

export interface OwnershipFacts {
  readonly caseId: string;
  readonly ownerId: string | null;
  /** True once anyone replied, noted or acted on the case: from then on it needs an owner. */
  readonly worked: boolean;
}

export interface Acceptance {
  readonly by: string;
  readonly at: EpochMs;
}

export interface OwnershipDecision {
  readonly kind: 'assigned' | 'transferred' | 'returned_to_queue';
  readonly caseId: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly by: string;
  readonly at: EpochMs;
  /** The receiver's acceptance; null when a lead decided or an agent took the case. */
  readonly acceptedBy: string | null;
  readonly reason: string | null;
  readonly event: {
    readonly type: 'case.owner_changed';
    readonly caseId: string;
    readonly from: string | null;
    readonly to: string | null;
    readonly actorId: string;
    readonly at: EpochMs;
  };
}

export interface HandoverRequest {
  readonly caseId: string;
  readonly from: string | null;
  readonly to: string;
  readonly requestedBy: string;
  readonly requestedAt: EpochMs;
}

const isLead = (actor: StaffActor) => actor.role === 'lead' || actor.role === 'manager';

function decision(
  kind: OwnershipDecision['kind'],
  facts: OwnershipFacts,
  to: string | null,
  actor: StaffActor,
  at: EpochMs,
  acceptedBy: string | null,
  reason: string | null,
): OwnershipDecision {
  return {
    kind,
    caseId: facts.caseId,
    from: facts.ownerId,
    to,
    by: actor.id,
    at,
    acceptedBy,
    reason,
    event: {
      type: 'case.owner_changed',
      caseId: facts.caseId,
      from: facts.ownerId,
      to,
      actorId: actor.id,
      at,
    },
  };
}

/**
 * Who owns the case next, or a typed refusal:
 * - a worked case is never left without an owner (`standards.owner_required`);
 * - an owner hands over only with the receiver's acceptance (`standards.transfer_needs_acceptance`);
 *   a lead or manager moves cases directly;
 * - only the owner or a lead may move an owned case (`standards.not_owner`);
 * - anyone may take an unowned case for themselves.
 */
export function decideTransfer(
  facts: OwnershipFacts,
  actor: StaffActor,
  request: { readonly to: string | null; readonly acceptance?: Acceptance | null; readonly reason?: string },
  now: Instant,
): OwnershipDecision {
  const at = toEpochMs(now);
  const { to } = request;
  const reason = request.reason ?? null;
  if (to !== null && to === facts.ownerId) throw new AlreadyOwner(facts.caseId, to);
  if (facts.ownerId !== null && !isLead(actor) && actor.id !== facts.ownerId) {
    throw new NotCaseOwner(facts.caseId, actor.id, facts.ownerId);
  }
  if (to === null) {
    if (facts.ownerId === null) throw new NotAssigned(facts.caseId);
    if (facts.worked) throw new OwnerRequired(facts.caseId, facts.ownerId);
    return decision('returned_to_queue', facts, null, actor, at, null, reason);
  }
  const kind = facts.ownerId === null ? 'assigned' : 'transferred';
  if (isLead(actor) || (facts.ownerId === null && to === actor.id)) {
    return decision(kind, facts, to, actor, at, null, reason);
  }
  const acceptance = request.acceptance ?? null;
  if (acceptance?.by !== to) throw new TransferNeedsAcceptance(facts.caseId, facts.ownerId, to);
  return decision(kind, facts, to, actor, at, acceptance.by, reason);
}

/** The pending handover an owner offers; the receiver's acceptance later completes it. */
export function requestHandover(
  facts: OwnershipFacts,
  actor: StaffActor,
  to: string,
  now: Instant,
): HandoverRequest {
  if (to === facts.ownerId) throw new AlreadyOwner(facts.caseId, to);
  if (facts.ownerId !== null && !isLead(actor) && actor.id !== facts.ownerId) {
    throw new NotCaseOwner(facts.caseId, actor.id, facts.ownerId);
  }
  return {
    caseId: facts.caseId,
    from: facts.ownerId,
    to,
    requestedBy: actor.id,
    requestedAt: toEpochMs(now),
  };
}

/**
 * The receiver accepts an offered handover: the case moves to them, with their acceptance on
 * record. Refused when someone else accepts (`standards.not_receiver`) or when the case changed
 * hands since the offer (`standards.handover_stale`).
 */
export function acceptHandover(
  facts: OwnershipFacts,
  actor: StaffActor,
  handover: HandoverRequest,
  now: Instant,
): OwnershipDecision {
  if (handover.caseId !== facts.caseId || handover.from !== facts.ownerId) {
    throw new HandoverStale(facts.caseId, handover.from, facts.ownerId);
  }
  if (actor.id !== handover.to) throw new NotHandoverReceiver(facts.caseId, actor.id, handover.to);
  if (facts.ownerId === handover.to) throw new AlreadyOwner(facts.caseId, handover.to);
  const kind = facts.ownerId === null ? 'assigned' : 'transferred';
  return decision(kind, facts, actor.id, actor, toEpochMs(now), actor.id, 'handover_accepted');
}

/**
 * The first agent to work an unowned case becomes its owner, so no worked case is ever
 * ownerless. Null when the case already has an owner (working it does not move ownership).
 */
export function ownerAfterWork(
  facts: OwnershipFacts,
  actor: StaffActor,
  now: Instant,
): OwnershipDecision | null {
  if (facts.ownerId !== null) return null;
  return decision('assigned', facts, actor.id, actor, toEpochMs(now), null, 'first_worked');
}
