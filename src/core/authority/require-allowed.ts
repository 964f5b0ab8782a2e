import { AuthorityLimitExceeded, RuleViolation } from '../errors.ts';
import { type Allowed, approverName, type Decision } from './decision.ts';

/**
 * For commands that execute an action: passes an `allowed` decision through and turns anything
 * else into the matching DomainError, keeping rule, owner and approver in its details.
 */
export function requireAllowed(decision: Decision): Allowed {
  if (decision.outcome === 'allowed') return decision;
  if (decision.outcome === 'needs_approval') {
    const requested =
      decision.limit.measure === 'amount' ? decision.limit.requested.amountMinor : decision.limit.requested;
    const limit =
      decision.limit.measure === 'amount' ? decision.limit.limit.amountMinor : decision.limit.limit;
    throw new AuthorityLimitExceeded(decision.actionType, requested, limit, approverName(decision.approver));
  }
  throw new RuleViolation('authority.denied', decision.reason, {
    cause: decision.cause,
    ruleId: decision.rule?.id ?? null,
    ruleVersion: decision.rule?.version ?? null,
    owner: decision.owner,
  });
}
