import { datasetDir } from '../../demo/datasets.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { parseFlags } from '../args.ts';
import { openCliDatabase } from '../database.ts';
import { type CliIo, EXIT } from '../io.ts';

const USAGE = 'usage: casebook seed --demo [--seed N] [--customers N] [--messages N] [--now ISO]';

export async function seedCommand(argv: string[], io: CliIo): Promise<number> {
  let options: { seed: number; customers: number; messages: number; now: Date };
  try {
    const { values } = parseFlags(argv, {
      demo: { type: 'boolean' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      messages: { type: 'string' },
      now: { type: 'string' },
    });
    if (!values.demo) throw new Error(`--demo is required (${USAGE})`);
    const int = (v: string | boolean | undefined, fallback: number, name: string, min: number) => {
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}`);
      return n;
    };
    const now = values.now ? new Date(String(values.now)) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO date-time');
    options = {
      seed: int(values.seed, 1, 'seed', 0),
      customers: int(values.customers, 5000, 'customers', 10),
      messages: int(values.messages, 20000, 'messages', 1),
      now,
    };
  } catch (err) {
    io.err(`casebook seed: ${(err as Error).message}`);
    return EXIT.usage;
  }
  const db = await openCliDatabase(io, { bulk: true });
  const started = Date.now();
  try {
    const result = await seedDemo(db, {
      ...options,
      dataDir: datasetDir(io.cwd),
      progress: (line) => io.err(`seed: ${line}`),
    });
    io.out(
      `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(result.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
    io.out(`admin login: ${result.adminEmail} / ${result.adminPassword}`);
    io.out(`ingest token: ${result.ingestToken}`);
    io.out(`admin API token: ${result.adminToken}`);
    return EXIT.ok;
  } catch (err) {
    io.err(`casebook seed: ${(err as Error).message}`);
    return EXIT.domainError;
  } finally {
    await db.close();
  }
}
