import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../core/reasoning/index.ts';
import type { OfferRule } from '../core/reasoning/offers.ts';
import type { SuggestionContext } from '../db/repositories/reasoning.ts';
import { ruleOffers } from './offers.ts';

/** Rules like the demo organisation's (src/demo/offer-rules.ts). */
const DEFAULT_OFFER_RULES: OfferRule[] = [
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

const context = (tier: string, product?: string): SuggestionContext => ({
  caseId: 'c1',
  status: 'open',
  customerId: 'u1',
  query: { text: 'where is my parcel', tier, ...(product ? { product } : {}) },
  customer: {},
  actionsTaken: [],
});

const suggestion = (category: string, confidence: number) =>
  ({ abstained: false, category: { value: category, confidence, evidence: {} } }) as unknown as Suggestion;

describe('rule-based proactive offers', () => {
  it('offers express shipping to a gold customer with a delivery problem, naming who allows it', () => {
    const offers = ruleOffers(DEFAULT_OFFER_RULES)(context('gold'), suggestion('delivery', 0.9));
    expect(offers).toEqual([
      expect.objectContaining({ id: 'gold-express-shipping', owner: 'Head of Fulfilment' }),
    ]);
  });

  it('offers device insurance to the owner of a phone whatever the problem, and nothing to others', () => {
    const source = ruleOffers(DEFAULT_OFFER_RULES);
    expect(
      source(context('standard', 'Aurora Phone 12'), suggestion('invoice', 0.9)).map((o) => o.id),
    ).toEqual(['care-plus-phones']);
    expect(source(context('standard'), suggestion('delivery', 0.9))).toEqual([]);
  });
});
