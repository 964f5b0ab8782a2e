import { detectBreaches, type SlaBreachEvent } from './breaches.ts';
import { type BusinessCalendar, type Instant, toEpochMs } from './business-calendar.ts';
import { decideEscalations, type EscalationPolicy, type EscalationStep } from './escalation.ts';
import { type SlaPolicy, selectSlaPolicy } from './sla-policy.ts';
import { computeSlaState, type SlaCaseFacts, type SlaState, type SlaTargetState } from './sla-state.ts';

export interface SweepRecords {
  /** Breach keys already stored (SlaBreachEvent.key). */
  readonly breaches: ReadonlySet<string>;
  /** Escalation keys already done (EscalationStep.key). */
  readonly escalations: ReadonlySet<string>;
}

export interface CaseSweepResult {
  /** Null when no policy matches the case. */
  readonly state: SlaState | null;
  readonly breaches: readonly SlaBreachEvent[];
  readonly escalations: readonly EscalationStep[];
}

/**
 * One case's share of the scheduled SLA sweep: pick the policy, compute the state, and return
 * what is new to record. Pure, so the job can run it twice and store by key without doubles.
 */
export function sweepCase(
  facts: SlaCaseFacts,
  policies: readonly SlaPolicy[],
  calendar: BusinessCalendar,
  escalationPolicy: EscalationPolicy | null,
  records: SweepRecords,
  now: Instant,
): CaseSweepResult {
  return sweepCaseUnder(facts, selectSlaPolicy(policies, facts), calendar, escalationPolicy, records, now);
}

/**
 * `sweepCase` with the policy already selected (`selectSlaPolicy`): the job selects it once to
 * find the policy's ladder and passes it here instead of selecting it twice per case.
 */
export function sweepCaseUnder(
  facts: SlaCaseFacts,
  policy: SlaPolicy | null,
  calendar: BusinessCalendar,
  escalationPolicy: EscalationPolicy | null,
  records: SweepRecords,
  now: Instant,
): CaseSweepResult {
  if (!policy) return { state: null, breaches: [], escalations: [] };
  const state = computeSlaState(facts, policy, calendar, now);
  return {
    state,
    breaches: detectBreaches(state, records.breaches),
    escalations: escalationPolicy ? decideEscalations(state, escalationPolicy, records.escalations, now) : [],
  };
}

/**
 * The ladder's levels due for one target at `now`, as `decideEscalations` decides them before
 * anything is recorded (`L1L2…`, lowest first), without building the steps: the scheduled sweep
 * puts it in the key it compares a case's state by, so a case whose key did not move has no new
 * step to record. Kept equal to `decideEscalations` by a test (sweep-sla.test.ts).
 */
export function escalationLevelsDue(
  target: SlaTargetState,
  policy: EscalationPolicy | null,
  now: Instant,
): string {
  if (!policy || target.metAt !== null || target.paused) return '';
  if (target.status !== 'at_risk' && target.status !== 'breached') return '';
  const at = typeof now === 'number' ? now : toEpochMs(now);
  let due = '';
  let last = Number.NEGATIVE_INFINITY;
  // Lowest level first, like decideEscalations (a ladder is short: a selection pass per level).
  for (;;) {
    let next: (typeof policy.levels)[number] | null = null;
    for (const level of policy.levels) {
      if (level.level > last && (next === null || level.level < next.level)) next = level;
    }
    if (next === null) return due;
    last = next.level;
    if (next.metrics && !next.metrics.includes(target.metric)) continue;
    const fires =
      next.trigger === 'at_risk'
        ? true
        : target.status === 'breached' && at >= target.dueAt + (next.afterMs ?? 0);
    if (fires) due += `L${next.level}`;
  }
}
