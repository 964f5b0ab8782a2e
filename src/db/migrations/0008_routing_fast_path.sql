-- Routing a new case in two reads and one atomic apply, like ingest (docs/decisions.md,
-- "Routing decides on a read and applies in one statement").

-- Routing reads its configuration (rules, team strategies and members, who is an active person)
-- on every new case. It changes rarely, so each server process caches it and reloads only when
-- this counter moved: any write to the tables it is built from bumps it, in the same transaction.
-- Measured reason: docs/decisions.md, "Routing keeps its configuration in memory".
create table routing_config_version (
  singleton boolean primary key default true check (singleton),
  version bigint not null default 0
);
insert into routing_config_version default values;

create function casebook_bump_routing_config() returns trigger language plpgsql as $$
begin
  update routing_config_version set version = version + 1;
  return null;
end $$;

create trigger routing_rules_config_version after insert or update or delete or truncate on routing_rules
  for each statement execute function casebook_bump_routing_config();
create trigger team_routing_config_version after insert or update or delete or truncate on team_routing
  for each statement execute function casebook_bump_routing_config();
create trigger team_members_config_version after insert or update or delete or truncate on team_members
  for each statement execute function casebook_bump_routing_config();
create trigger teams_config_version after insert or update or delete or truncate on teams
  for each statement execute function casebook_bump_routing_config();
create trigger agents_config_version after insert or delete or truncate or update of team_id, active, kind, role on agents
  for each statement execute function casebook_bump_routing_config();

-- Applies a routing decision the core made on an unlocked read, or refuses it when the world
-- moved: the case is locked and must still be new, unowned and at the version read; the chosen
-- agent's availability row is locked and their open cases counted after that lock (this function
-- is volatile, so the count takes a fresh snapshot and sees every assignment committed by whoever
-- held the lock), so capacity holds across server processes; a round-robin cursor must not have
-- moved. Answers {"outcome": "ok", "version": n}, "gone" (nothing to route any more) or "retry".
create function casebook_apply_routing(plan jsonb) returns jsonb language plpgsql as $$
declare
  v_case uuid := (plan->>'caseId')::uuid;
  v_agent uuid := (plan->>'agentId')::uuid;
  v_team uuid := (plan->>'teamId')::uuid;
  v_row record;
  v_open integer;
  v_version integer;
  v_cursor uuid;
begin
  select owner_id, status, version into v_row from cases where id = v_case for update;
  if not found or v_row.owner_id is not null or v_row.status <> 'new' then
    return '{"outcome": "gone"}';
  end if;
  if v_row.version <> (plan->>'caseVersion')::integer then
    return '{"outcome": "retry"}';
  end if;

  -- Locks in the order every router takes them (case, team, agents), so routers never deadlock.
  -- Round robin is serialised on the team's row (no key update: foreign-key checks still pass),
  -- which exists even before the team's first cursor does.
  if plan->>'newCursor' is not null then
    perform 1 from teams where id = v_team for no key update;
    select last_agent_id into v_cursor from routing_cursors where team_id = v_team;
    if v_cursor is distinct from (plan->>'expectedCursor')::uuid then
      return '{"outcome": "retry"}';
    end if;
  end if;

  select v.online and a.active and a.kind = 'person' and a.role <> 'ingest' as available, v.max_open_cases as max
    into v_row
    from agent_availability v join agents a on a.id = v.agent_id
    where v.agent_id = v_agent for update of v;
  if not found or not v_row.available then
    return '{"outcome": "retry"}';
  end if;
  select count(*) into v_open from cases where owner_id = v_agent and status in ('new', 'open', 'pending');
  if v_open >= v_row.max then
    return '{"outcome": "retry"}';
  end if;

  if plan->>'newCursor' is not null then
    insert into routing_cursors (team_id, last_agent_id) values (v_team, (plan->>'newCursor')::uuid)
      on conflict (team_id) do update set last_agent_id = excluded.last_agent_id, updated_at = now();
  end if;

  update cases set owner_id = v_agent, team_id = v_team, version = version + 1, updated_at = now()
    where id = v_case returning version into v_version;
  insert into audit_log (actor_id, actor_name, action, entity, entity_id, before, after)
    values ((plan->>'actorId')::uuid, plan->>'actorName', 'case.assigned', 'case', v_case::text,
            '{"ownerId": null, "teamId": null}', plan->'audit');
  return jsonb_build_object('outcome', 'ok', 'version', v_version);
end $$;
