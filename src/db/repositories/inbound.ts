import type { Case, CaseChanges } from '../../core/cases/case.ts';
import type { IdentityKind, IdentityValue } from '../../core/customers/identity.ts';
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

/** Everything ingest needs to decide, in one round trip. */
export async function loadInboundContext(
  db: Executor,
  q: { channel: string; externalId: string | null; site: string | null; identities: IdentityValue[] },
): Promise<InboundContext> {
  const kinds = `{${q.identities.map((i) => i.kind).join(',')}}`;
  const values = `{${q.identities.map((i) => `"${i.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  const [row] = await prepared<{
    seen: InboundContext['seen'];
    site: InboundContext['site'];
    matches: InboundContext['matches'];
    candidates: Record<string, unknown>[];
  }>(
    db,
    sql`with ident as (
          select coalesce(c.merged_into, c.id) as customer_id, i.kind, i.value
          from customer_identities i join customers c on c.id = i.customer_id
          where (i.kind, i.value) in (select * from unnest(${kinds}::text[], ${values}::text[]))
        )
        select
          (select json_build_object('id', m.id, 'caseId', m.case_id, 'customerId', coalesce(c.merged_into, c.id))
             from messages m join customers c on c.id = m.customer_id
             where ${q.externalId}::text is not null and m.channel = ${q.channel} and m.external_id = ${q.externalId}) as seen,
          (select json_build_object('id', s.id, 'code', s.code) from sites s
             where ${q.site}::text is not null and (lower(s.code) = lower(${q.site}) or s.id::text = ${q.site})) as site,
          (select coalesce(json_agg(json_build_object('customerId', customer_id, 'kind', kind, 'value', value)), '[]'::json)
             from ident) as matches,
          (select coalesce(json_agg(k order by k."lastActivityAt" desc), '[]'::json) from (
             select id, number, customer_id as "customerId", site_id as "siteId", team_id as "teamId", owner_id as "ownerId",
                    channel, thread_key as "threadKey", subject, status, priority, category, tags, version,
                    reopened_count as "reopenedCount", message_count as "messageCount", created_at as "createdAt",
                    updated_at as "updatedAt", first_reply_at as "firstReplyAt", waiting_since as "waitingSince",
                    last_activity_at as "lastActivityAt", resolved_at as "resolvedAt", closed_at as "closedAt"
             from cases where customer_id in (select customer_id from ident) and status <> 'closed'
             order by last_activity_at desc limit 50) k) as candidates`,
  );
  return {
    seen: row!.seen,
    site: row!.site,
    matches: row!.matches,
    candidates: row!.candidates.map(reviveCase),
  };
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

/**
 * Applies a decided plan in one atomic statement (see migration 0002). Throws SQLSTATE 40001
 * when the case or an identity changed since the context was loaded, 23505 when the same
 * external id was stored concurrently: the caller reloads and decides again.
 */
export async function applyInbound(db: Executor, plan: InboundPlan): Promise<number> {
  const [row] = await prepared<{ number: number }>(
    db,
    sql`select casebook_apply_inbound(${JSON.stringify(plan)}::jsonb) as number`,
  );
  return row!.number;
}
