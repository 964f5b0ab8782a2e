import {
  findOverrides as findStoredOverrides,
  type StoredOverride,
} from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';

/** `owner=me`: the overrides of rules the actor owns (any staff member may own a rule). All: managers and admins. */
export async function findOverrides(
  ctx: CommandContext,
  filter: { owner: 'me' | 'all'; unseenOnly?: boolean; limit: number },
): Promise<StoredOverride[]> {
  authorize(ctx.actor, 'authority.act');
  if (filter.owner === 'all') authorize(ctx.actor, 'authority.report');
  return findStoredOverrides(ctx.db.db, {
    limit: filter.limit,
    ...(filter.owner === 'me' ? { reportToId: ctx.actor.id } : {}),
    ...(filter.unseenOnly ? { unseenOnly: true } : {}),
  });
}
