import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import type { Database } from './client.ts';
import { listMigrations } from './migrate.ts';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('migrations', () => {
  it('are all recorded as applied', async () => {
    const rows = await database.db.execute<{ version: string }>(
      sql`select version from schema_migrations order by 1`,
    );
    expect(rows.rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it('make the audit log append-only', async () => {
    await database.db.execute(
      sql`insert into audit_log (actor_name, action, entity, entity_id) values ('test', 'x.created', 'x', '1')`,
    );
    const appendOnly = { cause: { message: expect.stringMatching(/append-only/) } };
    await expect(database.db.execute(sql`update audit_log set action = 'tampered'`)).rejects.toMatchObject(
      appendOnly,
    );
    await expect(database.db.execute(sql`delete from audit_log`)).rejects.toMatchObject(appendOnly);
  });
});
