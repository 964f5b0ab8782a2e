-- The ingest hot path in one round trip. Casebook's core decides what an inbound message does
-- (which customer, which case, what changes); this function applies that plan atomically and
-- refuses it with SQLSTATE 40001 when the data moved underneath, so the caller reloads and
-- decides again. Measured reason: docs/decisions.md, "Ingest applies a plan in one statement".

-- At most one active case per customer and thread: two first messages on a new thread at once
-- cannot open two cases; the second one's plan fails and is re-decided as an append.
create unique index cases_active_thread_key on cases (customer_id, thread_key)
  where thread_key is not null and status in ('new', 'open', 'pending');

create function casebook_apply_inbound(plan jsonb) returns bigint language plpgsql as $$
declare
  v_customer uuid := (plan->>'customerId')::uuid;
  v_case uuid := (plan->>'caseId')::uuid;
  v_changes jsonb := plan->'caseChanges';
  v_number bigint;
  v_rows integer;
  v_wanted integer;
begin
  if plan ? 'newCustomer' then
    insert into customers (id, display_name, home_site_id, created_at, updated_at)
    values (v_customer, plan->'newCustomer'->>'displayName', (plan->'newCustomer'->>'homeSiteId')::uuid, now(), now());
  end if;

  v_wanted := jsonb_array_length(coalesce(plan->'identities', '[]'));
  if v_wanted > 0 then
    insert into customer_identities (customer_id, kind, value, display_value, source_channel)
    select v_customer, x->>'kind', x->>'value', x->>'display', plan->>'channel'
    from jsonb_array_elements(plan->'identities') x
    on conflict (kind, value) do nothing;
    get diagnostics v_rows = row_count;
    -- A new customer must own every identity it was created for, or someone else just claimed one.
    if plan ? 'newCustomer' and v_rows < v_wanted then
      raise exception 'identity claimed concurrently' using errcode = '40001';
    end if;
  end if;

  if plan ? 'newCase' then
    insert into cases (id, customer_id, site_id, channel, thread_key, subject, status, created_at, updated_at,
                       waiting_since, last_activity_at, message_count)
    select v_case, v_customer, (c->>'siteId')::uuid, c->>'channel', c->>'threadKey', c->>'subject', 'new',
           (c->>'openedAt')::timestamptz, now(), (c->>'openedAt')::timestamptz, (c->>'openedAt')::timestamptz, 1
    from (select plan->'newCase' as c) s
    returning number into v_number;
  else
    update cases set
      version = version + 1,
      updated_at = now(),
      status = coalesce(v_changes->>'status', status),
      waiting_since = case when v_changes ? 'waitingSince' then (v_changes->>'waitingSince')::timestamptz else waiting_since end,
      last_activity_at = case when v_changes ? 'lastActivityAt' then (v_changes->>'lastActivityAt')::timestamptz else last_activity_at end,
      message_count = coalesce((v_changes->>'messageCount')::integer, message_count),
      reopened_count = coalesce((v_changes->>'reopenedCount')::integer, reopened_count),
      resolved_at = case when v_changes ? 'resolvedAt' then (v_changes->>'resolvedAt')::timestamptz else resolved_at end
    where id = v_case and version = (plan->>'caseVersion')::integer
    returning number into v_number;
    get diagnostics v_rows = row_count;
    if v_rows = 0 then
      raise exception 'case changed concurrently' using errcode = '40001';
    end if;
  end if;

  insert into messages (id, case_id, customer_id, site_id, channel, direction, kind, from_address, subject, body,
                        metadata, external_id, occurred_at)
  select (m->>'id')::uuid, v_case, v_customer, (m->>'siteId')::uuid, m->>'channel', 'inbound', 'message',
         m->>'fromAddress', m->>'subject', m->>'body', coalesce(m->'metadata', '{}'), m->>'externalId',
         (m->>'occurredAt')::timestamptz
  from (select plan->'message' as m) s;

  insert into audit_log (actor_id, actor_name, action, entity, entity_id, before, after, request_id)
  select (a->>'actorId')::uuid, a->>'actorName', a->>'action', a->>'entity', a->>'entityId', a->'before', a->'after',
         plan->>'requestId'
  from jsonb_array_elements(coalesce(plan->'audit', '[]')) a;

  return v_number;
end $$;
