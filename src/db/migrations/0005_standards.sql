-- Service standards: site calendars, SLA policies and their per-case state, breaches and
-- escalation steps (each recorded once, by key), routing, ownership handovers, checklists.

-- Business hours per site (the site's time zone stays on sites.time_zone).
create table site_calendars (
  site_id uuid primary key references sites(id),
  mode text not null default 'business' check (mode in ('business', 'always_open')),
  weekly_hours jsonb not null default '{}',
  holidays text[] not null default '{}',
  special_hours jsonb not null default '{}',
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

create table escalation_policies (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  levels jsonb not null,
  version integer not null default 1,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sla_policies (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  conditions jsonb not null default '{}',
  targets jsonb not null,
  hours text not null default 'business' check (hours in ('business', 'calendar')),
  at_risk jsonb not null default '{}',
  pause_while_pending boolean not null default true,
  escalation_policy_id uuid references escalation_policies(id),
  version integer not null default 1,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Facts the SLA clock needs that the case row does not carry yet.
alter table cases add column human_requested_at timestamptz;
alter table cases add column required_skills text[] not null default '{}';

-- Status and owner history, recorded by trigger so every writer (ingest included) is covered.
create table case_status_changes (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases(id),
  status text not null,
  at timestamptz not null default now()
);
create index case_status_changes_case_idx on case_status_changes (case_id, at);

create table case_owner_changes (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases(id),
  owner_id uuid,
  at timestamptz not null default now()
);
create index case_owner_changes_case_idx on case_owner_changes (case_id, at);

create function casebook_case_history() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into case_status_changes (case_id, status, at) values (new.id, new.status, new.created_at);
    if new.owner_id is not null then
      insert into case_owner_changes (case_id, owner_id, at) values (new.id, new.owner_id, new.created_at);
    end if;
  else
    if new.status is distinct from old.status then
      insert into case_status_changes (case_id, status) values (new.id, new.status);
    end if;
    if new.owner_id is distinct from old.owner_id then
      insert into case_owner_changes (case_id, owner_id) values (new.id, new.owner_id);
    end if;
  end if;
  return null;
end $$;
insert into case_status_changes (case_id, status, at) select id, status, created_at from cases;
insert into case_owner_changes (case_id, owner_id, at) select id, owner_id, created_at from cases where owner_id is not null;
create trigger cases_history after insert or update of status, owner_id on cases
  for each row execute function casebook_case_history();

-- The per-case SLA state the sweep last computed: what the inbox sorts and filters by.
create table case_sla (
  case_id uuid primary key references cases(id),
  policy_id uuid references sla_policies(id),
  policy_version integer,
  status text not null check (status in ('none', 'ok', 'at_risk', 'breached', 'met')),
  next_due_at timestamptz,
  time_left_ms bigint,
  paused boolean not null default false,
  targets jsonb not null default '[]',
  computed_at timestamptz not null,
  -- What the state was computed from: the case version and the policies/calendars in force.
  case_version integer not null default 0,
  config_sig text not null default '',
  -- The next instant the state can change by time alone (at risk, due, an escalation level).
  next_check_at timestamptz
);
create index case_sla_status_idx on case_sla (status, next_due_at);

create table sla_breaches (
  id bigint generated always as identity primary key,
  key text not null unique,
  case_id uuid not null references cases(id),
  policy_id uuid not null references sla_policies(id),
  policy_version integer not null,
  metric text not null,
  started_at timestamptz not null,
  due_at timestamptz not null,
  detected_at timestamptz not null,
  owner_id uuid
);
create index sla_breaches_case_idx on sla_breaches (case_id);
create index sla_breaches_due_idx on sla_breaches (due_at);

create table escalation_steps (
  id bigint generated always as identity primary key,
  key text not null unique,
  case_id uuid not null references cases(id),
  policy_id uuid,
  metric text not null,
  level integer not null,
  actions jsonb not null,
  due_at timestamptz not null,
  owner_id uuid,
  decided_at timestamptz not null
);
create index escalation_steps_case_idx on escalation_steps (case_id);

-- Routing: rules as data, teams' strategy and round-robin order, agents' capacity and presence.
create table routing_rules (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  position integer not null default 0,
  team_id uuid not null references teams(id),
  conditions jsonb not null default '{}',
  skills text[] not null default '{}',
  allow_last_agent_outside_team boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table team_routing (
  team_id uuid primary key references teams(id),
  strategy text not null default 'round_robin' check (strategy in ('round_robin', 'least_loaded')),
  updated_at timestamptz not null default now()
);

create table team_members (
  team_id uuid not null references teams(id),
  agent_id uuid not null references agents(id),
  position integer not null,
  primary key (team_id, agent_id)
);
create index team_members_agent_idx on team_members (agent_id);

-- The row routing locks (FOR UPDATE) before counting an agent's open cases.
create table agent_availability (
  agent_id uuid primary key references agents(id),
  online boolean not null default false,
  max_open_cases integer not null default 10 check (max_open_cases >= 0),
  skills text[] not null default '{}',
  languages text[] not null default '{}',
  updated_at timestamptz not null default now()
);

create table routing_cursors (
  team_id uuid primary key references teams(id),
  last_agent_id uuid not null references agents(id),
  updated_at timestamptz not null default now()
);

create table handover_requests (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  from_id uuid references agents(id),
  to_id uuid not null references agents(id),
  requested_by uuid not null references agents(id),
  requested_at timestamptz not null,
  reason text,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'withdrawn', 'stale')),
  decided_at timestamptz
);
create unique index handover_requests_pending_key on handover_requests (case_id) where status = 'pending';
create index handover_requests_to_idx on handover_requests (to_id, status);

create table interaction_standards (
  id uuid primary key default gen_random_uuid(),
  category text not null unique,
  items jsonb not null,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

create table check_marks (
  id bigint generated always as identity primary key,
  case_id uuid not null references cases(id),
  item_id text not null,
  state text not null check (state in ('done', 'not_applicable', 'cleared')),
  by_id uuid not null,
  at timestamptz not null
);
create index check_marks_case_idx on check_marks (case_id, id);
