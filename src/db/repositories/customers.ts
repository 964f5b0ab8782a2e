import type { Customer, CustomerPatch } from '../../core/customers/customer.ts';
import type { IdentityKind, IdentityValue } from '../../core/customers/identity.ts';
import type { Executor } from '../client.ts';
import { one, prepared, rows, sql } from '../sql.ts';

const columns = sql.raw(`c.id, c.display_name as "displayName", c.household_id as "householdId", c.tier,
  c.lifetime_value_minor as "lifetimeValueMinor", c.currency, c.preferences, c.special_needs as "specialNeeds",
  c.attributes, c.language, c.home_site_id as "homeSiteId", c.merged_into as "mergedInto", c.version,
  c.created_at as "createdAt", c.updated_at as "updatedAt"`);

export async function loadCustomer(tx: Executor, id: string, lock = false): Promise<Customer | undefined> {
  const [found] = await prepared<Customer>(
    tx,
    sql`select ${columns} from customers c where c.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return found;
}

export interface IdentityMatch {
  customerId: string;
  kind: IdentityKind;
  value: string;
}

/** Follows merges, so an identity of a merged record still finds the surviving customer. */
export async function findByIdentities(tx: Executor, identities: IdentityValue[]): Promise<IdentityMatch[]> {
  if (identities.length === 0) return [];
  const pairs = identities.map((i) => sql`(${i.kind}, ${i.value})`);
  return rows<IdentityMatch>(
    tx,
    sql`select coalesce(c.merged_into, c.id) as "customerId", i.kind, i.value
        from customer_identities i join customers c on c.id = i.customer_id
        where (i.kind, i.value) in (${sql.join(pairs, sql`, `)})`,
  );
}

export interface NewCustomer {
  displayName: string;
  tier?: string;
  householdId?: string | null;
  homeSiteId?: string | null;
  language?: string | null;
  preferences?: Record<string, unknown>;
  specialNeeds?: string[];
  attributes?: Record<string, unknown>;
  lifetimeValueMinor?: number;
  currency?: string;
}

export async function insertCustomer(tx: Executor, c: NewCustomer): Promise<Customer> {
  const created = await one<Customer>(
    tx,
    sql`insert into customers as c (display_name, tier, household_id, home_site_id, language, preferences, special_needs,
          attributes, lifetime_value_minor, currency)
        values (${c.displayName}, ${c.tier ?? 'standard'}, ${c.householdId ?? null}, ${c.homeSiteId ?? null},
          ${c.language ?? null}, ${JSON.stringify(c.preferences ?? {})}::jsonb, ${pgArray(c.specialNeeds ?? [])}::text[],
          ${JSON.stringify(c.attributes ?? {})}::jsonb, ${c.lifetimeValueMinor ?? 0}, ${c.currency ?? 'EUR'})
        returning ${columns}`,
  );
  return created!;
}

/** Adds identities not yet known to anyone; returns those actually added. */
export async function addIdentities(
  tx: Executor,
  customerId: string,
  identities: IdentityValue[],
  sourceChannel: string | null,
): Promise<IdentityValue[]> {
  if (identities.length === 0) return [];
  const values = identities.map(
    (i) => sql`(${customerId}, ${i.kind}, ${i.value}, ${i.display}, ${sourceChannel})`,
  );
  const added = await rows<{ kind: IdentityKind; value: string; display: string }>(
    tx,
    sql`insert into customer_identities (customer_id, kind, value, display_value, source_channel)
        values ${sql.join(values, sql`, `)} on conflict (kind, value) do nothing
        returning kind, value, display_value as display`,
  );
  return added;
}

export async function updateCustomer(tx: Executor, id: string, changes: CustomerPatch): Promise<Customer> {
  const sets = [sql`version = version + 1`, sql`updated_at = now()`];
  const put = (column: string, value: unknown, cast = '') =>
    sets.push(sql`${sql.raw(column)} = ${value}${sql.raw(cast)}`);
  if (changes.displayName !== undefined) put('display_name', changes.displayName);
  if (changes.householdId !== undefined) put('household_id', changes.householdId);
  if (changes.tier !== undefined) put('tier', changes.tier);
  if (changes.lifetimeValueMinor !== undefined) put('lifetime_value_minor', changes.lifetimeValueMinor);
  if (changes.currency !== undefined) put('currency', changes.currency);
  if (changes.preferences !== undefined) put('preferences', JSON.stringify(changes.preferences), '::jsonb');
  if (changes.specialNeeds !== undefined) put('special_needs', pgArray(changes.specialNeeds), '::text[]');
  if (changes.attributes !== undefined) put('attributes', JSON.stringify(changes.attributes), '::jsonb');
  if (changes.language !== undefined) put('language', changes.language);
  if (changes.homeSiteId !== undefined) put('home_site_id', changes.homeSiteId);
  const updated = await one<Customer>(
    tx,
    sql`update customers c set ${sql.join(sets, sql`, `)} where c.id = ${id} returning ${columns}`,
  );
  return updated!;
}

export async function setMergedInto(tx: Executor, id: string, survivorId: string | null) {
  await tx.execute(
    sql`update customers set merged_into = ${survivorId}, version = version + 1, updated_at = now() where id = ${id}`,
  );
}

export function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export interface CustomerSearchHit {
  id: string;
  displayName: string;
  tier: string;
  matched: string;
  identities: { kind: IdentityKind; value: string }[];
}

export async function searchCustomers(
  tx: Executor,
  query: { kind: IdentityKind | 'name'; value: string },
  limit: number,
): Promise<CustomerSearchHit[]> {
  const identityAgg = sql`(select coalesce(json_agg(json_build_object('kind', i.kind, 'value', i.display_value) order by i.kind), '[]')
      from customer_identities i where i.customer_id = c.id) as identities`;
  if (query.kind === 'name') {
    return rows<CustomerSearchHit>(
      tx,
      sql`select c.id, c.display_name as "displayName", c.tier, 'name' as matched, ${identityAgg}
          from customers c
          where c.merged_into is null and c.display_name ilike ${`%${escapeLike(query.value)}%`}
          order by similarity(c.display_name, ${query.value}) desc, c.display_name limit ${limit}`,
    );
  }
  return rows<CustomerSearchHit>(
    tx,
    sql`select distinct on (c.id) c.id, c.display_name as "displayName", c.tier, ${query.kind} as matched, ${identityAgg}
        from customer_identities m join customers c on c.id = coalesce(
          (select merged_into from customers x where x.id = m.customer_id), m.customer_id)
        where m.kind = ${query.kind} and m.value like ${`${escapeLike(query.value)}%`}
        limit ${limit}`,
  );
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}
