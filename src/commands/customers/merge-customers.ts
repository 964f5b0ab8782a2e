import { attributesOf, type Customer, decideMerge } from '../../core/customers/customer.ts';
import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadCustomer, setMergedInto, updateCustomer } from '../../db/repositories/customers.ts';
import { insertMerge, type MergeRecord, moveCustomerRecords } from '../../db/repositories/merges.ts';
import { authorize, type CommandContext } from '../context.ts';

/**
 * Two records of one person become one, with nothing lost: identities, cases, messages and
 * purchases move to the survivor, and the merge keeps what it moved so an admin can undo it.
 */
export async function mergeCustomers(
  ctx: CommandContext,
  survivorId: string,
  otherId: string,
): Promise<{ customer: Customer; merge: MergeRecord }> {
  authorize(ctx.actor, 'customer.merge');
  const result = await ctx.db.transaction(async (tx) => {
    // Lock in a fixed order so two opposite merges cannot deadlock.
    const [first, second] = [survivorId, otherId].sort();
    const locked = new Map<string, Customer | undefined>();
    locked.set(first!, await loadCustomer(tx, first!, true));
    locked.set(second!, await loadCustomer(tx, second!, true));
    const survivor = locked.get(survivorId);
    const other = locked.get(otherId);
    if (!survivor) throw new NotFound('customer', survivorId);
    if (!other) throw new NotFound('customer', otherId);
    const merged = decideMerge(survivor, other);
    const moved = await moveCustomerRecords(tx, otherId, survivorId);
    await setMergedInto(tx, otherId, survivorId);
    const customer = await updateCustomer(tx, survivorId, merged);
    const merge = await insertMerge(tx, {
      survivorId,
      mergedId: otherId,
      mergedBy: ctx.actor.id,
      moved: { ...moved, result: merged } as typeof moved,
      mergedSnapshot: attributesOf(other),
      survivorSnapshot: attributesOf(survivor),
    });
    const counts = Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, v.length]));
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'customer.merged',
        entity: 'customer',
        entityId: survivorId,
        before: attributesOf(survivor),
        after: { ...merged, mergeId: merge.id, mergedId: otherId, moved: counts },
      },
      {
        action: 'customer.merged_away',
        entity: 'customer',
        entityId: otherId,
        before: attributesOf(other),
        after: { mergedInto: survivorId, mergeId: merge.id },
      },
    ]);
    return { customer, merge };
  });
  ctx.events.publish([
    {
      type: 'customer.merged',
      actor: ctx.actor,
      at: ctx.clock.now(),
      data: { survivorId, mergedId: otherId, mergeId: result.merge.id },
    },
  ]);
  return result;
}
