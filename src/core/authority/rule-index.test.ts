import { describe, expect, it } from 'vitest';
import { findAmbiguousRules, indexRules, rulesFor } from './rule-index.ts';
import { buildAgent, buildRule } from './testing.ts';

const now = new Date('2026-03-10T14:00:00Z');

describe('rule index', () => {
  it('finds only rules for the action type and a scope that fits the agent', () => {
    const book = indexRules([
      buildRule({ id: 'mine', scope: { agentId: 'a-alice' } }),
      buildRule({ id: 'team', scope: { teamId: 't-billing' } }),
      buildRule({ id: 'other-team', scope: { teamId: 't-sales' } }),
      buildRule({ id: 'refunds', actionType: 'refund' }),
    ]);
    expect(rulesFor(book, buildAgent(), 'goodwill_credit', now).map((r) => r.id)).toEqual(['mine', 'team']);
  });

  it('flags rules in force that only the id tie-break separates', () => {
    const book = indexRules([
      buildRule({ id: 'b' }),
      buildRule({ id: 'a' }),
      buildRule({ id: 'gold', conditions: { tiers: ['gold'] } }),
      buildRule({ id: 'old', effectiveTo: new Date('2026-02-01T00:00:00Z') }),
    ]);
    expect(findAmbiguousRules(book, now).map(([x, y]) => [x.id, y.id])).toEqual([['a', 'b']]);
  });
});
