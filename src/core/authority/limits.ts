import type { ActionType } from './catalogue.ts';
import { assertSameCurrency, formatMoney, type Money } from './money.ts';
import type { AuthorityRule } from './rules.ts';
import type { Usage, UsageSums } from './usage.ts';

export type LimitKind = 'per_action' | 'per_customer_period' | 'per_agent_day';

/** One limit of a rule measured against usage and the request; `remaining` is what is left after the request. */
export type LimitState =
  | {
      readonly kind: LimitKind;
      readonly measure: 'amount';
      readonly limit: Money;
      readonly used: Money;
      readonly requested: Money;
      readonly remaining: Money;
      readonly exceeded: boolean;
      readonly periodDays?: number;
    }
  | {
      readonly kind: LimitKind;
      readonly measure: 'actions';
      readonly limit: number;
      readonly used: number;
      readonly requested: number;
      readonly remaining: number;
      readonly exceeded: boolean;
      readonly periodDays?: number;
    };

/** What an agent may still do under a rule; null means that dimension is not limited. */
export interface Remaining {
  readonly amount: Money | null;
  readonly actions: number | null;
  readonly binding: LimitKind | null;
  readonly sentence: string;
}

function usedAmount(usage: Usage, limit: Money, where: string): Money {
  if (!usage.amount) return { amountMinor: 0, currency: limit.currency };
  assertSameCurrency(limit, usage.amount, where);
  return usage.amount;
}

function amountState(
  kind: LimitKind,
  limit: Money,
  used: Money,
  requested: Money,
  periodDays?: number,
): LimitState {
  assertSameCurrency(limit, requested, `The ${kind.replaceAll('_', ' ')} limit`);
  const after = limit.amountMinor - used.amountMinor - requested.amountMinor;
  return {
    kind,
    measure: 'amount',
    limit,
    used,
    requested,
    remaining: { amountMinor: Math.max(0, after), currency: limit.currency },
    exceeded: after < 0,
    ...(periodDays === undefined ? {} : { periodDays }),
  };
}

function countState(
  kind: LimitKind,
  limit: number,
  used: number,
  requested: number,
  periodDays?: number,
): LimitState {
  const after = limit - used - requested;
  return {
    kind,
    measure: 'actions',
    limit,
    used,
    requested,
    remaining: Math.max(0, after),
    exceeded: after < 0,
    ...(periodDays === undefined ? {} : { periodDays }),
  };
}

/**
 * Every limit of the rule against the usage plus this request. With `amount` zero and
 * `actions` zero it describes what is left before any request.
 */
export function limitStates(
  rule: AuthorityRule,
  amount: Money | null,
  actions: number,
  usage: UsageSums,
): LimitState[] {
  const states: LimitState[] = [];
  const { perAction, perCustomer, perAgentDay } = rule.limits;
  const requested = (limit: Money): Money => amount ?? { amountMinor: 0, currency: limit.currency };
  if (perAction)
    states.push(
      amountState(
        'per_action',
        perAction,
        { amountMinor: 0, currency: perAction.currency },
        requested(perAction),
      ),
    );
  if (perCustomer) {
    const { maxAmount, maxActions, periodDays } = perCustomer;
    if (maxAmount) {
      const used = usedAmount(usage.customerInPeriod, maxAmount, "The customer's prior usage");
      states.push(amountState('per_customer_period', maxAmount, used, requested(maxAmount), periodDays));
    }
    if (maxActions !== undefined) {
      states.push(
        countState('per_customer_period', maxActions, usage.customerInPeriod.actions, actions, periodDays),
      );
    }
  }
  if (perAgentDay) {
    const { maxAmount, maxActions } = perAgentDay;
    if (maxAmount) {
      const used = usedAmount(usage.agentToday, maxAmount, "The agent's usage today");
      states.push(amountState('per_agent_day', maxAmount, used, requested(maxAmount)));
    }
    if (maxActions !== undefined)
      states.push(countState('per_agent_day', maxActions, usage.agentToday.actions, actions));
  }
  return states;
}

// Count limits are never per action, so the "in one action" phrase only ever follows an amount.
function where(kind: LimitKind, periodDays: number | undefined): string {
  if (kind === 'per_agent_day') return 'more today';
  if (kind === 'per_customer_period') return `more for this customer in the last ${periodDays ?? 0} days`;
  return 'in one action';
}

function tightest<T extends LimitState>(states: readonly T[], value: (s: T) => number): T | null {
  let best: T | null = null;
  for (const s of states) if (!best || value(s) < value(best)) best = s;
  return best;
}

/** Collapses limit states into what is left and a sentence an agent can act on. */
export function summarizeRemaining(type: ActionType, states: readonly LimitState[]): Remaining {
  const amounts = states.filter(
    (s): s is Extract<LimitState, { measure: 'amount' }> => s.measure === 'amount',
  );
  const counts = states.filter(
    (s): s is Extract<LimitState, { measure: 'actions' }> => s.measure === 'actions',
  );
  const a = tightest(amounts, (s) => s.remaining.amountMinor);
  const c = tightest(counts, (s) => s.remaining);
  const parts: string[] = [];
  if (a)
    parts.push(
      `You can ${type.verb} up to ${formatMoney(a.remaining, { grouping: true })} ${where(a.kind, a.periodDays)}`,
    );
  if (c) {
    const times = `${c.remaining} ${where(c.kind, c.periodDays).replace('more', c.remaining === 1 ? 'more time' : 'more times')}`;
    parts.push(a ? `at most ${times}` : `You can ${type.verb} ${times}`);
  }
  const sentence =
    parts.length > 0 ? `${parts.join(', ')}.` : `No limit applies to how much you can ${type.verb}.`;
  // When both bind, the one that would run out first (no amount or no count left) is reported.
  const binding = c && (c.remaining === 0 || !a) ? c.kind : (a?.kind ?? null);
  return { amount: a?.remaining ?? null, actions: c?.remaining ?? null, binding, sentence };
}

export function describeLimit(state: LimitState): string {
  const value = (m: Money | number) =>
    typeof m === 'number' ? `${m} actions` : formatMoney(m, { grouping: true });
  const name =
    state.kind === 'per_action'
      ? 'the per-action limit'
      : state.kind === 'per_agent_day'
        ? 'your daily limit'
        : `the ${state.periodDays ?? 0}-day limit for this customer`;
  const already = state.kind === 'per_action' ? '' : `, ${value(state.used)} already used`;
  return `${value(state.requested)} is over ${name} of ${value(state.limit)}${already}`;
}
