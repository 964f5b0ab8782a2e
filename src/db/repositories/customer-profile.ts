import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';

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

export async function identitiesOf(tx: Executor, customerId: string): Promise<Identity[]> {
  return rows<Identity>(
    tx,
    sql`select id, kind, value, display_value as "displayValue", source_channel as "sourceChannel", verified,
          created_at as "createdAt"
        from customer_identities where customer_id = ${customerId} order by kind, created_at`,
  );
}

export async function householdOf(tx: Executor, householdId: string | null): Promise<Household | null> {
  if (!householdId) return null;
  const household = await one<Household>(
    tx,
    sql`select h.id, h.name, h.account_number as "accountNumber",
          coalesce((select json_agg(json_build_object('id', c.id, 'displayName', c.display_name, 'tier', c.tier)
                     order by c.display_name)
                   from customers c where c.household_id = h.id and c.merged_into is null), '[]') as members
        from households h where h.id = ${householdId}`,
  );
  return household ?? null;
}

export async function purchasesOf(tx: Executor, customerId: string): Promise<Purchase[]> {
  return rows<Purchase>(
    tx,
    sql`select p.id, p.product_id as "productId", pr.sku, pr.name as "productName", pr.category as "productCategory",
          p.site_id as "siteId", p.order_number as "orderNumber", p.receipt_number as "receiptNumber",
          p.serial_number as "serialNumber", p.quantity, p.amount_minor as "amountMinor", p.currency,
          p.purchased_at as "purchasedAt", p.warranty_until as "warrantyUntil"
        from purchases p join products pr on pr.id = p.product_id
        where p.customer_id = ${customerId} order by p.purchased_at desc limit 200`,
  );
}

export async function casesOf(tx: Executor, customerId: string, limit: number): Promise<CaseSummary[]> {
  return rows<CaseSummary>(
    tx,
    sql`select k.id, k.number, k.subject, k.status, k.priority, k.channel, k.category, k.site_id as "siteId",
          s.name as "siteName", k.owner_id as "ownerId", a.name as "ownerName", k.created_at as "createdAt",
          k.last_activity_at as "lastActivityAt"
        from cases k left join sites s on s.id = k.site_id left join agents a on a.id = k.owner_id
        where k.customer_id = ${customerId} order by k.last_activity_at desc limit ${limit}`,
  );
}

export async function movePurchases(tx: Executor, fromCustomer: string, toCustomer: string, ids?: string[]) {
  const moved = await rows<{ id: string }>(
    tx,
    sql`update purchases set customer_id = ${toCustomer} where customer_id = ${fromCustomer}
        ${ids ? sql`and id = any(${`{${ids.join(',')}}`}::uuid[])` : sql``} returning id`,
  );
  return moved.map((r) => r.id);
}

export async function moveIdentities(tx: Executor, fromCustomer: string, toCustomer: string, ids?: string[]) {
  const moved = await rows<{ id: string }>(
    tx,
    sql`update customer_identities set customer_id = ${toCustomer} where customer_id = ${fromCustomer}
        ${ids ? sql`and id = any(${`{${ids.join(',')}}`}::uuid[])` : sql``} returning id`,
  );
  return moved.map((r) => r.id);
}
