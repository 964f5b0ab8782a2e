import type { Customer } from '../../core/customers/customer.ts';
import { NotFound } from '../../core/errors.ts';
import {
  type CaseSummary,
  type Household,
  type Identity,
  loadProfile,
  type Purchase,
} from '../../db/repositories/customer-profile.ts';
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
  const profile = await loadProfile(ctx.db.db, customerId, 100, 20);
  if (!profile) throw new NotFound('customer', customerId);
  return { ...profile, redirectedFrom: profile.customer.id === customerId ? null : customerId };
}
