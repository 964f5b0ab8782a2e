import { describe, expect, it } from 'vitest';
import { CaseBase } from './case-base.ts';
import type { ResolvedCase } from './case-record.ts';

const refund = (id: string, extra: Partial<ResolvedCase> = {}): ResolvedCase => ({
  id,
  text: 'I want a refund for my broken order',
  solution: {
    category: 'refund',
    reply: 'Hi {{Customer Name}}, your refund for order {{Order Number}} is on its way via {{Website Name}}.',
    actions: ['pull-up-account', 'verify-identity', 'offer-refund'],
  },
  ...extra,
});
const cases: ResolvedCase[] = [
  refund('r1', { outcome: { reopened: false, repeatContact7d: false, csat: 5 } }),
  refund('r2', { outcome: { reopened: false, repeatContact7d: false, csat: 4 } }),
  refund('r3', { outcome: { reopened: true, csat: 2 } }),
  {
    id: 'p1',
    text: 'I forgot my password',
    solution: { category: 'recover_password', reply: 'Use the reset link.' },
  },
  { id: 'p2', text: 'password reset not working', solution: { category: 'recover_password' } },
];

describe('suggest', () => {
  const base = CaseBase.fromRecords(cases, { abstainBelow: 0.1 });

  it('proposes the category with evidence from the outcomes of similar cases', () => {
    const s = base.suggest({ query: { text: 'refund for broken order' } });
    expect(s.abstained).toBe(false);
    expect(s.category?.value).toBe('refund');
    expect(s.category?.evidence).toMatchObject({
      similarCases: 3,
      fixedFirstTime: 2,
      outcomesKnown: 3,
      averageCsat: 3.7,
    });
    expect(s.category?.evidence.summary).toBe('3 similar cases, 2 fixed first time, average CSAT 3.7');
  });

  it('drafts the reply from the most reliable similar case, filling what it knows and listing the rest', () => {
    const s = base.suggest({
      query: { text: 'refund for broken order' },
      customer: { name: 'Ana', orderNumber: 'A-17' },
    });
    expect(s.reply?.fromCaseId).toBe('r1');
    expect(s.reply?.text).toBe('Hi Ana, your refund for order A-17 is on its way via {{Website Name}}.');
    expect(s.reply?.missingSlots).toEqual(['Website Name']);
  });

  it('orders actions from the catalogue when it knows the situation, else from similar cases', () => {
    const withCatalogue = CaseBase.fromRecords(cases, {
      abstainBelow: 0.1,
      actionCatalogue: { recover_password: ['pull-up-account', 'enter-details', 'make-password'] },
    });
    expect(withCatalogue.suggest({ query: { text: 'forgot password' } }).actions).toMatchObject({
      steps: ['pull-up-account', 'enter-details', 'make-password'],
      source: 'catalogue',
    });
    expect(base.suggest({ query: { text: 'refund broken order' } }).actions).toMatchObject({
      steps: ['pull-up-account', 'verify-identity', 'offer-refund'],
      source: 'cases',
    });
  });

  it('anticipates the next action after the ones already taken', () => {
    const s = base.suggest({ query: { text: 'refund broken order' }, actionsTaken: ['pull-up-account'] });
    expect(s.nextAction?.action).toBe('verify-identity');
  });

  it('estimates the chance of a follow-up contact from similar cases’ outcomes', () => {
    const s = base.suggest({ query: { text: 'refund broken order' } });
    expect(s.followUp?.probability).toBeCloseTo(1.5 / 4);
    expect(s.followUp?.likely).toBe(false);
  });

  it('says "no similar case" instead of guessing', () => {
    const s = base.suggest({ query: { text: 'what time does the football match start' } });
    expect(s).toMatchObject({ abstained: true, message: 'no similar case' });
    expect(s.category).toBeUndefined();
  });
});
