import { describe, expect, it } from 'vitest';
import { tuneAbstention } from './abstention.ts';

const sample = (confidence: number, closeness: number, inScope: boolean) => ({
  confidence,
  closeness,
  inScope,
});

describe('tuneAbstention', () => {
  it('never abstains when there are no out-of-scope samples to catch', () => {
    expect(tuneAbstention([sample(0.9, 0.9, true), sample(0.2, 0.1, true)]).threshold).toBe(0);
  });

  it('puts the threshold just above the unknown queries when the two groups separate', () => {
    const tuning = tuneAbstention(
      [sample(0.9, 0.8, true), sample(0.8, 0.7, true), sample(0.2, 0.1, false), sample(0.1, 0.2, false)],
      { mixes: [0.5] },
    );
    expect(tuning.outOfScopeRecall).toBe(1);
    expect(tuning.falseAbstainRate).toBe(0);
    expect(tuning.threshold).toBeGreaterThan(Math.sqrt(0.02));
    expect(tuning.threshold).toBeLessThan(Math.sqrt(0.56));
  });

  it('chooses the witness that separates the groups: closeness here, confidence misleads', () => {
    const tuning = tuneAbstention([
      sample(0.9, 0.9, true),
      sample(0.5, 0.8, true),
      sample(0.9, 0.1, false),
      sample(0.6, 0.2, false),
    ]);
    expect(tuning.mix).toBe(0);
    expect(tuning.outOfScopeRecall).toBe(1);
  });

  it('never turns away more answerable queries than allowed', () => {
    const inScope = Array.from({ length: 100 }, (_, i) => sample(i / 100, i / 100, true));
    const unknown = Array.from({ length: 100 }, (_, i) => sample(i / 200, i / 200, false));
    const tuning = tuneAbstention([...inScope, ...unknown], { maxFalseAbstain: 0.1 });
    expect(tuning.falseAbstainRate).toBeLessThanOrEqual(0.1);
  });
});
