import { InvalidInput, InvalidTransition, NotAuthorized } from '../errors.ts';
import type { PersonRef } from './people.ts';
import type { AuthorityRule } from './rules.ts';
import { DAY_MS } from './time-windows.ts';

export type FrictionStatus = 'open' | 'answered' | 'withdrawn';
export type FrictionVerdict = 'keep' | 'change' | 'retire';

export const MIN_FRICTION_TEXT = 20;
export const DEFAULT_ANSWER_DAYS = 7;

export interface FrictionAnswer {
  readonly verdict: FrictionVerdict;
  readonly response: string;
  readonly by: PersonRef;
  readonly at: Date;
}

/** An agent saying "this rule stopped me helping a customer", addressed to the rule's named owner. */
export interface FrictionReport {
  readonly id: string;
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly owner: PersonRef;
  readonly reporter: PersonRef;
  readonly reason: string;
  readonly caseIds: readonly string[];
  readonly createdAt: Date;
  readonly answerDueAt: Date;
  readonly status: FrictionStatus;
  readonly answer: FrictionAnswer | null;
  readonly withdrawnAt: Date | null;
}

export interface FlagRuleInput {
  readonly id: string;
  readonly rule: AuthorityRule;
  readonly reporter: PersonRef;
  readonly reason: string;
  readonly caseIds: readonly string[];
  readonly now: Date;
  readonly answerWithinDays?: number;
}

export function flagRule(input: FlagRuleInput): FrictionReport {
  if (input.reason.trim().length < MIN_FRICTION_TEXT) {
    throw new InvalidInput(
      'authority.friction_reason_required',
      `Say what happened in at least ${MIN_FRICTION_TEXT} characters.`,
      {
        minLength: MIN_FRICTION_TEXT,
      },
    );
  }
  const caseIds = [...new Set(input.caseIds.map((c) => c.trim()).filter(Boolean))];
  if (caseIds.length === 0) {
    throw new InvalidInput(
      'authority.friction_cases_required',
      'Point to at least one case where the rule got in the way.',
    );
  }
  return {
    id: input.id,
    ruleId: input.rule.id,
    ruleVersion: input.rule.version,
    owner: input.rule.owner,
    reporter: input.reporter,
    reason: input.reason.trim(),
    caseIds,
    createdAt: input.now,
    answerDueAt: new Date(input.now.getTime() + (input.answerWithinDays ?? DEFAULT_ANSWER_DAYS) * DAY_MS),
    status: 'open',
    answer: null,
    withdrawnAt: null,
  };
}

/** Only the owner answers, and the answer is a decision with reasons, never silence. */
export function answerFriction(
  report: FrictionReport,
  answer: {
    readonly by: PersonRef;
    readonly verdict: FrictionVerdict;
    readonly response: string;
    readonly now: Date;
  },
): FrictionReport {
  if (report.status !== 'open') throw new InvalidTransition('friction_report', report.status, 'answered');
  if (answer.by.id !== report.owner.id) {
    throw new NotAuthorized(
      'friction_report.answer',
      `Only ${report.owner.name}, who owns the rule, can answer this report.`,
    );
  }
  if (answer.response.trim().length < MIN_FRICTION_TEXT) {
    throw new InvalidInput(
      'authority.friction_response_required',
      `Explain the decision in at least ${MIN_FRICTION_TEXT} characters.`,
      {
        minLength: MIN_FRICTION_TEXT,
      },
    );
  }
  return {
    ...report,
    status: 'answered',
    answer: { verdict: answer.verdict, response: answer.response.trim(), by: answer.by, at: answer.now },
  };
}

export function withdrawFriction(report: FrictionReport, by: PersonRef, now: Date): FrictionReport {
  if (report.status !== 'open') throw new InvalidTransition('friction_report', report.status, 'withdrawn');
  if (by.id !== report.reporter.id) {
    throw new NotAuthorized(
      'friction_report.withdraw',
      'Only the agent who raised the report can withdraw it.',
    );
  }
  return { ...report, status: 'withdrawn', withdrawnAt: now };
}

/** Overdue once the due instant has passed with no answer. */
export function isFrictionOverdue(report: FrictionReport, now: Date): boolean {
  return report.status === 'open' && now.getTime() > report.answerDueAt.getTime();
}
