import { createHash } from 'node:crypto';
import {
  addBusinessTime,
  alwaysOpenCalendar,
  atRiskMarginMs,
  type BusinessCalendar,
  type EscalationPolicy,
  type EscalationStep,
  type SlaBreachEvent,
  type SlaPolicy,
  type SlaState,
  type SlaTargetStatus,
  selectSlaPolicy,
  sweepCase,
} from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  findEscalationPolicies,
  findSlaPolicies,
  loadCalendars,
  type SiteCalendar,
  type StoredEscalationPolicy,
  type StoredSlaPolicy,
} from '../../db/repositories/standards.ts';
import {
  type CacheStatus,
  type CaseSlaCacheRow,
  caseIdSet,
  findSweepCandidates,
  insertBreaches,
  insertEscalationSteps,
  loadCacheStatuses,
  loadSweepFacts,
  loadSweepRecords,
  upsertCaseSla,
} from '../../db/repositories/standards-cases.ts';
import type { DomainEvent } from '../../events.ts';
import { reassignOnEscalation } from './reassign-on-escalation.ts';
import { STANDARDS_ACTOR, type StandardsDeps } from './shared.ts';

const NO_SITE = alwaysOpenCalendar('UTC', 'none');
const ALWAYS = alwaysOpenCalendar('UTC', 'always');
/** Every open case is recomputed at least this often, whatever its thresholds say. */
const MAX_CHECK_INTERVAL_MS = 6 * 3_600_000;
const compiled = new Map<string, { key: string; calendar: SiteCalendar }>();

const RANK: Record<SlaTargetStatus, number> = { met: 0, ok: 1, at_risk: 2, breached: 3 };

/** Changes whenever a policy, a ladder or a calendar changes: every open case is then recomputed. */
export function configSignature(
  policies: readonly StoredSlaPolicy[],
  ladders: readonly StoredEscalationPolicy[],
  calendars: ReadonlyMap<string, SiteCalendar>,
): string {
  const parts = [
    ...policies.map((p) => `p${p.id}:${p.version}`),
    ...ladders.map((e) => `e${e.id}:${e.version}:${e.active}`),
    ...[...calendars.values()].map((c) => `c${c.id}:${c.version}:${c.timeZone}:${c.mode}`),
  ].sort();
  return createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 16);
}

/**
 * The next instant the state can change by the passing of time alone: a running target turning
 * at risk, an at-risk one breaching, or a breached one reaching its next escalation level.
 * Anything else (a reply, a status or priority change) bumps the case version instead.
 */
export function nextCheckAt(
  state: SlaState,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  ladder: EscalationPolicy | null,
  now: number,
): number {
  let next = now + MAX_CHECK_INTERVAL_MS;
  const clock = policy.hours === 'calendar' ? ALWAYS : calendar;
  for (const t of state.targets) {
    if (t.status === 'met' || t.paused) continue;
    if (t.status === 'ok') {
      const margin = atRiskMarginMs(t.targetMs, policy.atRisk);
      next = Math.min(next, addBusinessTime(now, Math.max(0, t.timeLeftMs - margin), clock));
    } else if (t.status === 'at_risk') {
      next = Math.min(next, t.dueAt + 1);
    } else {
      for (const level of ladder?.levels ?? []) {
        if (level.trigger !== 'breached' || (level.metrics && !level.metrics.includes(t.metric))) continue;
        const at = t.dueAt + (level.afterMs ?? 0) + 1;
        if (at > now) next = Math.min(next, at);
      }
    }
  }
  return Math.max(next, now + 1);
}

/** The cache row the inbox reads: the worst target's status and the earliest running deadline. */
export function summarizeState(
  caseId: string,
  state: SlaState | null,
  now: number,
): Omit<CaseSlaCacheRow, 'caseVersion' | 'configSig' | 'nextCheckAt'> {
  if (!state || state.targets.length === 0) {
    return {
      caseId,
      policyId: state?.policyId ?? null,
      policyVersion: state?.policyVersion ?? null,
      status: 'none',
      nextDueAt: null,
      timeLeftMs: null,
      paused: false,
      targets: [],
      computedAt: now,
    };
  }
  let status: SlaTargetStatus = 'met';
  let next: SlaState['targets'][number] | null = null;
  for (const t of state.targets) {
    if (RANK[t.status] > RANK[status]) status = t.status;
    if (t.status !== 'met' && (next === null || t.dueAt < next.dueAt)) next = t;
  }
  return {
    caseId,
    policyId: state.policyId,
    policyVersion: state.policyVersion,
    status,
    nextDueAt: next?.dueAt ?? null,
    timeLeftMs: next?.timeLeftMs ?? null,
    paused: next?.paused ?? false,
    targets: state.targets.map((t) => ({
      metric: t.metric,
      status: t.status,
      dueAt: t.dueAt,
      timeLeftMs: t.timeLeftMs,
      paused: t.paused,
    })),
    computedAt: now,
  };
}

export interface SweepResult {
  /** Open cases recomputed: new, changed, or with a threshold due (the rest cannot have moved). */
  cases: number;
  breaches: number;
  escalations: number;
  atRisk: number;
  /** Cases moved to another agent by a `reassign` rung. */
  reassigned: number;
  ms: { load: number; compute: number; write: number };
}

/**
 * One SLA sweep: recompute the open cases that may have moved (see `sweepScope`), store new
 * breaches and escalation steps by key (ON CONFLICT DO NOTHING, so a second or concurrent run
 * stores and announces nothing twice), refresh their inbox cache with the next instant worth
 * checking, then publish events after commit.
 */
export async function sweepSla(deps: StandardsDeps, options: { full?: boolean } = {}): Promise<SweepResult> {
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const t0 = performance.now();
  const db = deps.db.db;
  const [policies, escalationPolicies, calendars] = await Promise.all([
    findSlaPolicies(db),
    findEscalationPolicies(db),
    loadCalendars(db),
  ]);
  const sig = configSignature(policies, escalationPolicies, calendars);
  const ids = await findSweepCandidates(db, options.full ? `full:${nowMs}` : sig, now);
  const scope = caseIdSet(ids);
  const [facts, records, cached] =
    ids.length === 0
      ? [[], { breaches: new Set<string>(), escalations: new Set<string>() }, new Map<string, CacheStatus>()]
      : await Promise.all([
          loadSweepFacts(db, scope),
          loadSweepRecords(db, scope),
          loadCacheStatuses(db, scope),
        ]);
  const t1 = performance.now();
  for (const [siteId, c] of calendars) {
    // Reuse the calendar object across sweeps while it is unchanged: it stays compiled, days cached.
    const key = `${c.version}:${c.timeZone}:${c.mode}`;
    const kept = compiled.get(siteId);
    if (kept?.key === key) calendars.set(siteId, kept.calendar);
    else compiled.set(siteId, { key, calendar: c });
  }
  const ladders = new Map<string, EscalationPolicy>(
    escalationPolicies.filter((e) => e.active).map((e) => [e.id, e]),
  );
  const ladderFor = new Map(
    policies.map((p) => [p.id, p.escalationPolicyId ? (ladders.get(p.escalationPolicyId) ?? null) : null]),
  );
  const breaches: SlaBreachEvent[] = [];
  const steps: EscalationStep[] = [];
  const cache: CaseSlaCacheRow[] = [];
  const newlyAtRisk: CaseSlaCacheRow[] = [];
  const owners = new Map<string, string | null>();
  for (const f of facts) {
    const calendar = (f.site && calendars.get(f.site)) || NO_SITE;
    // The ladder belongs to the policy sweepCase selects (selection is deterministic and cheap).
    const policy = selectSlaPolicy(policies, f);
    const ladder = policy ? (ladderFor.get(policy.id) ?? null) : null;
    const result = sweepCase(f, policies, calendar, ladder, records, nowMs);
    breaches.push(...result.breaches);
    steps.push(...result.escalations);
    owners.set(f.caseId, f.ownerId);
    const row: CaseSlaCacheRow = {
      ...summarizeState(f.caseId, result.state, nowMs),
      caseVersion: f.version,
      configSig: sig,
      nextCheckAt:
        result.state && policy
          ? nextCheckAt(result.state, policy, calendar, ladder, nowMs)
          : nowMs + MAX_CHECK_INTERVAL_MS,
    };
    cache.push(row);
    if (row.status === 'at_risk' && cached.get(f.caseId) !== 'at_risk') newlyAtRisk.push(row);
  }
  const t2 = performance.now();
  const stored = await deps.db.transaction(async (tx) => {
    const breachKeys = await insertBreaches(tx, breaches);
    const stepKeys = await insertEscalationSteps(tx, steps);
    await upsertCaseSla(tx, cache);
    const newBreaches = breaches.filter((b) => breachKeys.has(b.key));
    const newSteps = steps.filter((s) => stepKeys.has(s.key));
    const audit = [
      ...newBreaches.map((b) => ({ action: 'sla.breached', entity: 'case', entityId: b.caseId, after: b })),
      ...newSteps.map((s) => ({ action: 'case.escalated', entity: 'case', entityId: s.caseId, after: s })),
    ];
    // In chunks: one statement per thousand entries keeps the parameter list bounded.
    for (let i = 0; i < audit.length; i += 1000) {
      await appendAudit(tx, STANDARDS_ACTOR, undefined, audit.slice(i, i + 1000));
    }
    return { newBreaches, newSteps };
  });
  const t3 = performance.now();
  const actor = { id: STANDARDS_ACTOR.id, name: STANDARDS_ACTOR.name };
  const events: DomainEvent[] = [
    ...newlyAtRisk.map((r) => ({
      type: 'sla.at_risk',
      actor,
      at: now,
      data: {
        caseId: r.caseId,
        dueAt: r.nextDueAt,
        timeLeftMs: r.timeLeftMs,
        ownerId: owners.get(r.caseId) ?? null,
      },
    })),
    ...stored.newBreaches.map((b) => ({
      type: 'sla.breached',
      actor,
      at: now,
      data: {
        caseId: b.caseId,
        key: b.key,
        metric: b.metric,
        policyId: b.policyId,
        policyVersion: b.policyVersion,
        dueAt: b.dueAt,
        ownerId: b.ownerId,
      },
    })),
    ...stored.newSteps.map((s) => ({
      type: 'case.escalated',
      actor,
      at: now,
      data: {
        caseId: s.caseId,
        key: s.key,
        metric: s.metric,
        level: s.level,
        actions: s.actions,
        ownerId: s.ownerId,
      },
    })),
  ];
  if (events.length) deps.events.publish(events);
  // Re-assignment rungs of the ladder, after commit: each step was stored once, so it runs once.
  let reassigned = 0;
  for (const step of stored.newSteps) {
    for (const action of step.actions) {
      if (action.kind !== 'reassign') continue;
      try {
        if (await reassignOnEscalation(deps, step, action.to)) reassigned++;
      } catch (err) {
        deps.log?.('warn', `escalation re-assignment failed: ${(err as Error).message}`, { key: step.key });
      }
    }
  }
  return {
    reassigned,
    cases: facts.length,
    breaches: stored.newBreaches.length,
    escalations: stored.newSteps.length,
    atRisk: newlyAtRisk.length,
    ms: { load: t1 - t0, compute: t2 - t1, write: t3 - t2 },
  };
}

export type { CacheStatus };
