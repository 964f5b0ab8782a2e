import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import type { CliIo } from './io.ts';

/** The CLI uses the same store as the server: DATABASE_URL, or the embedded one in CASEBOOK_DATA (attaching to it if the server runs). */
export async function openCliDatabase(io: CliIo, options: { bulk?: boolean } = {}): Promise<Database> {
  const config = loadConfig(io.env, io.cwd);
  return openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    poolSize: 12,
    ...(options.bulk ? { asynchronousCommit: true } : {}),
    role: 'client',
    log: (level, message) => {
      if (level === 'error' || level === 'warn') io.err(message);
    },
  });
}
