import { type Customer, type CustomerPatch, decideCustomerUpdate } from '../../core/customers/customer.ts';
import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadCustomer, updateCustomer as persist } from '../../db/repositories/customers.ts';
import { authorize, type CommandContext } from '../context.ts';

export async function updateCustomer(
  ctx: CommandContext,
  customerId: string,
  patch: CustomerPatch,
  expectedVersion?: number,
): Promise<Customer> {
  authorize(ctx.actor, 'customer.update');
  const result = await ctx.db.transaction(async (tx) => {
    const current = await loadCustomer(tx, customerId, true);
    if (!current) throw new NotFound('customer', customerId);
    const changes = decideCustomerUpdate(current, patch, expectedVersion);
    if (Object.keys(changes).length === 0) return { customer: current, changed: false };
    const updated = await persist(tx, customerId, changes);
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof Customer]]));
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'customer.updated', entity: 'customer', entityId: customerId, before, after: changes },
    ]);
    return { customer: updated, changed: true };
  });
  if (result.changed) {
    ctx.events.publish([
      { type: 'customer.updated', actor: ctx.actor, at: ctx.clock.now(), data: { customerId } },
    ]);
  }
  return result.customer;
}
