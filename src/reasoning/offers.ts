import { decideOffers, type OfferRule } from '../core/reasoning/offers.ts';
import type { ProactiveOfferSource } from './service.ts';

/** Proactive offers from rules: each names its owner; agents see them, customers never get them automatically. */
export function ruleOffers(rules: readonly OfferRule[]): ProactiveOfferSource {
  return (context, suggestion) =>
    decideOffers(rules, {
      tier: context.query.tier,
      product: context.query.product,
      category: suggestion.category,
    });
}
