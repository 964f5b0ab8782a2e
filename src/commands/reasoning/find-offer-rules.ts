import type { OfferRuleVersion } from '../../core/reasoning/index.ts';
import { findLatestOfferRules } from '../../db/repositories/offer-rules.ts';
import { authorize, type CommandContext } from '../context.ts';

/** Each offer rule's latest version (retired ones only when asked). */
export async function findOfferRules(
  ctx: CommandContext,
  filter: { includeRetired?: boolean | undefined; ownerId?: string | undefined },
): Promise<(OfferRuleVersion & { createdAt: Date })[]> {
  authorize(ctx.actor, 'reasoning.configure');
  return findLatestOfferRules(ctx.db.db, {
    includeRetired: filter.includeRetired ?? false,
    ownerId: filter.ownerId,
  });
}
