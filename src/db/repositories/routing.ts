import type { SQL } from 'drizzle-orm';
import type { AgentAvailability, RoutingCaseFacts, RoutingCursor } from '../../core/standards/index.ts';
import type { Executor } from '../client.ts';
import { one, prepared, rows, sql } from '../sql.ts';
import { pgArray } from './customers.ts';

/**
 * Routing's reads and writes: a case's routing facts, the candidates' availability and load, the
 * round-robin cursors, and the atomic apply of a decision (migrations 0008, 0012, 0013).
 */

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
        -- The customer's recent cases by the customer index, then the newest owned one: with the owner
        -- test inside, a generic plan made while few cases had owners walked the owner index instead.
        (select recent.owner_id from (
           select o.owner_id, o.created_at, o.id from cases o where o.customer_id = k.customer_id and o.id <> k.id
           order by o.created_at desc, o.id desc limit 20) recent
         where recent.owner_id is not null order by recent.created_at desc, recent.id desc limit 1) as "lastAgentId"
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
 * when a team is given, in the same round trip), then reads their open-case counters (migration
 * 0013). That read is a second statement on purpose: it must see every assignment committed by
 * whoever held the locks.
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
    sql`select agent_id as id, open_cases as n from agent_open_cases where agent_id = any(${ids}::uuid[])`,
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

type CandidateRow = AgentAvailability & { active: boolean };

/** The agents `where` selects (alias `a`), with availability and open cases, as one JSON array. */
const candidatesJson = (where: SQL) =>
  sql`(select json_agg(json_build_object('id', a.id, 'online', coalesce(v.online, false),
         'active', a.active and a.kind = 'person' and a.role <> 'ingest',
         'maxOpenCases', coalesce(v.max_open_cases, 0), 'skills', coalesce(v.skills, '{}'),
         'languages', coalesce(v.languages, '{}'), 'openCases', coalesce(o.open_cases, 0)))
       from agents a left join agent_availability v on v.agent_id = a.id
         left join agent_open_cases o on o.agent_id = a.id
       where ${where})`;

/** Online only counts for an active person who is not an ingest account. */
const availableAgents = (found: CandidateRow[] | null | undefined): AgentAvailability[] =>
  (found ?? []).map(({ active, ...a }) => ({ ...a, online: a.online && active }));

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
    agents: CandidateRow[] | null;
    cursor: string | null;
  }>(
    db,
    sql`select
          ${candidatesJson(sql`a.id = any(${ids}::uuid[])`)} as agents,
          (select last_agent_id from routing_cursors where team_id = ${teamId ?? null}::uuid) as cursor`,
  );
  const agents = availableAgents(r?.agents);
  return { agents, cursor: teamId && r?.cursor ? { [teamId]: r.cursor } : {} };
}

/**
 * Everything routing needs in one round trip when the configuration is cached: the case's facts
 * (with the configuration version, to check the cache against), the availability and open cases
 * of every agent the cached teams could route to plus the case's last agent, and the teams'
 * round-robin cursors. Unlocked: `applyRouting` re-checks what matters under locks.
 */
export async function readRoutingSnapshot(
  db: Executor,
  caseId: string,
  agentIds: readonly string[],
  teamIds: readonly string[],
): Promise<{ facts: RoutingCase | undefined; agents: AgentAvailability[]; cursors: RoutingCursor }> {
  const [r] = await prepared<{
    facts: RoutingFactsRow | null;
    agents: CandidateRow[] | null;
    cursors: RoutingCursor | null;
  }>(
    db,
    sql`with f as (${routingFactsQuery(caseId, false)})
        select (select row_to_json(f) from f) as facts,
          ${candidatesJson(sql`a.id = any(${pgArray([...agentIds])}::uuid[] || array(select "lastAgentId" from f where "lastAgentId" is not null))`)} as agents,
          (select json_object_agg(team_id, last_agent_id) from routing_cursors
           where team_id = any(${pgArray([...teamIds])}::uuid[])) as cursors`,
  );
  const agents = availableAgents(r?.agents);
  return { facts: routingCase(r?.facts ?? undefined), agents, cursors: r?.cursors ?? {} };
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
