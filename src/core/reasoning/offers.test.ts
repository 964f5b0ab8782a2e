import { describe, expect, it } from 'vitest';
import {
  activeOfferRules,
  decideOfferRuleCreate,
  decideOfferRuleEdit,
  decideOfferRuleRetire,
  decideOffers,
  type OfferRule,
} from './offers.ts';

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

describe('offer rule versions', () => {
  const at = new Date('2026-11-27T10:00:00Z');
  const admin = { id: 'a1', name: 'Ada Admin' };
  const owner = { id: 'o1', name: 'Dana Ops' };
  const v1 = decideOfferRuleCreate(
    'r1',
    {
      offer: '  Free express shipping ',
      rationale: 'Gold customers waiting on a delivery',
      owner,
      conditions: { tiers: ['gold', ' gold', ''], categories: ['delivery'], minConfidence: 0.6 },
    },
    admin,
    at,
  );

  it('creates version 1 with trimmed text and de-duplicated conditions', () => {
    expect(v1).toMatchObject({
      ruleId: 'r1',
      version: 1,
      offer: 'Free express shipping',
      conditions: { tiers: ['gold'], categories: ['delivery'], minConfidence: 0.6 },
      retired: false,
      editReason: 'First version',
    });
  });

  it('edits into a new version, carrying unchanged fields; a stale version is a conflict', () => {
    const edit = { editor: admin, reason: 'Platinum too', expectedVersion: 1, at };
    const v2 = decideOfferRuleEdit(
      v1,
      { conditions: { tiers: ['gold', 'platinum'], categories: ['delivery'] } },
      edit,
    );
    expect(v2).toMatchObject({
      version: 2,
      offer: 'Free express shipping',
      owner,
      editReason: 'Platinum too',
    });
    expect(v2.conditions).toEqual({ tiers: ['gold', 'platinum'], categories: ['delivery'] });
    expect(() => decideOfferRuleEdit(v2, {}, edit)).toThrow(
      expect.objectContaining({ code: 'offer_rule.version_conflict' }),
    );
  });

  it('refuses a rule for everyone, confidence without categories, and edits after retirement', () => {
    const draft = { offer: 'x', rationale: 'y', owner, conditions: {} };
    expect(() => decideOfferRuleCreate('r2', draft, admin, at)).toThrow(
      expect.objectContaining({ code: 'offer_rule.no_conditions' }),
    );
    expect(() =>
      decideOfferRuleCreate(
        'r2',
        { ...draft, conditions: { tiers: ['gold'], minConfidence: 0.5 } },
        admin,
        at,
      ),
    ).toThrow(expect.objectContaining({ code: 'offer_rule.invalid_conditions' }));
    const retired = decideOfferRuleRetire(v1, { editor: admin, reason: 'Ended', expectedVersion: 1, at });
    expect(retired).toMatchObject({ version: 2, retired: true, offer: v1.offer });
    expect(() =>
      decideOfferRuleEdit(retired, { offer: 'z' }, { editor: admin, reason: 'r', expectedVersion: 2, at }),
    ).toThrow(expect.objectContaining({ code: 'offer_rule.retired' }));
    expect(activeOfferRules([v1, { ...retired, ruleId: 'r9' }])).toEqual([
      {
        id: 'r1',
        title: 'Free express shipping',
        reason: v1.rationale,
        owner: 'Dana Ops',
        when: v1.conditions,
      },
    ]);
  });
});
