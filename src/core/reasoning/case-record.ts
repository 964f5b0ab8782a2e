/**
 * The serialisable record of a resolved case: what the server persists (one row per case) and
 * replays into a CaseBase at start. Plain JSON data only — no class instances, no Dates.
 */
export interface CaseSolution {
  reply?: string;
  /** Agent actions in the order they were taken. */
  actions?: string[];
  category?: string;
  articleId?: string;
}

export interface CaseOutcome {
  reopened?: boolean;
  /** The customer contacted us again about this within 7 days. */
  repeatContact7d?: boolean;
  /** Satisfaction score, 1 (worst) to 5 (best). */
  csat?: number;
}

/** How agents treated suggestions built from this case. */
export interface CaseFeedback {
  accepted: number;
  edited: number;
  rejected: number;
}

export interface ResolvedCase {
  id: string;
  /** The customer's own words. */
  text: string;
  channel?: string;
  category?: string;
  product?: string;
  tier?: string;
  attributes?: Record<string, string>;
  solution: CaseSolution;
  outcome?: CaseOutcome;
  feedback?: CaseFeedback;
}

export type FeedbackVerdict = 'accepted' | 'edited' | 'rejected';

/** The category a case teaches: what its resolution settled on, else how it was triaged. */
export function caseCategory(c: ResolvedCase): string | undefined {
  return c.solution.category ?? c.category;
}

/** Whether the fix stuck: an outcome is known and there was neither a reopen nor a repeat contact. */
export function fixedFirstTime(c: ResolvedCase): boolean | undefined {
  const o = c.outcome;
  if (!o || (o.reopened === undefined && o.repeatContact7d === undefined)) return undefined;
  return !o.reopened && !o.repeatContact7d;
}

/**
 * Reliability of a case as a source of answers, in (0, 1): a Beta(2, 1) prior updated by its outcome
 * and by agents' feedback. An unknown case scores 2/3; a case whose fix stuck and whose suggestions
 * were accepted rises; one that reopened or whose suggestions were rejected falls.
 */
export function reliability(c: ResolvedCase): number {
  let good = 0;
  let bad = 0;
  const o = c.outcome;
  if (o) {
    const fixed = fixedFirstTime(c);
    if (fixed === true) good += 1;
    if (o.reopened) bad += 1;
    if (o.repeatContact7d) bad += 1;
    if (o.csat !== undefined) {
      if (o.csat >= 4) good += 1;
      else if (o.csat <= 2) bad += 1;
    }
  }
  const f = c.feedback;
  if (f) {
    good += f.accepted + 0.5 * f.edited;
    bad += f.rejected;
  }
  return (good + 2) / (good + bad + 3);
}

/** Ranking multiplier from reliability: 0.75 (never worked) .. 1.25 (always worked). */
export function reliabilityBoost(c: ResolvedCase): number {
  return 0.75 + 0.5 * reliability(c);
}
