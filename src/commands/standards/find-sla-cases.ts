import {
  type CacheStatus,
  findSlaCases as query,
  type SlaInboxItem,
} from '../../db/repositories/standards-cases.ts';
import { authorize, type CommandContext } from '../context.ts';

/** Open cases by SLA status, soonest deadline first (as of the last sweep). */
export async function findSlaCases(
  ctx: CommandContext,
  filter: {
    statuses: CacheStatus[];
    siteId?: string;
    teamId?: string;
    ownerId?: string | null;
    limit: number;
  },
): Promise<SlaInboxItem[]> {
  authorize(ctx.actor, 'case.read');
  return query(ctx.db.db, filter);
}
