import { classifyQuery } from '../../core/customers/identity.ts';
import { type CustomerSearchHit, searchCustomers } from '../../db/repositories/customers.ts';
import { authorize, type CommandContext } from '../context.ts';

/** Finds customers by name, email, phone or account number, whichever the term looks like. */
export async function findCustomers(
  ctx: CommandContext,
  q: string,
  limit: number,
): Promise<CustomerSearchHit[]> {
  authorize(ctx.actor, 'customer.read');
  const query = classifyQuery(q);
  const hits = await searchCustomers(ctx.db.db, query, limit);
  // A number can be a phone or an account number; try the other reading before saying nothing.
  if (hits.length === 0 && query.kind === 'phone') {
    return searchCustomers(ctx.db.db, { kind: 'account', value: q.replace(/[\s()+.-]/g, '') }, limit);
  }
  return hits;
}
