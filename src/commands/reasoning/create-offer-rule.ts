import { randomUUID } from 'node:crypto';
import {
  decideOfferRuleCreate,
  type OfferConditions,
  type OfferRuleVersion,
} from '../../core/reasoning/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertOfferRuleVersion } from '../../db/repositories/offer-rules.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';
import { offerRuleEvent, requireOwner } from './offer-rule-owner.ts';

export interface OfferRuleInput {
  offer: string;
  rationale: string;
  ownerId: string;
  conditions: OfferConditions;
  reason?: string | undefined;
}

/** A new proactive-offer rule (version 1), audited; agents see its offer from the next suggestion on. */
export async function createOfferRule(
  ctx: CommandContext,
  reasoning: ReasoningService,
  input: OfferRuleInput,
): Promise<OfferRuleVersion> {
  authorize(ctx.actor, 'reasoning.configure');
  const now = ctx.clock.now();
  const editor = { id: ctx.actor.id, name: ctx.actor.name };
  const rule = await ctx.db.transaction(async (tx) => {
    const owner = await requireOwner(tx, input.ownerId);
    const rule = decideOfferRuleCreate(
      randomUUID(),
      { offer: input.offer, rationale: input.rationale, owner, conditions: input.conditions },
      editor,
      now,
      input.reason,
    );
    await insertOfferRuleVersion(tx, rule);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'reasoning.offer_rule_created', entity: 'offer_rule', entityId: rule.ruleId, after: rule },
    ]);
    return rule;
  });
  ctx.events.publish([offerRuleEvent('created', editor, now, rule.ruleId, rule.version)]);
  await reasoning.reloadOfferRules();
  return rule;
}
