import { type Conditions, compareSpecificity, matchesConditions } from './conditions.ts';
import { InvalidStandardInput } from './errors.ts';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/**
 * Dimensions an SLA policy can be narrowed by, strongest first for tie-breaking: a customer
 * tier is a contractual promise, priority is urgency, a site override is a local adaptation,
 * and the channel is the weakest signal.
 */
export const SLA_DIMENSIONS = ['customerTier', 'priority', 'siteId', 'channel'] as const;
export type SlaDimension = (typeof SLA_DIMENSIONS)[number];

/**
 * A target is at risk once its time left is at or below the larger of `fraction` × target and
 * `withinMs`. With neither set, 20% of the target.
 */
export interface AtRiskMargin {
  readonly fraction?: number;
  readonly withinMs?: number;
}

export interface SlaPolicy {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly conditions: Conditions<SlaDimension>;
  /** Target durations in ms; a missing metric is not measured under this policy. */
  readonly targets: Readonly<Partial<Record<SlaMetric, number>>>;
  /** `business` counts only the site's opening hours; `calendar` counts every hour (24×7). */
  readonly hours: 'business' | 'calendar';
  readonly atRisk: AtRiskMargin;
  /** Stop the clock while the case waits on the customer (status `pending`). */
  readonly pauseWhilePending: boolean;
}

export interface SlaPolicyFacts {
  readonly siteId: string;
  readonly priority: Priority;
  readonly channel: string;
  readonly customerTier: string | null;
}

/**
 * The policy that governs a case: the most specific matching one (see conditions.ts and
 * SLA_DIMENSIONS), then the lowest id so the choice never depends on list order. Null when no
 * policy matches; keep a catch-all policy with no conditions to avoid that.
 */
export function selectSlaPolicy(policies: readonly SlaPolicy[], facts: SlaPolicyFacts): SlaPolicy | null {
  let best: SlaPolicy | null = null;
  for (const p of policies) {
    if (!matchesConditions(p.conditions, facts)) continue;
    if (!best) {
      best = p;
      continue;
    }
    const cmp = compareSpecificity(p.conditions, best.conditions, SLA_DIMENSIONS);
    if (cmp < 0 || (cmp === 0 && p.id < best.id)) best = p;
  }
  return best;
}

export function atRiskMarginMs(targetMs: number, margin: AtRiskMargin): number {
  if (margin.fraction === undefined && margin.withinMs === undefined) return targetMs * 0.2;
  return Math.max((margin.fraction ?? 0) * targetMs, margin.withinMs ?? 0);
}

/** Rejects a policy the sweep could not apply sensibly; call it when a policy is saved. */
export function validateSlaPolicy(policy: SlaPolicy): void {
  const fail = (message: string, details: Record<string, unknown>) => {
    throw new InvalidStandardInput('standards.invalid_policy', message, { policyId: policy.id, ...details });
  };
  const targets = Object.entries(policy.targets);
  if (targets.length === 0) fail('An SLA policy needs at least one target.', {});
  for (const [metric, ms] of targets) {
    if (!(SLA_METRICS as readonly string[]).includes(metric))
      fail(`Unknown SLA metric ${metric}.`, { metric });
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
      fail(`The ${metric} target must be a positive number of ms.`, { metric, targetMs: ms });
    }
  }
  const { fraction, withinMs } = policy.atRisk;
  if (fraction !== undefined && !(fraction >= 0 && fraction <= 1)) {
    fail('The at-risk fraction must be between 0 and 1.', { fraction });
  }
  if (withinMs !== undefined && !(withinMs >= 0))
    fail('The at-risk margin must be zero or more ms.', { withinMs });
  for (const dim of Object.keys(policy.conditions)) {
    if (!(SLA_DIMENSIONS as readonly string[]).includes(dim))
      fail(`Unknown condition ${dim}.`, { dimension: dim });
  }
}
