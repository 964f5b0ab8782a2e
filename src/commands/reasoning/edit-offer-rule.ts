import { NotFound } from '../../core/errors.ts';
import {
  decideOfferRuleEdit,
  type OfferConditions,
  type OfferRuleVersion,
} from '../../core/reasoning/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertOfferRuleVersion, loadOfferRuleVersions } from '../../db/repositories/offer-rules.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';
import { offerRuleEvent, requireOwner } from './offer-rule-owner.ts';

export interface OfferRuleChangeInput {
  offer?: string | undefined;
  rationale?: string | undefined;
  ownerId?: string | undefined;
  conditions?: OfferConditions | undefined;
  reason: string;
}

/** A new version of a rule, never an overwrite: a stale expectedVersion is offer_rule.version_conflict (409). */
export async function editOfferRule(
  ctx: CommandContext,
  reasoning: ReasoningService,
  ruleId: string,
  input: OfferRuleChangeInput,
  expectedVersion: number,
): Promise<{ current: OfferRuleVersion; versions: OfferRuleVersion[] }> {
  authorize(ctx.actor, 'reasoning.configure');
  const now = ctx.clock.now();
  const editor = { id: ctx.actor.id, name: ctx.actor.name };
  const result = await ctx.db.transaction(async (tx) => {
    const versions = await loadOfferRuleVersions(tx, ruleId, true);
    const current = versions.at(-1);
    if (!current) throw new NotFound('offer_rule', ruleId);
    const owner = input.ownerId !== undefined ? await requireOwner(tx, input.ownerId) : undefined;
    const next = decideOfferRuleEdit(
      current,
      { offer: input.offer, rationale: input.rationale, owner, conditions: input.conditions },
      { editor, reason: input.reason, expectedVersion, at: now },
    );
    await insertOfferRuleVersion(tx, next);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'reasoning.offer_rule_changed',
        entity: 'offer_rule',
        entityId: ruleId,
        before: current,
        after: next,
      },
    ]);
    return { current: next, versions: [...versions, next] };
  });
  ctx.events.publish([offerRuleEvent('changed', editor, now, ruleId, result.current.version)]);
  await reasoning.reloadOfferRules();
  return result;
}
