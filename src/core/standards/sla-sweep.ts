import { detectBreaches, type SlaBreachEvent } from './breaches.ts';
import type { BusinessCalendar, Instant } from './business-calendar.ts';
import { decideEscalations, type EscalationPolicy, type EscalationStep } from './escalation.ts';
import { type SlaPolicy, selectSlaPolicy } from './sla-policy.ts';
import { computeSlaState, type SlaCaseFacts, type SlaState } from './sla-state.ts';

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
