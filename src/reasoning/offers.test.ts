import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../core/reasoning/index.ts';
import type { SuggestionContext } from '../db/repositories/reasoning.ts';
import { DEFAULT_OFFER_RULES, ruleOffers } from './offers.ts';

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
