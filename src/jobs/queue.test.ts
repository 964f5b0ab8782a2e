import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../test/db.ts';
import type { Database } from '../db/client.ts';
import { one, sql } from '../db/sql.ts';
import {
  claimJob,
  defineSchedule,
  enqueue,
  enqueueDueSchedules,
  type JobDefinition,
  queueCounts,
} from './queue.ts';
import { startWorker } from './worker.ts';

let db: Database & { drop(): Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const payload = z.object({ n: z.number().int() });

function recorder(kind: string, fail: (n: number, attempt: number) => boolean = () => false) {
  const seen: number[] = [];
  const definition: JobDefinition<{ n: number }> = {
    kind,
    version: 1,
    payload,
    maxAttempts: 2,
    handle: async ({ n }, job) => {
      if (fail(n, job.attempt)) throw new Error(`boom ${n}`);
      seen.push(n);
    },
  };
  return { seen, definition };
}

async function statusOf(id: number) {
  return (await one<{ status: string; attempts: number; last_error: string | null }>(
    db.db,
    sql`select status, attempts, last_error from jobs where id = ${id}`,
  ))!;
}

describe('the job queue', () => {
  it('runs an enqueued job once and marks it done', async () => {
    const { seen, definition } = recorder('test.once');
    const id = (await enqueue(db.db, definition, { n: 1 }))!;
    const worker = startWorker({ db: db.db, definitions: [definition], pollMs: 60_000 });
    await worker.drain();
    await worker.stop();
    expect(seen).toEqual([1]);
    expect((await statusOf(id)).status).toBe('done');
  });

  it('hands every job to exactly one of several concurrent workers', async () => {
    const { seen, definition } = recorder('test.many');
    for (let n = 0; n < 60; n++) await enqueue(db.db, definition, { n });
    const workers = Array.from({ length: 3 }, () =>
      startWorker({ db: db.db, definitions: [definition], pollMs: 5, concurrency: 3 }),
    );
    await Promise.all(workers.map((w) => w.drain()));
    await Promise.all(workers.map((w) => w.stop()));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, n) => n));
  });

  it('retries a failing job with backoff and gives up after its last attempt', async () => {
    const { definition } = recorder('test.fail', () => true);
    const id = (await enqueue(db.db, definition, { n: 7 }))!;
    const worker = startWorker({ db: db.db, definitions: [definition], pollMs: 60_000 });
    try {
      await worker.drain();
      expect(await statusOf(id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom 7' });
      await db.db.execute(sql`update jobs set run_at = now() where id = ${id}`);
      await worker.drain();
      expect(await statusOf(id)).toMatchObject({ status: 'dead', attempts: 2 });
    } finally {
      await worker.stop();
    }
  });

  it('takes a job back from a worker that died holding it, once its lease runs out', async () => {
    const { seen, definition } = recorder('test.lease');
    const id = (await enqueue(db.db, definition, { n: 3 }))!;
    const crashed = await claimJob(db.db, 'crashed-worker', 0);
    expect(crashed?.id).toBe(id);
    const worker = startWorker({ db: db.db, definitions: [definition], pollMs: 60_000 });
    await worker.drain();
    await worker.stop();
    expect(seen).toEqual([3]);
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('keeps one pending copy of a job enqueued twice with the same dedupe key', async () => {
    const { definition } = recorder('test.dedupe');
    expect(await enqueue(db.db, definition, { n: 1 }, { dedupeKey: 'case:42:sla' })).not.toBeNull();
    expect(await enqueue(db.db, definition, { n: 1 }, { dedupeKey: 'case:42:sla' })).toBeNull();
  });

  it('refuses a payload its definition does not accept', async () => {
    const { definition } = recorder('test.invalid');
    await expect(enqueue(db.db, definition, { n: 'x' } as unknown as { n: number })).rejects.toThrow();
  });

  it('marks a job of an unknown kind dead instead of losing it', async () => {
    await db.db.execute(sql`insert into jobs (kind, payload, max_attempts) values ('test.nobody', '{}', 1)`);
    const worker = startWorker({ db: db.db, definitions: [], pollMs: 60_000 });
    await worker.drain();
    await worker.stop();
    const row = await one<{ status: string; last_error: string }>(
      db.db,
      sql`select status, last_error from jobs where kind = 'test.nobody'`,
    );
    expect(row).toMatchObject({ status: 'dead', last_error: 'no handler for job kind "test.nobody"' });
  });

  it('enqueues a due schedule once even when several processes look at the same moment', async () => {
    await defineSchedule(db.db, { name: 'sweep', kind: 'test.sweep', everySeconds: 60 });
    const results = await Promise.all(Array.from({ length: 4 }, () => enqueueDueSchedules(db.db)));
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await enqueueDueSchedules(db.db)).toBe(0);
    const counts = await queueCounts(db.db);
    expect(counts.queued).toBeGreaterThanOrEqual(1);
  });
});
