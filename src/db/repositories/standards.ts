import type {
  BusinessCalendar,
  ChecklistItem,
  EscalationLevel,
  EscalationPolicy,
  InteractionStandard,
  OpeningInterval,
  RoutingRule,
  SlaPolicy,
  Team,
  Weekday,
} from '../../core/standards/index.ts';
import { alwaysOpenCalendar } from '../../core/standards/index.ts';
import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';
import { pgArray } from './customers.ts';

/** Stored configuration of the service standards: calendars, policies, rules, teams, checklists. */

export interface SiteCalendar extends BusinessCalendar {
  readonly id: string;
  readonly version: number;
  /** False when the site has no hours stored and runs on the 24×7 default. */
  readonly configured: boolean;
}

interface CalendarRow {
  siteId: string;
  timeZone: string;
  mode: 'business' | 'always_open' | null;
  weeklyHours: Partial<Record<Weekday, OpeningInterval[]>> | null;
  holidays: string[] | null;
  specialHours: Record<string, OpeningInterval[]> | null;
  version: number | null;
}

function toCalendar(r: CalendarRow): SiteCalendar {
  if (r.mode === null)
    return { ...alwaysOpenCalendar(r.timeZone, r.siteId), id: r.siteId, version: 0, configured: false };
  return {
    id: r.siteId,
    timeZone: r.timeZone,
    mode: r.mode,
    weeklyHours: r.weeklyHours ?? {},
    holidays: r.holidays ?? [],
    specialHours: r.specialHours ?? {},
    version: r.version ?? 1,
    configured: true,
  };
}

const calendarSelect = sql`select s.id as "siteId", s.time_zone as "timeZone", c.mode, c.weekly_hours as "weeklyHours",
  c.holidays, c.special_hours as "specialHours", c.version from sites s left join site_calendars c on c.site_id = s.id`;

/** A site's calendar; a site without stored hours counts calendar time (24×7) in its zone. */
export async function loadSiteCalendar(tx: Executor, siteId: string): Promise<SiteCalendar | undefined> {
  const r = await one<CalendarRow>(tx, sql`${calendarSelect} where s.id = ${siteId}`);
  return r ? toCalendar(r) : undefined;
}

/** Every site's calendar, one object per site so the compiled calendars are reused across a sweep. */
export async function loadCalendars(tx: Executor): Promise<Map<string, SiteCalendar>> {
  const found = await rows<CalendarRow>(tx, calendarSelect);
  return new Map(found.map((r) => [r.siteId, toCalendar(r)]));
}

export async function saveSiteCalendar(
  tx: Executor,
  siteId: string,
  c: Pick<BusinessCalendar, 'mode' | 'weeklyHours' | 'holidays' | 'specialHours'>,
): Promise<void> {
  await tx.execute(
    sql`insert into site_calendars (site_id, mode, weekly_hours, holidays, special_hours)
        values (${siteId}, ${c.mode}, ${JSON.stringify(c.weeklyHours)}::jsonb, ${pgArray([...c.holidays])}::text[],
          ${JSON.stringify(c.specialHours ?? {})}::jsonb)
        on conflict (site_id) do update set mode = excluded.mode, weekly_hours = excluded.weekly_hours,
          holidays = excluded.holidays, special_hours = excluded.special_hours,
          version = site_calendars.version + 1, updated_at = now()`,
  );
}

// ---------------------------------------------------------------------------------------------
// SLA and escalation policies

export interface StoredSlaPolicy extends SlaPolicy {
  readonly escalationPolicyId: string | null;
  readonly active: boolean;
  readonly updatedAt: Date;
}

const slaColumns = sql.raw(`p.id, p.name, p.conditions, p.targets, p.hours, p.at_risk as "atRisk",
  p.pause_while_pending as "pauseWhilePending", p.escalation_policy_id as "escalationPolicyId", p.version,
  p.active, p.updated_at as "updatedAt"`);

export async function findSlaPolicies(tx: Executor, activeOnly = true): Promise<StoredSlaPolicy[]> {
  return rows<StoredSlaPolicy>(
    tx,
    sql`select ${slaColumns} from sla_policies p ${activeOnly ? sql`where p.active` : sql``} order by p.name, p.id`,
  );
}

export async function loadSlaPolicy(
  tx: Executor,
  id: string,
  lock = false,
): Promise<StoredSlaPolicy | undefined> {
  return one<StoredSlaPolicy>(
    tx,
    sql`select ${slaColumns} from sla_policies p where p.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
}

export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'version'> & { escalationPolicyId: string | null };

export async function insertSlaPolicy(tx: Executor, p: SlaPolicyInput): Promise<StoredSlaPolicy> {
  return (await one<StoredSlaPolicy>(
    tx,
    sql`insert into sla_policies as p (name, conditions, targets, hours, at_risk, pause_while_pending, escalation_policy_id)
        values (${p.name}, ${JSON.stringify(p.conditions)}::jsonb, ${JSON.stringify(p.targets)}::jsonb, ${p.hours},
          ${JSON.stringify(p.atRisk)}::jsonb, ${p.pauseWhilePending}, ${p.escalationPolicyId})
        returning ${slaColumns}`,
  ))!;
}

export async function updateSlaPolicy(
  tx: Executor,
  id: string,
  p: SlaPolicyInput & { active: boolean },
): Promise<StoredSlaPolicy> {
  return (await one<StoredSlaPolicy>(
    tx,
    sql`update sla_policies p set name = ${p.name}, conditions = ${JSON.stringify(p.conditions)}::jsonb,
          targets = ${JSON.stringify(p.targets)}::jsonb, hours = ${p.hours}, at_risk = ${JSON.stringify(p.atRisk)}::jsonb,
          pause_while_pending = ${p.pauseWhilePending}, escalation_policy_id = ${p.escalationPolicyId},
          active = ${p.active}, version = p.version + 1, updated_at = now()
        where p.id = ${id} returning ${slaColumns}`,
  ))!;
}

export interface StoredEscalationPolicy extends EscalationPolicy {
  readonly name: string;
  readonly version: number;
  readonly active: boolean;
}

const escColumns = sql.raw('e.id, e.name, e.levels, e.version, e.active');

export async function findEscalationPolicies(tx: Executor): Promise<StoredEscalationPolicy[]> {
  return rows<StoredEscalationPolicy>(
    tx,
    sql`select ${escColumns} from escalation_policies e order by e.name, e.id`,
  );
}

export async function loadEscalationPolicy(
  tx: Executor,
  id: string,
  lock = false,
): Promise<StoredEscalationPolicy | undefined> {
  return one<StoredEscalationPolicy>(
    tx,
    sql`select ${escColumns} from escalation_policies e where e.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
}

export async function saveEscalationPolicy(
  tx: Executor,
  id: string | null,
  p: { name: string; levels: readonly EscalationLevel[]; active: boolean },
): Promise<StoredEscalationPolicy> {
  const levels = JSON.stringify(p.levels);
  return (await one<StoredEscalationPolicy>(
    tx,
    id
      ? sql`update escalation_policies e set name = ${p.name}, levels = ${levels}::jsonb, active = ${p.active},
              version = e.version + 1, updated_at = now() where e.id = ${id} returning ${escColumns}`
      : sql`insert into escalation_policies as e (name, levels, active) values (${p.name}, ${levels}::jsonb, ${p.active})
            returning ${escColumns}`,
  ))!;
}

// ---------------------------------------------------------------------------------------------
// Routing rules, teams, availability

export interface StoredRoutingRule extends RoutingRule {
  readonly name: string;
  readonly position: number;
  readonly active: boolean;
}

const ruleColumns = sql.raw(`r.id, r.name, r.position, r.team_id as "teamId", r.conditions, r.skills,
  r.allow_last_agent_outside_team as "allowLastAgentOutsideTeam", r.active`);

/** In list order (position, then id): the last tie-break of rule precedence. */
export async function findRoutingRules(tx: Executor, activeOnly = true): Promise<StoredRoutingRule[]> {
  return rows<StoredRoutingRule>(
    tx,
    sql`select ${ruleColumns} from routing_rules r ${activeOnly ? sql`where r.active` : sql``} order by r.position, r.id`,
  );
}

export async function loadRoutingRule(
  tx: Executor,
  id: string,
  lock = false,
): Promise<StoredRoutingRule | undefined> {
  return one<StoredRoutingRule>(
    tx,
    sql`select ${ruleColumns} from routing_rules r where r.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
}

export type RoutingRuleInput = Omit<StoredRoutingRule, 'id'>;

export async function saveRoutingRule(
  tx: Executor,
  id: string | null,
  r: RoutingRuleInput,
): Promise<StoredRoutingRule> {
  const conditions = JSON.stringify(r.conditions);
  const skills = pgArray([...(r.skills ?? [])]);
  const outside = r.allowLastAgentOutsideTeam ?? false;
  return (await one<StoredRoutingRule>(
    tx,
    id
      ? sql`update routing_rules r set name = ${r.name}, position = ${r.position}, team_id = ${r.teamId},
              conditions = ${conditions}::jsonb, skills = ${skills}::text[], allow_last_agent_outside_team = ${outside},
              active = ${r.active}, updated_at = now() where r.id = ${id} returning ${ruleColumns}`
      : sql`insert into routing_rules as r (name, position, team_id, conditions, skills, allow_last_agent_outside_team, active)
            values (${r.name}, ${r.position}, ${r.teamId}, ${conditions}::jsonb, ${skills}::text[], ${outside}, ${r.active})
            returning ${ruleColumns}`,
  ))!;
}

export async function teamExists(tx: Executor, teamId: string): Promise<boolean> {
  return !!(await one(tx, sql`select 1 from teams where id = ${teamId}`));
}

/**
 * A team as routing sees it: its strategy (round robin unless set) and its members in
 * round-robin order; a team without stored members routes to the agents whose team it is.
 */
export async function loadRoutingTeam(tx: Executor, teamId: string): Promise<Team | undefined> {
  const r = await one<{
    id: string;
    strategy: Team['strategy'] | null;
    members: string[] | null;
    direct: string[] | null;
  }>(
    tx,
    sql`select t.id, tr.strategy,
          (select array_agg(m.agent_id::text order by m.position, m.agent_id) from team_members m where m.team_id = t.id) as members,
          (select array_agg(a.id::text order by a.created_at, a.id) from agents a
            where a.team_id = t.id and a.active and a.kind = 'person' and a.role <> 'ingest') as direct
        from teams t left join team_routing tr on tr.team_id = t.id where t.id = ${teamId}`,
  );
  if (!r) return undefined;
  return { id: r.id, strategy: r.strategy ?? 'round_robin', memberIds: r.members ?? r.direct ?? [] };
}

export async function saveTeamRouting(
  tx: Executor,
  teamId: string,
  t: { strategy: Team['strategy']; memberIds: readonly string[] },
): Promise<void> {
  await tx.execute(
    sql`insert into team_routing (team_id, strategy) values (${teamId}, ${t.strategy})
        on conflict (team_id) do update set strategy = excluded.strategy, updated_at = now()`,
  );
  await tx.execute(sql`delete from team_members where team_id = ${teamId}`);
  if (t.memberIds.length > 0) {
    await tx.execute(
      sql`insert into team_members (team_id, agent_id, position)
          select ${teamId}, m.id::uuid, m.pos from unnest(${pgArray([...t.memberIds])}::text[]) with ordinality as m(id, pos)`,
    );
  }
}

export interface StoredAvailability {
  agentId: string;
  online: boolean;
  maxOpenCases: number;
  skills: string[];
  languages: string[];
  updatedAt: Date | null;
}

export async function loadAvailability(tx: Executor, agentId: string): Promise<StoredAvailability> {
  const r = await one<StoredAvailability>(
    tx,
    sql`select agent_id as "agentId", online, max_open_cases as "maxOpenCases", skills, languages, updated_at as "updatedAt"
        from agent_availability where agent_id = ${agentId}`,
  );
  return r ?? { agentId, online: false, maxOpenCases: 10, skills: [], languages: [], updatedAt: null };
}

export async function saveAvailability(tx: Executor, a: StoredAvailability): Promise<StoredAvailability> {
  return (await one<StoredAvailability>(
    tx,
    sql`insert into agent_availability (agent_id, online, max_open_cases, skills, languages)
        values (${a.agentId}, ${a.online}, ${a.maxOpenCases}, ${pgArray(a.skills)}::text[], ${pgArray(a.languages)}::text[])
        on conflict (agent_id) do update set online = excluded.online, max_open_cases = excluded.max_open_cases,
          skills = excluded.skills, languages = excluded.languages, updated_at = now()
        returning agent_id as "agentId", online, max_open_cases as "maxOpenCases", skills, languages, updated_at as "updatedAt"`,
  ))!;
}

// ---------------------------------------------------------------------------------------------
// Interaction standards (checklists)

export async function findInteractionStandards(tx: Executor): Promise<InteractionStandard[]> {
  return rows<InteractionStandard>(
    tx,
    sql`select id, category, items, version from interaction_standards order by category`,
  );
}

export async function saveInteractionStandard(
  tx: Executor,
  category: string,
  items: readonly ChecklistItem[],
): Promise<InteractionStandard> {
  return (await one<InteractionStandard>(
    tx,
    sql`insert into interaction_standards (category, items) values (${category}, ${JSON.stringify(items)}::jsonb)
        on conflict (category) do update set items = excluded.items, version = interaction_standards.version + 1,
          updated_at = now()
        returning id, category, items, version`,
  ))!;
}

/**
 * Everything routing reads of the configuration, in one statement: the active rules in list
 * order and every team's strategy and members (teams are few; one round trip less per case).
 */
export async function loadRoutingConfig(
  tx: Executor,
): Promise<{ rules: StoredRoutingRule[]; teams: Map<string, Team> }> {
  const r = await one<{
    rules: StoredRoutingRule[] | null;
    teams:
      | { id: string; strategy: Team['strategy'] | null; members: string[] | null; direct: string[] | null }[]
      | null;
  }>(
    tx,
    sql`select
          (select json_agg(x order by x.position, x.id) from (select ${ruleColumns} from routing_rules r where r.active) x) as rules,
          (select json_agg(y) from (select t.id, tr.strategy,
             (select array_agg(m.agent_id::text order by m.position, m.agent_id) from team_members m where m.team_id = t.id) as members,
             (select array_agg(a.id::text order by a.created_at, a.id) from agents a
               where a.team_id = t.id and a.active and a.kind = 'person' and a.role <> 'ingest') as direct
           from teams t left join team_routing tr on tr.team_id = t.id
           where t.id in (select team_id from routing_rules where active)) y) as teams`,
  );
  const teams = new Map<string, Team>();
  for (const t of r?.teams ?? []) {
    teams.set(t.id, {
      id: t.id,
      strategy: t.strategy ?? 'round_robin',
      memberIds: t.members ?? t.direct ?? [],
    });
  }
  return { rules: r?.rules ?? [], teams };
}

// ---------------------------------------------------------------------------------------------
// Sites and teams (created and edited by managers; the seeder writes them directly)

export interface StoredSite {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
}

const siteColumns = sql.raw('id, code, name, time_zone as "timeZone"');

export async function loadSite(tx: Executor, id: string, lock = false): Promise<StoredSite | undefined> {
  return one<StoredSite>(
    tx,
    sql`select ${siteColumns} from sites where id = ${id}${lock ? sql` for update` : sql``}`,
  );
}

/** Whether a site already uses this code in any case (`lon` and `LON` are the same code). */
export async function siteCodeTaken(tx: Executor, code: string): Promise<boolean> {
  return !!(await one(tx, sql`select 1 from sites where lower(code) = lower(${code})`));
}

/** Serialises site creations, so two managers creating `LON` and `lon` at once cannot both win. */
export async function lockSiteCodes(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('casebook.sites.code'))`);
}

export async function insertSiteRow(
  tx: Executor,
  s: { code: string; name: string; timeZone: string },
): Promise<StoredSite> {
  return (await one<StoredSite>(
    tx,
    sql`insert into sites (code, name, time_zone) values (${s.code}, ${s.name}, ${s.timeZone})
        returning ${siteColumns}`,
  ))!;
}

export async function updateSiteRow(
  tx: Executor,
  id: string,
  s: { name: string; timeZone: string },
): Promise<StoredSite> {
  return (await one<StoredSite>(
    tx,
    sql`update sites set name = ${s.name}, time_zone = ${s.timeZone} where id = ${id} returning ${siteColumns}`,
  ))!;
}

export interface StoredTeam {
  readonly id: string;
  readonly name: string;
  readonly siteId: string | null;
}

const teamColumns = sql.raw('id, name, site_id as "siteId"');

export async function loadTeam(tx: Executor, id: string, lock = false): Promise<StoredTeam | undefined> {
  return one<StoredTeam>(
    tx,
    sql`select ${teamColumns} from teams where id = ${id}${lock ? sql` for update` : sql``}`,
  );
}

/** Another team at the same site (or, with no site, another site-less team) with this name, in any case. */
export async function teamNameTaken(
  tx: Executor,
  name: string,
  siteId: string | null,
  exceptId: string | null = null,
): Promise<boolean> {
  return !!(await one(
    tx,
    sql`select 1 from teams where lower(name) = lower(${name}) and site_id is not distinct from ${siteId}::uuid
          and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)`,
  ));
}

/** Serialises team creations and renames, so the case-insensitive name check cannot race. */
export async function lockTeamNames(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('casebook.teams.name'))`);
}

export async function insertTeamRow(
  tx: Executor,
  t: { name: string; siteId: string | null },
): Promise<StoredTeam> {
  return (await one<StoredTeam>(
    tx,
    sql`insert into teams (name, site_id) values (${t.name}, ${t.siteId}) returning ${teamColumns}`,
  ))!;
}

export async function updateTeamRow(
  tx: Executor,
  id: string,
  t: { name: string; siteId: string | null },
): Promise<StoredTeam> {
  return (await one<StoredTeam>(
    tx,
    sql`update teams set name = ${t.name}, site_id = ${t.siteId} where id = ${id} returning ${teamColumns}`,
  ))!;
}
