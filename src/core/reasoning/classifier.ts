import { InvalidInput } from '../errors.ts';
import { seededRandom, shuffled } from './random.ts';
import { classifierFeatures } from './text.ts';

/**
 * A multinomial logistic regression over word, bigram and character n-gram features, trained by
 * averaged SGD. Training returns an immutable snapshot, so a server can train in the background
 * (or in a worker) and swap the snapshot in while retrieval keeps using the old one.
 */
export interface ClassifierModel {
  readonly kind: 'softmax-regression';
  readonly labels: readonly string[];
  readonly featureIds: ReadonlyMap<string, number>;
  /** Row-major [feature][label]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** How many examples it was trained on. */
  readonly examples: number;
}

export interface TrainingExample {
  text: string;
  label: string;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** Features seen fewer times than this are dropped (noise and memory). */
  minFeatureCount?: number;
  seed?: number;
}

export const DEFAULT_TRAIN_OPTIONS: Required<TrainOptions> = {
  epochs: 8,
  learningRate: 2,
  minFeatureCount: 1,
  seed: 7,
};

interface SparseVector {
  ids: Int32Array;
  value: number;
}

export function trainClassifier(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
): ClassifierModel {
  const { epochs, learningRate, minFeatureCount, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (examples.length === 0)
    throw new InvalidInput('reasoning.no_training_data', 'There are no labelled cases to train on.');
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIds = new Map(labels.map((l, i) => [l, i]));
  const featureLists = examples.map((e) => [...new Set(classifierFeatures(e.text))]);

  const counts = new Map<string, number>();
  for (const list of featureLists) for (const f of list) counts.set(f, (counts.get(f) ?? 0) + 1);
  const featureIds = new Map<string, number>();
  for (const [f, n] of counts) if (n >= minFeatureCount) featureIds.set(f, featureIds.size);

  const vectors = featureLists.map((list) => toVector(list, featureIds));
  const targets = examples.map((e) => labelIds.get(e.label)!);
  const L = labels.length;
  const F = featureIds.size;
  const w = new Float32Array(F * L);
  const b = new Float32Array(L);
  // Averaged SGD: `acc` collects step-weighted updates so the average is w - acc / steps.
  const acc = new Float32Array(F * L);
  const accB = new Float32Array(L);
  const probs = new Float64Array(L);
  const random = seededRandom(seed);
  let step = 1;
  const order = examples.map((_, i) => i);

  for (let epoch = 0; epoch < epochs; epoch++) {
    // Decay per epoch: large steps find the region, small ones settle in it.
    const rate = learningRate / (1 + epoch);
    for (const i of shuffled(order, random)) {
      const x = vectors[i]!;
      scoreInto(x, w, b, L, probs);
      softmaxInPlace(probs);
      const y = targets[i]!;
      for (let c = 0; c < L; c++) {
        const g = probs[c]! - (c === y ? 1 : 0);
        if (Math.abs(g) < 1e-4) continue;
        const delta = -rate * g;
        b[c] = b[c]! + delta;
        accB[c] = accB[c]! + step * delta;
        const dx = delta * x.value;
        for (let k = 0; k < x.ids.length; k++) {
          const at = x.ids[k]! * L + c;
          w[at] = w[at]! + dx;
          acc[at] = acc[at]! + step * dx;
        }
      }
      step++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - acc[i]! / step;
  for (let c = 0; c < L; c++) b[c] = b[c]! - accB[c]! / step;
  return { kind: 'softmax-regression', labels, featureIds, weights: w, bias: b, examples: examples.length };
}

/** Probability of each of `model.labels` for a text (sums to 1). */
export function predictProbabilities(model: ClassifierModel, text: string): Float64Array {
  const x = toVector([...new Set(classifierFeatures(text))], model.featureIds);
  const probs = new Float64Array(model.labels.length);
  scoreInto(x, model.weights, model.bias, model.labels.length, probs);
  softmaxInPlace(probs);
  return probs;
}

function toVector(features: readonly string[], ids: ReadonlyMap<string, number>): SparseVector {
  const out: number[] = [];
  for (const f of features) {
    const id = ids.get(f);
    if (id !== undefined) out.push(id);
  }
  // Binary features scaled to unit length, so long messages do not get more confident logits.
  return { ids: Int32Array.from(out), value: out.length > 0 ? 1 / Math.sqrt(out.length) : 0 };
}

function scoreInto(x: SparseVector, w: Float32Array, b: Float32Array, L: number, out: Float64Array): void {
  for (let c = 0; c < L; c++) out[c] = b[c]!;
  for (let k = 0; k < x.ids.length; k++) {
    const base = x.ids[k]! * L;
    for (let c = 0; c < L; c++) out[c] = out[c]! + w[base + c]! * x.value;
  }
}

function softmaxInPlace(z: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i]! - max);
    sum += z[i]!;
  }
  for (let i = 0; i < z.length; i++) z[i] = z[i]! / sum;
}
