import { describe, expect, it } from 'vitest';
import {
  type CheckMark,
  evaluateChecklist,
  type InteractionStandard,
  standardForCategory,
  summarizeChecklists,
} from './checklist.ts';

const refund: InteractionStandard = {
  id: 'refund-v2',
  version: 2,
  category: 'refund',
  items: [
    { id: 'verify_identity', label: 'Verify identity', required: true, channels: ['phone', 'chat'] },
    { id: 'check_order', label: 'Check the order', required: true },
    { id: 'confirm_fix', label: 'Confirm the fix with the customer', required: true },
    { id: 'offer_survey', label: 'Offer the survey', required: false },
  ],
};
const fallback: InteractionStandard = { id: 'default', version: 1, category: '*', items: [] };
const mark = (itemId: string, state: CheckMark['state'], at = 1): CheckMark => ({
  itemId,
  state,
  by: 'ana',
  at,
});

describe('evaluateChecklist', () => {
  it('reports every required item missed when nothing is ticked', () => {
    expect(evaluateChecklist(refund, [], { channel: 'phone' })).toMatchObject({
      followed: [],
      missed: ['verify_identity', 'check_order', 'confirm_fix'],
      skipped: ['offer_survey'],
      complete: false,
      score: 0,
    });
  });

  it('is complete when all required items are done, optional ones aside', () => {
    const marks = [mark('verify_identity', 'done'), mark('check_order', 'done'), mark('confirm_fix', 'done')];
    expect(evaluateChecklist(refund, marks, { channel: 'chat' })).toMatchObject({
      missed: [],
      complete: true,
      score: 1,
    });
  });

  it('does not ask for items outside the case channel', () => {
    const marks = [mark('check_order', 'done'), mark('confirm_fix', 'done')];
    expect(evaluateChecklist(refund, marks, { channel: 'email' })).toMatchObject({
      notApplicable: ['verify_identity'],
      complete: true,
      score: 1,
    });
  });

  it('takes the latest mark per item, so clearing undoes a tick', () => {
    const marks = [mark('check_order', 'cleared', 2), mark('check_order', 'done', 1)];
    expect(evaluateChecklist(refund, marks, { channel: 'email' }).missed).toContain('check_order');
  });

  it('accepts an agent marking a required item not applicable, and lists it for review', () => {
    const marks = [mark('check_order', 'not_applicable'), mark('confirm_fix', 'done')];
    expect(evaluateChecklist(refund, marks, { channel: 'email' })).toMatchObject({
      notApplicable: ['verify_identity', 'check_order'],
      complete: true,
      score: 1,
    });
  });

  it('reports marks for items no longer in the standard', () => {
    expect(evaluateChecklist(refund, [mark('old_item', 'done')], { channel: 'email' }).unknownMarks).toEqual([
      'old_item',
    ]);
  });

  it('has no score when nothing required applies', () => {
    expect(evaluateChecklist(fallback, [], { channel: 'email' })).toMatchObject({
      complete: true,
      score: null,
    });
  });
});

describe('standardForCategory', () => {
  it.each([
    ['picks the category standard', 'refund', 'refund-v2'],
    ['falls back to the default standard', 'billing', 'default'],
    ['falls back for an uncategorised case', null, 'default'],
  ])('%s', (_name, category, expected) => {
    expect(standardForCategory([refund, fallback], category)?.id).toBe(expected);
  });

  it('returns null with no match and no default', () => {
    expect(standardForCategory([refund], 'billing')).toBeNull();
  });
});

describe('summarizeChecklists', () => {
  it('gives each item its follow rate across cases, not-applicable ones aside', () => {
    const results = [
      evaluateChecklist(refund, [mark('check_order', 'done'), mark('confirm_fix', 'done')], {
        channel: 'email',
      }),
      evaluateChecklist(refund, [mark('check_order', 'done'), mark('verify_identity', 'done')], {
        channel: 'phone',
      }),
    ];
    expect(summarizeChecklists(results)).toEqual([
      { itemId: 'check_order', followed: 2, missed: 0, notApplicable: 0, rate: 1 },
      { itemId: 'confirm_fix', followed: 1, missed: 1, notApplicable: 0, rate: 0.5 },
      { itemId: 'offer_survey', followed: 0, missed: 2, notApplicable: 0, rate: 0 },
      { itemId: 'verify_identity', followed: 1, missed: 0, notApplicable: 1, rate: 1 },
    ]);
  });
});
