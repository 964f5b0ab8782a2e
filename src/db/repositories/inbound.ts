import type { Case, CaseChanges } from '../../core/cases/case.ts';
import type { IdentityKind, IdentityValue } from '../../core/customers/identity.ts';
import { Batcher } from '../batcher.ts';
import type { Executor } from '../client.ts';
import { prepared, sql } from '../sql.ts';
import type { AuditEntry } from './audit.ts';

export interface InboundContext {
  seen: { id: string; caseId: string; customerId: string } | null;
  site: { id: string; code: string } | null;
  matches: { customerId: string; kind: IdentityKind; value: string }[];
  /** Non-closed cases of every matched customer, newest activity first. */
  candidates: (Case & { customerId: string })[];
}

export interface InboundContextQuery {
  channel: string;
  externalId: string | null;
  site: string | null;
  identities: IdentityValue[];
}

/**
 * Everything ingest needs to decide, for many messages in one round trip: the message already
 * stored under each externalId, the site, every customer matching any identity (following
 * merges) and their non-closed cases.
 */
async function loadInboundContexts(db: Executor, queries: InboundContextQuery[]): Promise<InboundContext[]> {
  const input = queries.map((q) => ({
    channel: q.channel,
    externalId: q.externalId,
    site: q.site,
    identities: q.identities.map((i) => ({ kind: i.kind, value: i.value })),
  }));
  const found = await prepared<{
    seen: InboundContext['seen'];
    site: InboundContext['site'];
    matches: InboundContext['matches'];
    candidates: Record<string, unknown>[];
  }>(
    db,
    sql`select
          (select json_build_object('id', m.id, 'caseId', m.case_id, 'customerId', coalesce(c.merged_into, c.id))
             from messages m join customers c on c.id = m.customer_id
             where q->>'externalId' is not null and m.channel = q->>'channel' and m.external_id = q->>'externalId') as seen,
          (select json_build_object('id', s.id, 'code', s.code) from sites s
             where q->>'site' is not null and (lower(s.code) = lower(q->>'site') or s.id::text = q->>'site')) as site,
          ident.matches,
          (select coalesce(json_agg(k order by k."lastActivityAt" desc), '[]'::json) from (
             select open_case.* from (select distinct (x->>'customerId')::uuid as id from json_array_elements(ident.matches) x) matched
             cross join lateral (
               -- Per customer with a limit, like the identities below: an index lookup whatever the
               -- statistics said when this statement's generic plan was made (an empty table at first).
               select id, number, customer_id as "customerId", site_id as "siteId", team_id as "teamId",
                      owner_id as "ownerId", channel, thread_key as "threadKey", subject, status, priority, category,
                      tags, version, reopened_count as "reopenedCount", message_count as "messageCount",
                      created_at as "createdAt", updated_at as "updatedAt", first_reply_at as "firstReplyAt",
                      waiting_since as "waitingSince", last_activity_at as "lastActivityAt",
                      resolved_at as "resolvedAt", closed_at as "closedAt"
               from cases
               where customer_id = matched.id and status <> 'closed'
               order by last_activity_at desc limit 50
             ) open_case) k) as candidates
        from jsonb_array_elements(${JSON.stringify(input)}::jsonb) with ordinality as i(q, ord)
        cross join lateral (
          select coalesce(json_agg(json_build_object('customerId', coalesce(c.merged_into, c.id), 'kind', ci.kind,
                   'value', ci.value)), '[]'::json) as matches
          from jsonb_array_elements(q->'identities') x
          cross join lateral (
            -- (kind, value) is unique; the limit keeps this a per-identity index lookup instead of
            -- letting the planner hash-join the whole identities table (measured: 4 ms per message).
            select customer_id, kind, value from customer_identities
            where kind = x->>'kind' and value = x->>'value' limit 1
          ) ci
          join customers c on c.id = ci.customer_id
        ) ident
        order by i.ord`,
  );
  return found.map((row) => ({
    seen: row.seen,
    site: row.site,
    matches: row.matches,
    candidates: row.candidates.map(reviveCase),
  }));
}

const contextBatchers = new WeakMap<Executor, Batcher<InboundContextQuery, InboundContext>>();
const applyBatchers = new WeakMap<Executor, Batcher<InboundPlan, ApplyOutcome>>();

/** Loads one message's context; concurrent calls share a round trip. */
export function loadInboundContext(db: Executor, query: InboundContextQuery): Promise<InboundContext> {
  let batcher = contextBatchers.get(db);
  if (!batcher) {
    batcher = new Batcher((queries) => loadInboundContexts(db, queries), 64, 1);
    contextBatchers.set(db, batcher);
  }
  return batcher.submit(query);
}

const dateFields = [
  'createdAt',
  'updatedAt',
  'firstReplyAt',
  'waitingSince',
  'lastActivityAt',
  'resolvedAt',
  'closedAt',
];

function reviveCase(raw: Record<string, unknown>): Case {
  const out: Record<string, unknown> = { ...raw };
  for (const f of dateFields) out[f] = raw[f] ? new Date(raw[f] as string) : null;
  return out as unknown as Case;
}

export interface InboundPlan {
  customerId: string;
  newCustomer?: { displayName: string; homeSiteId: string | null };
  identities: IdentityValue[];
  channel: string;
  caseId: string;
  newCase?: {
    siteId: string | null;
    channel: string;
    threadKey: string | null;
    subject: string;
    openedAt: Date;
    /** The customer has at most one active conversation on this channel (chat-like, no thread key). */
    exclusiveOnChannel: boolean;
  };
  caseVersion?: number;
  caseChanges?: CaseChanges;
  message: {
    id: string;
    siteId: string | null;
    channel: string;
    fromAddress: string | null;
    subject: string | null;
    body: string;
    metadata: Record<string, unknown>;
    externalId: string | null;
    occurredAt: Date;
  };
  audit: (AuditEntry & { actorId: string; actorName: string })[];
  requestId?: string;
}

export type ApplyOutcome = 'ok' | 'retry' | `error: ${string}`;

/**
 * Applies decided plans, many in one statement and one commit (migration 0007, built on 0002).
 * 'retry' means the plan lost a race (its case version or an identity moved, or the same
 * externalId or active thread was stored meanwhile): the caller reloads and decides again.
 * Each caller's promise resolves only after the commit.
 */
export function applyInbound(db: Executor, plan: InboundPlan): Promise<ApplyOutcome> {
  let batcher = applyBatchers.get(db);
  if (!batcher) {
    batcher = new Batcher(
      async (plans) => {
        const [row] = await prepared<{ outcomes: ApplyOutcome[] }>(
          db,
          sql`select casebook_apply_inbound_batch(${JSON.stringify(plans)}::jsonb) as outcomes`,
        );
        return row!.outcomes;
      },
      64,
      1,
    );
    applyBatchers.set(db, batcher);
  }
  return batcher.submit(plan);
}
