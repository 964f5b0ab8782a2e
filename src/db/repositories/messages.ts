import type { Channel } from '../../core/channels.ts';
import type { Executor } from '../client.ts';
import { one, prepared, sql } from '../sql.ts';

export type Direction = 'inbound' | 'outbound' | 'internal';
export type MessageKind = 'message' | 'note' | 'call' | 'visit';

export interface Message {
  id: string;
  caseId: string;
  customerId: string;
  siteId: string | null;
  channel: Channel;
  direction: Direction;
  kind: MessageKind;
  authorId: string | null;
  authorName: string | null;
  fromAddress: string | null;
  subject: string | null;
  body: string;
  metadata: Record<string, unknown>;
  externalId: string | null;
  occurredAt: Date;
  createdAt: Date;
}

const columns =
  sql.raw(`m.id, m.case_id as "caseId", m.customer_id as "customerId", m.site_id as "siteId", m.channel,
  m.direction, m.kind, m.author_id as "authorId", (select name from agents a where a.id = m.author_id) as "authorName",
  m.from_address as "fromAddress", m.subject, m.body, m.metadata, m.external_id as "externalId",
  m.occurred_at as "occurredAt", m.created_at as "createdAt"`);

export type NewMessage = Omit<Message, 'id' | 'createdAt' | 'authorName'>;

export async function insertMessage(tx: Executor, m: NewMessage): Promise<Message> {
  const created = await one<Message>(
    tx,
    sql`insert into messages as m (case_id, customer_id, site_id, channel, direction, kind, author_id, from_address,
          subject, body, metadata, external_id, occurred_at)
        values (${m.caseId}, ${m.customerId}, ${m.siteId}, ${m.channel}, ${m.direction}, ${m.kind}, ${m.authorId},
          ${m.fromAddress}, ${m.subject}, ${m.body}, ${JSON.stringify(m.metadata)}::jsonb, ${m.externalId}, ${m.occurredAt})
        returning ${columns}`,
  );
  return created!;
}

export async function findByExternalId(
  tx: Executor,
  channel: Channel,
  externalId: string,
): Promise<{ id: string; caseId: string; customerId: string } | undefined> {
  return one(
    tx,
    sql`select m.id, m.case_id as "caseId", c.id as "customerId"
        from messages m join cases k on k.id = m.case_id join customers c on c.id = coalesce(
          (select merged_into from customers x where x.id = k.customer_id), k.customer_id)
        where m.channel = ${channel} and m.external_id = ${externalId}`,
  );
}

export async function caseTimeline(tx: Executor, caseId: string, limit = 1000): Promise<Message[]> {
  return prepared<Message>(
    tx,
    sql`select ${columns} from messages m where m.case_id = ${caseId} order by m.occurred_at, m.id limit ${limit}`,
  );
}
