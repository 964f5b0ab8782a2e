import { NotFound } from '../../core/errors.ts';
import { decideOfferRuleRetire, type OfferRuleVersion } from '../../core/reasoning/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertOfferRuleVersion, loadOfferRuleVersions } from '../../db/repositories/offer-rules.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';
import { offerRuleEvent } from './offer-rule-owner.ts';

/** Retires a rule (a last version marked retired; its history stays): agents no longer see the offer. */
export async function retireOfferRule(
  ctx: CommandContext,
  reasoning: ReasoningService,
  ruleId: string,
  expectedVersion: number,
  reason = 'Retired',
): Promise<{ current: OfferRuleVersion; versions: OfferRuleVersion[] }> {
  authorize(ctx.actor, 'reasoning.configure');
  const now = ctx.clock.now();
  const editor = { id: ctx.actor.id, name: ctx.actor.name };
  const result = await ctx.db.transaction(async (tx) => {
    const versions = await loadOfferRuleVersions(tx, ruleId, true);
    const current = versions.at(-1);
    if (!current) throw new NotFound('offer_rule', ruleId);
    const next = decideOfferRuleRetire(current, { editor, reason, expectedVersion, at: now });
    await insertOfferRuleVersion(tx, next);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'reasoning.offer_rule_retired',
        entity: 'offer_rule',
        entityId: ruleId,
        before: current,
        after: next,
      },
    ]);
    return { current: next, versions: [...versions, next] };
  });
  ctx.events.publish([offerRuleEvent('retired', editor, now, ruleId, result.current.version)]);
  await reasoning.reloadOfferRules();
  return result;
}
