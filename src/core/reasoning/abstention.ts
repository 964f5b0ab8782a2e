/**
 * Choosing the "no similar case" threshold from held-out data instead of by hand. The caller scores
 * calibration queries whose answer is known — some in scope (their category is in the case base),
 * some out of scope (held-out categories) — and this picks the support threshold.
 */
export interface CalibrationSample {
  support: number;
  /** True if the case base holds the right answer for this query. */
  inScope: boolean;
}

export interface AbstentionTuning {
  threshold: number;
  /** Share of in-scope calibration queries the threshold would turn away. */
  falseAbstainRate: number;
  /** Share of out-of-scope calibration queries it would catch. */
  outOfScopeRecall: number;
}

export interface TuneOptions {
  /** Most in-scope queries we accept to turn away; answering is the engine's job. */
  maxFalseAbstain?: number;
}

/**
 * Maximises Youden's J (out-of-scope recall minus false-abstain rate), which does not depend on how
 * common unknown problems are in the calibration split, subject to turning away at most
 * `maxFalseAbstain` of answerable queries. Without out-of-scope samples there is nothing to catch,
 * so it returns 0 (never abstain).
 */
export function tuneAbstention(
  samples: readonly CalibrationSample[],
  options: TuneOptions = {},
): AbstentionTuning {
  const maxFalseAbstain = options.maxFalseAbstain ?? 0.05;
  const inScope = samples.filter((s) => s.inScope).map((s) => s.support);
  const outOfScope = samples.filter((s) => !s.inScope).map((s) => s.support);
  if (inScope.length === 0) return { threshold: 0, falseAbstainRate: 0, outOfScopeRecall: 0 };
  const candidates = [0, ...new Set(samples.map((s) => s.support))].sort((a, b) => a - b);
  let best: AbstentionTuning & { j: number } = {
    threshold: 0,
    falseAbstainRate: 0,
    outOfScopeRecall: 0,
    j: -1,
  };
  for (const t of candidates) {
    const falseAbstainRate = inScope.filter((s) => s < t).length / inScope.length;
    if (falseAbstainRate > maxFalseAbstain) break;
    const outOfScopeRecall = outOfScope.length
      ? outOfScope.filter((s) => s < t).length / outOfScope.length
      : 0;
    const j = outOfScopeRecall - falseAbstainRate;
    if (j > best.j) best = { threshold: t, falseAbstainRate, outOfScopeRecall, j };
  }
  const { j: _j, ...tuning } = best;
  return tuning;
}
