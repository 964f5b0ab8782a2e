import { CurrencyMismatch } from './errors.ts';
import type { Money } from './money.ts';
import type { TimeWindow } from './people.ts';
import { isWithin } from './time-windows.ts';

/** What has already been spent in one window, for one action type. */
export interface Usage {
  /** Omitted for count-only action types; treated as zero in the limit's currency. */
  readonly amount?: Money;
  readonly actions: number;
}

/** Loaded by the caller for the windows `usageWindowsFor` returns, ideally after locking the customer's usage row. */
export interface UsageSums {
  readonly customerInPeriod: Usage;
  readonly agentToday: Usage;
}

export const NO_USAGE: UsageSums = { customerInPeriod: { actions: 0 }, agentToday: { actions: 0 } };

/** An executed action as persisted; the SQL equivalent of `sumUsage` filters on these same columns. */
export interface ExecutedAction {
  readonly actionType: string;
  readonly customerId: string;
  readonly agentId: string;
  readonly executedAt: Date;
  readonly amount?: Money;
}

export interface UsageQuery {
  readonly actionType: string;
  readonly customerId: string;
  readonly agentId: string;
  readonly customerWindow: TimeWindow | null;
  readonly agentDayWindow: TimeWindow;
}

function sum(entries: readonly ExecutedAction[]): Usage {
  let amount: Money | undefined;
  for (const e of entries) {
    if (!e.amount) continue;
    if (amount && amount.currency !== e.amount.currency) {
      throw new CurrencyMismatch(amount.currency, e.amount.currency, 'Prior usage');
    }
    amount = { amountMinor: (amount?.amountMinor ?? 0) + e.amount.amountMinor, currency: e.amount.currency };
  }
  return amount ? { amount, actions: entries.length } : { actions: entries.length };
}

/** Reference implementation of the usage query, for in-memory stores and tests. */
export function sumUsage(entries: readonly ExecutedAction[], query: UsageQuery): UsageSums {
  const ofType = entries.filter((e) => e.actionType === query.actionType);
  const customerWindow = query.customerWindow;
  return {
    customerInPeriod: customerWindow
      ? sum(ofType.filter((e) => e.customerId === query.customerId && isWithin(e.executedAt, customerWindow)))
      : { actions: 0 },
    agentToday: sum(
      ofType.filter((e) => e.agentId === query.agentId && isWithin(e.executedAt, query.agentDayWindow)),
    ),
  };
}
