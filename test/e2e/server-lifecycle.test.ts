import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real server process, as `npm start` runs it, on its own embedded PostgreSQL.
const dataDir = mkdtempSync(join(tmpdir(), 'casebook-e2e-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startServer(): Promise<{ child: ChildProcess; baseUrl: string; logs: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', CASEBOOK_DATA: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('')}`)), 90_000);
    const onData = (chunk: Buffer) => {
      logs.push(chunk.toString());
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1]!, logs });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => logs.push(c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${logs.join('')}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const postmasterPid = () => {
  const file = existsSync(join(dataDir, 'pg-location'))
    ? join(readFileSync(join(dataDir, 'pg-location'), 'utf8').trim(), 'postmaster.pid')
    : join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
};

describe('the server process', () => {
  it('serves, stops cleanly on SIGTERM, and recovers by itself after kill -9', async () => {
    const first = await startServer();
    expect((await fetch(`${first.baseUrl}/readyz`)).status).toBe(200);
    // The request's log line reaches us through a pipe, a moment after the response.
    for (let i = 0; i < 50 && !/"reqId"/.test(first.logs.join('')); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(first.logs.join('')).toMatch(/"reqId"/);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(postmasterPid()).toBeUndefined(); // PostgreSQL was stopped with it

    const second = await startServer();
    const orphan = postmasterPid();
    expect(orphan).toBeDefined();
    second.child.kill('SIGKILL');
    await exited(second.child);

    const third = await startServer();
    expect((await fetch(`${third.baseUrl}/readyz`)).status).toBe(200);
    expect(postmasterPid()).not.toBe(orphan);
    third.child.kill('SIGINT');
    expect(await exited(third.child)).toBe(0);
  }, 240_000);
});
