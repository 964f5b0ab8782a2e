-- A durable job queue in PostgreSQL: jobs survive restarts, several server processes share it,
-- and FOR UPDATE SKIP LOCKED hands each job to exactly one worker at a time.
create table jobs (
  id bigint generated always as identity primary key,
  kind text not null,
  version integer not null default 1,
  payload jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'dead')),
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  locked_by text,
  locked_until timestamptz,
  dedupe_key text,
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due_idx on jobs (run_at, id) where status = 'queued';
create index jobs_lease_idx on jobs (locked_until) where status = 'running';
-- Enqueuing the same logical job twice (a retried request, two schedulers) keeps one pending copy.
create unique index jobs_dedupe_key on jobs (dedupe_key) where dedupe_key is not null and status in ('queued', 'running');

create table job_schedules (
  name text primary key,
  kind text not null,
  payload jsonb not null default '{}',
  every_seconds integer not null check (every_seconds > 0),
  next_run_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
