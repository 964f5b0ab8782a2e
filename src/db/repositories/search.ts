import type { Executor } from '../client.ts';
import { rows, sql } from '../sql.ts';

export interface SearchFilter {
  q: string;
  siteId?: string;
  channel?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface SearchHit {
  type: 'message' | 'case';
  id: string;
  caseId: string;
  caseNumber: number;
  customerId: string;
  customerName: string;
  channel: string;
  siteId: string | null;
  subject: string | null;
  highlight: string;
  occurredAt: Date;
  rank: number;
}

const headlineOptions = 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2';

/**
 * Full text over message bodies and case subjects, ranked, newest first among equals. Highlights
 * are computed only for the page returned: ts_headline re-parses text and is the costly part.
 */
export async function searchEverything(tx: Executor, f: SearchFilter): Promise<SearchHit[]> {
  const query = sql`websearch_to_tsquery('english', ${f.q})`;
  const messageWhere = [sql`m.search @@ ${query}`];
  const caseWhere = [sql`k.search @@ ${query}`];
  if (f.siteId) {
    messageWhere.push(sql`m.site_id = ${f.siteId}`);
    caseWhere.push(sql`k.site_id = ${f.siteId}`);
  }
  if (f.channel) {
    messageWhere.push(sql`m.channel = ${f.channel}`);
    caseWhere.push(sql`k.channel = ${f.channel}`);
  }
  if (f.from) {
    messageWhere.push(sql`m.occurred_at >= ${f.from}`);
    caseWhere.push(sql`k.created_at >= ${f.from}`);
  }
  if (f.to) {
    messageWhere.push(sql`m.occurred_at < ${f.to}`);
    caseWhere.push(sql`k.created_at < ${f.to}`);
  }
  return rows<SearchHit>(
    tx,
    sql`with hits as (
          (select 'message' as type, m.id, m.case_id, m.channel, m.site_id, m.subject, m.occurred_at,
                  ts_rank(m.search, ${query}) as rank
           from messages m where ${sql.join(messageWhere, sql` and `)}
           order by rank desc, m.occurred_at desc limit ${f.limit + f.offset})
          union all
          (select 'case', k.id, k.id, k.channel, k.site_id, k.subject, k.created_at, ts_rank(k.search, ${query}) * 1.2
           from cases k where ${sql.join(caseWhere, sql` and `)}
           order by 8 desc, k.created_at desc limit ${f.limit + f.offset})
        ), page as (
          select * from hits order by rank desc, occurred_at desc limit ${f.limit} offset ${f.offset}
        )
        select p.type, p.id, p.case_id as "caseId", k.number as "caseNumber", k.customer_id as "customerId",
               c.display_name as "customerName", p.channel, p.site_id as "siteId", p.subject,
               p.occurred_at as "occurredAt", p.rank,
               case when p.type = 'message'
                 then ts_headline('english', (select left(body, 20000) from messages where id = p.id), ${query}, ${headlineOptions})
                 else ts_headline('english', k.subject, ${query}, ${headlineOptions}) end as highlight
        from page p join cases k on k.id = p.case_id join customers c on c.id = k.customer_id
        order by p.rank desc, p.occurred_at desc`,
  );
}
