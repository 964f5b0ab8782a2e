import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  answerFriction,
  type FrictionReport,
  flagRule,
  isFrictionOverdue,
  withdrawFriction,
} from './friction.ts';
import { buildRule, dana } from './testing.ts';

const now = new Date('2026-03-10T14:00:00Z');
const alice = { id: 'a-alice', name: 'Alice Martin' };
const reason = 'Customer with a lost parcel needed 60 EUR, the limit is 50 EUR.';
const response = 'Raising the per-action limit to 75 EUR from next month.';
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

function flag(overrides: Partial<Parameters<typeof flagRule>[0]> = {}): FrictionReport {
  return flagRule({
    id: 'fr-1',
    rule: buildRule(),
    reporter: alice,
    reason,
    caseIds: ['case-1', 'case-2', 'case-1'],
    now,
    ...overrides,
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not-a-domain-error';
  }
  return undefined;
}

describe('friction reports', () => {
  it('opens a report addressed to the rule owner with its cases, due in 7 days', () => {
    expect(flag()).toMatchObject({
      status: 'open',
      owner: dana,
      ruleId: 'r-goodwill-agents',
      ruleVersion: 1,
      caseIds: ['case-1', 'case-2'],
      answerDueAt: days(7),
    });
  });

  it.each([
    ['the reason is too short', () => flag({ reason: 'annoying' }), 'authority.friction_reason_required'],
    ['no case is given', () => flag({ caseIds: [' '] }), 'authority.friction_cases_required'],
  ] as const)('refuses to open a report when %s', (_, act, code) => {
    expect(codeOf(act)).toBe(code);
  });

  it.each(['keep', 'change', 'retire'] as const)('lets the owner answer %s with a response', (verdict) => {
    expect(answerFriction(flag(), { by: dana, verdict, response, now: days(2) })).toMatchObject({
      status: 'answered',
      answer: { verdict, response, by: dana, at: days(2) },
    });
  });

  it.each([
    [
      'someone other than the owner answers',
      () => answerFriction(flag(), { by: alice, verdict: 'keep', response, now }),
      'auth.forbidden',
    ],
    [
      'the answer gives no reasons',
      () => answerFriction(flag(), { by: dana, verdict: 'keep', response: 'No.', now }),
      'authority.friction_response_required',
    ],
    [
      'an answered report is answered again',
      () =>
        answerFriction(answerFriction(flag(), { by: dana, verdict: 'keep', response, now }), {
          by: dana,
          verdict: 'retire',
          response,
          now,
        }),
      'friction_report.invalid_transition',
    ],
    [
      'a withdrawn report is answered',
      () =>
        answerFriction(withdrawFriction(flag(), alice, now), { by: dana, verdict: 'keep', response, now }),
      'friction_report.invalid_transition',
    ],
    ['someone else withdraws the report', () => withdrawFriction(flag(), dana, now), 'auth.forbidden'],
  ] as const)('refuses when %s', (_, act, code) => {
    expect(codeOf(act)).toBe(code);
  });

  it.each([
    ['exactly at the due time', days(7), false],
    ['one second after the due time', new Date(days(7).getTime() + 1000), true],
  ] as const)('is not overdue until after the due time: %s', (_, at, overdue) => {
    expect(isFrictionOverdue(flag(), at)).toBe(overdue);
  });

  it('is never overdue once answered', () => {
    expect(
      isFrictionOverdue(answerFriction(flag(), { by: dana, verdict: 'keep', response, now }), days(30)),
    ).toBe(false);
  });
});
