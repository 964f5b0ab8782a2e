import type { CustomerAttributes } from '../../core/customers/customer.ts';
import type { Executor } from '../client.ts';
import { one, sql } from '../sql.ts';

export interface MovedRecords {
  identities: string[];
  cases: string[];
  messages: string[];
  purchases: string[];
  /** Goodwill actions executed for the customer, so allowances count across the merged record. */
  actions?: string[];
  /** Approval requests and overrides for the customer, so a pending approval acts for the survivor. */
  approvals?: string[];
  overrides?: string[];
}

export interface MergeRecord {
  id: string;
  survivorId: string;
  mergedId: string;
  mergedBy: string | null;
  mergedAt: Date;
  moved: MovedRecords;
  mergedSnapshot: CustomerAttributes;
  survivorSnapshot: CustomerAttributes;
  undoneAt: Date | null;
  undoneBy: string | null;
}

const columns = sql.raw(`id, survivor_id as "survivorId", merged_id as "mergedId", merged_by as "mergedBy",
  merged_at as "mergedAt", moved, merged_snapshot as "mergedSnapshot", survivor_snapshot as "survivorSnapshot",
  undone_at as "undoneAt", undone_by as "undoneBy"`);

export async function insertMerge(
  tx: Executor,
  m: Pick<
    MergeRecord,
    'survivorId' | 'mergedId' | 'mergedBy' | 'moved' | 'mergedSnapshot' | 'survivorSnapshot'
  >,
): Promise<MergeRecord> {
  const created = await one<MergeRecord>(
    tx,
    sql`insert into customer_merges (survivor_id, merged_id, merged_by, moved, merged_snapshot, survivor_snapshot)
        values (${m.survivorId}, ${m.mergedId}, ${m.mergedBy}, ${JSON.stringify(m.moved)}::jsonb,
          ${JSON.stringify(m.mergedSnapshot)}::jsonb, ${JSON.stringify(m.survivorSnapshot)}::jsonb)
        returning ${columns}`,
  );
  return created!;
}

export async function loadMerge(tx: Executor, id: string, lock = false): Promise<MergeRecord | undefined> {
  return one<MergeRecord>(
    tx,
    sql`select ${columns} from customer_merges where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
}

export async function markMergeUndone(tx: Executor, id: string, by: string) {
  await tx.execute(sql`update customer_merges set undone_at = now(), undone_by = ${by} where id = ${id}`);
}

/** What a merge moves from one customer to the other: everything that belongs to a person. */
const OWNED_TABLES = {
  identities: 'customer_identities',
  cases: 'cases',
  messages: 'messages',
  purchases: 'purchases',
  actions: 'authority_actions',
  approvals: 'authority_approvals',
  overrides: 'authority_overrides',
} as const;

/**
 * Moves a customer's rows to another customer: all of them (a merge), or exactly the ids a merge
 * recorded (its undo). Returns the ids moved, per kind.
 */
export async function moveCustomerRecords(
  tx: Executor,
  fromCustomer: string,
  toCustomer: string,
  only?: MovedRecords,
): Promise<MovedRecords> {
  const moved = {} as MovedRecords;
  for (const [kind, table] of Object.entries(OWNED_TABLES) as [keyof MovedRecords, string][]) {
    const ids = only ? (only[kind] ?? []) : undefined;
    if (ids?.length === 0) {
      moved[kind] = [];
      continue;
    }
    const bump = table === 'cases' ? sql`, version = version + 1, updated_at = now()` : sql``;
    const rows = await tx.execute(
      sql`update ${sql.raw(table)} set customer_id = ${toCustomer}${bump}
          where customer_id = ${fromCustomer} ${ids ? sql`and id = any(${`{${ids.join(',')}}`}::uuid[])` : sql``}
          returning id`,
    );
    moved[kind] = (rows.rows as { id: string }[]).map((r) => r.id);
  }
  return moved;
}
