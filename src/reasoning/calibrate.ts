import {
  CaseBase,
  DEFAULT_CLASSIFIER_SHARE,
  DEFAULT_SUPPORT_MIX,
  type TrainOptions,
  trainClassifier,
  tuneAbstention,
  tuneClassifierShare,
} from '../core/reasoning/index.ts';
import { seededRandom, shuffled } from '../core/reasoning/random.ts';

export interface TrainingExample {
  text: string;
  label: string;
}

/** The abstention rule and classifier share chosen on this deployment's own history. */
export interface Calibration {
  threshold: number;
  mix: number;
  share: number;
  falseAbstainRate: number;
  outOfScopeRecall: number;
  heldOutCategories: number;
  queries: number;
}

/** Below these, held-out figures are noise: the engine's defaults are kept. */
export const MIN_CALIBRATION_EXAMPLES = 200;
export const MIN_CALIBRATION_CATEGORIES = 5;

/**
 * Tunes "no similar case" on held-out data, as `casebook eval` does on a training file: a fifth of
 * the categories play unknown problems, a tenth of the remaining cases (≤ 1,000) are answerable
 * queries, the rest form a calibration case base; the classifier share is tuned on the answerable
 * queries first, then the threshold and mix by `tuneAbstention`. Pure and seeded; runs in the
 * training worker, after the model, so it never blocks requests. Undefined when history is too small.
 */
export function calibrateOnHistory(
  examples: readonly TrainingExample[],
  options: { seed?: number; maxFalseAbstain?: number; trainOptions?: TrainOptions } = {},
): Calibration | undefined {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (examples.length < MIN_CALIBRATION_EXAMPLES || labels.length < MIN_CALIBRATION_CATEGORIES)
    return undefined;
  const random = seededRandom(options.seed ?? 7);
  const heldOut = new Set(shuffled(labels, random).slice(0, Math.round(labels.length / 5)));
  const known = shuffled(
    examples.filter((e) => !heldOut.has(e.label)),
    random,
  );
  const queryCount = Math.min(1000, Math.max(1, Math.round(known.length / 10)));
  const queries = known.slice(0, queryCount);
  const rest = known.slice(queryCount);
  const base = new CaseBase({
    abstainBelow: 0,
    supportMix: DEFAULT_SUPPORT_MIX,
    classifierShare: DEFAULT_CLASSIFIER_SHARE,
  });
  rest.forEach((e, i) => {
    base.retain({ id: `calibration-${i}`, text: e.text, category: e.label, solution: { category: e.label } });
  });
  if (new Set(rest.map((e) => e.label)).size >= 2) {
    base.setModel(trainClassifier(rest, options.trainOptions ?? {}));
  }
  const restLabels = new Set(rest.map((e) => e.label));
  const blend = tuneClassifierShare(
    base,
    queries.filter((q) => restLabels.has(q.label)).map((q) => ({ text: q.text, category: q.label })),
  );
  base.configure({ classifierShare: blend.share });
  const outOfScope = shuffled(
    examples.filter((e) => heldOut.has(e.label)),
    random,
  ).slice(0, 1000);
  const sample = (e: TrainingExample, inScope: boolean) => {
    const { confidence, closeness } = base.retrieve({ text: e.text });
    return { confidence, closeness, inScope };
  };
  const samples = [
    ...queries.map((q) => sample(q, restLabels.has(q.label))),
    ...outOfScope.map((e) => sample(e, false)),
  ];
  const rule = tuneAbstention(samples, { maxFalseAbstain: options.maxFalseAbstain ?? 0.05 });
  return {
    ...rule,
    share: blend.share,
    heldOutCategories: heldOut.size,
    queries: samples.length,
  };
}
