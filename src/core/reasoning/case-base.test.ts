import { describe, expect, it } from 'vitest';
import { NotFound } from '../errors.ts';
import { CaseBase } from './case-base.ts';
import type { ResolvedCase } from './case-record.ts';
import { CASES } from './fixtures.test-support.ts';

function trainedBase(cases: ResolvedCase[] = CASES, abstainBelow = 0): CaseBase {
  const base = CaseBase.fromRecords(cases, { abstainBelow });
  base.setModel(base.train({ epochs: 20 }));
  return base;
}

describe('CaseBase retrieval', () => {
  it.each([
    ['my card never arrived', 'card_arrival'],
    ['topping up did not work', 'top_up'],
    ['cancel my order please', 'cancel_order'],
    ['I cannot remember my password', 'reset_password'],
  ])('ranks the right category first for "%s"', (text, category) => {
    const result = trainedBase().retrieve({ text });
    expect(result.categories[0]?.category).toBe(category);
    expect(result.abstained).toBe(false);
  });

  it('returns at most k cases, best first, each explaining its shared terms', () => {
    const result = trainedBase().retrieve({ text: 'card not arrived' }, { k: 2 });
    expect(result.cases).toHaveLength(2);
    expect(result.cases[0]!.case.id).toBe('c1');
    expect(result.cases[0]!.sharedTerms).toEqual(expect.arrayContaining(['card', 'arrived']));
    expect(result.cases[0]!.score).toBeGreaterThanOrEqual(result.cases[1]!.score);
  });

  it('finds a case the moment it is retained, before any retraining', () => {
    const base = trainedBase();
    base.retain({ id: 'n1', text: 'My crypto wallet is frozen', solution: { category: 'crypto' } });
    expect(base.retrieve({ text: 'crypto wallet frozen' }).cases[0]!.case.id).toBe('n1');
  });

  it('stops finding a removed case and replaces a case retained again under the same id', () => {
    const base = trainedBase();
    base.remove('c1');
    expect(
      base.retrieve({ text: 'card has not arrived' }, { k: 20 }).cases.map((c) => c.case.id),
    ).not.toContain('c1');
    base.retain({ id: 'c2', text: 'Exchange rate looks wrong', solution: { category: 'exchange_rate' } });
    expect(base.size).toBe(CASES.length - 1);
    expect(base.retrieve({ text: 'exchange rate' }).cases[0]!.case.id).toBe('c2');
  });

  it('reclaims the slots of removed cases on compact and still finds the rest', () => {
    const base = trainedBase();
    base.remove('c1');
    base.retain({ ...CASES[1]!, text: 'My replacement card has not arrived' });
    expect(base.tombstones).toBe(2);
    base.compact();
    expect(base.tombstones).toBe(0);
    expect(base.retrieve({ text: 'replacement card not arrived' }).cases[0]!.case.id).toBe('c2');
    expect(base.retrieve({ text: 'reset password' }).cases[0]!.case.id).toMatch(/^c1[012]$/);
  });

  it('throws NotFound when removing or updating an unknown case', () => {
    const base = trainedBase();
    expect(() => base.remove('nope')).toThrow(NotFound);
    expect(() => base.updateOutcome('nope', { reopened: true })).toThrow(NotFound);
  });

  it('says "no similar case" when nothing shares the query’s words', () => {
    const base = trainedBase(CASES, 0.2);
    const result = base.retrieve({ text: 'the weather in Lisbon is lovely' });
    expect(result.abstained).toBe(true);
  });

  it('ranks a case with a matching product above an otherwise equal one, with the reason given', () => {
    const base = CaseBase.fromRecords([
      { id: 'a', text: 'screen is cracked', product: 'phone-x', solution: { category: 'repair' } },
      { id: 'b', text: 'screen is cracked', product: 'tablet-y', solution: { category: 'repair' } },
    ]);
    const result = base.retrieve({ text: 'cracked screen', product: 'tablet-y' });
    expect(result.cases[0]!.case.id).toBe('b');
    expect(result.cases[0]!.matchingAttributes).toEqual(['product']);
  });

  it('prefers a case whose fix stuck over an equal one that reopened', () => {
    const base = CaseBase.fromRecords([
      {
        id: 'reopened',
        text: 'refund not received',
        solution: { category: 'refund' },
        outcome: { reopened: true },
      },
      {
        id: 'stuck',
        text: 'refund not received',
        solution: { category: 'refund' },
        outcome: { reopened: false, csat: 5 },
      },
    ]);
    expect(base.retrieve({ text: 'refund not received' }).cases[0]!.case.id).toBe('stuck');
  });

  it('learns from feedback: rejected suggestions sink their case', () => {
    const base = CaseBase.fromRecords([
      { id: 'x', text: 'parcel lost in transit', solution: { category: 'lost' } },
      { id: 'y', text: 'parcel lost in transit', solution: { category: 'lost' } },
    ]);
    const first = base.retrieve({ text: 'parcel lost' }).cases[0]!.case.id;
    base.recordFeedback([first], 'rejected');
    base.recordFeedback([first], 'rejected');
    expect(base.retrieve({ text: 'parcel lost' }).cases[0]!.case.id).not.toBe(first);
    expect(base.getCase(first).feedback).toEqual({ accepted: 0, edited: 0, rejected: 2 });
  });

  it('lets an admin change weights but not to negative numbers', () => {
    const base = trainedBase();
    base.setWeights({ product: 0.5 });
    expect(base.getWeights().product).toBe(0.5);
    expect(() => base.setWeights({ text: -1 })).toThrow(/must be a number/);
  });

  it('round-trips through records() so a server can rebuild it', () => {
    const base = trainedBase();
    base.updateOutcome('c4', { csat: 5 });
    const rebuilt = CaseBase.fromRecords(JSON.parse(JSON.stringify(base.records())));
    expect(rebuilt.size).toBe(base.size);
    expect(rebuilt.getCase('c4').outcome).toEqual({ csat: 5 });
  });

  it('works without a trained model, from the neighbours’ vote alone', () => {
    const base = CaseBase.fromRecords(CASES);
    expect(base.retrieve({ text: 'password reset' }).categories[0]?.category).toBe('reset_password');
  });
});
