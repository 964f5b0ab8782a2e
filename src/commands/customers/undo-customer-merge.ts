import { attributesOf, type Customer, type CustomerAttributes } from '../../core/customers/customer.ts';
import { NotFound, RuleViolation } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadCustomer, setMergedInto, updateCustomer } from '../../db/repositories/customers.ts';
import {
  loadMerge,
  type MovedRecords,
  markMergeUndone,
  moveCustomerRecords,
} from '../../db/repositories/merges.ts';
import { authorize, type CommandContext } from '../context.ts';

/**
 * Splits a merge apart: what the merge moved goes back, what arrived since stays with the
 * survivor, and survivor fields edited since the merge keep their newer values.
 */
export async function undoCustomerMerge(
  ctx: CommandContext,
  mergeId: string,
): Promise<{ survivor: Customer; restored: Customer }> {
  authorize(ctx.actor, 'customer.unmerge');
  const result = await ctx.db.transaction(async (tx) => {
    const merge = await loadMerge(tx, mergeId, true);
    if (!merge) throw new NotFound('merge', mergeId);
    if (merge.undoneAt)
      throw new RuleViolation('customer.merge_already_undone', 'This merge was already undone.', { mergeId });
    const [first, second] = [merge.survivorId, merge.mergedId].sort();
    const locked = new Map<string, Customer | undefined>();
    locked.set(first!, await loadCustomer(tx, first!, true));
    locked.set(second!, await loadCustomer(tx, second!, true));
    const survivor = locked.get(merge.survivorId)!;
    if (survivor.mergedInto) {
      throw new RuleViolation(
        'customer.merge_nested',
        'The survivor was merged again since; undo that merge first.',
        {
          mergedInto: survivor.mergedInto,
        },
      );
    }
    const moved = merge.moved as MovedRecords & { result: CustomerAttributes };
    await moveCustomerRecords(tx, merge.survivorId, merge.mergedId, moved);
    await setMergedInto(tx, merge.mergedId, null);
    const current = attributesOf(survivor);
    const restore: Partial<CustomerAttributes> = {};
    for (const key of Object.keys(merge.survivorSnapshot) as (keyof CustomerAttributes)[]) {
      const untouchedSinceMerge = JSON.stringify(current[key]) === JSON.stringify(moved.result[key]);
      if (untouchedSinceMerge) Object.assign(restore, { [key]: merge.survivorSnapshot[key] });
    }
    const updatedSurvivor = await updateCustomer(tx, merge.survivorId, restore);
    const restored = await updateCustomer(tx, merge.mergedId, merge.mergedSnapshot);
    await markMergeUndone(tx, mergeId, ctx.actor.id);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'customer.merge_undone',
        entity: 'customer',
        entityId: merge.survivorId,
        before: current,
        after: { ...attributesOf(updatedSurvivor), mergeId },
      },
      {
        action: 'customer.restored',
        entity: 'customer',
        entityId: merge.mergedId,
        after: { ...merge.mergedSnapshot, mergeId },
      },
    ]);
    return { survivor: updatedSurvivor, restored };
  });
  ctx.events.publish([
    { type: 'customer.merge_undone', actor: ctx.actor, at: ctx.clock.now(), data: { mergeId } },
  ]);
  return result;
}
