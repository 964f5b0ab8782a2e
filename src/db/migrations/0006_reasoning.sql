-- Case-based reasoning: the case base (one resolved case per row, replayed into the in-memory
-- CaseBase at start), the suggestions issued to agents, their feedback, and the admin's settings.
-- The engine itself is pure (src/core/reasoning); these tables only remember its inputs.

create table case_base (
  case_id uuid primary key references cases(id),
  -- A ResolvedCase (src/core/reasoning/case-record.ts) as plain JSON.
  record jsonb not null,
  -- clock_timestamp(), not now(): other processes read changed rows with an updated_at cursor.
  updated_at timestamptz not null default clock_timestamp()
);
create index case_base_updated_idx on case_base (updated_at);

create table reasoning_suggestions (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  agent_id uuid references agents(id),
  abstained boolean not null,
  -- The resolved cases the suggestion was built from: feedback shifts their reliability.
  source_case_ids uuid[] not null default '{}',
  body jsonb not null,
  created_at timestamptz not null default now()
);
create index reasoning_suggestions_case_idx on reasoning_suggestions (case_id, created_at desc);

create table reasoning_feedback (
  id uuid primary key default gen_random_uuid(),
  suggestion_id uuid not null references reasoning_suggestions(id),
  case_id uuid not null references cases(id),
  agent_id uuid references agents(id),
  verdict text not null check (verdict in ('accepted', 'edited', 'rejected')),
  edited_text text,
  created_at timestamptz not null default now(),
  -- One verdict per agent per suggestion: a double click must not count twice.
  unique (suggestion_id, agent_id)
);

-- One row: the similarity weights and abstention rule an admin chose; null = the engine's default.
-- retrain_requested_at asks every server process to retrain its classifier.
create table reasoning_settings (
  id boolean primary key default true check (id),
  weights jsonb not null default '{}',
  abstain_below double precision check (abstain_below between 0 and 1),
  support_mix double precision check (support_mix between 0 and 1),
  classifier_share double precision check (classifier_share between 0 and 1),
  version integer not null default 1,
  retrain_requested_at timestamptz,
  updated_by uuid references agents(id),
  updated_at timestamptz not null default clock_timestamp()
);
insert into reasoning_settings (id) values (true);
