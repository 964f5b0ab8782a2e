import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'casebook-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function ping(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ ok: number }>('select 1 as ok');
  await client.end();
  return rows[0]?.ok;
}

describe('embedded PostgreSQL supervisor', () => {
  it('initialises a cluster and lets a second process attach without taking it over', async () => {
    const server = await startEmbeddedPostgres({ dataDir, role: 'server' });
    expect(server.owned).toBe(true);
    expect(server.url).toMatch(/^postgres:\/\/casebook:[^@]+@127\.0\.0\.1:\d+\/casebook(\?host=.+)?$/);
    expect(await ping(server.url)).toBe(1);

    // A CLI command while the server runs reuses the same postmaster and leaves it running.
    const cli = await startEmbeddedPostgres({ dataDir, role: 'client' });
    expect(cli.owned).toBe(false);
    expect(cli.url).toBe(server.url);
    await cli.stop();
    expect(await ping(server.url)).toBe(1);

    await server.stop();
    await expect(ping(server.url)).rejects.toThrow();
  }, 120_000);

  it('recovers after the owning process is killed with SIGKILL, leaving an orphaned postmaster', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/hold-embedded.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const orphanUrl = await new Promise<string>((resolve) =>
      holder.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    expect(await ping(orphanUrl)).toBe(1); // the postmaster outlived its owner

    const restarted = await startEmbeddedPostgres({ dataDir, role: 'server' });
    expect(restarted.owned).toBe(true);
    expect(await ping(restarted.url)).toBe(1);
    await expect(ping(orphanUrl)).rejects.toThrow();
    await restarted.stop();
  }, 120_000);
});
