import type { EpochMs, Instant } from './business-calendar.ts';
import { toEpochMs } from './business-calendar.ts';
import type { SlaMetric } from './sla-policy.ts';
import type { SlaState } from './sla-state.ts';

export type EscalationAction =
  | { readonly kind: 'notify'; readonly role: 'owner' | 'lead' | 'manager' }
  | { readonly kind: 'reassign'; readonly to: 'team_queue' | 'lead' };

/**
 * One rung of the ladder. `at_risk` fires as soon as a target is at risk (or already breached);
 * `breached` fires `afterMs` of elapsed (calendar) time after the deadline: escalation is about
 * how long a customer has been let down, whatever the site's hours.
 */
export type EscalationLevel = {
  readonly level: number;
  readonly metrics?: readonly SlaMetric[];
  readonly actions: readonly EscalationAction[];
} & ({ readonly trigger: 'at_risk' } | { readonly trigger: 'breached'; readonly afterMs?: number });

export interface EscalationPolicy {
  readonly id: string;
  readonly levels: readonly EscalationLevel[];
}

export interface EscalationStep {
  /** Unique per case, metric, cycle and level: store it so each step runs once. */
  readonly key: string;
  readonly caseId: string;
  readonly policyId: string;
  readonly metric: SlaMetric;
  readonly startedAt: EpochMs;
  readonly level: number;
  readonly actions: readonly EscalationAction[];
  readonly dueAt: EpochMs;
  readonly ownerId: string | null;
  readonly decidedAt: EpochMs;
}

export function escalationKey(caseId: string, metric: SlaMetric, startedAt: EpochMs, level: number): string {
  return `${caseId}:${metric}:${startedAt}:L${level}`;
}

/**
 * Steps due now and not yet done, lowest level first. Met targets (even late ones) and paused
 * targets never escalate: the first needs no chasing, the second waits on the customer.
 * A target that jumps straight to a high level also gets the lower ones, so the owner always
 * hears before the manager does.
 */
export function decideEscalations(
  state: SlaState,
  policy: EscalationPolicy,
  alreadyDone: ReadonlySet<string>,
  now: Instant,
): EscalationStep[] {
  const at = toEpochMs(now);
  const steps: EscalationStep[] = [];
  const levels = [...policy.levels].sort((a, b) => a.level - b.level);
  for (const t of state.targets) {
    if (t.metAt !== null || t.paused) continue;
    for (const level of levels) {
      if (level.metrics && !level.metrics.includes(t.metric)) continue;
      const due =
        level.trigger === 'at_risk'
          ? t.status === 'at_risk' || t.status === 'breached'
          : t.status === 'breached' && at >= t.dueAt + (level.afterMs ?? 0);
      if (!due) continue;
      const key = escalationKey(state.caseId, t.metric, t.startedAt, level.level);
      if (alreadyDone.has(key)) continue;
      steps.push({
        key,
        caseId: state.caseId,
        policyId: policy.id,
        metric: t.metric,
        startedAt: t.startedAt,
        level: level.level,
        actions: level.actions,
        dueAt: t.dueAt,
        ownerId: t.ownerAtDue,
        decidedAt: at,
      });
    }
  }
  return steps;
}
