/**
 * Matching and precedence shared by SLA policies and routing rules, so both follow one rule:
 * a condition is a list of accepted values for one dimension; an absent or empty list accepts
 * anything. Among the matching candidates the most specific wins (see `compareSpecificity`).
 */
export type Conditions<D extends string> = Readonly<Partial<Record<D, readonly string[]>>>;
export type Facts<D extends string> = Readonly<Record<D, string | null | undefined>>;

export function matchesConditions<D extends string>(conditions: Conditions<D>, facts: Facts<D>): boolean {
  for (const dim in conditions) {
    const accepted = conditions[dim];
    if (!accepted || accepted.length === 0) continue;
    const value = facts[dim];
    if (value === null || value === undefined || !accepted.includes(value)) return false;
  }
  return true;
}

/**
 * Negative when `a` is more specific than `b`. In order: more constrained dimensions; then the
 * higher-ranked dimension constrained (`dimensionRank`, first = strongest); then fewer accepted
 * values in total (`[urgent]` beats `[high, urgent]`). Callers break remaining ties themselves.
 */
export function compareSpecificity<D extends string>(
  a: Conditions<D>,
  b: Conditions<D>,
  dimensionRank: readonly D[],
): number {
  // Plain loops: policy selection runs once per case in the SLA sweep.
  let countA = 0;
  let countB = 0;
  let widthA = 0;
  let widthB = 0;
  let firstDifference = 0;
  for (const d of dimensionRank) {
    const na = a[d]?.length ?? 0;
    const nb = b[d]?.length ?? 0;
    if (na > 0) countA++;
    if (nb > 0) countB++;
    widthA += na;
    widthB += nb;
    if (firstDifference === 0 && na > 0 !== nb > 0) firstDifference = na > 0 ? -1 : 1;
  }
  if (countA !== countB) return countB - countA;
  if (firstDifference !== 0) return firstDifference;
  return widthA - widthB;
}
