import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';

// int8 counts and money in minor units fit in a double for every realistic value.
pg.types.setTypeParser(20, (v) => Number(v));
// Dates (not timestamps) stay ISO strings: a warranty ends on a day, not at an instant.
pg.types.setTypeParser(1082, (v) => v);

export type Executor = NodePgDatabase;

export interface Database {
  db: Executor;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The embedded server this process started or attached to, if any. */
  embedded?: EmbeddedPostgres;
  url: string;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  role?: 'server' | 'client';
  log?: (level: 'info' | 'warn' | 'error' | 'debug', message: string) => void;
  runMigrations?: boolean;
  /**
   * Bulk loaders (the demo seeder, imports) may trade the last few commits on a crash for speed.
   * The server never sets this: a message is acknowledged only once it is on disk.
   */
  asynchronousCommit?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: options.dataDir,
      role: options.role ?? 'server',
      ...(options.log ? { log: options.log } : {}),
    });
    url = embedded.url;
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 20,
    // Prepared statements keep the generic plan made when their connection first ran them; a
    // store that grew since (a new install, a big import) gets fresh plans within ten minutes.
    maxLifetimeSeconds: 600,
    // JIT compiles any statement whose estimated cost passes jit_above_cost; for Casebook's short
    // queries over json batches that estimate is wrong and compiling cost 26 ms a call against
    // 0.45 ms without (docs/decisions.md, "JIT off for Casebook's connections").
    options: `-c jit=off${options.asynchronousCommit ? ' -c synchronous_commit=off' : ''}`,
  });
  let closing = false;
  pool.on('error', (err) => {
    if (!closing) options.log?.('warn', `idle database connection failed: ${err.message}`);
  });
  // pool.end() resolves once its clients are told to end, not once they have: wait for every
  // connection to be gone before the embedded PostgreSQL stops, or it would cut them off.
  const open = new Set<unknown>();
  pool.on('connect', (client) => open.add(client));
  pool.on('remove', (client) => open.delete(client));
  const endPool = async () => {
    closing = true;
    await pool.end();
    for (let waited = 0; open.size > 0 && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    if (options.runMigrations !== false) await migrate(pool);
  } catch (err) {
    await endPool();
    await embedded?.stop();
    throw err;
  }
  const db = drizzle({ client: pool });
  return {
    db,
    url,
    ...(embedded ? { embedded } : {}),
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Executor)),
    close: async () => {
      await endPool();
      await embedded?.stop();
    },
  };
}
