-- The parts the configuration signature hashes (one per policy, ladder and calendar version), as
-- the last sweep saw them: the next sweep compares them with the current ones and recomputes only
-- the open cases the changed parts can move, instead of every open case (docs/standards.md, "The
-- SLA sweep"). Null until a sweep has stored them: that sweep recomputes every open case.
alter table sla_sweep_state add column config_parts text[];
