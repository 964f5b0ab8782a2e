-- Each agent's open cases (status new, open or pending) as a counter kept by triggers on cases, so
-- routing reads an agent's load in one index lookup instead of counting their cases: counting cost
-- grew with every open case the candidates held (40 agents with 25 cases each: 1,000 heap rows per
-- route) and was most of routing's tail (docs/benchmarks.md).
--
-- Capacity stays exact across processes: routers lock the agent's availability row, then read this
-- counter; the assignment's own update of cases moves the counter inside the same transaction, so
-- the next router (waiting on the availability lock) reads the new value after the commit.

-- No write to cases between the first count and the triggers taking over.
lock table cases in share row exclusive mode;

create table agent_open_cases (
  agent_id uuid primary key references agents(id) on delete cascade,
  open_cases integer not null default 0
);

insert into agent_open_cases (agent_id, open_cases)
  select owner_id, count(*) from cases
  where owner_id is not null and status in ('new', 'open', 'pending')
  group by owner_id;

-- In plpgsql, whose statements keep their plans (a SQL-language helper was planned on every call,
-- twice the trigger's cost). A counter never goes below zero: one that had drifted must not stop
-- anyone closing a case.
create function casebook_track_open_cases() returns trigger language plpgsql as $$
declare
  was_open boolean := tg_op <> 'INSERT' and old.owner_id is not null and old.status in ('new', 'open', 'pending');
  is_open boolean := tg_op <> 'DELETE' and new.owner_id is not null and new.status in ('new', 'open', 'pending');
begin
  if was_open and is_open and old.owner_id = new.owner_id then
    return null;
  end if;
  -- A transfer moves two counters: in agent id order, as every writer does, so two transfers
  -- crossing between the same agents cannot deadlock.
  if was_open and is_open and new.owner_id < old.owner_id then
    insert into agent_open_cases as c (agent_id, open_cases) values (new.owner_id, 1)
      on conflict (agent_id) do update set open_cases = c.open_cases + 1;
    update agent_open_cases set open_cases = greatest(open_cases - 1, 0) where agent_id = old.owner_id;
    return null;
  end if;
  if was_open then
    update agent_open_cases set open_cases = greatest(open_cases - 1, 0) where agent_id = old.owner_id;
  end if;
  if is_open then
    insert into agent_open_cases as c (agent_id, open_cases) values (new.owner_id, 1)
      on conflict (agent_id) do update set open_cases = c.open_cases + 1;
  end if;
  return null;
end $$;

create trigger cases_count_open_insert after insert on cases
  for each row when (new.owner_id is not null) execute function casebook_track_open_cases();
create trigger cases_count_open_update after update of owner_id, status on cases
  for each row when (old.owner_id is distinct from new.owner_id or old.status is distinct from new.status)
  execute function casebook_track_open_cases();
create trigger cases_count_open_delete after delete on cases
  for each row when (old.owner_id is not null) execute function casebook_track_open_cases();

create function casebook_reset_open_cases() returns trigger language plpgsql as $$
begin
  delete from agent_open_cases;
  return null;
end $$;
create trigger cases_count_open_truncate after truncate on cases
  for each statement execute function casebook_reset_open_cases();

-- Routing's atomic apply (0008, async commit since 0012) reads the counter instead of counting,
-- and writes the owner and the audit row in one statement.
create or replace function casebook_apply_routing(plan jsonb) returns jsonb language plpgsql as $$
declare
  v_case uuid := (plan->>'caseId')::uuid;
  v_agent uuid := (plan->>'agentId')::uuid;
  v_team uuid := (plan->>'teamId')::uuid;
  v_row record;
  v_open integer;
  v_version integer;
  v_cursor uuid;
begin
  -- Re-derivable, so the commit does not wait for its WAL flush (0012, docs/decisions.md).
  perform set_config('synchronous_commit', 'off', true);
  select owner_id, status, version into v_row from cases where id = v_case for update;
  if not found or v_row.owner_id is not null or v_row.status <> 'new' then
    return '{"outcome": "gone"}';
  end if;
  if v_row.version <> (plan->>'caseVersion')::integer then
    return '{"outcome": "retry"}';
  end if;

  -- Locks in the order every router takes them (case, team, agents), so routers never deadlock.
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
  select coalesce((select open_cases from agent_open_cases where agent_id = v_agent), 0) into v_open;
  if v_open >= v_row.max then
    return '{"outcome": "retry"}';
  end if;

  if plan->>'newCursor' is not null then
    insert into routing_cursors (team_id, last_agent_id) values (v_team, (plan->>'newCursor')::uuid)
      on conflict (team_id) do update set last_agent_id = excluded.last_agent_id, updated_at = now();
  end if;

  with assigned as (
    update cases set owner_id = v_agent, team_id = v_team, version = version + 1, updated_at = now()
      where id = v_case returning version
  ), audited as (
    insert into audit_log (actor_id, actor_name, action, entity, entity_id, before, after)
      values ((plan->>'actorId')::uuid, plan->>'actorName', 'case.assigned', 'case', v_case::text,
              '{"ownerId": null, "teamId": null}', plan->'audit')
  )
  select version into v_version from assigned;
  return jsonb_build_object('outcome', 'ok', 'version', v_version);
end $$;
