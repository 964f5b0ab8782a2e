import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { evaluateAction } from './evaluate.ts';
import {
  type DecisionLogEntry,
  heldPerDay,
  reportAgentAuthority,
  reportByRule,
  toLogEntry,
} from './reports.ts';
import { buildContext, buildRule, credit, eur } from './testing.ts';

const at = new Date('2026-03-10T14:00:00Z');
const entry = (
  ruleId: string | null,
  outcome: DecisionLogEntry['outcome'],
  caseId: string,
  overridden = false,
): DecisionLogEntry => ({
  at,
  agentId: 'a-alice',
  caseId,
  actionType: 'goodwill_credit',
  ruleId,
  ruleVersion: ruleId ? 1 : null,
  outcome,
  overridden,
  amount: null,
});

describe('reportByRule', () => {
  const log = [
    entry('r-a', 'allowed', 'c1'),
    entry('r-a', 'allowed', 'c2'),
    entry('r-a', 'needs_approval', 'c3', true),
    entry('r-a', 'denied', 'c3'),
    entry('r-b', 'denied', 'c4'),
    entry(null, 'denied', 'c5'),
  ];
  const outcomes = [
    { caseId: 'c1', csat: 5, repeatContact: false },
    { caseId: 'c2', csat: 4, repeatContact: true },
    { caseId: 'c3', csat: null, repeatContact: true },
    { caseId: 'c4', csat: 1, repeatContact: true },
  ];

  it('counts outcomes and overrides and joins case results per rule', () => {
    expect(reportByRule(log, outcomes)).toEqual([
      {
        ruleId: 'r-a',
        allowed: 2,
        needsApproval: 1,
        denied: 1,
        overridden: 1,
        total: 4,
        cases: 3,
        csatResponses: 2,
        csatAverage: 4.5,
        casesWithOutcome: 3,
        repeatContactRate: 0.67,
      },
      expect.objectContaining({ ruleId: 'r-b', denied: 1, csatAverage: 1, repeatContactRate: 1 }),
      expect.objectContaining({ ruleId: null, denied: 1, csatAverage: null, repeatContactRate: null }),
    ]);
  });

  it('builds log entries straight from decisions', () => {
    const decision = evaluateAction(credit('10.00 EUR'), buildContext(), at);
    expect(toLogEntry(decision, { at, agentId: 'a-alice', caseId: 'case-1' })).toMatchObject({
      ruleId: 'r-goodwill-agents',
      ruleVersion: 1,
      outcome: 'allowed',
      overridden: false,
      amount: eur('10.00 EUR'),
    });
  });
});

describe('reportAgentAuthority', () => {
  const rule = buildRule({ limits: { perAgentDay: { maxAmount: eur('100.00 EUR'), maxActions: 10 } } });
  const executed = [
    {
      actionType: 'goodwill_credit',
      customerId: 'c1',
      agentId: 'a-alice',
      executedAt: at,
      amount: eur('30.00 EUR'),
    },
    {
      actionType: 'goodwill_credit',
      customerId: 'c2',
      agentId: 'a-alice',
      executedAt: at,
      amount: eur('45.00 EUR'),
    },
    { actionType: 'refund', customerId: 'c2', agentId: 'a-alice', executedAt: at, amount: eur('45.00 EUR') },
  ];

  it('compares authority used with authority held over the period', () => {
    const rows = reportAgentAuthority(
      executed,
      [
        heldPerDay('a-alice', 'goodwill_credit', rule),
        heldPerDay('a-bob', 'goodwill_credit', rule),
        heldPerDay('a-alice', 'upgrade', null),
      ],
      5,
    );
    expect(rows).toEqual([
      {
        agentId: 'a-alice',
        actionType: 'goodwill_credit',
        usedAmountMinor: 7500,
        usedActions: 2,
        heldAmountMinor: 50000,
        heldActions: 50,
        currency: 'EUR',
        amountUtilisation: 0.15,
        actionUtilisation: 0.04,
      },
      expect.objectContaining({ agentId: 'a-bob', usedAmountMinor: 0, amountUtilisation: 0 }),
      expect.objectContaining({
        agentId: 'a-alice',
        actionType: 'upgrade',
        heldAmountMinor: null,
        amountUtilisation: null,
      }),
    ]);
  });

  it('refuses to compare usage and authority in different currencies', () => {
    const usd = [{ ...executed[0]!, amount: eur('30.00 USD') }];
    expect(() => reportAgentAuthority(usd, [heldPerDay('a-alice', 'goodwill_credit', rule)], 1)).toThrow(
      DomainError,
    );
  });
});
