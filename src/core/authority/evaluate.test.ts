import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import type { ActionRequest } from './catalogue.ts';
import type { Decision } from './decision.ts';
import { evaluateAction, usageWindowsFor } from './evaluate.ts';
import type { AgentProfile, CustomerSituation } from './people.ts';
import { authoritySummary, remainingAuthority } from './remaining-authority.ts';
import { indexRules } from './rule-index.ts';
import type { AuthorityRule } from './rules.ts';
import {
  buildAgent,
  buildContext,
  buildCustomer,
  buildRule,
  credit,
  dana,
  eur,
  headOfService,
} from './testing.ts';
import { DAY_MS } from './time-windows.ts';
import { type ExecutedAction, NO_USAGE, sumUsage, type UsageSums } from './usage.ts';

const now = new Date('2026-03-10T14:00:00Z');
const mia = { id: 'p-mia', name: 'Mia Laurent' };

const rules: AuthorityRule[] = [
  buildRule({
    id: 'r-credit-agent',
    limits: {
      perAction: eur('50.00 EUR'),
      perCustomer: { periodDays: 30, maxAmount: eur('100.00 EUR') },
      perAgentDay: { maxAmount: eur('200.00 EUR') },
    },
  }),
  buildRule({
    id: 'r-credit-lead',
    name: 'Goodwill credit for leads',
    scope: { role: 'lead' },
    limits: { perAction: eur('200.00 EUR') },
    approval: { by: 'role', role: 'manager' },
    override: { allowed: true, roles: ['manager'] },
  }),
  buildRule({
    id: 'r-warranty-receipt',
    name: 'Warranty exchange with receipt',
    actionType: 'warranty_exchange',
    conditions: { underWarranty: true, receiptOnFile: true },
    limits: { perAction: eur('500.00 EUR') },
  }),
  buildRule({
    id: 'r-warranty-no-receipt',
    name: 'Warranty exchange without receipt for valued customers',
    actionType: 'warranty_exchange',
    conditions: { underWarranty: true, receiptOnFile: false, minLifetimeValue: eur('1000.00 EUR') },
    limits: { perAction: eur('500.00 EUR') },
    rationale: 'Customers who have spent over 1,000 EUR with us rarely game warranty claims.',
  }),
  buildRule({
    id: 'r-callback',
    name: 'Callback promises',
    actionType: 'callback_promise',
    limits: { perAgentDay: { maxActions: 3 } },
    override: { allowed: false, roles: [] },
  }),
  buildRule({
    id: 'r-fee-lyon',
    name: 'Fee waivers at Lyon',
    actionType: 'fee_waiver',
    scope: { siteId: 's-lyon' },
    limits: { perAction: eur('20.00 EUR') },
    approval: { by: 'none' },
    override: { allowed: false, roles: [] },
  }),
  buildRule({
    id: 'r-upgrade-gold',
    name: 'Upgrades for gold customers',
    actionType: 'upgrade',
    conditions: { tiers: ['gold', 'platinum'], minTenureDays: 365, maxOpenProblems: 1 },
    limits: { perCustomer: { periodDays: 90, maxActions: 1 } },
  }),
];
const book = indexRules(rules);

function decide(
  request: ActionRequest,
  opts: {
    agent?: Partial<AgentProfile>;
    customer?: Partial<CustomerSituation>;
    usage?: UsageSums;
    at?: Date;
  } = {},
): Decision {
  return evaluateAction(
    request,
    buildContext({
      agent: buildAgent(opts.agent),
      customer: buildCustomer(opts.customer),
      rules: book,
      usage: opts.usage ?? NO_USAGE,
    }),
    opts.at ?? now,
  );
}

const warranty = (amount: string): ActionRequest => ({
  actionType: 'warranty_exchange',
  customerId: 'c-1',
  params: { amount, product: 'phone-x2', fault: 'Screen stays black' },
});
const callback: ActionRequest = {
  actionType: 'callback_promise',
  customerId: 'c-1',
  params: { window: 'today 16-18h' },
};
const upgrade: ActionRequest = {
  actionType: 'upgrade',
  customerId: 'c-1',
  params: { product: 'plan-basic', to: 'plan-plus', reason: 'Outage last week' },
};
const feeWaiver = (amount: string): ActionRequest => ({
  actionType: 'fee_waiver',
  customerId: 'c-1',
  params: { amount, reason: 'First late payment', fee: 'late_payment' },
});
const used = (customer: string, agentToday: string, actions = 0): UsageSums => ({
  customerInPeriod: { amount: eur(customer), actions },
  agentToday: { amount: eur(agentToday), actions },
});
const veteranGold = { tier: 'gold', customerSince: new Date('2024-03-10T14:00:00Z'), openProblems: 1 };

describe('evaluateAction: role × action × customer situation', () => {
  it.each([
    ['an agent may credit 20.00 EUR', credit('20.00 EUR'), {}, 'allowed', 'r-credit-agent'],
    [
      'an agent needs the owner to approve a 60.00 EUR credit',
      credit('60.00 EUR'),
      {},
      'needs_approval',
      'r-credit-agent',
    ],
    [
      'a lead may credit 150.00 EUR',
      credit('150.00 EUR'),
      { agent: { role: 'lead' } },
      'allowed',
      'r-credit-lead',
    ],
    [
      'a lead needs a manager for 250.00 EUR',
      credit('250.00 EUR'),
      { agent: { role: 'lead' } },
      'needs_approval',
      'r-credit-lead',
    ],
    [
      'a supervisor with no rule is denied a credit',
      credit('1.00 EUR'),
      { agent: { role: 'supervisor' } },
      'denied',
      null,
    ],
    [
      'an agent may exchange a device under warranty with a receipt',
      warranty('300.00 EUR'),
      { customer: { underWarranty: true, receiptOnFile: true } },
      'allowed',
      'r-warranty-receipt',
    ],
    [
      'an agent may exchange a device under warranty without a receipt for a customer worth 1,000 EUR',
      warranty('300.00 EUR'),
      { customer: { underWarranty: true, receiptOnFile: false, lifetimeValue: eur('1000.00 EUR') } },
      'allowed',
      'r-warranty-no-receipt',
    ],
    [
      'an agent may not exchange without a receipt for a customer worth 999.99 EUR',
      warranty('300.00 EUR'),
      { customer: { underWarranty: true, receiptOnFile: false, lifetimeValue: eur('999.99 EUR') } },
      'denied',
      'r-warranty-no-receipt',
    ],
    [
      'an agent may not exchange a device out of warranty',
      warranty('300.00 EUR'),
      { customer: { underWarranty: false } },
      'denied',
      'r-warranty-no-receipt',
    ],
    [
      'an agent may promise a third callback today',
      callback,
      { usage: used('0 EUR', '0 EUR', 2) },
      'allowed',
      'r-callback',
    ],
    [
      'an agent needs approval for a fourth callback today',
      callback,
      { usage: used('0 EUR', '0 EUR', 3) },
      'needs_approval',
      'r-callback',
    ],
    ['a Lyon agent may waive a 20.00 EUR fee', feeWaiver('20.00 EUR'), {}, 'allowed', 'r-fee-lyon'],
    [
      'a Lyon agent is denied a 20.01 EUR fee waiver with no approval route',
      feeWaiver('20.01 EUR'),
      {},
      'denied',
      'r-fee-lyon',
    ],
    [
      'a Porto agent has no fee waiver rule',
      feeWaiver('5.00 EUR'),
      { agent: { siteId: 's-porto' } },
      'denied',
      null,
    ],
    [
      'a gold customer of one year with one open problem may be upgraded',
      upgrade,
      { customer: veteranGold },
      'allowed',
      'r-upgrade-gold',
    ],
    [
      'a gold customer of 364 days may not be upgraded',
      upgrade,
      { customer: { ...veteranGold, customerSince: new Date(now.getTime() - 364 * DAY_MS) } },
      'denied',
      'r-upgrade-gold',
    ],
    [
      'a gold customer with two open problems may not be upgraded',
      upgrade,
      { customer: { ...veteranGold, openProblems: 2 } },
      'denied',
      'r-upgrade-gold',
    ],
    [
      'a standard customer may not be upgraded',
      upgrade,
      { customer: { ...veteranGold, tier: 'standard' } },
      'denied',
      'r-upgrade-gold',
    ],
    [
      'a second upgrade for the same customer within 90 days needs approval',
      upgrade,
      { customer: veteranGold, usage: { customerInPeriod: { actions: 1 }, agentToday: { actions: 0 } } },
      'needs_approval',
      'r-upgrade-gold',
    ],
  ] as const)('%s', (_, request, opts, outcome, ruleId) => {
    const decision = decide(request, opts);
    expect(decision.outcome).toBe(outcome);
    expect(decision.rule?.id ?? null).toBe(ruleId);
  });
});

describe('evaluateAction: limits at their boundaries', () => {
  it.each([
    ['exactly the per-action limit is allowed', '50.00 EUR', NO_USAGE, 'allowed', null],
    [
      'one cent over the per-action limit needs approval',
      '50.01 EUR',
      NO_USAGE,
      'needs_approval',
      'per_action',
    ],
    [
      'reaching the customer limit exactly is allowed',
      '40.00 EUR',
      used('60.00 EUR', '60.00 EUR'),
      'allowed',
      null,
    ],
    [
      'one cent over the customer limit needs approval',
      '40.01 EUR',
      used('60.00 EUR', '60.00 EUR'),
      'needs_approval',
      'per_customer_period',
    ],
    [
      'reaching the daily limit exactly is allowed',
      '50.00 EUR',
      used('0 EUR', '150.00 EUR'),
      'allowed',
      null,
    ],
    [
      'one cent over the daily limit needs approval',
      '50.00 EUR',
      used('0 EUR', '150.01 EUR'),
      'needs_approval',
      'per_agent_day',
    ],
  ] as const)('%s', (_, amount, usage, outcome, limitKind) => {
    const decision = decide(credit(amount), { usage });
    expect(decision.outcome).toBe(outcome);
    if (decision.outcome === 'needs_approval') expect(decision.limit.kind).toBe(limitKind);
  });

  it('names the limit, the usage and the owner who can approve', () => {
    const decision = decide(credit('40.01 EUR'), { usage: used('60.00 EUR', '60.00 EUR') });
    expect(decision).toMatchObject({
      outcome: 'needs_approval',
      approver: { kind: 'person', person: dana, via: 'owner' },
      limit: {
        kind: 'per_customer_period',
        limit: eur('100.00 EUR'),
        used: eur('60.00 EUR'),
        requested: eur('40.01 EUR'),
      },
      overridable: true,
      overrideRoles: ['lead', 'manager'],
    });
    expect(decision.reason).toBe(
      '40.01 EUR is over the 30-day limit for this customer of 100.00 EUR, 60.00 EUR already used under rule "Goodwill credit for agents" v1, owned by Dana Smith; Dana Smith can approve it.',
    );
  });

  it('tells the agent what is left after an allowed action', () => {
    const decision = decide(credit('30.00 EUR'), { usage: used('0 EUR', '150.00 EUR') });
    expect(decision).toMatchObject({
      outcome: 'allowed',
      remaining: { amount: eur('20.00 EUR'), actions: null, binding: 'per_agent_day' },
    });
    expect(decision.outcome === 'allowed' && decision.remaining.sentence).toBe(
      'You can credit up to 20.00 EUR more today.',
    );
  });

  it('resolves a role approver to the agent’s own manager when known', () => {
    const decision = decide(credit('250.00 EUR'), { agent: { role: 'lead', approvers: { manager: mia } } });
    expect(decision).toMatchObject({
      approver: { kind: 'person', person: mia, via: 'role', role: 'manager' },
    });
    const unresolved = decide(credit('250.00 EUR'), { agent: { role: 'lead' } });
    expect(unresolved).toMatchObject({ approver: { kind: 'role', role: 'manager' } });
  });
});

describe('evaluateAction: denials explain themselves', () => {
  it('names the catalogue owner when no rule covers the action', () => {
    const decision = decide(credit('1.00 EUR'), { agent: { role: 'supervisor' } });
    expect(decision).toMatchObject({ outcome: 'denied', cause: 'no_rule', rule: null, owner: headOfService });
    expect(decision.reason).toContain('ask Hana Okafor, who owns Goodwill credit');
  });

  it('cites the nearest rule, its owner, its rationale and the unmet condition', () => {
    const decision = decide(warranty('300.00 EUR'), {
      customer: { underWarranty: true, receiptOnFile: false, lifetimeValue: eur('999.99 EUR') },
    });
    expect(decision).toMatchObject({
      outcome: 'denied',
      cause: 'conditions_not_met',
      owner: dana,
      rationale: 'Customers who have spent over 1,000 EUR with us rarely game warranty claims.',
    });
    expect(decision.reason).toContain('lifetime value is 999.99 EUR, below 1,000.00 EUR');
  });

  it('denies past the limit when the rule has no approval route', () => {
    expect(decide(feeWaiver('25.00 EUR'))).toMatchObject({
      outcome: 'denied',
      cause: 'over_limit_no_approval',
      limit: { kind: 'per_action', limit: eur('20.00 EUR') },
    });
  });
});

describe('evaluateAction: refuses malformed requests with typed errors', () => {
  function codeOf(fn: () => unknown): string | undefined {
    try {
      fn();
    } catch (e) {
      return e instanceof DomainError ? e.code : 'not-a-domain-error';
    }
    return undefined;
  }

  it.each([
    ['a negative amount', credit('-5.00 EUR'), 'authority.invalid_amount'],
    ['a zero amount', credit('0.00 EUR'), 'authority.invalid_amount'],
    ['an absurd amount', credit('50000000.00 EUR'), 'authority.invalid_amount'],
    ['an amount in fractions of a cent', credit('1.001 EUR'), 'authority.invalid_amount'],
    ['an amount in another currency than the rule', credit('10.00 USD'), 'authority.currency_mismatch'],
    [
      'an action type missing from the catalogue',
      credit('1.00 EUR', { actionType: 'free_car' }),
      'authority.unknown_action',
    ],
    [
      'a request missing its reason',
      { actionType: 'goodwill_credit', customerId: 'c-1', params: { amount: '1.00 EUR' } },
      'authority.invalid_request',
    ],
    [
      'a request with an unknown parameter',
      credit('1.00 EUR', { params: { amount: '1.00 EUR', reason: 'x y z', bonus: true } }),
      'authority.invalid_request',
    ],
    [
      'a fee waiver for an unlisted fee',
      { ...feeWaiver('1.00 EUR'), params: { amount: '1.00 EUR', reason: 'abc', fee: 'x' } },
      'authority.invalid_request',
    ],
  ] as const)('refuses %s', (_, request, code) => {
    expect(codeOf(() => decide(request))).toBe(code);
  });

  it('refuses usage recorded in another currency', () => {
    expect(codeOf(() => decide(credit('1.00 EUR'), { usage: used('1.00 USD', '0 EUR') }))).toBe(
      'authority.currency_mismatch',
    );
  });

  it("refuses a lifetime value condition in another currency than the customer's", () => {
    const request = warranty('10.00 EUR');
    const customer = { underWarranty: true, receiptOnFile: false, lifetimeValue: eur('5000.00 GBP') };
    expect(codeOf(() => decide(request, { customer }))).toBe('authority.currency_mismatch');
  });
});

describe('evaluateAction: effective dates and versions', () => {
  const from = new Date('2026-03-01T00:00:00Z');
  const to = new Date('2026-04-01T00:00:00Z');
  const dated = [buildRule({ effectiveFrom: from, effectiveTo: to })];
  const second = 1000;

  it.each([
    ['one second before it starts', from.getTime() - second, 'denied'],
    ['exactly when it starts', from.getTime(), 'allowed'],
    ['one second before it ends', to.getTime() - second, 'allowed'],
    ['exactly when it ends', to.getTime(), 'denied'],
  ] as const)('a rule is ignored or applied %s', (_, at, outcome) => {
    const decision = evaluateAction(credit('10.00 EUR'), buildContext({ rules: dated }), new Date(at));
    expect(decision.outcome).toBe(outcome);
  });

  it('applies the newest version from its start and the previous one until then', () => {
    const v1 = buildRule({ effectiveFrom: from });
    const v2 = buildRule({ version: 2, effectiveFrom: to, limits: { perAction: eur('80.00 EUR') } });
    const ctx = buildContext({ rules: [v1, v2] });
    expect(evaluateAction(credit('60.00 EUR'), ctx, new Date(to.getTime() - 1))).toMatchObject({
      outcome: 'needs_approval',
      rule: { version: 1 },
    });
    expect(evaluateAction(credit('60.00 EUR'), ctx, to)).toMatchObject({
      outcome: 'allowed',
      rule: { version: 2 },
    });
  });

  it('does not let a superseded version keep applying to a scope the new version left', () => {
    const v1 = buildRule({ effectiveFrom: from });
    const v2 = buildRule({ version: 2, effectiveFrom: to, scope: { role: 'lead' } });
    expect(evaluateAction(credit('10.00 EUR'), buildContext({ rules: [v1, v2] }), to)).toMatchObject({
      outcome: 'denied',
      cause: 'no_rule',
    });
  });
});

describe('evaluateAction: precedence, most specific scope first', () => {
  const byScope = (
    id: string,
    scope: AuthorityRule['scope'],
    perAction: string,
    extra: Partial<AuthorityRule> = {},
  ) => buildRule({ id, scope, limits: { perAction: eur(perAction) }, ...extra });
  const ladder = [
    byScope('everyone', {}, '5.00 EUR'),
    byScope('role', { role: 'agent' }, '10.00 EUR'),
    byScope('site', { siteId: 's-lyon' }, '20.00 EUR'),
    byScope('site-role', { siteId: 's-lyon', role: 'agent' }, '30.00 EUR'),
    byScope('team', { teamId: 't-billing' }, '40.00 EUR'),
    byScope('agent', { agentId: 'a-alice' }, '50.00 EUR'),
  ];

  it.each([
    ['a named agent rule beats every other scope', ladder, 'agent'],
    ['a team rule beats site and role rules', ladder.slice(0, 5), 'team'],
    ['a role-at-site rule beats a site rule', ladder.slice(0, 4), 'site-role'],
    ['a site rule beats a role rule', ladder.slice(0, 3), 'site'],
    ['a role rule beats the everyone rule', ladder.slice(0, 2), 'role'],
    ['the everyone rule applies when nothing narrower does', ladder.slice(0, 1), 'everyone'],
    [
      'rules for another agent, team or site never apply',
      [byScope('bob', { agentId: 'a-bob' }, '99.00 EUR'), ladder[0]!],
      'everyone',
    ],
    [
      'at equal scope the rule with more conditions wins when they hold',
      [
        byScope('plain', { role: 'agent' }, '10.00 EUR'),
        byScope('gold', { role: 'agent' }, '30.00 EUR', { conditions: { tiers: ['standard'] } }),
      ],
      'gold',
    ],
    [
      'a narrower rule whose conditions fail gives way to a broader one',
      [
        byScope('role', { role: 'agent' }, '10.00 EUR'),
        byScope('agent-gold', { agentId: 'a-alice' }, '50.00 EUR', { conditions: { tiers: ['gold'] } }),
      ],
      'role',
    ],
  ] as const)('%s', (_, ruleSet, expected) => {
    const decision = evaluateAction(credit('1.00 EUR'), buildContext({ rules: ruleSet }), now);
    expect(decision.rule?.id).toBe(expected);
  });
});

describe('usage windows', () => {
  const context = buildContext({ rules: book });
  const t0 = new Date('2026-02-08T14:00:00Z');
  const history: ExecutedAction[] = [
    {
      actionType: 'goodwill_credit',
      customerId: 'c-1',
      agentId: 'a-bob',
      executedAt: t0,
      amount: eur('60.00 EUR'),
    },
  ];

  function decideWithHistory(at: Date, amount: string): Decision {
    const query = usageWindowsFor(credit(amount), context, at);
    return evaluateAction(credit(amount), { ...context, usage: sumUsage(history, query) }, at);
  }

  it('counts an action exactly 30 days old against the customer limit', () => {
    expect(decideWithHistory(new Date(t0.getTime() + 30 * DAY_MS), '40.01 EUR').outcome).toBe(
      'needs_approval',
    );
  });

  it('lets the action roll off one second later', () => {
    expect(decideWithHistory(new Date(t0.getTime() + 30 * DAY_MS + 1000), '40.01 EUR').outcome).toBe(
      'allowed',
    );
  });

  it("counts the agent's usage within the agent's local day only", () => {
    const late = new Date('2026-03-10T22:59:59Z'); // 23:59:59 in Paris
    const entries: ExecutedAction[] = [
      {
        actionType: 'goodwill_credit',
        customerId: 'c-9',
        agentId: 'a-alice',
        executedAt: late,
        amount: eur('180.00 EUR'),
      },
    ];
    const usageAt = (at: Date) => sumUsage(entries, usageWindowsFor(credit('30.00 EUR'), context, at));
    expect(usageAt(late).agentToday.amount).toEqual(eur('180.00 EUR'));
    expect(usageAt(new Date('2026-03-10T23:00:00Z')).agentToday).toEqual({ actions: 0 });
    const day = usageWindowsFor(credit('30.00 EUR'), context, late).agentDayWindow;
    expect(day).toEqual({ from: new Date('2026-03-09T23:00:00Z'), to: new Date('2026-03-10T23:00:00Z') });
  });

  it.each([
    ['one second before local midnight the day is spent', '2026-03-10T22:59:59Z', 'needs_approval'],
    ['at local midnight in Paris a new day starts', '2026-03-10T23:00:00Z', 'allowed'],
  ] as const)("decides on the agent's local day: %s", (_, iso, outcome) => {
    const at = new Date(iso);
    const entries: ExecutedAction[] = [
      {
        actionType: 'goodwill_credit',
        customerId: 'c-9',
        agentId: 'a-alice',
        executedAt: new Date('2026-03-10T08:00:00Z'),
        amount: eur('180.00 EUR'),
      },
    ];
    const usage = sumUsage(entries, usageWindowsFor(credit('30.00 EUR'), context, at));
    expect(evaluateAction(credit('30.00 EUR'), { ...context, usage }, at).outcome).toBe(outcome);
  });

  it('uses a precomputed day window when it covers now', () => {
    const shift = { from: new Date('2026-03-10T06:00:00Z'), to: new Date('2026-03-11T06:00:00Z') };
    const ctx = { ...context, agent: buildAgent({ dayWindow: shift }) };
    expect(usageWindowsFor(credit('1.00 EUR'), ctx, now).agentDayWindow).toEqual(shift);
  });

  it('asks for no customer window when the governing rule has no per-customer limit', () => {
    expect(usageWindowsFor(callback, context, now).customerWindow).toBeNull();
  });
});

describe('remainingAuthority', () => {
  it.each([
    ['with nothing spent', NO_USAGE, 'You can credit up to 50.00 EUR in one action.', 5000],
    [
      'after spending 180.00 EUR today',
      used('0 EUR', '180.00 EUR'),
      'You can credit up to 20.00 EUR more today.',
      2000,
    ],
    [
      'after spending the whole day',
      used('0 EUR', '200.00 EUR'),
      'You can credit up to 0.00 EUR more today.',
      0,
    ],
  ] as const)('tells an agent what is left %s', (_, usage, sentence, amountMinor) => {
    const held = remainingAuthority(
      buildAgent(),
      'goodwill_credit',
      { catalogue: buildContext().catalogue, rules: book, usage },
      now,
    );
    expect(held.remaining.sentence).toBe(sentence);
    expect(held.remaining.amount?.amountMinor).toBe(amountMinor);
    expect(held.askFor).toEqual({ kind: 'person', person: dana, via: 'owner' });
  });

  it('includes the customer limit when a customer is given', () => {
    const held = remainingAuthority(
      buildAgent(),
      'goodwill_credit',
      {
        catalogue: buildContext().catalogue,
        rules: book,
        usage: used('90.00 EUR', '0 EUR'),
        customer: buildCustomer(),
      },
      now,
    );
    expect(held.remaining.sentence).toBe(
      'You can credit up to 10.00 EUR more for this customer in the last 30 days.',
    );
  });

  it('counts actions for count-only action types', () => {
    const held = remainingAuthority(
      buildAgent(),
      'callback_promise',
      { catalogue: buildContext().catalogue, rules: book, usage: used('0 EUR', '0 EUR', 1) },
      now,
    );
    expect(held.remaining).toMatchObject({
      amount: null,
      actions: 2,
      sentence: 'You can promise a callback 2 more times today.',
    });
  });

  it('points to the catalogue owner when the agent holds no authority', () => {
    const held = remainingAuthority(
      buildAgent({ role: 'trainee' }),
      'refund',
      { catalogue: buildContext().catalogue, rules: book },
      now,
    );
    expect(held.remaining.sentence).toBe(
      'You have no authority for refund; ask Hana Okafor, who owns Refund.',
    );
    expect(held.remaining.actions).toBe(0);
  });
});

describe('authoritySummary', () => {
  it('lists every action type with what the agent may still do', () => {
    const summary = authoritySummary(buildAgent(), { catalogue: buildContext().catalogue, rules: book }, now);
    expect(summary.map((h) => [h.actionType, h.remaining.sentence])).toEqual([
      ['goodwill_credit', 'You can credit up to 50.00 EUR in one action.'],
      ['refund', 'You have no authority for refund; ask Hana Okafor, who owns Refund.'],
      ['fee_waiver', 'You can waive up to 20.00 EUR in one action.'],
      ['replacement', 'You have no authority for replacement; ask Hana Okafor, who owns Replacement.'],
      [
        'warranty_exchange',
        'Your authority for warranty exchange depends on the customer (rule "Warranty exchange without receipt for valued customers" v1, owned by Dana Smith).',
      ],
      [
        'upgrade',
        'Your authority for upgrade depends on the customer (rule "Upgrades for gold customers" v1, owned by Dana Smith).',
      ],
      [
        'expedited_shipping',
        'You have no authority for expedited shipping; ask Hana Okafor, who owns Expedited shipping.',
      ],
      ['callback_promise', 'You can promise a callback 3 more times today.'],
    ]);
  });
});
