import type { Case, CaseChanges } from '../../core/cases/case.ts';
import type { CasePriority, CaseStatus } from '../../core/cases/case-status.ts';
import type { Channel } from '../../core/channels.ts';
import type { Executor } from '../client.ts';
import { one, prepared, rows, sql } from '../sql.ts';
import { pgArray } from './customers.ts';

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
  after?: { createdAt: Date; id: string };
  limit: number;
}

export interface CaseListItem extends Case {
  customerName: string;
  ownerName: string | null;
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
  if (f.after)
    where.push(
      sql`(k.created_at, k.id) < (${f.after.createdAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`,
    );
  return rows<CaseListItem>(
    tx,
    sql`select ${columns}, c.display_name as "customerName", a.name as "ownerName"
        from cases k join customers c on c.id = k.customer_id left join agents a on a.id = k.owner_id
        where ${sql.join(where, sql` and `)}
        order by k.created_at desc, k.id desc limit ${f.limit}`,
  );
}
