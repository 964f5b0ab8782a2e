-- Group commit for ingest: many decided plans applied in one statement and one commit. Each plan
-- runs in its own subtransaction, so one plan that lost a race ('retry') or broke ('error: …')
-- does not undo the others. A plan that opens the customer's one conversation on a chat-like
-- channel is refused when such a conversation appeared meanwhile (two messages of one burst).
create function casebook_apply_inbound_batch(plans jsonb) returns jsonb language plpgsql as $$
declare
  p jsonb;
  outcomes jsonb := '[]';
begin
  for p in select value from jsonb_array_elements(plans) loop
    if coalesce((p->'newCase'->>'exclusiveOnChannel')::boolean, false) and exists (
      select 1 from cases
      where customer_id = (p->>'customerId')::uuid and channel = p->>'channel' and status in ('new', 'open', 'pending')
    ) then
      outcomes := outcomes || '"retry"'::jsonb;
      continue;
    end if;
    begin
      perform casebook_apply_inbound(p);
      outcomes := outcomes || '"ok"'::jsonb;
    exception
      when serialization_failure or unique_violation then
        outcomes := outcomes || '"retry"'::jsonb;
      when others then
        outcomes := outcomes || to_jsonb('error: ' || sqlerrm);
    end;
  end loop;
  return outcomes;
end $$;
