import { NotFound } from '../../core/errors.ts';
import type { OfferRuleVersion } from '../../core/reasoning/index.ts';
import { loadOfferRuleVersions } from '../../db/repositories/offer-rules.ts';
import { authorize, type CommandContext } from '../context.ts';

/** One rule with every version, oldest first. */
export async function getOfferRule(
  ctx: CommandContext,
  ruleId: string,
): Promise<{ current: OfferRuleVersion; versions: OfferRuleVersion[] }> {
  authorize(ctx.actor, 'reasoning.configure');
  const versions = await loadOfferRuleVersions(ctx.db.db, ruleId);
  const current = versions.at(-1);
  if (!current) throw new NotFound('offer_rule', ruleId);
  return { current, versions };
}
