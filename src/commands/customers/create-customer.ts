import type { Customer, CustomerPatch } from '../../core/customers/customer.ts';
import { type ContactFrom, identitiesFrom } from '../../core/customers/identity.ts';
import { RuleViolation } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { addIdentities, findByIdentities, insertCustomer } from '../../db/repositories/customers.ts';
import { authorize, type CommandContext } from '../context.ts';

export async function createCustomer(
  ctx: CommandContext,
  input: CustomerPatch & { displayName: string; identities: ContactFrom },
): Promise<Customer> {
  authorize(ctx.actor, 'customer.create');
  const identities = identitiesFrom(input.identities);
  const { identities: _ignored, ...attributes } = input;
  const customer = await ctx.db.transaction(async (tx) => {
    const taken = await findByIdentities(tx, identities);
    if (taken.length > 0) {
      throw new RuleViolation('customer.identity_taken', 'A customer with this identity already exists.', {
        customerId: taken[0]!.customerId,
        kind: taken[0]!.kind,
      });
    }
    const created = await insertCustomer(tx, { ...attributes });
    await addIdentities(tx, created.id, identities, null);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'customer.created',
        entity: 'customer',
        entityId: created.id,
        after: { ...attributes, identities: identities.map((i) => i.value) },
      },
    ]);
    return created;
  });
  ctx.events.publish([
    { type: 'customer.created', actor: ctx.actor, at: ctx.clock.now(), data: { customerId: customer.id } },
  ]);
  return customer;
}
