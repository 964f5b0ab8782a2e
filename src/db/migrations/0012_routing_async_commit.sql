-- Routing commits its assignment asynchronously: the durable-commit wait (an fsync, p99 ~9 ms on
-- a busy 2-CPU machine) was most of an assignment's tail. Same function as 0008 otherwise.
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
  -- An assignment is re-derivable: if a crash loses one (at most the last ~0.6 s, and only until
  -- any later durable commit, which flushes it too), the case is unowned and the sweep routes it
  -- again. So this commit does not wait for its WAL flush (docs/decisions.md).
  perform set_config('synchronous_commit', 'off', true);
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
