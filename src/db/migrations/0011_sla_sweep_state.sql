-- The SLA sweep at 100,000 open cases (docs/standards.md, "The SLA sweep"; docs/decisions.md).

-- What each cache row's state is, in one comparable string (policy and version, then per target
-- its metric, status and deadline): a recompute writes only the rows whose key, case version or
-- next check moved. Null on rows written before this migration, so they are rewritten once.
alter table case_sla add column state_key text;

-- One row: the configuration signature (policies, ladders, calendars) every open case's cache row
-- was last verified under. A sweep whose signature differs recomputes every open case. The row is
-- also the sweep's lock: a sweep holds it FOR UPDATE from start to commit, and a second sweep that
-- finds it taken (SKIP LOCKED) does nothing, so two processes never sweep at the same time.
create table sla_sweep_state (
  id boolean primary key default true check (id),
  config_sig text not null default '',
  swept_at timestamptz
);
insert into sla_sweep_state (id) values (true);
