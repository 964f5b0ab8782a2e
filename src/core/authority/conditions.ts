import { assertSameCurrency, formatMoney } from './money.ts';
import type { CustomerSituation } from './people.ts';
import type { CustomerConditions } from './rules.ts';
import { DAY_MS } from './time-windows.ts';

export function tenureDays(customer: CustomerSituation, now: Date): number {
  return Math.floor((now.getTime() - customer.customerSince.getTime()) / DAY_MS);
}

/** Plain-words reasons the customer's situation falls outside the rule; empty when it fits. */
export function unmetConditions(c: CustomerConditions, customer: CustomerSituation, now: Date): string[] {
  const unmet: string[] = [];
  if (c.tiers && !c.tiers.includes(customer.tier)) {
    unmet.push(`the customer's tier is ${customer.tier}, not ${c.tiers.join(' or ')}`);
  }
  if (c.minLifetimeValue) {
    assertSameCurrency(c.minLifetimeValue, customer.lifetimeValue, "The customer's lifetime value");
    if (customer.lifetimeValue.amountMinor < c.minLifetimeValue.amountMinor) {
      unmet.push(
        `lifetime value is ${formatMoney(customer.lifetimeValue, { grouping: true })}, below ${formatMoney(c.minLifetimeValue, { grouping: true })}`,
      );
    }
  }
  if (c.minTenureDays !== undefined) {
    const days = tenureDays(customer, now);
    if (days < c.minTenureDays) unmet.push(`customer for ${days} days, fewer than ${c.minTenureDays}`);
  }
  if (c.maxOpenProblems !== undefined && customer.openProblems > c.maxOpenProblems) {
    unmet.push(`${customer.openProblems} open problems, more than ${c.maxOpenProblems}`);
  }
  if (c.receiptOnFile !== undefined && customer.receiptOnFile !== c.receiptOnFile) {
    unmet.push(c.receiptOnFile ? 'no receipt on file' : 'a receipt is on file (another rule covers that)');
  }
  if (c.underWarranty !== undefined && customer.underWarranty !== c.underWarranty) {
    unmet.push(c.underWarranty ? 'not under warranty' : 'under warranty (another rule covers that)');
  }
  return unmet;
}
