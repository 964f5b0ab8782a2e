import { describe, expect, it } from 'vitest';
import { tuneClassifierShare } from './calibration.ts';
import { CaseBase } from './case-base.ts';
import { CASES } from './fixtures.test-support.ts';

describe('tuneClassifierShare', () => {
  it('picks a share from the candidates, reports its held-out accuracy and leaves the base as it was', () => {
    const base = CaseBase.fromRecords(CASES, { classifierShare: 0.5 });
    base.setModel(base.train({ epochs: 20 }));
    const heldOut = [
      { text: 'card still not here', category: 'card_arrival' },
      { text: 'cancel the order', category: 'cancel_order' },
    ];
    const tuned = tuneClassifierShare(base, heldOut, [0.3, 1]);
    expect([0.3, 1]).toContain(tuned.share);
    expect(tuned.accuracy).toBe(1);
    expect(base.classifierShare).toBe(0.5);
  });

  it('rejects settings outside 0..1', () => {
    expect(() => new CaseBase().configure({ classifierShare: 2 })).toThrow(/from 0 to 1/);
  });
});
