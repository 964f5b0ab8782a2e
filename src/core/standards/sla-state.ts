import {
  addBusinessTime,
  alwaysOpenCalendar,
  type BusinessCalendar,
  businessTimeBetween,
  type EpochMs,
  type Instant,
  spendBusinessTime,
  toEpochMs,
} from './business-calendar.ts';
import { atRiskMarginMs, type SlaMetric, type SlaPolicy, type SlaPolicyFacts } from './sla-policy.ts';

/** The status history entries that matter here; any status other than `pending` runs the clock. */
export interface StatusChange {
  readonly at: EpochMs;
  readonly status: string;
}

export interface OwnerChange {
  readonly at: EpochMs;
  readonly ownerId: string | null;
}

/**
 * Timeline facts of one case, as stored on the case row and its status/owner history
 * (Chatwoot keeps the same: created, first reply, waiting since, resolved).
 */
export interface SlaCaseFacts extends SlaPolicyFacts {
  readonly caseId: string;
  readonly createdAt: EpochMs;
  readonly firstResponseAt: EpochMs | null;
  /**
   * The current reply cycle after the first response: `since` is the oldest customer message
   * not yet answered, `repliedAt` the agent reply that closed it (null while waiting).
   */
  readonly nextResponse: { readonly since: EpochMs; readonly repliedAt: EpochMs | null } | null;
  readonly resolvedAt: EpochMs | null;
  readonly statusHistory: readonly StatusChange[];
  readonly ownerHistory: readonly OwnerChange[];
}

export type SlaTargetStatus = 'ok' | 'at_risk' | 'breached' | 'met';

export interface SlaTargetState {
  readonly metric: SlaMetric;
  readonly targetMs: number;
  readonly startedAt: EpochMs;
  /** When the target falls due; while paused, the projection if the clock restarted now. */
  readonly dueAt: EpochMs;
  /** Business (or calendar) time counted so far, pauses excluded, up to met or now. */
  readonly elapsedMs: number;
  /** targetMs − elapsedMs: negative once counted time runs past the target. */
  readonly timeLeftMs: number;
  readonly status: SlaTargetStatus;
  readonly paused: boolean;
  readonly metAt: EpochMs | null;
  /** dueAt, when the target was or is breached. */
  readonly breachedAt: EpochMs | null;
  /** The case owner at dueAt (or now if earlier): who a breach is charged to. */
  readonly ownerAtDue: string | null;
}

export interface SlaState {
  readonly caseId: string;
  readonly policyId: string;
  readonly policyVersion: number;
  readonly computedAt: EpochMs;
  readonly targets: readonly SlaTargetState[];
}

export interface Pause {
  readonly from: number;
  /** Infinity while the case is still pending. */
  readonly to: number;
}

// One shared 24×7 calendar keeps its compiled form cached across a sweep.
const TWENTY_FOUR_SEVEN = alwaysOpenCalendar('UTC');

/** Periods the case spent in `pending`, from a status history in any order. */
export function pendingPeriods(history: readonly StatusChange[]): Pause[] {
  const sorted = isSorted(history) ? history : [...history].sort((a, b) => a.at - b.at);
  const pauses: Pause[] = [];
  let since: number | null = null;
  for (const change of sorted) {
    if (change.status === 'pending') {
      if (since === null) since = change.at;
    } else if (since !== null) {
      if (change.at > since) pauses.push({ from: since, to: change.at });
      since = null;
    }
  }
  if (since !== null) pauses.push({ from: since, to: Number.POSITIVE_INFINITY });
  return pauses;
}

function isSorted(history: readonly StatusChange[]): boolean {
  for (let i = 1; i < history.length; i++) if (history[i]!.at < history[i - 1]!.at) return false;
  return true;
}

export function ownerAt(history: readonly OwnerChange[], at: EpochMs): string | null {
  let owner: string | null = null;
  let latest = Number.NEGATIVE_INFINITY;
  for (const change of history) {
    if (change.at <= at && change.at >= latest) {
      owner = change.ownerId;
      latest = change.at;
    }
  }
  return owner;
}

/**
 * SLA state of one case under `policy` at `now`. Only facts at or before `now` count, so the
 * same facts replayed at an earlier `now` give the state as it was then.
 *
 * Deadline rule: a target is met when the response comes at or before dueAt; it is breached
 * only once now is strictly after dueAt. Exactly at dueAt it is still at risk with 0 left.
 */
export function computeSlaState(
  facts: SlaCaseFacts,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: Instant,
): SlaState {
  const ctx: EvalContext = {
    at: toEpochMs(now),
    cal: policy.hours === 'calendar' ? TWENTY_FOUR_SEVEN : calendar,
    pauses: policy.pauseWhilePending ? pendingPeriods(facts.statusHistory) : [],
    policy,
    owners: facts.ownerHistory,
  };
  const targets: SlaTargetState[] = [];
  // Resolving a case answers it: a reply clock still running stops at resolvedAt.
  measure(targets, ctx, 'first_response', facts.createdAt, earliest(facts.firstResponseAt, facts.resolvedAt));
  // Until the first response, waiting customers are the first-response target's business.
  if (facts.nextResponse && facts.firstResponseAt !== null && facts.firstResponseAt <= ctx.at) {
    measure(
      targets,
      ctx,
      'next_response',
      facts.nextResponse.since,
      earliest(facts.nextResponse.repliedAt, facts.resolvedAt),
    );
  }
  measure(targets, ctx, 'resolution', facts.createdAt, facts.resolvedAt);
  return {
    caseId: facts.caseId,
    policyId: policy.id,
    policyVersion: policy.version,
    computedAt: ctx.at,
    targets,
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

interface EvalContext {
  readonly at: number;
  readonly cal: BusinessCalendar;
  readonly pauses: readonly Pause[];
  readonly policy: SlaPolicy;
  readonly owners: readonly OwnerChange[];
}

// Module-level functions rather than closures: this runs for every target of every open case.
function measure(
  into: SlaTargetState[],
  ctx: EvalContext,
  metric: SlaMetric,
  startedAt: number,
  metAt: number | null,
): void {
  const targetMs = ctx.policy.targets[metric];
  if (targetMs === undefined || startedAt > ctx.at) return;
  into.push(
    evaluateTarget(metric, targetMs, startedAt, metAt !== null && metAt <= ctx.at ? metAt : null, ctx),
  );
}

function evaluateTarget(
  metric: SlaMetric,
  targetMs: number,
  startedAt: number,
  metAt: number | null,
  ctx: EvalContext,
): SlaTargetState {
  const stop = metAt ?? ctx.at;
  const walk: Walk = { elapsed: 0, dueAt: null, cursor: startedAt };
  let paused = false;
  // Counted time is [startedAt, stop) minus the pauses; walk its segments in order.
  for (const p of ctx.pauses) {
    if (p.to <= walk.cursor) continue;
    if (p.from >= stop) break;
    countSegment(walk, p.from, targetMs, ctx.cal);
    if (p.to > stop) {
      // Still pending at `stop`; a target met while pending is simply met.
      paused = metAt === null;
      walk.cursor = stop;
      break;
    }
    walk.cursor = Math.max(walk.cursor, p.to);
  }
  countSegment(walk, stop, targetMs, ctx.cal);
  const elapsed = walk.elapsed;
  const timeLeftMs = targetMs - elapsed;
  const due = walk.dueAt ?? addBusinessTime(stop, timeLeftMs, ctx.cal);
  let status: SlaTargetStatus;
  if (metAt !== null) status = metAt <= due ? 'met' : 'breached';
  else if (ctx.at > due) status = 'breached';
  else if (timeLeftMs <= atRiskMarginMs(targetMs, ctx.policy.atRisk)) status = 'at_risk';
  else status = 'ok';
  return {
    metric,
    targetMs,
    startedAt,
    dueAt: due,
    elapsedMs: elapsed,
    timeLeftMs,
    status,
    paused,
    metAt,
    breachedAt: status === 'breached' ? due : null,
    ownerAtDue: ownerAt(ctx.owners, Math.min(due, ctx.at)),
  };
}

interface Walk {
  elapsed: number;
  dueAt: number | null;
  cursor: number;
}

function countSegment(walk: Walk, segEnd: number, targetMs: number, cal: BusinessCalendar): void {
  if (segEnd <= walk.cursor) return;
  if (walk.dueAt !== null) {
    walk.elapsed += businessTimeBetween(walk.cursor, segEnd, cal);
    return;
  }
  const r = spendBusinessTime(walk.cursor, segEnd, targetMs - walk.elapsed, cal);
  walk.elapsed += r.elapsedMs;
  walk.dueAt = r.exhaustedAt;
}
