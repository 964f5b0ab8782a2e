import type {
  CheckMark,
  Conditions,
  EscalationStep,
  HandoverRequest,
  OwnerChange,
  Priority,
  SlaBreachEvent,
  SlaCaseFacts,
  SlaDimension,
  SlaTargetStatus,
  StatusChange,
} from '../../core/standards/index.ts';
import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';
import { pgArray } from './customers.ts';

/** Per-case facts and records of the service standards: SLA clocks, routing, ownership, checklists. */

export const OPEN_STATUSES = ['new', 'open', 'pending'] as const;

export interface CaseSlaFacts extends SlaCaseFacts {
  readonly status: string;
  readonly version: number;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  /** The site the case belongs to, null for a case without one (it then counts calendar time). */
  readonly site: string | null;
  readonly humanRequestedAt: number | null;
}

interface FactsRow {
  id: string;
  version: number;
  site_id: string | null;
  team_id: string | null;
  owner_id: string | null;
  status: string;
  priority: Priority;
  channel: string;
  tier: string | null;
  created: number;
  first_reply: number | null;
  waiting: number | null;
  resolved: number | null;
  human: number | null;
}

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

/** The case rows with the customer's tier; instants come back as epoch ms (no Dates). */
function factsQuery(where: ReturnType<typeof sql>) {
  return sql`select k.id, k.version, k.site_id, k.team_id, k.owner_id, k.status, k.priority, k.channel, c.tier,
      ${ms('k.created_at')} as created, ${ms('k.first_reply_at')} as first_reply, ${ms('k.waiting_since')} as waiting,
      case when k.status in ('resolved', 'closed') then ${ms('k.resolved_at')} end as resolved,
      ${ms('k.human_requested_at')} as human
    from cases k join customers c on c.id = k.customer_id
    where ${where}`;
}

type History<T> = Map<string, { at: number; value: T }[]>;

/**
 * Status and owner histories as flat rows grouped here: far cheaper than one aggregate per case.
 * Only cases that were ever pending need their status history (it only yields pauses).
 */
async function loadHistories(
  tx: Executor,
  scope: ReturnType<typeof sql>,
): Promise<{ statuses: History<string>; owners: History<string | null> }> {
  const [s, o] = await Promise.all([
    rows<{ c: string; at: number; v: string }>(
      tx,
      sql`select h.case_id as c, ${ms('h.at')} as at, h.status as v from case_status_changes h
          where h.case_id in (select p.case_id from case_status_changes p where p.status = 'pending' and p.case_id in (${scope}))
          order by h.case_id, h.at, h.id`,
    ),
    rows<{ c: string; at: number; v: string | null }>(
      tx,
      sql`select h.case_id as c, ${ms('h.at')} as at, h.owner_id as v from case_owner_changes h
          where h.case_id in (${scope}) order by h.case_id, h.at, h.id`,
    ),
  ]);
  const group = <T>(list: { c: string; at: number; v: T }[]): History<T> => {
    const map: History<T> = new Map();
    for (const r of list) {
      const entries = map.get(r.c);
      if (entries) entries.push({ at: r.at, value: r.v });
      else map.set(r.c, [{ at: r.at, value: r.v }]);
    }
    return map;
  };
  return { statuses: group(s), owners: group(o) };
}

function toFacts(
  r: FactsRow,
  h: { statuses: History<string>; owners: History<string | null> },
): CaseSlaFacts {
  const nextResponse =
    r.first_reply !== null && r.waiting !== null && r.waiting >= r.first_reply
      ? { since: r.waiting, repliedAt: null }
      : null;
  return {
    caseId: r.id,
    siteId: r.site_id ?? '',
    site: r.site_id,
    priority: r.priority,
    channel: r.channel,
    customerTier: r.tier,
    createdAt: r.created,
    firstResponseAt: r.first_reply,
    nextResponse,
    resolvedAt: r.resolved,
    statusHistory: (h.statuses.get(r.id) ?? []).map((e) => ({ at: e.at, status: e.value })),
    ownerHistory: (h.owners.get(r.id) ?? []).map((e) => ({ at: e.at, ownerId: e.value })),
    status: r.status,
    version: r.version,
    ownerId: r.owner_id,
    teamId: r.team_id,
    humanRequestedAt: r.human,
  };
}

async function loadFacts(tx: Executor, where: ReturnType<typeof sql>, scope: ReturnType<typeof sql>) {
  const [found, histories] = await Promise.all([
    rows<FactsRow>(tx, factsQuery(where)),
    loadHistories(tx, scope),
  ]);
  return found.map((r) => toFacts(r, histories));
}

export type SqlFragment = ReturnType<typeof sql>;

/**
 * The open cases an incremental sweep must recompute: no cached state yet, the case changed
 * since (its version), or a threshold is due. Of the backlog (cases with no cached state yet, or
 * whose records an earlier sweep deferred: a row without a state key), at most `backlogLimit`,
 * so that a first sweep over many old cases is worked off by several short sweeps.
 */
export async function findSweepCandidates(
  tx: Executor,
  now: Date,
  backlogLimit = Number.MAX_SAFE_INTEGER,
): Promise<{ ids: string[]; moreBacklog: boolean }> {
  const at = now.toISOString();
  const found = await rows<{ id: string; backlog: boolean }>(
    tx,
    sql`select k.id, false as backlog from cases k join case_sla s on s.case_id = k.id
        where k.status in ('new', 'open', 'pending') and s.state_key is not null
          and (s.case_version <> k.version or s.next_check_at <= ${at}::timestamptz)
        union all
        (select k.id, true from cases k left join case_sla s on s.case_id = k.id
          where k.status in ('new', 'open', 'pending') and (s.case_id is null or s.state_key is null)
          limit ${backlogLimit})`,
  );
  let backlog = 0;
  for (const r of found) if (r.backlog) backlog++;
  return { ids: found.map((r) => r.id), moreBacklog: backlog >= backlogLimit };
}

/** A candidate: an open case `k` whose cache row `s` is missing, stale, or due for a check. */
function candidateSql(now: Date): SqlFragment {
  return sql`(s.case_id is null or s.case_version <> k.version or s.next_check_at <= ${now.toISOString()}::timestamptz)`;
}

/** A set of case ids as a subquery (one array parameter, whatever the count). */
export function caseIdSet(ids: readonly string[]): SqlFragment {
  return sql`select unnest(${`{${ids.join(',')}}`}::uuid[])`;
}

/**
 * The open cases a configuration change can move (see `configChangeScope`), with the sweep's
 * candidates: read by a scan of the open cases with this filter.
 */
export interface ConfigChangeScope {
  readonly ids: readonly string[];
  /** With the sweep's candidates as of this instant, by their condition (no list of ids). */
  readonly dueBy?: Date;
  /** Sites whose calendar changed. */
  readonly siteIds: readonly string[];
  /** Policies whose cases (as cached) are recomputed. */
  readonly policyIds: readonly string[];
  /** Conditions of changed or new policies: the cases they match are recomputed. */
  readonly conditions: readonly Conditions<SlaDimension>[];
}

/** Every open case (a full recompute), the given ones (an incremental sweep), or those a change can move. */
export type SweepScope =
  | { readonly all: true }
  | { readonly ids: readonly string[] }
  | { readonly changed: ConfigChangeScope };

/** The columns of a part's query (`readSweepPart`) that policy conditions test, as text. */
const CONDITION_COLUMNS: Record<string, string> = {
  customerTier: 'c.tier',
  priority: 'k.priority',
  siteId: 'k.site_id::text',
  channel: 'k.channel',
};

/** `matchesConditions` in SQL: every dimension with accepted values must hold one of them. */
function matchesConditionsSql(conditions: Conditions<SlaDimension>): SqlFragment {
  const tests = Object.entries(conditions as Record<string, readonly string[] | undefined>)
    .filter(([, accepted]) => accepted && accepted.length > 0)
    .map(([dim, accepted]) => {
      const column = CONDITION_COLUMNS[dim];
      return column ? sql`${sql.raw(column)} = any(${textArrayLiteral(accepted!)}::text[])` : sql`false`;
    });
  return tests.length > 0 ? sql`(${sql.join(tests, sql` and `)})` : sql`true`;
}

function changedCasesSql(c: ConfigChangeScope): SqlFragment {
  const uuids = (values: readonly string[]) => `{${values.join(',')}}`;
  const candidates = c.dueBy ? sql`or ${candidateSql(c.dueBy)}` : sql``;
  return sql`(k.id = any(${uuids(c.ids)}::uuid[]) ${candidates} or k.site_id = any(${uuids(c.siteIds)}::uuid[])
    or s.policy_id = any(${uuids(c.policyIds)}::uuid[])
    ${c.conditions.length > 0 ? sql`or ${sql.join(c.conditions.map(matchesConditionsSql), sql` or `)}` : sql``})`;
}

/** What the sweep last wrote for a case, to write only what changed. */
export interface CachedSla {
  readonly caseVersion: number;
  readonly status: CacheStatus;
  readonly nextCheckAt: number | null;
  readonly stateKey: string | null;
}

export interface SweepCaseFacts extends SlaCaseFacts {
  readonly version: number;
  readonly ownerId: string | null;
  /** The site the case belongs to, null for a case without one (it then counts calendar time). */
  readonly site: string | null;
  /** Null when the case has no cache row yet. */
  readonly cached: CachedSla | null;
}

/** Epoch ms as float8 (date_part is float8 arithmetic; extract() would go through numeric). */
const epochMs = (column: string) => sql.raw(`date_part('epoch', ${column}) * 1000`);

/**
 * The sweep's facts: only the columns the computation needs, with the cached state beside them
 * (one join instead of a second read), and the status and owner histories of the same cases.
 * The case rows come as one text value, a line per case and a tab between fields: node-postgres
 * parses 100,000 rows of 14 columns in about twice the CPU time of splitting one string. A full
 * recompute reads every open case by a scan and hash joins, not by a list of 100,000 ids.
 */
export async function loadSweepFacts(tx: Executor, scope: SweepScope): Promise<SweepCaseFacts[]> {
  return (await Promise.all(loadSweepFactsInParts(tx, scope))).flat();
}

/** A full recompute reads the open cases in this many parts (by id range)… */
const PARTS = 8;
/** …at most this many at a time: the first part arrives sooner, so its cache rows are written sooner. */
const PARTS_IN_FLIGHT = 2;

/**
 * `loadSweepFacts` in parts, each its own statement on its own connection: the caller computes
 * the first part while PostgreSQL still produces the others, so the database's work and the
 * computation overlap (two CPUs).
 */
export function loadSweepFactsInParts(tx: Executor, scope: SweepScope): Promise<SweepCaseFacts[]>[] {
  const histories = loadSweepHistories(tx, scope);
  if ('ids' in scope) {
    return [readSweepPart(tx, sql`k.id = any(${`{${scope.ids.join(',')}}`}::uuid[])`, sql``, histories)];
  }
  const only = 'changed' in scope ? sql`and ${changedCasesSql(scope.changed)}` : sql``;
  const bounds = Array.from({ length: PARTS + 1 }, (_, i) =>
    i === 0 || i === PARTS ? null : `${((i * 16) / PARTS).toString(16)}0000000-0000-0000-0000-000000000000`,
  );
  const parts: Promise<SweepCaseFacts[]>[] = [];
  const read = (i: number) => {
    const [lo, hi] = [bounds[i], bounds[i + 1]];
    const range = (column: string) =>
      sql`${lo ? sql`and ${sql.raw(column)} >= ${lo}::uuid` : sql``} ${hi ? sql`and ${sql.raw(column)} < ${hi}::uuid` : sql``}`;
    return readSweepPart(
      tx,
      sql`k.status in ('new', 'open', 'pending') ${range('k.id')} ${only}`,
      range('s.case_id'),
      histories,
    );
  };
  for (let i = 0; i < PARTS; i++) {
    const before = parts[i - PARTS_IN_FLIGHT];
    parts.push(before ? before.then(() => read(i)) : read(i));
  }
  // A caller that stops at a failed part leaves the others unawaited: their failure is not unhandled.
  for (const part of parts) part.catch(() => {});
  return parts;
}

/** Fields per line of the sweep's facts text (see readSweepPart's select). */
const FIELDS = 15;

async function readSweepPart(
  tx: Executor,
  where: SqlFragment,
  slaRange: SqlFragment,
  historiesLoaded: Promise<SweepHistories>,
): Promise<SweepCaseFacts[]> {
  const [found, histories] = await Promise.all([
    one<{ t: string | null }>(
      tx,
      // concat() writes a null as an empty field; the tier is free text, so it travels as JSON.
      sql`select string_agg(concat(k.id, E'\t', k.version, E'\t', k.site_id, E'\t', k.owner_id, E'\t', k.priority,
            E'\t', k.channel, E'\t', to_json(c.tier), E'\t', ${epochMs('k.created_at')}, E'\t', ${epochMs('k.first_reply_at')},
            E'\t', ${epochMs('k.waiting_since')}, E'\t',
            case when k.status in ('resolved', 'closed') then ${epochMs('k.resolved_at')} end,
            E'\t', s.case_version, E'\t', s.status, E'\t', ${epochMs('s.next_check_at')}, E'\t', s.state_key), E'\n') as t
          from cases k join customers c on c.id = k.customer_id left join case_sla s on s.case_id = k.id ${slaRange}
          where ${where}`,
    ),
    historiesLoaded,
  ]);
  if (!found?.t) return [];
  const tiers = new Map<string, string | null>();
  const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  const out: SweepCaseFacts[] = [];
  // Fields found with indexOf into one reused array: half the time of split() per line.
  const text = found.t;
  const f: string[] = new Array(FIELDS);
  for (let pos = 0; pos < text.length; ) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    for (let i = 0, p = pos; i < FIELDS; i++) {
      const e = i === FIELDS - 1 ? lineEnd : text.indexOf('\t', p);
      f[i] = text.slice(p, e);
      p = e + 1;
    }
    pos = lineEnd + 1;
    const id = f[0]!;
    const site = f[2] || null;
    const tierText = f[6]!;
    let tier = tiers.get(tierText);
    if (tier === undefined) {
      tier = tierText === '' ? null : (JSON.parse(tierText) as string | null);
      tiers.set(tierText, tier);
    }
    const firstReply = num(f[8]);
    const waiting = num(f[9]);
    const cachedStatus = f[12];
    out.push({
      caseId: id,
      siteId: site ?? '',
      site,
      priority: f[4] as Priority,
      channel: f[5]!,
      customerTier: tier,
      createdAt: Number(f[7]),
      firstResponseAt: firstReply,
      nextResponse:
        firstReply !== null && waiting !== null && waiting >= firstReply
          ? { since: waiting, repliedAt: null }
          : null,
      resolvedAt: num(f[10]),
      statusHistory: histories.statuses.get(id) ?? NO_STATUS_CHANGES,
      ownerHistory: histories.owners.get(id) ?? NO_OWNER_CHANGES,
      version: Number(f[1]),
      ownerId: f[3] || null,
      cached: cachedStatus
        ? {
            caseVersion: Number(f[11]),
            status: cachedStatus as CacheStatus,
            nextCheckAt: num(f[13]),
            stateKey: f[14] || null,
          }
        : null,
    });
  }
  return out;
}

interface SweepHistories {
  statuses: Map<string, StatusChange[]>;
  owners: Map<string, OwnerChange[]>;
}

// Shared by every case without history (most of them): no empty array per case.
const NO_STATUS_CHANGES: readonly StatusChange[] = Object.freeze([]);
const NO_OWNER_CHANGES: readonly OwnerChange[] = Object.freeze([]);

/**
 * Status history (only of cases that were ever pending: it only yields pauses) and owner history
 * of the cases in scope, grouped by case in the shape the computation takes.
 */
async function loadSweepHistories(tx: Executor, scope: SweepScope): Promise<SweepHistories> {
  // A change's cases come with the histories of every open case: one scan, no list of ids.
  const open = !('ids' in scope);
  const inScope = (column: string) =>
    open
      ? sql`join cases k on k.id = ${sql.raw(column)} and k.status in ('new', 'open', 'pending')`
      : sql`join unnest(${`{${scope.ids.join(',')}}`}::uuid[]) as k(id) on k.id = ${sql.raw(column)}`;
  const [s, o] = await Promise.all([
    rows<{ c: string; at: number; status: string }>(
      tx,
      sql`select h.case_id as c, ${epochMs('h.at')} as at, h.status from case_status_changes h ${inScope('h.case_id')}
          where exists (select 1 from case_status_changes p where p.case_id = h.case_id and p.status = 'pending')
          order by h.case_id, h.at, h.id`,
    ),
    rows<{ c: string; at: number; ownerId: string | null }>(
      tx,
      sql`select h.case_id as c, ${epochMs('h.at')} as at, h.owner_id as "ownerId" from case_owner_changes h
          ${inScope('h.case_id')} order by h.case_id, h.at, h.id`,
    ),
  ]);
  const statuses = new Map<string, StatusChange[]>();
  for (const r of s) {
    const entry = { at: r.at, status: r.status };
    const list = statuses.get(r.c);
    if (list) list.push(entry);
    else statuses.set(r.c, [entry]);
  }
  const owners = new Map<string, OwnerChange[]>();
  for (const r of o) {
    const entry = { at: r.at, ownerId: r.ownerId };
    const list = owners.get(r.c);
    if (list) list.push(entry);
    else owners.set(r.c, [entry]);
  }
  return { statuses, owners };
}

/**
 * Takes the sweep's lock (the one `sla_sweep_state` row, held until the caller's transaction
 * ends) and returns the configuration signature every cache row was last verified under, with the
 * parts it hashed (null when not stored yet); undefined when another sweep holds the lock (this
 * one then has nothing to do).
 */
export async function lockSweepState(
  tx: Executor,
): Promise<{ sig: string; parts: string[] | null } | undefined> {
  return one<{ sig: string; parts: string[] | null }>(
    tx,
    sql`select config_sig as sig, config_parts as parts from sla_sweep_state where id for update skip locked`,
  );
}

export async function saveSweepState(
  tx: Executor,
  config: { sig: string; parts: readonly string[] },
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`update sla_sweep_state set config_sig = ${config.sig}, config_parts = ${textArrayLiteral([...config.parts])}::text[],
          swept_at = ${at.toISOString()}::timestamptz where id`,
  );
}

/** Fresh planner statistics for the tables a sweep fills (the sweep's own reads depend on them). */
export async function analyzeSweepTables(db: Executor): Promise<void> {
  await db.execute(sql`analyze case_sla, sla_breaches, escalation_steps`);
}

export async function loadCaseFacts(tx: Executor, caseId: string): Promise<CaseSlaFacts | undefined> {
  return (await loadFacts(tx, sql`k.id = ${caseId}`, sql`select ${caseId}::uuid`))[0];
}

/** Cases created in [from, to), for the attainment report. */
export async function loadCaseFactsCreatedBetween(
  tx: Executor,
  from: Date,
  to: Date,
): Promise<CaseSlaFacts[]> {
  const [a, b] = [from.toISOString(), to.toISOString()];
  return loadFacts(
    tx,
    sql`k.created_at >= ${a}::timestamptz and k.created_at < ${b}::timestamptz`,
    sql`select id from cases where created_at >= ${a}::timestamptz and created_at < ${b}::timestamptz`,
  );
}

/**
 * Keys of the breaches and escalation steps already stored for the given cases, each kind as
 * one delimited text (hundreds of thousands of keys parse far faster as one value than as rows).
 */
export async function loadSweepRecords(
  tx: Executor,
  caseIds: readonly string[],
): Promise<{ breaches: Set<string>; escalations: Set<string> }> {
  if (caseIds.length === 0) return { breaches: new Set(), escalations: new Set() };
  const ids = `{${caseIds.join(',')}}`;
  const keys = async (table: 'sla_breaches' | 'escalation_steps') => {
    const r = await one<{ keys: string | null }>(
      tx,
      sql`select string_agg(x.key, ' ') as keys from ${sql.raw(table)} x
          where x.case_id in (select unnest(${ids}::uuid[]))`,
    );
    return new Set(r?.keys ? r.keys.split(' ') : []);
  };
  const [breaches, escalations] = await Promise.all([keys('sla_breaches'), keys('escalation_steps')]);
  return { breaches, escalations };
}

const iso = (at: number) => new Date(at).toISOString();

/** Rows per statement for the sweep's bulk writes: a first-ever sweep stores hundreds of thousands. */
const BATCH = 50_000;

/**
 * A PostgreSQL array literal of numbers, booleans or plain identifiers (uuids); null → NULL.
 * Built by join: one flat string, not a tree of small ones for the garbage collector to copy
 * while the sweep still holds it.
 */
function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  const out = new Array<string | number | boolean>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] ?? 'NULL';
  return `{${out.join(',')}}`;
}

const needsEscape = /[\\"]/;

/** A PostgreSQL array literal of arbitrary text (JSON included), each element quoted. */
function textArrayLiteral(values: readonly (string | null)[]): string {
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] =
      v === null || v === undefined
        ? 'NULL'
        : needsEscape.test(v)
          ? `"${v.replace(/[\\"]/g, '\\$&')}"`
          : `"${v}"`;
  }
  return `{${out.join(',')}}`;
}

/** Epoch ms (float8) → timestamptz, exact to the microsecond. */
const ts = (column: string) => sql.raw(`(timestamptz 'epoch' + ${column} * interval '1 millisecond')`);

async function inBatches<T>(
  items: readonly T[],
  write: (batch: readonly T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

/** Stores breaches once per key; returns the keys this call stored (a concurrent sweep gets none). */
export async function insertBreaches(
  tx: Executor,
  breaches: readonly SlaBreachEvent[],
): Promise<Set<string>> {
  const stored = new Set<string>();
  await inBatches(breaches, async (list) => {
    const found = await rows<{ key: string }>(
      tx,
      sql`insert into sla_breaches (key, case_id, policy_id, policy_version, metric, started_at, due_at, detected_at, owner_id)
          select x.key, x.case_id, x.policy_id, x.policy_version, x.metric, ${ts('x.started_at')}, ${ts('x.due_at')},
            ${ts('x.detected_at')}, x.owner_id
          from unnest(${textArrayLiteral(list.map((b) => b.key))}::text[], ${arrayLiteral(list.map((b) => b.caseId))}::uuid[],
            ${arrayLiteral(list.map((b) => b.policyId))}::uuid[], ${arrayLiteral(list.map((b) => b.policyVersion))}::int[],
            ${arrayLiteral(list.map((b) => b.metric))}::text[], ${arrayLiteral(list.map((b) => b.startedAt))}::float8[],
            ${arrayLiteral(list.map((b) => b.dueAt))}::float8[], ${arrayLiteral(list.map((b) => b.detectedAt))}::float8[],
            ${arrayLiteral(list.map((b) => b.ownerId))}::uuid[])
            as x(key, case_id, policy_id, policy_version, metric, started_at, due_at, detected_at, owner_id)
          on conflict (key) do nothing returning key`,
    );
    for (const r of found) stored.add(r.key);
  });
  return stored;
}

/** Stores escalation steps once per key; returns the keys this call stored. */
export async function insertEscalationSteps(
  tx: Executor,
  steps: readonly EscalationStep[],
): Promise<Set<string>> {
  const stored = new Set<string>();
  // Every step of one rung carries the same actions: send each distinct text once.
  const texts = new Map<unknown, string>();
  const actionsOf = (s: EscalationStep) => {
    let text = texts.get(s.actions);
    if (text === undefined) {
      text = JSON.stringify(s.actions);
      texts.set(s.actions, text);
    }
    return text;
  };
  await inBatches(steps, async (list) => {
    const found = await rows<{ key: string }>(
      tx,
      sql`insert into escalation_steps (key, case_id, policy_id, metric, level, actions, due_at, owner_id, decided_at)
          select x.key, x.case_id, x.policy_id, x.metric, x.level, x.actions, ${ts('x.due_at')}, x.owner_id, ${ts('x.decided_at')}
          from unnest(${textArrayLiteral(list.map((s) => s.key))}::text[], ${arrayLiteral(list.map((s) => s.caseId))}::uuid[],
            ${arrayLiteral(list.map((s) => s.policyId || null))}::uuid[], ${textArrayLiteral(list.map((s) => s.metric))}::text[],
            ${arrayLiteral(list.map((s) => s.level))}::int[], ${textArrayLiteral(list.map(actionsOf))}::jsonb[],
            ${arrayLiteral(list.map((s) => s.dueAt))}::float8[], ${arrayLiteral(list.map((s) => s.ownerId))}::uuid[],
            ${arrayLiteral(list.map((s) => s.decidedAt))}::float8[])
            as x(key, case_id, policy_id, metric, level, actions, due_at, owner_id, decided_at)
          on conflict (key) do nothing returning key`,
    );
    for (const r of found) stored.add(r.key);
  });
  return stored;
}

/** The sweep's audit rows (`sla.breached`, `case.escalated`) in bulk: one statement per batch. */
export async function appendSweepAudit(
  tx: Executor,
  actor: { id: string; name: string },
  entries: readonly { action: string; caseId: string; after: unknown }[],
): Promise<void> {
  await inBatches(entries, async (list) => {
    await tx.execute(
      sql`insert into audit_log (actor_id, actor_name, action, entity, entity_id, after)
          select ${actor.id}::uuid, ${actor.name}, x.action, 'case', x.entity_id, x.after
          from unnest(${textArrayLiteral(list.map((e) => e.action))}::text[], ${arrayLiteral(list.map((e) => e.caseId))}::text[],
            ${textArrayLiteral(list.map((e) => JSON.stringify(e.after)))}::jsonb[]) with ordinality as x(action, entity_id, after, n)
          order by x.n`,
    );
  });
}

export interface BreachRecord {
  key: string;
  metric: string;
  policyId: string;
  policyVersion: number;
  startedAt: Date;
  dueAt: Date;
  detectedAt: Date;
  ownerId: string | null;
}

export async function findCaseBreaches(tx: Executor, caseId: string): Promise<BreachRecord[]> {
  return rows<BreachRecord>(
    tx,
    sql`select key, metric, policy_id as "policyId", policy_version as "policyVersion", started_at as "startedAt",
          due_at as "dueAt", detected_at as "detectedAt", owner_id as "ownerId"
        from sla_breaches where case_id = ${caseId} order by due_at, id`,
  );
}

export interface EscalationRecord {
  key: string;
  metric: string;
  level: number;
  actions: unknown;
  dueAt: Date;
  decidedAt: Date;
  ownerId: string | null;
}

export async function findCaseEscalations(tx: Executor, caseId: string): Promise<EscalationRecord[]> {
  return rows<EscalationRecord>(
    tx,
    sql`select key, metric, level, actions, due_at as "dueAt", decided_at as "decidedAt", owner_id as "ownerId"
        from escalation_steps where case_id = ${caseId} order by decided_at, id`,
  );
}

// ---------------------------------------------------------------------------------------------
// The per-case SLA cache the inbox reads

export type CacheStatus = SlaTargetStatus | 'none';

export interface CaseSlaCacheRow {
  caseId: string;
  policyId: string | null;
  policyVersion: number | null;
  status: CacheStatus;
  nextDueAt: number | null;
  /** Business time left to `nextDueAt` when computed: for the at-risk event, not stored. */
  timeLeftMs: number | null;
  paused: boolean;
  computedAt: number;
  caseVersion: number;
  nextCheckAt: number | null;
  /** `stateKey` of the state (see sweep-sla.ts): equal keys, equal cached state. */
  stateKey?: string | null;
}

/** Cache rows encoded for a write, a row source per batch (see `encodeCacheRows`). */
export interface EncodedCacheRows {
  readonly count: number;
  readonly batches: readonly { readonly count: number; readonly source: SqlFragment }[];
}

/**
 * Cache rows as row sources `x`: per column one array literal, zipped by ROWS FROM (one parameter
 * per column whatever the count of rows). Encoding right away lets the sweep drop the row objects
 * before the write is due: built by join, the literals are flat strings, not trees of small ones
 * for the garbage collector to copy.
 */
export function encodeCacheRows(cache: readonly CaseSlaCacheRow[]): EncodedCacheRows {
  const batches: { count: number; source: SqlFragment }[] = [];
  for (let i = 0; i < cache.length; i += BATCH) batches.push(encodeBatch(cache.slice(i, i + BATCH)));
  return { count: cache.length, batches };
}

function encodeBatch(list: readonly CaseSlaCacheRow[]): { count: number; source: SqlFragment } {
  const column = (value: (r: CaseSlaCacheRow) => string | number | boolean | null) =>
    arrayLiteral(list.map(value));
  return {
    count: list.length,
    source: sql`rows from (unnest(${column((r) => r.caseId)}::uuid[]), unnest(${column((r) => r.policyId)}::uuid[]),
      unnest(${column((r) => r.policyVersion)}::int[]), unnest(${column((r) => r.status)}::text[]),
      unnest(${column((r) => r.nextDueAt)}::float8[]), unnest(${column((r) => r.paused)}::bool[]),
      unnest(${column((r) => r.computedAt)}::float8[]), unnest(${column((r) => r.caseVersion)}::int[]),
      unnest(${column((r) => r.nextCheckAt)}::float8[]),
      unnest(${textArrayLiteral(list.map((r) => r.stateKey ?? null))}::text[]))
    as x(case_id, policy_id, policy_version, status, next_due_at, paused, computed_at, case_version, next_check_at, state_key)`,
  };
}

const encoded = (cache: readonly CaseSlaCacheRow[] | EncodedCacheRows) =>
  'batches' in cache ? cache : encodeCacheRows(cache);

/**
 * Writes cache rows in bulk (one statement per batch). The sweep passes only the rows whose state
 * key, case version or next check moved.
 */
export async function upsertCaseSla(
  tx: Executor,
  cache: readonly CaseSlaCacheRow[] | EncodedCacheRows,
): Promise<void> {
  for (const batch of encoded(cache).batches) await upsertBatch(tx, batch.source);
}

async function upsertBatch(tx: Executor, source: SqlFragment): Promise<void> {
  await tx.execute(
    sql`insert into case_sla (case_id, policy_id, policy_version, status, next_due_at, paused, computed_at,
          case_version, next_check_at, state_key)
        select x.case_id, x.policy_id, x.policy_version, x.status, ${ts('x.next_due_at')}, x.paused,
          ${ts('x.computed_at')}, x.case_version, ${ts('x.next_check_at')}, x.state_key
        from ${source}
        on conflict (case_id) do update set policy_id = excluded.policy_id, policy_version = excluded.policy_version,
          status = excluded.status, next_due_at = excluded.next_due_at, paused = excluded.paused,
          computed_at = excluded.computed_at, case_version = excluded.case_version,
          next_check_at = excluded.next_check_at, state_key = excluded.state_key`,
  );
}

/**
 * Writes cache rows the caller read a row for (the sweep, holding its lock: nothing else writes
 * or deletes them). A plain UPDATE: INSERT ... ON CONFLICT DO UPDATE would also probe for a
 * conflict and lock each row first (a WAL record more per row). A row found missing after all is
 * upserted.
 */
export async function updateCaseSla(
  tx: Executor,
  cache: readonly CaseSlaCacheRow[] | EncodedCacheRows,
): Promise<void> {
  for (const batch of encoded(cache).batches) {
    const done = await tx.execute(
      sql`update case_sla s set policy_id = x.policy_id, policy_version = x.policy_version, status = x.status,
            next_due_at = ${ts('x.next_due_at')}, paused = x.paused, computed_at = ${ts('x.computed_at')},
            case_version = x.case_version, next_check_at = ${ts('x.next_check_at')}, state_key = x.state_key
          from ${batch.source}
          where s.case_id = x.case_id`,
    );
    if ((done as { rowCount?: number | null }).rowCount !== batch.count) await upsertBatch(tx, batch.source);
  }
}

export interface SlaInboxItem {
  caseId: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  siteId: string | null;
  teamId: string | null;
  ownerId: string | null;
  slaStatus: CacheStatus;
  nextDueAt: Date | null;
  paused: boolean;
  computedAt: Date;
}

export async function findSlaCases(
  tx: Executor,
  f: { statuses: CacheStatus[]; siteId?: string; ownerId?: string | null; teamId?: string; limit: number },
): Promise<SlaInboxItem[]> {
  const where = [sql`k.status in ('new', 'open', 'pending')`];
  if (f.statuses.length) where.push(sql`s.status = any(${pgArray(f.statuses)}::text[])`);
  if (f.siteId) where.push(sql`k.site_id = ${f.siteId}`);
  if (f.teamId) where.push(sql`k.team_id = ${f.teamId}`);
  if (f.ownerId !== undefined)
    where.push(f.ownerId === null ? sql`k.owner_id is null` : sql`k.owner_id = ${f.ownerId}`);
  return rows<SlaInboxItem>(
    tx,
    sql`select k.id as "caseId", k.number, k.subject, k.status, k.priority, k.site_id as "siteId", k.team_id as "teamId",
          k.owner_id as "ownerId", s.status as "slaStatus", s.next_due_at as "nextDueAt", s.paused,
          s.computed_at as "computedAt"
        from case_sla s join cases k on k.id = s.case_id
        where ${sql.join(where, sql` and `)}
        order by s.next_due_at asc nulls last, k.id limit ${f.limit}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Ownership

export async function setCaseOwner(
  tx: Executor,
  caseId: string,
  ownerId: string | null,
  teamId?: string | null,
): Promise<{ version: number }> {
  return (await one<{ version: number }>(
    tx,
    sql`update cases set owner_id = ${ownerId}, ${teamId !== undefined ? sql`team_id = ${teamId},` : sql``}
          version = version + 1, updated_at = now()
        where id = ${caseId} returning version`,
  ))!;
}

export interface OwnershipRow {
  caseId: string;
  ownerId: string | null;
  worked: boolean;
  version: number;
}

export async function loadOwnership(
  tx: Executor,
  caseId: string,
  lock: boolean,
): Promise<OwnershipRow | undefined> {
  return one<OwnershipRow>(
    tx,
    sql`select k.id as "caseId", k.owner_id as "ownerId", k.version,
          (k.first_reply_at is not null or exists (select 1 from messages m where m.case_id = k.id
            and m.direction in ('outbound', 'internal'))) as worked
        from cases k where k.id = ${caseId} ${lock ? sql`for update of k` : sql``}`,
  );
}

export interface StoredHandover extends HandoverRequest {
  id: string;
  status: 'pending' | 'accepted' | 'withdrawn' | 'stale';
  reason: string | null;
  decidedAt: Date | null;
}

const handoverColumns = sql.raw(`h.id, h.case_id as "caseId", h.from_id as "from", h.to_id as "to",
  h.requested_by as "requestedBy", (extract(epoch from h.requested_at) * 1000)::float8 as "requestedAt",
  h.reason, h.status, h.decided_at as "decidedAt"`);

/** Stores the offer; an earlier pending offer for the same case is withdrawn (one offer at a time). */
export async function insertHandover(
  tx: Executor,
  h: HandoverRequest,
  reason: string | null,
): Promise<StoredHandover> {
  await tx.execute(
    sql`update handover_requests set status = 'withdrawn', decided_at = now() where case_id = ${h.caseId} and status = 'pending'`,
  );
  return (await one<StoredHandover>(
    tx,
    sql`insert into handover_requests as h (case_id, from_id, to_id, requested_by, requested_at, reason)
        values (${h.caseId}, ${h.from}, ${h.to}, ${h.requestedBy}, ${iso(h.requestedAt)}::timestamptz, ${reason})
        returning ${handoverColumns}`,
  ))!;
}

export async function loadHandover(
  tx: Executor,
  id: string,
  lock: boolean,
): Promise<StoredHandover | undefined> {
  return one<StoredHandover>(
    tx,
    sql`select ${handoverColumns} from handover_requests h where h.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
}

export async function closeHandover(
  tx: Executor,
  id: string,
  status: StoredHandover['status'],
): Promise<void> {
  await tx.execute(sql`update handover_requests set status = ${status}, decided_at = now() where id = ${id}`);
}

// ---------------------------------------------------------------------------------------------
// Human requests, checklists

export async function markHumanRequested(
  tx: Executor,
  caseId: string,
  at: Date,
): Promise<{ version: number; priority: string; tags: string[]; ownerId: string | null } | undefined> {
  return one(
    tx,
    sql`update cases set human_requested_at = ${at.toISOString()}::timestamptz,
          priority = case when priority in ('low', 'normal') then 'high' else priority end,
          tags = case when 'human-requested' = any(tags) then tags else array_append(tags, 'human-requested') end,
          version = version + 1, updated_at = now()
        where id = ${caseId} and human_requested_at is null
        returning version, priority, tags, owner_id as "ownerId"`,
  );
}

export async function loadMessageForReaction(
  tx: Executor,
  messageId: string,
): Promise<{ caseId: string; direction: string; body: string } | undefined> {
  return one(tx, sql`select case_id as "caseId", direction, body from messages where id = ${messageId}`);
}

export async function loadChecklistCase(
  tx: Executor,
  caseId: string,
): Promise<{ id: string; category: string | null; channel: string } | undefined> {
  return one(tx, sql`select id, category, channel from cases where id = ${caseId}`);
}

export async function findCheckMarks(tx: Executor, caseId: string): Promise<CheckMark[]> {
  return rows<CheckMark>(
    tx,
    sql`select item_id as "itemId", state, by_id as "by", (extract(epoch from at) * 1000)::float8 as at
        from check_marks where case_id = ${caseId} order by id`,
  );
}

export async function insertCheckMark(tx: Executor, caseId: string, mark: CheckMark): Promise<void> {
  await tx.execute(
    sql`insert into check_marks (case_id, item_id, state, by_id, at)
        values (${caseId}, ${mark.itemId}, ${mark.state}, ${mark.by}, ${iso(mark.at)}::timestamptz)`,
  );
}

/** The case's team and status, for escalation's re-assignment. */
export async function loadCaseTeam(
  tx: Executor,
  caseId: string,
): Promise<{ teamId: string | null; status: string } | undefined> {
  return one(tx, sql`select team_id as "teamId", status from cases where id = ${caseId}`);
}

/** A lead of the team, online ones first, other than `exceptId`. */
export async function findTeamLead(
  tx: Executor,
  teamId: string,
  exceptId: string | null,
): Promise<string | null> {
  const r = await one<{ id: string }>(
    tx,
    sql`select a.id from agents a left join agent_availability v on v.agent_id = a.id
        where a.team_id = ${teamId} and a.role = 'lead' and a.active and a.kind = 'person'
          ${exceptId ? sql`and a.id <> ${exceptId}` : sql``}
        order by coalesce(v.online, false) desc, a.created_at, a.id limit 1`,
  );
  return r?.id ?? null;
}

/** What `canAutoClose` needs: the human-request flag and the customer's latest messages. */
export async function loadAutoCloseFacts(
  tx: Executor,
  caseId: string,
): Promise<{ humanRequestedAt: number | null; inboundTexts: string[] } | undefined> {
  const k = await one<{ human: number | null }>(
    tx,
    sql`select ${ms('human_requested_at')} as human from cases where id = ${caseId}`,
  );
  if (!k) return undefined;
  const texts = await rows<{ body: string }>(
    tx,
    sql`select left(body, 5000) as body from messages where case_id = ${caseId} and direction = 'inbound'
        order by occurred_at desc, id desc limit 50`,
  );
  return { humanRequestedAt: k.human, inboundTexts: texts.map((t) => t.body) };
}
