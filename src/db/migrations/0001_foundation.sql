-- Casebook foundation: one customer record, every conversation, an append-only audit trail.
-- Runs on PostgreSQL 15 through 18.

create extension if not exists pg_trgm;

create table sites (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  time_zone text not null default 'UTC',
  created_at timestamptz not null default now()
);

create table teams (
  id uuid primary key default gen_random_uuid(),
  site_id uuid references sites(id),
  name text not null,
  created_at timestamptz not null default now(),
  unique (site_id, name)
);

-- Everyone who acts: people (agents, leads, managers, admins) and integrations (ingest tokens).
create table agents (
  id uuid primary key default gen_random_uuid(),
  kind text not null default 'person' check (kind in ('person', 'integration')),
  name text not null,
  email text,
  role text not null check (role in ('admin', 'manager', 'lead', 'agent', 'ingest')),
  team_id uuid references teams(id),
  site_id uuid references sites(id),
  password_hash text,
  time_zone text,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index agents_email_key on agents (lower(email)) where email is not null;

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  agent_id uuid not null references agents(id),
  name text not null,
  role text not null check (role in ('admin', 'manager', 'lead', 'agent', 'ingest')),
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  agent_id uuid not null references agents(id),
  token_hash text not null unique,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);

create table households (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  account_number text unique,
  created_at timestamptz not null default now()
);

create table customers (
  id uuid primary key default gen_random_uuid(),
  display_name text not null default '',
  household_id uuid references households(id),
  tier text not null default 'standard',
  lifetime_value_minor bigint not null default 0,
  currency text not null default 'EUR',
  preferences jsonb not null default '{}',
  special_needs text[] not null default '{}',
  attributes jsonb not null default '{}',
  language text,
  home_site_id uuid references sites(id),
  merged_into uuid references customers(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index customers_household_idx on customers (household_id) where household_id is not null;
create index customers_name_trgm_idx on customers using gin (display_name gin_trgm_ops);
create index customers_merged_into_idx on customers (merged_into) where merged_into is not null;

-- Every way we know a customer: emails (lower-cased), phones (E.164), account numbers, channel ids.
create table customer_identities (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers(id),
  kind text not null check (kind in ('email', 'phone', 'account', 'external')),
  value text not null,
  display_value text not null,
  source_channel text,
  verified boolean not null default false,
  created_at timestamptz not null default now(),
  unique (kind, value)
);
create index customer_identities_customer_idx on customer_identities (customer_id);
create index customer_identities_value_prefix_idx on customer_identities (value text_pattern_ops);

create table products (
  id uuid primary key default gen_random_uuid(),
  sku text not null unique,
  name text not null,
  category text,
  warranty_months integer not null default 0,
  created_at timestamptz not null default now()
);

create table purchases (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers(id),
  product_id uuid not null references products(id),
  site_id uuid references sites(id),
  order_number text,
  receipt_number text,
  serial_number text,
  quantity integer not null default 1,
  amount_minor bigint not null default 0,
  currency text not null default 'EUR',
  purchased_at timestamptz not null,
  warranty_until date,
  created_at timestamptz not null default now()
);
create index purchases_customer_idx on purchases (customer_id, purchased_at desc);
create index purchases_order_idx on purchases (order_number) where order_number is not null;

create sequence case_number_seq start 1000;

create table cases (
  id uuid primary key default gen_random_uuid(),
  number bigint not null unique default nextval('case_number_seq'),
  customer_id uuid not null references customers(id),
  site_id uuid references sites(id),
  team_id uuid references teams(id),
  owner_id uuid references agents(id),
  channel text not null,
  thread_key text,
  subject text not null default '',
  status text not null default 'new' check (status in ('new', 'open', 'pending', 'resolved', 'closed')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  category text,
  tags text[] not null default '{}',
  version integer not null default 1,
  reopened_count integer not null default 0,
  message_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  first_reply_at timestamptz,
  waiting_since timestamptz,
  last_activity_at timestamptz not null default now(),
  resolved_at timestamptz,
  closed_at timestamptz,
  search tsvector generated always as (to_tsvector('english', subject)) stored
);
create index cases_customer_idx on cases (customer_id, created_at desc);
create index cases_thread_idx on cases (customer_id, thread_key) where thread_key is not null;
create index cases_status_idx on cases (status, created_at desc, id);
create index cases_owner_idx on cases (owner_id, status) where owner_id is not null;
create index cases_site_idx on cases (site_id, status);
create index cases_search_idx on cases using gin (search);

create table messages (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  customer_id uuid not null references customers(id),
  site_id uuid references sites(id),
  channel text not null check (channel in ('email', 'chat', 'phone', 'in_person', 'web', 'social')),
  direction text not null check (direction in ('inbound', 'outbound', 'internal')),
  kind text not null default 'message' check (kind in ('message', 'note', 'call', 'visit')),
  author_id uuid references agents(id),
  from_address text,
  subject text,
  body text not null,
  metadata jsonb not null default '{}',
  external_id text,
  occurred_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  search tsvector generated always as (
    to_tsvector('english', coalesce(subject, '') || ' ' || left(body, 100000))
  ) stored
);
create unique index messages_external_key on messages (channel, external_id) where external_id is not null;
create index messages_case_idx on messages (case_id, occurred_at, id);
create index messages_customer_idx on messages (customer_id, occurred_at desc);
create index messages_search_idx on messages using gin (search);

create table customer_merges (
  id uuid primary key default gen_random_uuid(),
  survivor_id uuid not null references customers(id),
  merged_id uuid not null references customers(id),
  merged_by uuid references agents(id),
  merged_at timestamptz not null default now(),
  moved jsonb not null,
  merged_snapshot jsonb not null,
  survivor_snapshot jsonb not null,
  undone_at timestamptz,
  undone_by uuid references agents(id)
);
create index customer_merges_survivor_idx on customer_merges (survivor_id);
create index customer_merges_merged_idx on customer_merges (merged_id);

-- Append-only: who did what, when, before and after. Also the ordered event log later features
-- (webhooks, metrics) read from with a cursor on id.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text not null,
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  request_id text
);
create index audit_log_entity_idx on audit_log (entity, entity_id, id);
create index audit_log_actor_idx on audit_log (actor_id, id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = '42501';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
