import type { Customer } from '../../core/customers/customer.ts';
import { NotFound } from '../../core/errors.ts';
import {
  type CaseSummary,
  type Household,
  type Identity,
  loadProfileParts,
  type Purchase,
} from '../../db/repositories/customer-profile.ts';
import { loadCustomer } from '../../db/repositories/customers.ts';
import type { Message } from '../../db/repositories/messages.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface CustomerProfile {
  customer: Customer;
  /** Set when the id asked for was merged into this customer. */
  redirectedFrom: string | null;
  identities: Identity[];
  household: Household | null;
  purchases: Purchase[];
  cases: CaseSummary[];
  recentMessages: Message[];
}

/** The whole customer across every site and channel, in one read. */
export async function getCustomerProfile(ctx: CommandContext, customerId: string): Promise<CustomerProfile> {
  authorize(ctx.actor, 'customer.read');
  const db = ctx.db.db;
  let customer = await loadCustomer(db, customerId);
  let redirectedFrom: string | null = null;
  for (let hops = 0; customer?.mergedInto && hops < 10; hops++) {
    redirectedFrom = customerId;
    customer = await loadCustomer(db, customer.mergedInto);
  }
  if (!customer) throw new NotFound('customer', customerId);
  const parts = await loadProfileParts(db, customer.id, 100, 20);
  return { customer, redirectedFrom, ...parts };
}
