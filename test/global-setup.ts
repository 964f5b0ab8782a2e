import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { buildConsole, consoleBuildReason } from '../src/http/console-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    database: { adminUrl: string; template: string; kind: 'embedded' | 'server' };
  }
}

/**
 * One PostgreSQL for the whole run: the embedded one by default, or the server named by
 * CASEBOOK_TEST_DATABASE_URL. A migrated template database is made once; each test file
 * clones it (CREATE DATABASE … TEMPLATE) so files run in parallel on their own data.
 */
export default async function setup(project: TestProject) {
  // Browser tests drive the built console: a fresh clone builds it once here, before any test
  // file starts (a stale build is rebuilt by the first browser test that needs it).
  if (consoleBuildReason() === 'missing') await buildConsole();
  const serverUrl = process.env.CASEBOOK_TEST_DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  if (serverUrl) {
    adminUrl = serverUrl;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'casebook-test-'));
    embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', extraSettings: { fsync: 'on' } });
    adminUrl = embedded.adminUrl;
  }
  const template = `casebook_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 2 });
  await migrate(pool);
  await pool.end();
  project.provide('database', { adminUrl, template, kind: serverUrl ? 'server' : 'embedded' });

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      'select datname from pg_database where datname like $1 or datname = $2',
      [`${template}_%`, template],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
    }
    await admin.end();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
