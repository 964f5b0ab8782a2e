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

/** The offers the demo organisation allows (products from the demo catalogue). */
export const DEFAULT_OFFER_RULES: OfferRule[] = [
  {
    id: 'gold-express-shipping',
    title: 'Free express shipping on this order',
    reason: 'Gold and platinum customers waiting on a delivery get it at no charge.',
    owner: 'Head of Fulfilment',
    when: { tiers: ['gold', 'platinum'], categories: ['delivery', 'order'], minConfidence: 0.5 },
  },
  {
    id: 'care-plus-phones',
    title: 'Care+ device insurance at the loyalty price',
    reason: 'Covers accidental damage once the manufacturer warranty ends; cheaper than a repair.',
    owner: 'Product Manager, Services',
    when: { products: ['Aurora Phone 12', 'Aurora Phone 12 Pro', 'PH-100', 'PH-200'] },
  },
  {
    id: 'fee-waiver-loyal',
    title: 'Waive the cancellation fee',
    reason: 'Platinum customers are not charged to cancel.',
    owner: 'Head of Customer Service',
    when: { tiers: ['platinum'], categories: ['cancellation_fee'] },
  },
];
