import { type ExecutedActionRecord, findActions } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';

/** The actions executed for a customer across all their cases. */
export async function findCustomerActions(
  ctx: CommandContext,
  customerId: string,
): Promise<ExecutedActionRecord[]> {
  authorize(ctx.actor, 'customer.read');
  return findActions(ctx.db.db, { customerId, limit: 500 });
}
