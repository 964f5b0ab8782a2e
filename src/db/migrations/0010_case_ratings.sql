-- Customer satisfaction (CSAT) ratings of cases (POST/GET /api/v1/cases/:id/ratings, docs/ratings.md).
-- Every rating is kept, never updated: a customer who changes their answer adds a row. The rating
-- that counts for a case is its latest (rated_at, then created_at, then id), which is what the case
-- view, the authority reports and the case base read.
create table case_ratings (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  -- The case's customer; follows the case when customers are merged (trigger below).
  customer_id uuid not null references customers(id),
  score smallint not null check (score between 1 and 5),
  comment text check (comment is null or length(comment) between 1 and 2000),
  -- survey: a survey integration posted it; agent_recorded: a person typed in what the customer
  -- said (phone, counter); import: loaded from another system by an admin or an integration.
  -- A new kind of source widens this check in its own migration.
  source text not null check (source in ('survey', 'agent_recorded', 'import')),
  -- The channel the answer came through, when the sender says so (never guessed).
  channel text check (channel is null or channel in ('email', 'chat', 'phone', 'in_person', 'web', 'social')),
  -- The sender's id for this answer (survey response id): the same one again stores nothing.
  external_id text check (external_id is null or length(external_id) between 1 and 500),
  rated_at timestamptz not null,
  created_at timestamptz not null default now(),
  actor_id uuid,
  actor_name text not null
);
create unique index case_ratings_external_idx on case_ratings (source, external_id) where external_id is not null;
create index case_ratings_case_idx on case_ratings (case_id, rated_at desc, created_at desc, id desc);
create index case_ratings_customer_idx on case_ratings (customer_id);

-- A merge (or its undo) moves cases to another customer; their ratings follow them.
create function case_ratings_follow_case() returns trigger language plpgsql as $$
begin
  update case_ratings set customer_id = new.customer_id where case_id = new.id;
  return null;
end $$;
create trigger case_ratings_follow_case after update of customer_id on cases
  for each row when (old.customer_id is distinct from new.customer_id)
  execute function case_ratings_follow_case();
