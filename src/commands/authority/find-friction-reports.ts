import type { FrictionReport } from '../../core/authority/index.ts';
import { findFriction as findStoredFriction } from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';

export async function findFriction(
  ctx: CommandContext,
  filter: {
    owner?: 'me' | undefined;
    mine?: boolean | undefined;
    ruleId?: string | undefined;
    status?: FrictionReport['status'] | undefined;
    limit: number;
  },
): Promise<FrictionReport[]> {
  authorize(ctx.actor, 'authority.flag');
  return findStoredFriction(ctx.db.db, {
    limit: filter.limit,
    ...(filter.owner === 'me' ? { ownerId: ctx.actor.id } : {}),
    ...(filter.mine ? { reporterId: ctx.actor.id } : {}),
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  });
}
