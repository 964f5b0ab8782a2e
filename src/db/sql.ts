import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Executor } from './client.ts';

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ) as (v: string) => Date;

export { sql } from 'drizzle-orm';

/**
 * Raw SQL through Drizzle. Drizzle hands timestamps back as strings (it maps them itself for its
 * query builder); raw rows get real Dates here, so repositories return the domain's types.
 */
export async function rows<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = await tx.execute(query);
  const dateColumns = result.fields
    .filter((f) => f.dataTypeID === TIMESTAMPTZ || f.dataTypeID === TIMESTAMP)
    .map((f) => f.name);
  if (dateColumns.length > 0) {
    for (const row of result.rows as Record<string, unknown>[]) {
      for (const column of dateColumns) {
        const value = row[column];
        if (typeof value === 'string') row[column] = parseTimestamp(value);
      }
    }
  }
  return result.rows as T[];
}

export async function one<T>(tx: Executor, query: SQL): Promise<T | undefined> {
  return (await rows<T>(tx, query))[0];
}

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * A named prepared statement for hot, fixed-shape reads and writes outside a transaction:
 * PostgreSQL plans it once per connection. Measured on the customer view: 0.9 ms prepared
 * against 4.4 ms re-planned each time. Only for queries whose text never varies (no IN lists
 * of varying length), or every connection would keep a statement per variant.
 */
export async function prepared<T>(db: Executor, query: SQL): Promise<T[]> {
  const pool = (db as unknown as { $client?: pg.Pool }).$client;
  if (!pool || typeof pool.query !== 'function') return rows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = statementNames.get(text);
  if (!name) {
    name = `cb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  const result = await pool.query({ name, text, values: params as unknown[] });
  return result.rows as T[];
}

/** node-postgres errors arrive wrapped by Drizzle; the SQLSTATE is on the cause. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code;
}

export const UNIQUE_VIOLATION = '23505';
