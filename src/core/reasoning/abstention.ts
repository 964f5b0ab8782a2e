import { supportScore } from './case-base.ts';

/**
 * Choosing the "no similar case" rule from held-out data instead of by hand. The caller scores
 * calibration queries whose answer is known — some in scope (their category is in the case base),
 * some out of scope (held-out categories) — and this picks the support mix and threshold.
 */
export interface CalibrationSample {
  /** `Retrieval.confidence` for the query. */
  confidence: number;
  /** `Retrieval.closeness` for the query. */
  closeness: number;
  /** True if the case base holds the right answer for this query. */
  inScope: boolean;
}

export interface AbstentionTuning {
  threshold: number;
  mix: number;
  /** Share of in-scope calibration queries the rule would turn away. */
  falseAbstainRate: number;
  /** Share of out-of-scope calibration queries it would catch. */
  outOfScopeRecall: number;
}

export interface TuneOptions {
  /** Most in-scope queries we accept to turn away; answering is the engine's job. */
  maxFalseAbstain?: number;
  /** Candidate weights of confidence against closeness. */
  mixes?: readonly number[];
}

/**
 * For each candidate mix, the threshold that maximises Youden's J (out-of-scope recall minus
 * false-abstain rate — independent of how common unknown problems are in the split) while turning
 * away at most `maxFalseAbstain` of answerable queries; the best mix wins. Without out-of-scope
 * samples there is nothing to catch, so it returns threshold 0 (never abstain).
 */
export function tuneAbstention(
  samples: readonly CalibrationSample[],
  options: TuneOptions = {},
): AbstentionTuning {
  const maxFalseAbstain = options.maxFalseAbstain ?? 0.05;
  const mixes = options.mixes ?? [0, 0.25, 0.5, 0.75, 1];
  let best: AbstentionTuning & { j: number } = {
    threshold: 0,
    mix: mixes[Math.floor(mixes.length / 2)] ?? 0.5,
    falseAbstainRate: 0,
    outOfScopeRecall: 0,
    j: 0,
  };
  for (const mix of mixes) {
    const scored = samples.map((s) => ({
      support: supportScore(s.confidence, s.closeness, mix),
      inScope: s.inScope,
    }));
    const candidate = bestThreshold(scored, maxFalseAbstain);
    if (candidate.j > best.j) best = { ...candidate, mix };
  }
  const { j: _j, ...tuning } = best;
  return tuning;
}

function bestThreshold(samples: readonly { support: number; inScope: boolean }[], maxFalseAbstain: number) {
  const inScope = samples
    .filter((s) => s.inScope)
    .map((s) => s.support)
    .sort((a, b) => a - b);
  const outOfScope = samples
    .filter((s) => !s.inScope)
    .map((s) => s.support)
    .sort((a, b) => a - b);
  let best = { threshold: 0, falseAbstainRate: 0, outOfScopeRecall: 0, j: 0 };
  if (inScope.length === 0 || outOfScope.length === 0) return best;
  // Abstaining below t: candidate thresholds sit just above each out-of-scope support.
  let i = 0;
  for (let o = 0; o < outOfScope.length; o++) {
    const t = nextUp(outOfScope[o]!);
    while (i < inScope.length && inScope[i]! < t) i++;
    const falseAbstainRate = i / inScope.length;
    if (falseAbstainRate > maxFalseAbstain) break;
    let caught = o + 1;
    while (caught < outOfScope.length && outOfScope[caught]! < t) caught++;
    const outOfScopeRecall = caught / outOfScope.length;
    const j = outOfScopeRecall - falseAbstainRate;
    if (j > best.j) best = { threshold: t, falseAbstainRate, outOfScopeRecall, j };
  }
  return best;
}

/** The smallest double above x, so "support < threshold" still catches a sample scoring exactly x. */
function nextUp(x: number): number {
  return x + Math.max(Number.EPSILON, Math.abs(x) * Number.EPSILON);
}
