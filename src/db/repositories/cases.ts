import type { Case, CaseChanges } from '../../core/cases/case.ts';
import type { CasePriority, CaseStatus } from '../../core/cases/case-status.ts';
import type { CurrentRating } from '../../core/cases/rating.ts';
import type { Channel } from '../../core/channels.ts';
import type { Executor } from '../client.ts';
import { one, prepared, rows, sql } from '../sql.ts';
import { pgArray } from './customers.ts';
import { currentRatingJson, parseCurrentRating } from './ratings.ts';

const columns =
  sql.raw(`k.id, k.number, k.customer_id as "customerId", k.site_id as "siteId", k.team_id as "teamId",
  k.owner_id as "ownerId", k.channel, k.thread_key as "threadKey", k.subject, k.status, k.priority, k.category, k.tags,
  k.version, k.reopened_count as "reopenedCount", k.message_count as "messageCount", k.created_at as "createdAt",
  k.updated_at as "updatedAt", k.first_reply_at as "firstReplyAt", k.waiting_since as "waitingSince",
  k.last_activity_at as "lastActivityAt", k.resolved_at as "resolvedAt", k.closed_at as "closedAt"`);

export async function loadCase(tx: Executor, id: string, lock = false): Promise<Case | undefined> {
  const [found] = await prepared<Case>(
    tx,
    sql`select ${columns} from cases k where k.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return found;
}

/** A case as the case view shows it: with the customer's rating that counts (or null), in one statement. */
export interface CaseView extends Case {
  rating: CurrentRating | null;
}

export async function loadCaseView(tx: Executor, id: string): Promise<CaseView | undefined> {
  const [found] = await prepared<Case & { rating: Parameters<typeof parseCurrentRating>[0] }>(
    tx,
    sql`select ${columns}, ${currentRatingJson} as rating from cases k where k.id = ${id}`,
  );
  return found ? { ...found, rating: parseCurrentRating(found.rating) } : undefined;
}

const changeColumns: Record<keyof CaseChanges, string> = {
  status: 'status',
  ownerId: 'owner_id',
  priority: 'priority',
  category: 'category',
  tags: 'tags',
  teamId: 'team_id',
  firstReplyAt: 'first_reply_at',
  waitingSince: 'waiting_since',
  lastActivityAt: 'last_activity_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  reopenedCount: 'reopened_count',
  messageCount: 'message_count',
};

/** Every write bumps the version, which is what `If-Match` guards. */
export async function updateCase(tx: Executor, id: string, changes: CaseChanges): Promise<Case> {
  const sets = [sql`version = version + 1`, sql`updated_at = now()`];
  for (const [key, value] of Object.entries(changes) as [keyof CaseChanges, unknown][]) {
    const column = sql.raw(changeColumns[key]);
    sets.push(
      key === 'tags' ? sql`${column} = ${pgArray(value as string[])}::text[]` : sql`${column} = ${value}`,
    );
  }
  const updated = await one<Case>(
    tx,
    sql`update cases k set ${sql.join(sets, sql`, `)} where k.id = ${id} returning ${columns}`,
  );
  return updated!;
}

export interface CaseFilter {
  status?: CaseStatus[];
  ownerId?: string | null;
  siteId?: string;
  customerId?: string;
  channel?: Channel;
  priority?: CasePriority;
  tag?: string;
  /** Cases routed to the team or owned by one of its members. */
  teamId?: string;
  /** SLA status from the `case_sla` cache the sweep maintains (as of its last run); a case without a row matches none. */
  sla?: SlaListStatus[];
  /**
   * `newest` (created, newest first), `waiting` (longest-waiting customer first; not waiting last) or
   * `time_left` (soonest next SLA deadline first, `case_sla.next_due_at`; cases without one last).
   * Ties go by id, ascending except for `newest`.
   */
  sort?: CaseSort;
  /**
   * Keyset cursor: the sort key and id of the last row seen. The key is created_at, waiting_since or
   * next_due_at; 'infinity' for a case without one (not waiting, no deadline).
   */
  after?: { key: Date | 'infinity'; id: string };
  limit: number;
}

export const CASE_SORTS = ['newest', 'waiting', 'time_left'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const SLA_LIST_STATUSES = ['ok', 'at_risk', 'breached'] as const;
export type SlaListStatus = (typeof SLA_LIST_STATUSES)[number];

export interface CaseListItem extends Case {
  customerName: string;
  ownerName: string | null;
  /** The next SLA deadline from the cache (the `time_left` sort key), null without one. */
  slaDueAt: Date | null;
}

export async function findCases(tx: Executor, f: CaseFilter): Promise<CaseListItem[]> {
  const where = [sql`true`];
  if (f.status?.length)
    where.push(
      sql`k.status in (${sql.join(
        f.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.ownerId === null) where.push(sql`k.owner_id is null`);
  else if (f.ownerId) where.push(sql`k.owner_id = ${f.ownerId}`);
  if (f.siteId) where.push(sql`k.site_id = ${f.siteId}`);
  if (f.customerId) where.push(sql`k.customer_id = ${f.customerId}`);
  if (f.channel) where.push(sql`k.channel = ${f.channel}`);
  if (f.priority) where.push(sql`k.priority = ${f.priority}`);
  if (f.tag) where.push(sql`${f.tag} = any(k.tags)`);
  if (f.teamId) {
    where.push(
      sql`(k.team_id = ${f.teamId} or k.owner_id in (select id from agents where team_id = ${f.teamId}))`,
    );
  }
  if (f.sla?.length) where.push(sql`s.status = any(${pgArray(f.sla)}::text[])`);
  // The sort key and its direction. A missing key (not waiting, no deadline) sorts last as 'infinity'.
  const ascending = f.sort === 'waiting' || f.sort === 'time_left';
  const sortKey =
    f.sort === 'waiting'
      ? sql`coalesce(k.waiting_since, 'infinity'::timestamptz)`
      : f.sort === 'time_left'
        ? sql`coalesce(s.next_due_at, 'infinity'::timestamptz)`
        : sql`k.created_at`;
  if (f.after) {
    const key = f.after.key === 'infinity' ? 'infinity' : f.after.key.toISOString();
    where.push(
      ascending
        ? sql`(${sortKey}, k.id) > (${key}::timestamptz, ${f.after.id}::uuid)`
        : sql`(${sortKey}, k.id) < (${key}::timestamptz, ${f.after.id}::uuid)`,
    );
  }
  // The SLA cache is joined only when the filter or the sort needs it (one row per case at most).
  // Plans (EXPLAIN ANALYZE, 100,000 open cases, PostgreSQL 15): `sla=at_risk` by time left reads
  // case_sla_status_idx (status) and sorts the 3,500 rows found (14 ms); an owner, team or site
  // queue reads its cases by their index and the cache by a hash join (30 ms for 2,500 cases); all
  // open cases by time left is a top-N sort of the joined rows (77 ms), as `waiting` is. The status
  // index leaves next_due_at out on purpose (migration 0015): a deadline moved by a policy edit
  // then rewrites the row in place (HOT) without new index entries.
  const sla = f.sla?.length || f.sort === 'time_left';
  return rows<CaseListItem>(
    tx,
    sql`select ${columns}, c.display_name as "customerName", a.name as "ownerName",
          ${sla ? sql`s.next_due_at` : sql`null::timestamptz`} as "slaDueAt"
        from cases k join customers c on c.id = k.customer_id left join agents a on a.id = k.owner_id
          ${sla ? sql`left join case_sla s on s.case_id = k.id` : sql``}
        where ${sql.join(where, sql` and `)}
        order by ${sortKey} ${ascending ? sql`asc` : sql`desc`}, k.id ${ascending ? sql`asc` : sql`desc`} limit ${f.limit}`,
  );
}
