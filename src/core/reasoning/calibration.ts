import type { CaseBase } from './case-base.ts';

/**
 * Choosing the classifier's share in the category blend on held-out cases whose category is known
 * (never on the evaluation's test set). Ties go to the larger share: it is cheaper to trust the model
 * than to search further for neighbours.
 */
export function tuneClassifierShare(
  base: CaseBase,
  heldOut: readonly { text: string; category: string }[],
  candidates: readonly number[] = [0.3, 0.5, 0.7, 0.85, 1],
): { share: number; accuracy: number } {
  const original = base.classifierShare;
  let best = { share: original, accuracy: -1 };
  try {
    for (const share of [...candidates].sort((a, b) => b - a)) {
      base.configure({ classifierShare: share });
      let right = 0;
      for (const q of heldOut) {
        if (base.retrieve({ text: q.text }, { k: 1 }).categories[0]?.category === q.category) right++;
      }
      const accuracy = heldOut.length ? right / heldOut.length : 0;
      if (accuracy > best.accuracy) best = { share, accuracy };
    }
  } finally {
    base.configure({ classifierShare: original });
  }
  return best;
}
