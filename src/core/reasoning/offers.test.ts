import { describe, expect, it } from 'vitest';
import { decideOffers, type OfferRule } from './offers.ts';

const rules: OfferRule[] = [
  {
    id: 'gold-express',
    title: 'Free express shipping on the replacement',
    reason: 'Gold and platinum customers waiting on a delivery',
    owner: 'Dana Ops',
    when: { tiers: ['gold', 'platinum'], categories: ['delivery'], minConfidence: 0.6 },
  },
  {
    id: 'care-plus',
    title: 'Care+ device insurance',
    reason: 'Covers accidental damage after the warranty',
    owner: 'Sam Product',
    when: { products: ['Aurora Phone 12'] },
  },
];

describe('decideOffers', () => {
  it.each([
    [
      'a gold customer with a confident delivery problem',
      { tier: 'Gold', category: { value: 'delivery', confidence: 0.8 } },
      ['gold-express'],
    ],
    [
      'the same problem predicted without confidence',
      { tier: 'gold', category: { value: 'delivery', confidence: 0.4 } },
      [],
    ],
    [
      'a standard customer with the same problem',
      { tier: 'standard', category: { value: 'delivery', confidence: 0.9 } },
      [],
    ],
    ['an owner of the named product', { tier: 'standard', product: 'aurora phone 12' }, ['care-plus']],
    ['nothing known', {}, []],
  ])('offers to %s: %j', (_name, facts, expected) => {
    expect(decideOffers(rules, facts).map((o) => o.id)).toEqual(expected);
  });

  it('names the owner and the reason with every offer', () => {
    expect(decideOffers(rules, { product: 'Aurora Phone 12' })[0]).toEqual({
      id: 'care-plus',
      title: 'Care+ device insurance',
      reason: 'Covers accidental damage after the warranty',
      owner: 'Sam Product',
    });
  });
});
