import type { Actor } from './approvals.ts';
import type { ActionRequest } from './catalogue.ts';
import type { Decision } from './decision.ts';
import { JustificationRequired, OverrideNotAllowed } from './errors.ts';
import type { LimitState } from './limits.ts';
import type { Money } from './money.ts';
import type { PersonRef } from './people.ts';

export const MIN_OVERRIDE_JUSTIFICATION = 30;

/** An override is legitimate and visible: it always goes back to the rule's owner. */
export interface OverrideRecord {
  readonly id: string;
  readonly request: ActionRequest;
  readonly actionType: string;
  readonly amount: Money | null;
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly overriddenOutcome: 'needs_approval' | 'denied';
  readonly limit: LimitState | null;
  readonly by: Actor;
  readonly forAgent: PersonRef;
  readonly justification: string;
  readonly at: Date;
  readonly reportTo: PersonRef;
  readonly reportedAt: Date | null;
}

export interface OverrideInput {
  readonly id: string;
  readonly decision: Decision;
  readonly request: ActionRequest;
  readonly by: Actor;
  readonly forAgent: PersonRef;
  readonly justification: string;
  readonly now: Date;
}

export function overrideDecision(input: OverrideInput): OverrideRecord {
  const { decision, by } = input;
  if (decision.outcome === 'allowed') {
    throw new OverrideNotAllowed('This action is already allowed; there is nothing to override.');
  }
  if (decision.outcome === 'denied' && decision.cause === 'no_rule') {
    throw new OverrideNotAllowed(
      `No rule covers this action, so there is nothing to override; ask ${decision.owner.name}, who owns it.`,
      { owner: decision.owner },
    );
  }
  const rule = decision.rule;
  if (!rule) throw new OverrideNotAllowed('This decision names no rule to override.');
  if (!rule.override.allowed) {
    throw new OverrideNotAllowed(
      `Rule "${rule.name}" cannot be overridden; ask ${rule.owner.name}, who owns it.`,
      {
        ruleId: rule.id,
        owner: rule.owner,
      },
    );
  }
  if (!rule.override.roles.includes(by.role)) {
    throw new OverrideNotAllowed(
      `Only ${rule.override.roles.join(' or ')} may override rule "${rule.name}"; you act as ${by.role}.`,
      { ruleId: rule.id, roles: rule.override.roles, role: by.role },
    );
  }
  if (input.justification.trim().length < MIN_OVERRIDE_JUSTIFICATION) {
    throw new JustificationRequired('override a rule', MIN_OVERRIDE_JUSTIFICATION);
  }
  return {
    id: input.id,
    request: input.request,
    actionType: decision.actionType,
    amount: decision.amount,
    ruleId: rule.id,
    ruleVersion: rule.version,
    overriddenOutcome: decision.outcome,
    limit: decision.limit ?? null,
    by,
    forAgent: input.forAgent,
    justification: input.justification.trim(),
    at: input.now,
    reportTo: rule.owner,
    reportedAt: null,
  };
}

/** Idempotent, so a retried notification job does not move the date. */
export function markOverrideReported(record: OverrideRecord, now: Date): OverrideRecord {
  return record.reportedAt ? record : { ...record, reportedAt: now };
}
