import type { Database } from '../src/db/client.ts';
import { one, sql } from '../src/db/sql.ts';

/** Builds rows straight into the store, creating missing parents, for tests that need history. */
export async function buildSite(
  db: Database,
  over: { code?: string; name?: string; timeZone?: string } = {},
) {
  const code = over.code ?? `S${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  return (await one<{ id: string; code: string }>(
    db.db,
    sql`insert into sites (code, name, time_zone) values (${code}, ${over.name ?? `Site ${code}`}, ${over.timeZone ?? 'Europe/London'})
        returning id, code`,
  ))!;
}

export async function buildPurchase(
  db: Database,
  customerId: string,
  over: {
    sku?: string;
    productName?: string;
    receiptNumber?: string | null;
    warrantyUntil?: string;
    orderNumber?: string;
  } = {},
) {
  const sku = over.sku ?? `SKU-${Math.random().toString(36).slice(2, 8)}`;
  const product = (await one<{ id: string }>(
    db.db,
    sql`insert into products (sku, name, category, warranty_months) values (${sku}, ${over.productName ?? 'Aurora Phone 12'}, 'phones', 24)
        on conflict (sku) do update set name = excluded.name returning id`,
  ))!;
  return (await one<{ id: string }>(
    db.db,
    sql`insert into purchases (customer_id, product_id, order_number, receipt_number, amount_minor, purchased_at, warranty_until)
        values (${customerId}, ${product.id}, ${over.orderNumber ?? '4411'}, ${over.receiptNumber === undefined ? 'R-1001' : over.receiptNumber},
          79900, now() - interval '30 days', ${over.warrantyUntil ?? '2028-01-31'}) returning id`,
  ))!;
}
