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
  const used = (c: Conditions<D>) => dimensionRank.filter((d) => (c[d]?.length ?? 0) > 0);
  const ua = used(a);
  const ub = used(b);
  if (ua.length !== ub.length) return ub.length - ua.length;
  for (const d of dimensionRank) {
    const ha = ua.includes(d);
    const hb = ub.includes(d);
    if (ha !== hb) return ha ? -1 : 1;
  }
  const width = (c: Conditions<D>) => dimensionRank.reduce((n, d) => n + (c[d]?.length ?? 0), 0);
  return width(a) - width(b);
}
