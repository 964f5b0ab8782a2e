import type { EpochMs } from './business-calendar.ts';
import type { SlaMetric } from './sla-policy.ts';
import type { SlaState } from './sla-state.ts';

export interface SlaBreachEvent {
  readonly type: 'sla.breached';
  /** Unique per case, metric and cycle: store it under a unique constraint. */
  readonly key: string;
  readonly caseId: string;
  readonly policyId: string;
  readonly policyVersion: number;
  readonly metric: SlaMetric;
  readonly startedAt: EpochMs;
  readonly dueAt: EpochMs;
  /** The sweep that noticed it; may be well after dueAt. */
  readonly detectedAt: EpochMs;
  /** The owner at dueAt: the breach is charged to whoever held the case then. */
  readonly ownerId: string | null;
  readonly actor: { readonly kind: 'system'; readonly id: 'sla' };
}

/**
 * The policy is left out on purpose: when a priority change swaps the policy, the same
 * missed reply is still one breach, not two.
 */
export function breachKey(caseId: string, metric: SlaMetric, startedAt: EpochMs): string {
  return `${caseId}:${metric}:${startedAt}`;
}

/** Breach events not yet recorded; `alreadyRecorded` holds the keys already stored. */
export function detectBreaches(state: SlaState, alreadyRecorded: ReadonlySet<string>): SlaBreachEvent[] {
  const events: SlaBreachEvent[] = [];
  for (const t of state.targets) {
    if (t.status !== 'breached') continue;
    const key = breachKey(state.caseId, t.metric, t.startedAt);
    if (alreadyRecorded.has(key)) continue;
    events.push({
      type: 'sla.breached',
      key,
      caseId: state.caseId,
      policyId: state.policyId,
      policyVersion: state.policyVersion,
      metric: t.metric,
      startedAt: t.startedAt,
      dueAt: t.dueAt,
      detectedAt: state.computedAt,
      ownerId: t.ownerAtDue,
      actor: { kind: 'system', id: 'sla' },
    });
  }
  return events;
}
