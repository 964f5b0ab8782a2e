import { createHash } from 'node:crypto';
import {
  addBusinessTime,
  alwaysOpenCalendar,
  atRiskMarginMs,
  type BusinessCalendar,
  computeSlaState,
  decideEscalations,
  detectBreaches,
  type EscalationPolicy,
  type EscalationStep,
  type SlaBreachEvent,
  type SlaPolicy,
  type SlaState,
  type SlaTargetStatus,
  selectSlaPolicy,
} from '../../core/standards/index.ts';
import { escalationLevelsDue } from '../../core/standards/sla-sweep.ts';
import type { Executor } from '../../db/client.ts';
import {
  findEscalationPolicies,
  findSlaPolicies,
  loadCalendars,
  type SiteCalendar,
  type StoredEscalationPolicy,
  type StoredSlaPolicy,
} from '../../db/repositories/standards.ts';
import {
  analyzeSweepTables,
  appendSweepAudit,
  type CacheStatus,
  type CaseSlaCacheRow,
  type ConfigChangeScope,
  encodeCacheRows,
  findSweepCandidates,
  insertBreaches,
  insertEscalationSteps,
  loadSweepFactsInParts,
  loadSweepRecords,
  lockSweepState,
  type SweepCaseFacts,
  type SweepScope,
  saveSweepState,
  updateCaseSla,
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

/**
 * One string per policy, ladder and calendar version: the configuration signature hashes them,
 * and a sweep compares them with the last sweep's to find what a change can move.
 */
export function configParts(
  policies: readonly StoredSlaPolicy[],
  ladders: readonly StoredEscalationPolicy[],
  calendars: ReadonlyMap<string, SiteCalendar>,
): string[] {
  return [
    ...policies.map((p) => `p${p.id}:${p.version}:${conditionsKey(p.conditions)}`),
    ...ladders.map((e) => `e${e.id}:${e.version}:${e.active}`),
    ...[...calendars.values()].map((c) => `c${c.id}:${c.version}:${c.timeZone}:${c.mode}`),
  ].sort();
}

/** The configuration signature: changes whenever a policy, a ladder or a calendar changes. */
const signatureOf = (parts: readonly string[]) =>
  createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 16);

/** Stands in for a part the sweep has computed, so its facts can be collected. */
const DONE: Promise<SweepCaseFacts[]> = Promise.resolve([]);

/** A policy's conditions in a part, so a change of targets alone is told from one of conditions. */
const conditionsKey = (conditions: object) =>
  createHash('sha1')
    .update(JSON.stringify(Object.entries(conditions).sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex')
    .slice(0, 8);

/**
 * Which open cases a configuration change can move, given the parts before and after it: the
 * cases of a site whose calendar changed; the cases last computed under a policy that changed,
 * went, or whose ladder changed; and the cases a new policy, or one whose conditions changed,
 * now matches (a policy that kept its conditions is still chosen by exactly the cases that chose
 * it before). Any other case keeps its policy, its calendar and its ladder, so its cached state
 * still holds under the new signature.
 */
export function configChangeScope(
  before: readonly string[],
  after: readonly string[],
  policies: readonly StoredSlaPolicy[],
): Omit<ConfigChangeScope, 'ids'> {
  const [was, now] = [new Set(before), new Set(after)];
  const changed = { p: new Set<string>(), e: new Set<string>(), c: new Set<string>() };
  for (const part of [...before.filter((x) => !now.has(x)), ...after.filter((x) => !was.has(x))]) {
    changed[part[0] as 'p' | 'e' | 'c']?.add(part.slice(1, part.indexOf(':')));
  }
  // A policy part is `p<id>:<version>:<conditions key>`.
  const conditionsBefore = new Map(
    before
      .filter((x) => x[0] === 'p')
      .map((x) => [x.slice(1, x.indexOf(':')), x.slice(x.lastIndexOf(':') + 1)]),
  );
  const policyIds = new Set(changed.p);
  for (const p of policies) {
    if (p.escalationPolicyId && changed.e.has(p.escalationPolicyId)) policyIds.add(p.id);
  }
  return {
    siteIds: [...changed.c].sort(),
    policyIds: [...policyIds].sort(),
    conditions: policies
      .filter((p) => changed.p.has(p.id) && conditionsBefore.get(p.id) !== conditionsKey(p.conditions))
      .map((p) => p.conditions),
  };
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
): Omit<CaseSlaCacheRow, 'caseVersion' | 'nextCheckAt'> {
  if (!state || state.targets.length === 0) {
    return {
      caseId,
      policyId: state?.policyId ?? null,
      policyVersion: state?.policyVersion ?? null,
      status: 'none',
      nextDueAt: null,
      timeLeftMs: null,
      paused: false,
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
    computedAt: now,
  };
}

/**
 * Everything the cache row says about the state except what moves with the clock alone (time
 * left, and the projected deadline of a paused target), plus what the state implies for the
 * records: each target's cycle start (a breach's key) and the escalation levels due (the steps'
 * keys). Two states with the same key give the same inbox row and the same breach and step keys.
 */
export function stateKey(state: SlaState | null, ladder: EscalationPolicy | null = null, now = 0): string {
  if (!state) return 'none';
  let key = `${state.policyId}:${state.policyVersion}`;
  for (const t of state.targets) {
    // Compact (the key is read back for every open case): first letters, deadlines in ms.
    // Only a next-response cycle can start elsewhere than at the case's creation.
    key += `|${t.metric[0]}${t.status[0]}${t.paused ? 'p' : Math.round(t.dueAt)}`;
    if (t.metric === 'next_response') key += `@${t.startedAt}`;
    key += escalationLevelsDue(t, ladder, now);
  }
  return key;
}

/**
 * The records a state key implies are stored, one token each: `<metric letter>[<cycle start>]b`
 * for a breach, `<metric letter>[<cycle start>]L<level>` for an escalation step (the same
 * case, metric, cycle and level as the records' keys; only a next-response cycle's start is in
 * the key, the others start at the case's creation). The sweep that wrote a key stored these
 * records in the same transaction, so a state whose tokens are all in its cached key's has
 * nothing new to record (a policy edit that only moves deadlines, say).
 */
export function recordTokens(key: string | null): string[] {
  const tokens: string[] = [];
  if (key === null) return tokens;
  // Segments after the policy: metric letter, status letter, deadline (or `p`), `@start`, `Ln`…
  for (let from = key.indexOf('|'); from >= 0; ) {
    const end = key.indexOf('|', from + 1);
    const seg = key.slice(from + 1, end < 0 ? key.length : end);
    from = end;
    const levels = seg.indexOf('L');
    const head = levels < 0 ? seg : seg.slice(0, levels);
    const at = head.indexOf('@');
    const target = seg[0] + (at < 0 ? '' : head.slice(at + 1));
    if (seg[1] === 'b') tokens.push(`${target}b`);
    if (levels >= 0) for (const level of seg.slice(levels + 1).split('L')) tokens.push(`${target}L${level}`);
  }
  return tokens;
}

/** Whether the state keyed `key` may have a breach or escalation step not yet stored. */
function mayHaveNewRecords(key: string, cachedKey: string | null): boolean {
  const now = recordTokens(key);
  if (now.length === 0) return false;
  if (cachedKey === null) return true;
  const before = recordTokens(cachedKey);
  return now.some((t) => !before.includes(t));
}

function poolSize(db: unknown): number {
  const pool = (db as { $client?: { options?: { max?: number } } }).$client;
  return pool?.options?.max ?? 10;
}

export interface SweepResult {
  /** Open cases recomputed: new, changed, or with a threshold due (the rest cannot have moved). */
  cases: number;
  /**
   * Every open case was recomputed: asked for, or the configuration changed and the last sweep
   * did not store its parts (see `casesMovedByConfig`).
   */
  full: boolean;
  /** The configuration changed since the last sweep (its signature moved). */
  configChanged: boolean;
  /** Cache rows written: only those whose state, case version or next check moved. */
  written: number;
  /** Another sweep held the lock: this one did nothing. */
  skipped: boolean;
  breaches: number;
  escalations: number;
  atRisk: number;
  /** Cases moved to another agent by a `reassign` rung. */
  reassigned: number;
  /**
   * Cases with new breaches or steps left for the next sweep (over `maxRecordingCases`): their
   * rows show the state now, are due at once and name no records, so the next sweep records them.
   */
  deferred: number;
  /** A backlog remains (deferred records, or cases never computed beyond this sweep's share): sweep again. */
  more: boolean;
  /**
   * Wall time by phase. The cache rows are written while the next part loads and computes, so
   * `write` is only what is left once the computation is done (the last part, the records).
   */
  ms: { load: number; compute: number; write: number };
}

interface Stored {
  newBreaches: SlaBreachEvent[];
  newSteps: EscalationStep[];
  newlyAtRisk: CaseSlaCacheRow[];
  owners: Map<string, string | null>;
  cases: number;
  written: number;
  /** Of those written, the cache rows that were new. */
  inserted: number;
  deferred: number;
  more: boolean;
  full: boolean;
  configChanged: boolean;
  ms: SweepResult['ms'];
}

/**
 * What an incremental sweep recomputes: the candidates (new, changed, or a threshold due) and,
 * after a configuration change, the open cases it can move (read by a scan with that filter).
 */
async function incrementalScope(
  db: Executor,
  now: Date,
  change: {
    before: readonly string[];
    after: readonly string[];
    policies: readonly StoredSlaPolicy[];
  } | null,
  backlogCandidates: number,
): Promise<{ scope: SweepScope; moreBacklog: boolean }> {
  const { ids, moreBacklog } = await findSweepCandidates(db, now, backlogCandidates);
  // Many candidates (a backlog after an outage or a first sweep) are read by the scan in parts
  // with the candidates' condition, not by a list of ids.
  const many = ids.length > SCAN_CANDIDATES_OVER;
  const changed = change
    ? configChangeScope(change.before, change.after, change.policies)
    : many
      ? { siteIds: [], policyIds: [], conditions: [] }
      : null;
  if (!changed) return { scope: { ids }, moreBacklog };
  return { scope: { changed: { ...(many ? { ids: [], dueBy: now } : { ids }), ...changed } }, moreBacklog };
}

const SCAN_CANDIDATES_OVER = 20_000;

/** Cases with no cached state yet, or with deferred records, recomputed per sweep at most. */
const BACKLOG_CANDIDATES = 5_000;

/**
 * At most this many cases have their new breaches and steps recorded by one sweep (about four
 * records and four audit rows each): a backlog (the first sweep over old cases, an outage, a new
 * rung on a ladder) is worked off by consecutive sweeps of about a second each, not by one long
 * transaction.
 */
const MAX_RECORDING_CASES = 2_000;

/** A sweep that inserted this many rows refreshes the planner's statistics of the tables it filled. */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * One SLA sweep, holding the sweep lock (the `sla_sweep_state` row) from start to commit, so two
 * processes never sweep at once: a second one finds the lock taken and does nothing. Recomputes
 * the open cases that may have moved (every open case when the configuration changed or `full`),
 * stores new breaches and escalation steps by key (ON CONFLICT DO NOTHING, so nothing is stored
 * or announced twice), writes the cache rows whose state moved, then publishes events after commit.
 */
export async function sweepSla(
  deps: StandardsDeps,
  options: {
    full?: boolean;
    analyzeAfterRows?: number;
    /** Cases whose new breaches and steps one sweep records at most; the rest are deferred. */
    maxRecordingCases?: number;
    /** Cases never computed, or with deferred records, that one sweep takes at most. */
    backlogCandidates?: number;
  } = {},
): Promise<SweepResult> {
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const stored = await deps.db.transaction(async (tx): Promise<Stored | null> => {
    const t0 = performance.now();
    const verified = await lockSweepState(tx);
    if (verified === undefined) return null;
    // The reads run in parallel on other pool connections while `tx` holds the lock; with a pool
    // too small for that they run on `tx` itself, one after another (never waiting on ourselves).
    const db = poolSize(deps.db.db) >= 4 ? deps.db.db : tx;
    // Two parts read at a time, one connection to write refreshes beside `tx`.
    const parallelWrites = poolSize(deps.db.db) >= 6;
    const [policies, escalationPolicies, calendars] = await Promise.all([
      findSlaPolicies(db),
      findEscalationPolicies(db),
      loadCalendars(db),
    ]);
    const config = configParts(policies, escalationPolicies, calendars);
    const sig = signatureOf(config);
    // A configuration change recomputes the cases it can move when the last sweep's parts are
    // known, and every open case otherwise (or when asked).
    const configChanged = verified.sig !== sig;
    // Before the first sweep no case has a cached state, so every open case is a candidate: the
    // backlog, taken a share per sweep.
    const firstSweep = verified.sig === '';
    const { scope, moreBacklog } =
      options.full === true || (configChanged && verified.parts === null && !firstSweep)
        ? { scope: { all: true } as SweepScope, moreBacklog: false }
        : await incrementalScope(
            db,
            now,
            configChanged && !firstSweep ? { before: verified.parts!, after: config, policies } : null,
            options.backlogCandidates ?? BACKLOG_CANDIDATES,
          );
    const full = 'all' in scope;
    const parts = 'ids' in scope && scope.ids.length === 0 ? [] : loadSweepFactsInParts(db, scope);
    // Waiting for a part counts as load, computing it as compute.
    let loadMs = 0;
    let cases = 0;
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
    // Each case's state, keyed by what the cache row shows and which breaches and escalation
    // steps it implies. A case whose key, version and next check are unchanged has nothing to
    // write: the sweep that wrote its row stored those breaches and steps in the same
    // transaction. Only the records of changed cases whose key names a breach or a step its
    // cached key did not are then read, to decide what is new.
    // Rows to write: those the part read a cached row for are updated, the others inserted.
    let updates: CaseSlaCacheRow[] = [];
    let inserts: CaseSlaCacheRow[] = [];
    // Updated rows whose state implies no record the cached state did not: a cache refresh only.
    let refreshes: CaseSlaCacheRow[] = [];
    let written = 0;
    let inserted = 0;
    // The cache rows are written as each part is computed, while the next part is still read and
    // computed. Rows that go with new breaches or steps are written on `tx`, in the records'
    // transaction. Refreshes may be written on their own: committed before `tx` is, and right
    // whether it commits or not (a state computed from the case as it is, whose records are
    // stored). Every other part's refreshes go on a second connection, so that two CPUs write when
    // a change moves most deadlines; all writes are awaited before the records are written.
    const refreshDb = parallelWrites ? deps.db.db : tx;
    let writing: Promise<void> = Promise.resolve();
    let refreshing: Promise<void> = Promise.resolve();
    let flushes = 0;
    const flush = () => {
      // Encoded now, so the row objects do not outlive this part (see encodeCacheRows).
      const onTx = flushes++ % 2 === 0 || refreshDb === tx;
      const toUpdate = encodeCacheRows(onTx ? [...updates, ...refreshes] : updates);
      const toInsert = encodeCacheRows(inserts);
      const toRefresh = encodeCacheRows(onTx ? [] : refreshes);
      [updates, inserts, refreshes] = [[], [], []];
      written += toUpdate.count + toInsert.count + toRefresh.count;
      inserted += toInsert.count;
      if (toUpdate.count + toInsert.count > 0) {
        writing = writing.then(async () => {
          await updateCaseSla(tx, toUpdate);
          await upsertCaseSla(tx, toInsert);
        });
        // A failed part ends the transaction before this is awaited: not an unhandled rejection.
        writing.catch(() => {});
      }
      if (toRefresh.count > 0) {
        refreshing = refreshing.then(() => updateCaseSla(refreshDb, toRefresh));
        refreshing.catch(() => {});
      }
    };
    const maxRecording = options.maxRecordingCases ?? MAX_RECORDING_CASES;
    let deferred = 0;
    const newlyAtRisk: CaseSlaCacheRow[] = [];
    const owners = new Map<string, string | null>();
    const changed: { state: SlaState; ladder: EscalationPolicy | null }[] = [];
    for (let i = 0; i < parts.length; i++) {
      const w = performance.now();
      const facts = await parts[i]!;
      // Let the part's facts go once computed: held to the end, every case's facts would outlive
      // the young generation and cost the garbage collector a copy and a mark.
      parts[i] = DONE;
      loadMs += performance.now() - w;
      cases += facts.length;
      for (const f of facts) {
        const calendar = (f.site && calendars.get(f.site)) || NO_SITE;
        // The ladder belongs to the policy selected (selection is deterministic and cheap).
        const policy = selectSlaPolicy(policies, f);
        const ladder = policy ? (ladderFor.get(policy.id) ?? null) : null;
        const state = policy ? computeSlaState(f, policy, calendar, nowMs) : null;
        const next =
          state && policy
            ? nextCheckAt(state, policy, calendar, ladder, nowMs)
            : nowMs + MAX_CHECK_INTERVAL_MS;
        const key = stateKey(state, ladder, nowMs);
        const was = f.cached;
        // Unchanged state, same case version, and the stored next check still due no later than
        // needed (an earlier one only costs an early look): the row stays as it is.
        if (
          was !== null &&
          was.stateKey === key &&
          was.caseVersion === f.version &&
          was.nextCheckAt !== null &&
          was.nextCheckAt > nowMs &&
          was.nextCheckAt <= next
        ) {
          continue;
        }
        let recording =
          state !== null &&
          (was === null || was.stateKey !== key) &&
          mayHaveNewRecords(key, was?.stateKey ?? null);
        // Over the cap, the row shows the state now but names no records and is due at once.
        const defer = recording && changed.length >= maxRecording;
        if (defer) {
          recording = false;
          deferred++;
        } else if (recording) changed.push({ state: state!, ladder });
        const row: CaseSlaCacheRow = {
          ...summarizeState(f.caseId, state, nowMs),
          caseVersion: f.version,
          nextCheckAt: defer ? nowMs : next,
          stateKey: defer ? null : key,
        };
        // Deferred by an earlier sweep under the same configuration and case version, and showing
        // the same status: its row already says so and is due.
        if (
          defer &&
          !configChanged &&
          was !== null &&
          was.stateKey === null &&
          was.caseVersion === f.version &&
          was.status === row.status &&
          was.nextCheckAt !== null &&
          was.nextCheckAt <= nowMs
        )
          continue;
        (was === null ? inserts : recording || defer ? updates : refreshes).push(row);
        if (row.status === 'at_risk' && was?.status !== 'at_risk') {
          newlyAtRisk.push(row);
          owners.set(f.caseId, f.ownerId);
        }
      }
      flush();
    }
    const tr = performance.now();
    const recorded = await loadSweepRecords(
      db,
      changed.map((c) => c.state.caseId),
    );
    const tc = performance.now();
    const newBreachCandidates: SlaBreachEvent[] = [];
    const newStepCandidates: EscalationStep[] = [];
    for (const { state, ladder } of changed) {
      for (const b of detectBreaches(state, recorded.breaches)) newBreachCandidates.push(b);
      if (!ladder) continue;
      for (const e of decideEscalations(state, ladder, recorded.escalations, nowMs))
        newStepCandidates.push(e);
    }
    const t2 = performance.now();
    const breachKeys = await insertBreaches(tx, newBreachCandidates);
    const stepKeys = await insertEscalationSteps(tx, newStepCandidates);
    await writing;
    await refreshing;
    const newBreaches = newBreachCandidates.filter((b) => breachKeys.has(b.key));
    const newSteps = newStepCandidates.filter((s) => stepKeys.has(s.key));
    await appendSweepAudit(tx, STANDARDS_ACTOR, [
      ...newBreaches.map((b) => ({ action: 'sla.breached', caseId: b.caseId, after: b })),
      ...newSteps.map((s) => ({ action: 'case.escalated', caseId: s.caseId, after: s })),
    ]);
    await saveSweepState(tx, { sig, parts: config }, now);
    const t3 = performance.now();
    return {
      newBreaches,
      newSteps,
      newlyAtRisk,
      owners,
      cases,
      written,
      inserted,
      deferred,
      more: deferred > 0 || moreBacklog,
      full,
      configChanged,
      // The records read counts as load.
      ms: { load: t1 - t0 + loadMs + (tc - tr), compute: t2 - t1 - loadMs - (tc - tr), write: t3 - t2 },
    };
  });
  if (!stored) {
    return {
      cases: 0,
      full: false,
      configChanged: false,
      written: 0,
      skipped: true,
      breaches: 0,
      escalations: 0,
      atRisk: 0,
      reassigned: 0,
      deferred: 0,
      more: false,
      ms: { load: 0, compute: 0, write: 0 },
    };
  }
  const actor = { id: STANDARDS_ACTOR.id, name: STANDARDS_ACTOR.name };
  const events: DomainEvent[] = [
    ...stored.newlyAtRisk.map((r) => ({
      type: 'sla.at_risk',
      actor,
      at: now,
      data: {
        caseId: r.caseId,
        dueAt: r.nextDueAt,
        timeLeftMs: r.timeLeftMs,
        ownerId: stored.owners.get(r.caseId) ?? null,
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
  const filled = stored.inserted + stored.newBreaches.length + stored.newSteps.length;
  if (filled >= (options.analyzeAfterRows ?? ANALYZE_AFTER_ROWS)) {
    // Until autovacuum gets to them, the planner would plan the next sweep's reads for the tables
    // as they were before this one: at 100,000 cases the sweep after the first took 2.4 s, 0.7 s
    // with fresh statistics.
    await analyzeSweepTables(deps.db.db).catch((err: Error) =>
      deps.log?.('warn', `analyze after the SLA sweep failed: ${err.message}`),
    );
  }
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
    cases: stored.cases,
    full: stored.full,
    configChanged: stored.configChanged,
    written: stored.written,
    skipped: false,
    breaches: stored.newBreaches.length,
    escalations: stored.newSteps.length,
    atRisk: stored.newlyAtRisk.length,
    deferred: stored.deferred,
    more: stored.more,
    ms: stored.ms,
  };
}

export type { CacheStatus };
