-- Authority to act: goodwill actions, rules with named owners and versions, executed actions,
-- approvals, overrides, friction reports and the decision log. The decisions themselves are
-- made by the pure engine in src/core/authority; these tables only remember them.

-- Catalogue additions beyond the built-in action types (src/core/authority/default-catalogue.ts).
create table action_types (
  id text primary key check (id ~ '^[a-z][a-z0-9_]{1,62}$'),
  seq bigint generated always as identity unique,
  label text not null,
  verb text not null,
  measure text not null check (measure in ('money', 'count')),
  params jsonb not null,
  default_owner_id uuid not null references agents(id),
  default_owner_name text not null,
  created_by uuid references agents(id),
  created_at timestamptz not null default now()
);

-- Every version of every rule; versions are never updated. The version in force is chosen by the
-- engine (versionInForce): the highest version that has started, unless it has ended.
create table authority_rule_versions (
  rule_id uuid not null,
  version integer not null check (version >= 1),
  seq bigint generated always as identity unique,
  name text not null,
  action_type text not null,
  scope jsonb not null default '{}',
  limits jsonb not null default '{}',
  conditions jsonb not null default '{}',
  owner_id uuid not null references agents(id),
  owner_name text not null,
  rationale text not null,
  effective_from timestamptz not null,
  effective_to timestamptz,
  override_policy jsonb not null,
  approval_route jsonb not null,
  edited_by_id uuid not null,
  edited_by_name text not null,
  edit_reason text not null,
  edited_at timestamptz not null,
  primary key (rule_id, version)
);
create index authority_rule_versions_owner_idx on authority_rule_versions (owner_id);

-- One row per customer × action type (kind 'customer') and per agent × action type (kind 'agent'),
-- locked with an upsert before usage is re-read, customer first, then agent, so two agents spending
-- the same allowance at once serialize and the second sees the first one's usage.
create table authority_usage_locks (
  kind text not null check (kind in ('customer', 'agent')),
  subject_id uuid not null,
  action_type text not null,
  touched_at timestamptz not null default now(),
  primary key (kind, subject_id, action_type)
);

create table authority_approvals (
  id uuid primary key,
  status text not null check (status in ('pending', 'escalated', 'approved', 'rejected', 'expired')),
  case_id uuid not null references cases(id),
  customer_id uuid not null references customers(id),
  action_type text not null,
  amount_minor bigint,
  currency text,
  rule_id uuid not null,
  rule_version integer not null,
  requester_id uuid not null references agents(id),
  requester_name text not null,
  justification text not null,
  approvers jsonb not null,
  level integer not null default 0,
  request jsonb not null,
  limit_state jsonb not null,
  purchase_id uuid,
  requested_at timestamptz not null,
  deadline timestamptz not null,
  sla_minutes integer not null,
  decided_by_id text, -- an agent id, or "system" when the approval SLA expired it
  decided_by_name text,
  decided_at timestamptz,
  decision_note text,
  action_id uuid,
  version integer not null default 1
);
create index authority_approvals_open_idx on authority_approvals (deadline) where status in ('pending', 'escalated');
create index authority_approvals_case_idx on authority_approvals (case_id, requested_at desc);
create index authority_approvals_requester_idx on authority_approvals (requester_id, requested_at desc);

create table authority_overrides (
  id uuid primary key,
  case_id uuid not null references cases(id),
  customer_id uuid not null references customers(id),
  action_type text not null,
  amount_minor bigint,
  currency text,
  rule_id uuid not null,
  rule_version integer not null,
  overridden_outcome text not null check (overridden_outcome in ('needs_approval', 'denied')),
  limit_state jsonb,
  by_id uuid not null references agents(id),
  by_name text not null,
  by_role text not null,
  for_agent_id uuid not null references agents(id),
  for_agent_name text not null,
  justification text not null,
  at timestamptz not null,
  report_to_id uuid not null,
  report_to_name text not null,
  reported_at timestamptz,
  request jsonb not null
);
create index authority_overrides_owner_idx on authority_overrides (report_to_id, at desc);

-- What was actually done for a customer: the record on the case and on the customer.
create table authority_actions (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases(id),
  customer_id uuid not null references customers(id),
  agent_id uuid not null references agents(id),
  executed_by uuid not null references agents(id),
  action_type text not null,
  amount_minor bigint check (amount_minor is null or amount_minor > 0),
  currency text check ((amount_minor is null) = (currency is null)),
  params jsonb not null,
  basis text not null check (basis in ('allowed', 'approval', 'override')),
  rule_id uuid,
  rule_version integer,
  approval_id uuid references authority_approvals(id),
  override_id uuid references authority_overrides(id),
  executed_at timestamptz not null
);
create index authority_actions_customer_idx on authority_actions (action_type, customer_id, executed_at);
create index authority_actions_agent_idx on authority_actions (action_type, agent_id, executed_at);
create index authority_actions_case_idx on authority_actions (case_id, executed_at);
create unique index authority_actions_approval_key on authority_actions (approval_id) where approval_id is not null;

create table authority_friction_reports (
  id uuid primary key,
  rule_id uuid not null,
  rule_version integer not null,
  owner_id uuid not null,
  owner_name text not null,
  reporter_id uuid not null references agents(id),
  reporter_name text not null,
  reason text not null,
  case_ids uuid[] not null check (cardinality(case_ids) >= 1),
  created_at timestamptz not null,
  answer_due_at timestamptz not null,
  status text not null check (status in ('open', 'answered', 'withdrawn')),
  verdict text check (verdict in ('keep', 'change', 'retire')),
  response text,
  answered_by_id uuid,
  answered_by_name text,
  answered_at timestamptz,
  withdrawn_at timestamptz
);
create index authority_friction_owner_idx on authority_friction_reports (owner_id, status, created_at desc);
create index authority_friction_rule_idx on authority_friction_reports (rule_id);

-- Every committed decision (executed, refused at execution, approval requested, overridden), for reports.
create table authority_decisions (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  agent_id uuid not null,
  case_id uuid,
  customer_id uuid,
  action_type text not null,
  rule_id uuid,
  rule_version integer,
  outcome text not null check (outcome in ('allowed', 'needs_approval', 'denied')),
  overridden boolean not null default false,
  amount_minor bigint,
  currency text,
  source text not null check (source in ('execute', 'approval_request', 'override'))
);
create index authority_decisions_at_idx on authority_decisions (at);
create index authority_decisions_rule_idx on authority_decisions (rule_id, at);
