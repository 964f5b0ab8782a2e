import {
  decideOfferRuleEdit,
  type OfferConditions,
  type OfferRuleVersion,
} from '../../core/reasoning/index.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';
import { appendOfferRuleVersion, requireOwner } from './offer-rule-owner.ts';

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
  return appendOfferRuleVersion(ctx, reasoning, ruleId, 'changed', async (tx, current, editor, at) => {
    const owner = input.ownerId !== undefined ? await requireOwner(tx, input.ownerId) : undefined;
    return decideOfferRuleEdit(
      current,
      { offer: input.offer, rationale: input.rationale, owner, conditions: input.conditions },
      { editor, reason: input.reason, expectedVersion, at },
    );
  });
}
