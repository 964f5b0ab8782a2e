import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

export { sql } from 'drizzle-orm';

export async function rows<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = await tx.execute(query);
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
