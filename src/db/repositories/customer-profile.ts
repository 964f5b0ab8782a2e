import type { Customer } from '../../core/customers/customer.ts';
import type { Executor } from '../client.ts';
import { prepared, sql } from '../sql.ts';
import type { Message } from './messages.ts';

export interface Identity {
  id: string;
  kind: string;
  value: string;
  displayValue: string;
  sourceChannel: string | null;
  verified: boolean;
  createdAt: Date;
}

export interface Household {
  id: string;
  name: string;
  accountNumber: string | null;
  members: { id: string; displayName: string; tier: string }[];
}

export interface Purchase {
  id: string;
  productId: string;
  sku: string;
  productName: string;
  productCategory: string | null;
  siteId: string | null;
  orderNumber: string | null;
  receiptNumber: string | null;
  serialNumber: string | null;
  quantity: number;
  amountMinor: number;
  currency: string;
  purchasedAt: Date;
  warrantyUntil: string | null;
}

export interface CaseSummary {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  category: string | null;
  siteId: string | null;
  siteName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  createdAt: Date;
  lastActivityAt: Date;
}

export interface ProfileParts {
  identities: Identity[];
  household: Household | null;
  purchases: Purchase[];
  cases: CaseSummary[];
  recentMessages: Message[];
}

/**
 * Everything about one customer in a single round trip, following merges to the survivor: PostgreSQL assembles the nested JSON, so
 * the customer view costs one query however many purchases, cases and messages there are.
 * Timestamps inside the JSON are ISO strings; recent message bodies are cut at 2,000 characters.
 */
export async function loadProfile(
  tx: Executor,
  requestedId: string,
  caseLimit: number,
  messageLimit: number,
): Promise<(ProfileParts & { customer: Customer }) | undefined> {
  const [row] = await prepared<
    ProfileParts & {
      customer: (Omit<Customer, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string }) | null;
    }
  >(
    tx,
    sql`with recursive chain as (
          select id, merged_into, 0 as depth from customers where id = ${requestedId}
          union all
          select c.id, c.merged_into, chain.depth + 1 from customers c join chain on c.id = chain.merged_into where chain.depth < 10
        ), target as (select id from chain where merged_into is null limit 1)
    select
      (select row_to_json(x) from (
         select c.id, c.display_name as "displayName", c.household_id as "householdId", c.tier,
                c.lifetime_value_minor as "lifetimeValueMinor", c.currency, c.preferences, c.special_needs as "specialNeeds",
                c.attributes, c.language, c.home_site_id as "homeSiteId", c.merged_into as "mergedInto", c.version,
                c.created_at as "createdAt", c.updated_at as "updatedAt"
         from customers c where c.id = (select id from target)) x) as customer,
      (select coalesce(json_agg(json_build_object('id', i.id, 'kind', i.kind, 'value', i.value, 'displayValue', i.display_value,
                 'sourceChannel', i.source_channel, 'verified', i.verified, 'createdAt', i.created_at) order by i.kind, i.created_at), '[]')
         from customer_identities i where i.customer_id = (select id from target)) as identities,
      (select json_build_object('id', h.id, 'name', h.name, 'accountNumber', h.account_number,
                 'members', coalesce((select json_agg(json_build_object('id', m.id, 'displayName', m.display_name, 'tier', m.tier)
                                        order by m.display_name)
                                      from customers m where m.household_id = h.id and m.merged_into is null), '[]'))
         from households h where h.id = (select household_id from customers where id = (select id from target))) as household,
      (select coalesce(json_agg(p order by p."purchasedAt" desc), '[]') from (
         select p.id, p.product_id as "productId", pr.sku, pr.name as "productName", pr.category as "productCategory",
                p.site_id as "siteId", p.order_number as "orderNumber", p.receipt_number as "receiptNumber",
                p.serial_number as "serialNumber", p.quantity, p.amount_minor as "amountMinor", p.currency,
                p.purchased_at as "purchasedAt", p.warranty_until as "warrantyUntil"
         from purchases p join products pr on pr.id = p.product_id
         where p.customer_id = (select id from target) order by p.purchased_at desc limit 200) p) as purchases,
      (select coalesce(json_agg(k order by k."lastActivityAt" desc), '[]') from (
         select k.id, k.number, k.subject, k.status, k.priority, k.channel, k.category, k.site_id as "siteId",
                s.name as "siteName", k.owner_id as "ownerId", a.name as "ownerName", k.created_at as "createdAt",
                k.last_activity_at as "lastActivityAt"
         from cases k left join sites s on s.id = k.site_id left join agents a on a.id = k.owner_id
         where k.customer_id = (select id from target) order by k.last_activity_at desc limit ${caseLimit}) k) as cases,
      (select coalesce(json_agg(m order by m."occurredAt" desc), '[]') from (
         select m.id, m.case_id as "caseId", m.customer_id as "customerId", m.site_id as "siteId", m.channel, m.direction,
                m.kind, m.author_id as "authorId", a.name as "authorName", m.from_address as "fromAddress", m.subject,
                left(m.body, 2000) as body, m.metadata, m.external_id as "externalId", m.occurred_at as "occurredAt",
                m.created_at as "createdAt"
         from messages m left join agents a on a.id = m.author_id
         where m.customer_id = (select id from target) order by m.occurred_at desc, m.id desc limit ${messageLimit}) m) as "recentMessages"`,
  );
  if (!row?.customer) return undefined;
  const customer: Customer = {
    ...row.customer,
    createdAt: new Date(row.customer.createdAt),
    updatedAt: new Date(row.customer.updatedAt),
  };
  return { ...row, customer };
}
