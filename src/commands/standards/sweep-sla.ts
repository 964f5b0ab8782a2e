import {
  alwaysOpenCalendar,
  type EscalationPolicy,
  type EscalationStep,
  type SlaBreachEvent,
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
} from '../../db/repositories/standards.ts';
import {
  type CacheStatus,
  type CaseSlaCacheRow,
  cacheSignature,
  insertBreaches,
  insertEscalationSteps,
  loadCacheStatuses,
  loadOpenCaseFacts,
  loadSweepRecords,
  upsertCaseSla,
} from '../../db/repositories/standards-cases.ts';
import type { DomainEvent } from '../../events.ts';
import { STANDARDS_ACTOR, type StandardsDeps } from './shared.ts';

const NO_SITE = alwaysOpenCalendar('UTC', 'none');
const compiled = new Map<string, { key: string; calendar: SiteCalendar }>();

const RANK: Record<SlaTargetStatus, number> = { met: 0, ok: 1, at_risk: 2, breached: 3 };

/** The cache row the inbox reads: the worst target's status and the earliest running deadline. */
export function summarizeState(caseId: string, state: SlaState | null, now: number): CaseSlaCacheRow {
  if (!state) {
    return {
      caseId,
      policyId: null,
      policyVersion: null,
      status: 'none',
      nextDueAt: null,
      timeLeftMs: null,
      paused: false,
      targets: [],
      computedAt: now,
    };
  }
  let status: CacheStatus = 'met';
  let next: SlaState['targets'][number] | null = null;
  for (const t of state.targets) {
    if (RANK[t.status] > RANK[status as SlaTargetStatus]) status = t.status;
    if (t.status !== 'met' && (next === null || t.dueAt < next.dueAt)) next = t;
  }
  if (state.targets.length === 0) status = 'none';
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
  cases: number;
  breaches: number;
  escalations: number;
  atRisk: number;
  cacheWrites: number;
  ms: { load: number; compute: number; write: number };
}

/**
 * One SLA sweep over every open case: select the policy, compute the state, store new breaches
 * and escalation steps by key (ON CONFLICT DO NOTHING, so a second or concurrent run stores and
 * announces nothing twice), refresh the inbox cache where it changed, then publish events.
 */
export async function sweepSla(deps: StandardsDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const t0 = performance.now();
  const db = deps.db.db;
  const [facts, policies, escalationPolicies, calendars, records, cached] = await Promise.all([
    loadOpenCaseFacts(db),
    findSlaPolicies(db),
    findEscalationPolicies(db),
    loadCalendars(db),
    loadSweepRecords(db),
    loadCacheStatuses(db),
  ]);
  const t1 = performance.now();
  const ladders = new Map<string, EscalationPolicy>(
    escalationPolicies.filter((e) => e.active).map((e) => [e.id, e]),
  );
  const ladderFor = new Map(
    policies.map((p) => [p.id, p.escalationPolicyId ? (ladders.get(p.escalationPolicyId) ?? null) : null]),
  );
  const noSite = NO_SITE;
  for (const [siteId, c] of calendars) {
    // Reuse the calendar object across sweeps while it is unchanged: it stays compiled and its days cached.
    const key = `${c.version}:${c.timeZone}:${c.mode}`;
    const kept = compiled.get(siteId);
    if (kept?.key === key) calendars.set(siteId, kept.calendar);
    else compiled.set(siteId, { key, calendar: c });
  }
  const breaches: SlaBreachEvent[] = [];
  const steps: EscalationStep[] = [];
  const cache: CaseSlaCacheRow[] = [];
  const newlyAtRisk: CaseSlaCacheRow[] = [];
  const owners = new Map<string, string | null>();
  for (const f of facts) {
    const calendar = (f.site && calendars.get(f.site)) || noSite;
    // The ladder belongs to the policy sweepCase selects (selection is deterministic and cheap).
    const policy = selectSlaPolicy(policies, f);
    const ladder = policy ? (ladderFor.get(policy.id) ?? null) : null;
    const result = sweepCase(f, policies, calendar, ladder, records, nowMs);
    breaches.push(...result.breaches);
    steps.push(...result.escalations);
    owners.set(f.caseId, f.ownerId);
    const row = summarizeState(f.caseId, result.state, nowMs);
    const prev = cached.get(f.caseId);
    if (!prev || prev.sig !== cacheSignature(row)) cache.push(row);
    if (row.status === 'at_risk' && prev?.status !== 'at_risk') newlyAtRisk.push(row);
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
  return {
    cases: facts.length,
    breaches: stored.newBreaches.length,
    escalations: stored.newSteps.length,
    atRisk: newlyAtRisk.length,
    cacheWrites: cache.length,
    ms: { load: t1 - t0, compute: t2 - t1, write: t3 - t2 },
  };
}
