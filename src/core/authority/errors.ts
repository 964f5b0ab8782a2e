import { InvalidInput, RuleViolation } from '../errors.ts';

/** A validation problem pinned to a field, shaped like the HTTP layer's `errors[{path, message}]`. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export class InvalidAmount extends InvalidInput {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('authority.invalid_amount', message, details);
  }
}

export class CurrencyMismatch extends InvalidInput {
  constructor(expected: string, actual: string, where: string) {
    super(
      'authority.currency_mismatch',
      `${where} is in ${expected} but ${actual} was given; amounts are never converted silently.`,
      { expected, actual, where },
    );
  }
}

export class UnknownAction extends InvalidInput {
  constructor(actionType: string) {
    super('authority.unknown_action', `There is no action type "${actionType}" in the catalogue.`, {
      actionType,
    });
  }
}

export class InvalidActionRequest extends InvalidInput {
  constructor(actionType: string, errors: readonly FieldProblem[]) {
    super('authority.invalid_request', `The ${actionType} request is incomplete or invalid.`, {
      actionType,
      errors,
    });
  }
}

export class InvalidCatalogue extends InvalidInput {
  constructor(errors: readonly FieldProblem[]) {
    super('authority.invalid_catalogue', 'The action catalogue is invalid.', { errors });
  }
}

export class InvalidRule extends InvalidInput {
  constructor(ruleId: string, errors: readonly FieldProblem[]) {
    super(
      'authority.invalid_rule',
      `Rule ${ruleId} cannot be saved: ${errors.map((e) => e.message).join(' ')}`,
      {
        ruleId,
        errors,
      },
    );
  }
}

export class InvalidTimeZone extends InvalidInput {
  constructor(timeZone: string) {
    super('authority.invalid_time_zone', `"${timeZone}" is not a known IANA time zone.`, { timeZone });
  }
}

export class JustificationRequired extends InvalidInput {
  constructor(what: string, minLength: number) {
    super(
      'authority.justification_required',
      `A written justification of at least ${minLength} characters is required to ${what}.`,
      { what, minLength },
    );
  }
}

export class SelfApproval extends RuleViolation {
  constructor(approvalId: string, personId: string) {
    super('authority.self_approval', 'You cannot approve or reject your own request; another person must.', {
      approvalId,
      personId,
    });
  }
}

export class OverrideNotAllowed extends RuleViolation {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super('authority.override_not_allowed', reason, details);
  }
}
