import { resolve } from 'node:path';
import { z } from 'zod';

/** The only module that reads the environment. Everything else is handed a Config. */
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  CASEBOOK_DATA: z.string().min(1).default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CASEBOOK_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  CASEBOOK_DB_POOL: z.coerce.number().int().min(1).max(200).default(20),
  CASEBOOK_SESSION_HOURS: z.coerce.number().min(0.01).default(12),
  CASEBOOK_EMBEDDINGS_MODEL: z.string().optional(),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  bodyLimit: number;
  dbPoolSize: number;
  sessionHours: number;
  embeddingsModel: string | undefined;
  production: boolean;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(cwd, e.CASEBOOK_DATA),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.CASEBOOK_BODY_LIMIT,
    dbPoolSize: e.CASEBOOK_DB_POOL,
    sessionHours: e.CASEBOOK_SESSION_HOURS,
    embeddingsModel: e.CASEBOOK_EMBEDDINGS_MODEL,
    production: e.NODE_ENV === 'production',
  };
}

export class ConfigError extends Error {}
