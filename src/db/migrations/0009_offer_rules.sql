-- Proactive offer rules an admin keeps (GET/POST/PUT/DELETE /api/v1/reasoning/offer-rules): every
-- version of every rule, never updated. A rule's latest version is the one in force unless it is
-- retired. The decisions are made by src/core/reasoning/offers.ts; this table only remembers them.
create table offer_rule_versions (
  rule_id uuid not null,
  version integer not null check (version >= 1),
  -- Rising with every version written: server processes reload the rules when it moves.
  seq bigint generated always as identity unique,
  offer text not null check (length(offer) between 1 and 500),
  rationale text not null check (length(rationale) between 1 and 2000),
  -- {tiers?, categories?, products?, minConfidence?} (OfferRule['when']).
  conditions jsonb not null,
  owner_id uuid not null references agents(id),
  owner_name text not null,
  retired boolean not null default false,
  edited_by_id uuid not null,
  edited_by_name text not null,
  edit_reason text not null,
  edited_at timestamptz not null,
  primary key (rule_id, version)
);
create index offer_rule_versions_owner_idx on offer_rule_versions (owner_id);
