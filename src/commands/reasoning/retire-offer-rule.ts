import { decideOfferRuleRetire, type OfferRuleVersion } from '../../core/reasoning/index.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import { authorize, type CommandContext } from '../context.ts';
import { appendOfferRuleVersion } from './offer-rule-owner.ts';

/** Retires a rule (a last version marked retired; its history stays): agents no longer see the offer. */
export async function retireOfferRule(
  ctx: CommandContext,
  reasoning: ReasoningService,
  ruleId: string,
  expectedVersion: number,
  reason = 'Retired',
): Promise<{ current: OfferRuleVersion; versions: OfferRuleVersion[] }> {
  authorize(ctx.actor, 'reasoning.configure');
  return appendOfferRuleVersion(ctx, reasoning, ruleId, 'retired', async (_tx, current, editor, at) =>
    decideOfferRuleRetire(current, { editor, reason, expectedVersion, at }),
  );
}
