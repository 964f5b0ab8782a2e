import { InvalidInput, RuleViolation } from '../errors.ts';

/** A calendar that cannot be used: unknown time zone, malformed hours, or never open. */
export class InvalidCalendar extends InvalidInput {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super('standards.invalid_calendar', reason, details);
  }
}

/** A duration or instant that makes no sense for a service standard (negative, not a number). */
export class InvalidStandardInput extends InvalidInput {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A worked case must keep exactly one accountable owner: it can be transferred, never dropped. */
export class OwnerRequired extends RuleViolation {
  constructor(caseId: string, ownerId: string | null) {
    super(
      'standards.owner_required',
      `Case ${caseId} has been worked and must keep an owner; transfer it instead.`,
      {
        caseId,
        ownerId,
      },
    );
  }
}

/** An owner hands a case over only once the receiver accepts (a lead may transfer directly). */
export class TransferNeedsAcceptance extends RuleViolation {
  constructor(caseId: string, from: string | null, to: string) {
    super(
      'standards.transfer_needs_acceptance',
      `${to} has to accept case ${caseId} before it changes hands.`,
      {
        caseId,
        from,
        to,
      },
    );
  }
}

/** Only the owner (or a lead) moves a case; everyone else asks. */
export class NotCaseOwner extends RuleViolation {
  constructor(caseId: string, actorId: string, ownerId: string | null) {
    super('standards.not_owner', `Only the owner of case ${caseId} or a lead can hand it over.`, {
      caseId,
      actorId,
      ownerId,
    });
  }
}

/** Transferring a case to the agent who already owns it is almost always a mistake in the caller. */
export class AlreadyOwner extends RuleViolation {
  constructor(caseId: string, ownerId: string) {
    super('standards.already_owner', `${ownerId} already owns case ${caseId}.`, { caseId, ownerId });
  }
}

/** Unassigning a case nobody owns is a caller mistake, not a no-op to hide. */
export class NotAssigned extends RuleViolation {
  constructor(caseId: string) {
    super('standards.not_assigned', `Case ${caseId} has no owner to remove.`, { caseId });
  }
}

/** The case changed hands after the handover was offered, so the offer no longer holds. */
export class HandoverStale extends RuleViolation {
  constructor(caseId: string, offeredBy: string | null, ownerId: string | null) {
    super(
      'standards.handover_stale',
      `Case ${caseId} changed hands since the handover was offered; ask again.`,
      {
        caseId,
        offeredBy,
        ownerId,
      },
    );
  }
}

/** Only the agent a handover was offered to can accept it. */
export class NotHandoverReceiver extends RuleViolation {
  constructor(caseId: string, actorId: string, receiverId: string) {
    super('standards.not_receiver', `Only ${receiverId} can accept the handover of case ${caseId}.`, {
      caseId,
      actorId,
      receiverId,
    });
  }
}
