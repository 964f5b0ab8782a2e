import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApiToken } from '../src/commands/access/create-api-token.ts';
import { CLI_OPERATOR, type Role } from '../src/core/access/roles.ts';
import { systemClock } from '../src/core/ports.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { EventBus } from '../src/events.ts';
import { buildApp } from '../src/http/app.ts';
import { startReactions } from '../src/reactions.ts';

export interface BenchServer {
  db: Database;
  baseUrl: string;
  token(role: Role): Promise<string>;
  close(): Promise<void>;
  label: string;
}

/** A real Casebook server on loopback: embedded PostgreSQL in a temp dir, or a fresh database on DATABASE_URL. */
export async function startBenchServer(
  serverUrl?: string,
  options: { reactions?: boolean } = {},
): Promise<BenchServer> {
  let db: Database;
  let cleanup = async () => {};
  if (serverUrl) {
    const name = `casebook_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: u.toString(), dataDir: '', poolSize: 20 });
    cleanup = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
    db = await openDatabase({ dataDir: dir, poolSize: 20 });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const events = new EventBus();
  // As `npm start` runs them: routing on case.created, human-request detection on message.received.
  const reactions = options.reactions ? startReactions({ db, events, clock: systemClock }) : undefined;
  const app = await buildApp({
    db,
    clock: systemClock,
    events,
    logger: false,
    bodyLimit: 1_048_576,
    sessionHours: 1,
    secureCookies: false,
    consoleDir: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    label: serverUrl ? 'PostgreSQL server' : 'embedded PostgreSQL',
    token: async (role) => (await createApiToken(db, CLI_OPERATOR, { name: `bench ${role}`, role })).token,
    close: async () => {
      await app.close();
      await reactions?.stop();
      await db.close();
      await cleanup();
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function httpCall(
  url: string,
  method: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Runs `count` calls with `concurrency` in flight; returns latencies in ms. */
export async function load(count: number, concurrency: number, call: (i: number) => Promise<void>) {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return {
    seconds,
    perSecond: count / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: sorted.at(-1)!,
  };
}

export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
