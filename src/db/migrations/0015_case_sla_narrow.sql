-- The SLA inbox cache, narrowed to what is read (docs/standards.md, "The SLA sweep"; docs/decisions.md).
-- A configuration edit that moves most deadlines rewrites tens of thousands of these rows in one
-- sweep, so their width and their index entries are that sweep's cost.

-- Never read: a case's targets and time left are computed live when the case is shown, and the
-- configuration every row was verified under is the one row of sla_sweep_state. Each row was
-- ~500 bytes, ~300 of them the targets.
alter table case_sla drop column targets, drop column time_left_ms, drop column config_sig;

-- The status index without next_due_at: a deadline that moves without the status then changes no
-- indexed column, so the row can be rewritten in place on its page (a HOT update: no new index
-- entries), given room on the page. Filters by SLA status read this index and sort the few rows
-- they find; all open cases by time left were a top-N sort of the joined rows already.
drop index case_sla_status_idx;
create index case_sla_status_idx on case_sla (status);
alter table case_sla set (fillfactor = 80);
