import type {
  AgentAvailability,
  CheckMark,
  EscalationStep,
  HandoverRequest,
  Priority,
  RoutingCaseFacts,
  RoutingCursor,
  SlaBreachEvent,
  SlaCaseFacts,
  SlaTargetStatus,
} from '../../core/standards/index.ts';
import type { Executor } from '../client.ts';
import { one, prepared, rows, sql } from '../sql.ts';
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
 * The open cases a sweep must recompute: no cached state yet, the case changed since (its
 * version), the policies or calendars changed (their signature), or a threshold is due.
 * Evaluated once; the sweep's other reads then look these ids up by index.
 */
export async function findSweepCandidates(tx: Executor, configSig: string, now: Date): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select k.id from cases k left join case_sla s on s.case_id = k.id
        where k.status in ('new', 'open', 'pending') and (s.case_id is null or s.case_version <> k.version
          or s.config_sig <> ${configSig} or s.next_check_at <= ${now.toISOString()}::timestamptz)`,
  );
  return found.map((r) => r.id);
}

/** A set of case ids as a subquery (one array parameter, whatever the count). */
export function caseIdSet(ids: readonly string[]): SqlFragment {
  return sql`select unnest(${`{${ids.join(',')}}`}::uuid[])`;
}

export async function loadSweepFacts(tx: Executor, scope: SqlFragment): Promise<CaseSlaFacts[]> {
  return loadFacts(tx, sql`k.id in (${scope})`, scope);
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

/** Keys of the breaches and escalation steps already stored for open cases (or for one case). */
export async function loadSweepRecords(
  tx: Executor,
  cases: SqlFragment,
): Promise<{ breaches: Set<string>; escalations: Set<string> }> {
  const [b, e] = await Promise.all([
    rows<{ key: string }>(tx, sql`select x.key from sla_breaches x where x.case_id in (${cases})`),
    rows<{ key: string }>(tx, sql`select x.key from escalation_steps x where x.case_id in (${cases})`),
  ]);
  return { breaches: new Set(b.map((r) => r.key)), escalations: new Set(e.map((r) => r.key)) };
}

const iso = (at: number) => new Date(at).toISOString();

/** Stores breaches once per key; returns the keys this call stored (a concurrent sweep gets none). */
export async function insertBreaches(
  tx: Executor,
  breaches: readonly SlaBreachEvent[],
): Promise<Set<string>> {
  if (breaches.length === 0) return new Set();
  const payload = breaches.map((b) => ({
    key: b.key,
    case_id: b.caseId,
    policy_id: b.policyId,
    policy_version: b.policyVersion,
    metric: b.metric,
    started_at: iso(b.startedAt),
    due_at: iso(b.dueAt),
    detected_at: iso(b.detectedAt),
    owner_id: b.ownerId,
  }));
  const stored = await rows<{ key: string }>(
    tx,
    sql`insert into sla_breaches (key, case_id, policy_id, policy_version, metric, started_at, due_at, detected_at, owner_id)
        select * from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(key text, case_id uuid, policy_id uuid,
          policy_version int, metric text, started_at timestamptz, due_at timestamptz, detected_at timestamptz, owner_id uuid)
        on conflict (key) do nothing returning key`,
  );
  return new Set(stored.map((r) => r.key));
}

export async function insertEscalationSteps(
  tx: Executor,
  steps: readonly EscalationStep[],
): Promise<Set<string>> {
  if (steps.length === 0) return new Set();
  const payload = steps.map((s) => ({
    key: s.key,
    case_id: s.caseId,
    policy_id: s.policyId || null,
    metric: s.metric,
    level: s.level,
    actions: s.actions,
    due_at: iso(s.dueAt),
    owner_id: s.ownerId,
    decided_at: iso(s.decidedAt),
  }));
  const stored = await rows<{ key: string }>(
    tx,
    sql`insert into escalation_steps (key, case_id, policy_id, metric, level, actions, due_at, owner_id, decided_at)
        select x.key, x.case_id, x.policy_id, x.metric, x.level, x.actions, x.due_at, x.owner_id, x.decided_at
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(key text, case_id uuid, policy_id uuid,
          metric text, level int, actions jsonb, due_at timestamptz, owner_id uuid, decided_at timestamptz)
        on conflict (key) do nothing returning key`,
  );
  return new Set(stored.map((r) => r.key));
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
  timeLeftMs: number | null;
  paused: boolean;
  targets: unknown;
  computedAt: number;
  caseVersion: number;
  configSig: string;
  nextCheckAt: number | null;
}

/** The cached status of the cases in scope, to announce only fresh `at_risk` transitions. */
export async function loadCacheStatuses(tx: Executor, cases: SqlFragment): Promise<Map<string, CacheStatus>> {
  const found = await rows<{ id: string; s: CacheStatus }>(
    tx,
    sql`select x.case_id as id, x.status as s from case_sla x where x.case_id in (${cases})`,
  );
  return new Map(found.map((r) => [r.id, r.s]));
}

/** Upserts cache rows in chunks of one statement each. */
export async function upsertCaseSla(tx: Executor, cache: readonly CaseSlaCacheRow[]): Promise<void> {
  for (let i = 0; i < cache.length; i += 5000) {
    const payload = cache.slice(i, i + 5000).map((r) => ({
      case_id: r.caseId,
      policy_id: r.policyId,
      policy_version: r.policyVersion,
      status: r.status,
      next_due_at: r.nextDueAt === null ? null : iso(r.nextDueAt),
      time_left_ms: r.timeLeftMs === null ? null : Math.round(r.timeLeftMs),
      paused: r.paused,
      targets: r.targets,
      computed_at: iso(r.computedAt),
      case_version: r.caseVersion,
      config_sig: r.configSig,
      next_check_at: r.nextCheckAt === null ? null : iso(r.nextCheckAt),
    }));
    await tx.execute(
      sql`insert into case_sla (case_id, policy_id, policy_version, status, next_due_at, time_left_ms, paused, targets,
            computed_at, case_version, config_sig, next_check_at)
          select * from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(case_id uuid, policy_id uuid,
            policy_version int, status text, next_due_at timestamptz, time_left_ms bigint, paused boolean, targets jsonb,
            computed_at timestamptz, case_version int, config_sig text, next_check_at timestamptz)
          on conflict (case_id) do update set policy_id = excluded.policy_id, policy_version = excluded.policy_version,
            status = excluded.status, next_due_at = excluded.next_due_at, time_left_ms = excluded.time_left_ms,
            paused = excluded.paused, targets = excluded.targets, computed_at = excluded.computed_at,
            case_version = excluded.case_version, config_sig = excluded.config_sig, next_check_at = excluded.next_check_at`,
    );
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
// Routing

export interface RoutingCase extends RoutingCaseFacts {
  readonly status: string;
  readonly ownerId: string | null;
  readonly version: number;
  /** Moves whenever the routing configuration does (migration 0008): a cached one is stale. */
  readonly configVersion: number;
}

interface RoutingFactsRow {
  id: string;
  siteId: string | null;
  channel: string;
  category: string | null;
  status: string;
  ownerId: string | null;
  version: number;
  requiredSkills: string[];
  language: string | null;
  tier: string | null;
  lastAgentId: string | null;
  configVersion: string;
}

const routingFactsQuery = (caseId: string, lock: boolean) =>
  sql`select k.id, k.site_id as "siteId", k.channel, k.category, k.status, k.owner_id as "ownerId", k.version,
        k.required_skills as "requiredSkills", c.language, c.tier,
        (select version from routing_config_version) as "configVersion",
        (select o.owner_id from cases o where o.customer_id = k.customer_id and o.id <> k.id and o.owner_id is not null
          order by o.created_at desc, o.id desc limit 1) as "lastAgentId"
      from cases k join customers c on c.id = k.customer_id
      where k.id = ${caseId} ${lock ? sql`for update of k` : sql``}`;

function routingCase(k: RoutingFactsRow | undefined): RoutingCase | undefined {
  if (!k) return undefined;
  return {
    caseId: k.id,
    siteId: k.siteId ?? '',
    channel: k.channel,
    category: k.category,
    language: k.language,
    customerTier: k.tier,
    requiredSkills: k.requiredSkills,
    lastAgentId: k.lastAgentId,
    status: k.status,
    ownerId: k.ownerId,
    version: k.version,
    configVersion: Number(k.configVersion),
  };
}

/** The case's routing facts, its row locked when `lock` (so two routers cannot both assign it). */
export async function loadRoutingFacts(
  tx: Executor,
  caseId: string,
  lock: boolean,
): Promise<RoutingCase | undefined> {
  return routingCase(await one<RoutingFactsRow>(tx, routingFactsQuery(caseId, lock)));
}

/** The same facts without a lock, as a prepared statement: only outside a transaction. */
export async function readRoutingFacts(db: Executor, caseId: string): Promise<RoutingCase | undefined> {
  return routingCase((await prepared<RoutingFactsRow>(db, routingFactsQuery(caseId, false)))[0]);
}

/**
 * Locks the candidate agents' availability rows in id order (and the team's round-robin cursor,
 * when a team is given, in the same round trip), then counts their open cases. The count is a
 * second statement on purpose: it must see every assignment committed by whoever held the locks.
 */
export async function lockAgentsForRouting(
  tx: Executor,
  agentIds: readonly string[],
  teamId?: string,
): Promise<{ agents: AgentAvailability[]; cursor: RoutingCursor }> {
  if (agentIds.length === 0) return { agents: [], cursor: {} };
  const ids = pgArray([...agentIds]);
  // The team's row first, then the agents in id order: the order every router locks in (migration
  // 0008). The cursor is read after the team's lock, in its own statement, so it is the latest.
  if (teamId) await tx.execute(sql`select 1 from teams where id = ${teamId} for no key update`);
  const cursor = teamId
    ? await one<{ last: string }>(
        tx,
        sql`select last_agent_id as last from routing_cursors where team_id = ${teamId}`,
      )
    : undefined;
  const lock = () =>
    rows<{
      id: string;
      online: boolean;
      max: number;
      skills: string[];
      languages: string[];
      active: boolean;
    }>(
      tx,
      sql`select v.agent_id as id, v.online, v.max_open_cases as max, v.skills, v.languages,
            (a.active and a.kind = 'person' and a.role <> 'ingest') as active
          from agent_availability v join agents a on a.id = v.agent_id
          where v.agent_id = any(${ids}::uuid[]) order by v.agent_id for update of v`,
    );
  let locked = await lock();
  if (locked.length < new Set(agentIds).size) {
    // Agents without a row get one (offline), so there is always a row to lock.
    await tx.execute(
      sql`insert into agent_availability (agent_id)
          select a.id from agents a where a.id = any(${ids}::uuid[]) on conflict do nothing`,
    );
    locked = await lock();
  }
  const counts = await rows<{ id: string; n: number }>(
    tx,
    sql`select owner_id as id, count(*)::int as n from cases
        where owner_id = any(${ids}::uuid[]) and status in ('new', 'open', 'pending') group by owner_id`,
  );
  const open = new Map(counts.map((c) => [c.id, c.n]));
  const agents = locked.map((a) => ({
    id: a.id,
    online: a.online && a.active,
    openCases: open.get(a.id) ?? 0,
    maxOpenCases: a.max,
    skills: a.skills,
    languages: a.languages,
  }));
  return { agents, cursor: teamId && cursor ? { [teamId]: cursor.last } : {} };
}

export async function saveCursor(tx: Executor, teamId: string, agentId: string): Promise<void> {
  await tx.execute(
    sql`insert into routing_cursors (team_id, last_agent_id) values (${teamId}, ${agentId})
        on conflict (team_id) do update set last_agent_id = excluded.last_agent_id, updated_at = now()`,
  );
}

/** Cases nobody owns that are older than `olderThanSeconds`: the sweep routes those a lost reaction missed. */
export async function findUnroutedCases(
  tx: Executor,
  olderThanSeconds: number,
  limit: number,
): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from cases where owner_id is null and status = 'new'
          and created_at < now() - make_interval(secs => ${olderThanSeconds})
        order by created_at, id limit ${limit}`,
  );
  return found.map((r) => r.id);
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

/**
 * Routing's writes in one statement: the case's owner and team (version + 1), the team's
 * round-robin cursor, and the audit row. Returns the new case version.
 */
/** Assigns a routed case under the locks taken by `lockAgentsForRouting` (the contended path). */
export async function assignRoutedCase(
  tx: Executor,
  a: {
    caseId: string;
    agentId: string;
    teamId: string;
    cursorAgentId: string | null;
    actor: { id: string; name: string };
    audit: Record<string, unknown>;
  },
): Promise<number> {
  const r = await one<{ version: number }>(
    tx,
    sql`with u as (
          update cases set owner_id = ${a.agentId}, team_id = ${a.teamId}, version = version + 1, updated_at = now()
          where id = ${a.caseId} returning version
        ), c as (
          insert into routing_cursors (team_id, last_agent_id)
          select ${a.teamId}::uuid, ${a.cursorAgentId}::uuid where ${a.cursorAgentId}::uuid is not null
          on conflict (team_id) do update set last_agent_id = excluded.last_agent_id, updated_at = now()
        ), l as (
          insert into audit_log (actor_id, actor_name, action, entity, entity_id, before, after)
          values (${a.actor.id}, ${a.actor.name}, 'case.assigned', 'case', ${a.caseId},
            ${JSON.stringify({ ownerId: null, teamId: null })}::jsonb, ${JSON.stringify(a.audit)}::jsonb)
        )
        select version from u`,
  );
  return r!.version;
}

/**
 * The candidates' availability, open cases and the team's round-robin cursor, read without locks
 * in one round trip: routing decides on this and `applyRouting` re-checks what matters under locks.
 */
export async function readRoutingCandidates(
  db: Executor,
  agentIds: readonly string[],
  teamId: string | undefined,
): Promise<{ agents: AgentAvailability[]; cursor: RoutingCursor }> {
  if (agentIds.length === 0) return { agents: [], cursor: {} };
  const ids = pgArray([...agentIds]);
  const [r] = await prepared<{
    agents: (AgentAvailability & { active: boolean })[] | null;
    cursor: string | null;
  }>(
    db,
    sql`select
          (select json_agg(json_build_object('id', a.id, 'online', coalesce(v.online, false),
             'active', a.active and a.kind = 'person' and a.role <> 'ingest',
             'maxOpenCases', coalesce(v.max_open_cases, 0), 'skills', coalesce(v.skills, '{}'),
             'languages', coalesce(v.languages, '{}'),
             'openCases', (select count(*) from cases k where k.owner_id = a.id and k.status in ('new', 'open', 'pending'))))
           from agents a left join agent_availability v on v.agent_id = a.id
           where a.id = any(${ids}::uuid[])) as agents,
          (select last_agent_id from routing_cursors where team_id = ${teamId ?? null}::uuid) as cursor`,
  );
  const agents = (r?.agents ?? []).map(({ active, ...a }) => ({ ...a, online: a.online && active }));
  return { agents, cursor: teamId && r?.cursor ? { [teamId]: r.cursor } : {} };
}

export type RoutingOutcome = { outcome: 'ok'; version: number } | { outcome: 'gone' } | { outcome: 'retry' };

/** Applies a routing decision atomically, or refuses a stale one (migration 0008). */
export async function applyRouting(
  db: Executor,
  plan: {
    caseId: string;
    caseVersion: number;
    agentId: string;
    teamId: string;
    expectedCursor: string | null;
    newCursor: string | null;
    actor: { id: string; name: string };
    audit: Record<string, unknown>;
  },
): Promise<RoutingOutcome> {
  const { actor, ...rest } = plan;
  const [r] = await prepared<{ result: RoutingOutcome }>(
    db,
    sql`select casebook_apply_routing(${JSON.stringify({ ...rest, actorId: actor.id, actorName: actor.name })}::jsonb) as result`,
  );
  return r!.result;
}
