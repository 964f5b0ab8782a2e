import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.ts';
import { predictProbabilities, trainClassifier } from './classifier.ts';
import { CASES } from './fixtures.test-support.ts';

const examples = CASES.map((c) => ({ text: c.text, label: c.solution.category! }));

describe('trainClassifier', () => {
  it('learns the labels of its examples and returns probabilities that sum to 1', () => {
    const model = trainClassifier(examples, { epochs: 20 });
    const probs = predictProbabilities(model, 'where is my card, it has not arrived');
    expect(model.labels[probs.indexOf(Math.max(...probs))]).toBe('card_arrival');
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('is deterministic for a seed', () => {
    const a = trainClassifier(examples, { seed: 1 });
    const b = trainClassifier(examples, { seed: 1 });
    expect(a.weights).toEqual(b.weights);
  });

  it('refuses to train on nothing', () => {
    expect(() => trainClassifier([])).toThrow(InvalidInput);
  });
});
