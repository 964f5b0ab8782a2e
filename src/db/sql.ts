import type { SQL } from 'drizzle-orm';
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

/** node-postgres errors arrive wrapped by Drizzle; the SQLSTATE is on the cause. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code;
}

export const UNIQUE_VIOLATION = '23505';
