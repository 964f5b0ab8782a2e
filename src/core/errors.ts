/**
 * Every failure the domain can name. Core code throws only these; `src/http/problem.ts` maps
 * each `code` prefix to an HTTP status, and the CLI maps them to exit code 1.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class NotFound extends DomainError {
  constructor(entity: string, id: string | number) {
    super(`${entity}.not_found`, `${capitalize(entity)} ${id} was not found.`, { entity, id });
  }
}

export class NotAuthorized extends DomainError {
  constructor(action: string, reason: string) {
    super('auth.forbidden', reason, { action });
  }
}

export class InvalidInput extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

export class InvalidTransition extends DomainError {
  constructor(entity: string, from: string, to: string) {
    super(`${entity}.invalid_transition`, `A ${entity} cannot go from ${from} to ${to}.`, { from, to });
  }
}

export class Conflict extends DomainError {
  constructor(entity: string, expectedVersion: number, actualVersion: number, changedBy?: string) {
    super(
      `${entity}.version_conflict`,
      `This ${entity} was changed${changedBy ? ` by ${changedBy}` : ''} since you loaded it (version ${actualVersion}, you had ${expectedVersion}). Reload and try again.`,
      { expectedVersion, actualVersion, changedBy },
    );
  }
}

export class RuleViolation extends DomainError {}

export class AuthorityLimitExceeded extends DomainError {
  constructor(action: string, requested: number, limit: number, approver: string) {
    super('authority.limit_exceeded', `${action} of ${requested} is over your limit of ${limit}.`, {
      action,
      requested,
      limit,
      approver,
    });
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
