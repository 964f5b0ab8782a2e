import type { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { one, rows, sql } from '../db/sql.ts';

/** A kind of background work: a versioned, validated payload and an idempotent handler. */
export interface JobDefinition<P> {
  kind: string;
  version: number;
  payload: z.ZodType<P>;
  /** Must be safe to run twice: a worker can die after the work and before marking it done. */
  handle(payload: P, job: { id: number; attempt: number }): Promise<void>;
  maxAttempts?: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Enqueue inside the caller's transaction, so the job exists exactly when the change it follows commits. */
export async function enqueue<P>(
  tx: Executor,
  definition: Pick<JobDefinition<P>, 'kind' | 'version' | 'payload' | 'maxAttempts'>,
  payload: P,
  options: EnqueueOptions = {},
): Promise<number | null> {
  const valid = definition.payload.parse(payload);
  const row = await one<{ id: number }>(
    tx,
    sql`insert into jobs (kind, version, payload, run_at, dedupe_key, max_attempts)
        values (${definition.kind}, ${definition.version}, ${JSON.stringify(valid)}::jsonb,
          ${(options.runAt ?? new Date(0)).toISOString()}::timestamptz, ${options.dedupeKey ?? null},
          ${options.maxAttempts ?? definition.maxAttempts ?? 5})
        on conflict (dedupe_key) where dedupe_key is not null and status in ('queued', 'running') do nothing
        returning id`,
  );
  return row?.id ?? null;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  version: number;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/**
 * Takes the next due job for this worker. A running job whose lease ran out (its worker died or
 * the server restarted) is due again. SKIP LOCKED lets many workers poll without blocking.
 */
export async function claimJob(
  db: Executor,
  workerId: string,
  leaseSeconds: number,
): Promise<ClaimedJob | undefined> {
  return one<ClaimedJob>(
    db,
    sql`update jobs set status = 'running', locked_by = ${workerId},
          locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
        where id = (
          select id from jobs
          where (status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now())
          order by run_at, id limit 1 for update skip locked)
        returning id, kind, version, payload, attempts, max_attempts as "maxAttempts"`,
  );
}

export async function completeJob(db: Executor, id: number, workerId: string): Promise<void> {
  await db.execute(
    sql`update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null
        where id = ${id} and locked_by = ${workerId}`,
  );
}

/** Retries with exponential backoff (10 s, 20 s, 40 s … at most an hour); dead after the last attempt. */
export async function failJob(
  db: Executor,
  job: ClaimedJob,
  workerId: string,
  error: string,
): Promise<'retry' | 'dead'> {
  const dead = job.attempts >= job.maxAttempts;
  const delay = Math.min(3600, 10 * 2 ** (job.attempts - 1));
  await db.execute(
    sql`update jobs set status = ${dead ? 'dead' : 'queued'}, last_error = ${error.slice(0, 2000)},
          run_at = now() + make_interval(secs => ${delay}), locked_by = null, locked_until = null,
          finished_at = ${dead ? sql`now()` : sql`null`}
        where id = ${job.id} and locked_by = ${workerId}`,
  );
  return dead ? 'dead' : 'retry';
}

export async function defineSchedule(
  db: Executor,
  s: { name: string; kind: string; everySeconds: number; payload?: unknown },
): Promise<void> {
  await db.execute(
    sql`insert into job_schedules (name, kind, payload, every_seconds) values (${s.name}, ${s.kind},
          ${JSON.stringify(s.payload ?? {})}::jsonb, ${s.everySeconds})
        on conflict (name) do update set kind = excluded.kind, payload = excluded.payload,
          every_seconds = excluded.every_seconds, updated_at = now()`,
  );
}

/**
 * Turns due schedules into jobs. The schedule row is advanced in the same statement that reads
 * it, so with several processes each slot is enqueued once; the dedupe key covers a retry.
 */
export async function enqueueDueSchedules(db: Executor): Promise<number> {
  const due = await rows<{ name: string }>(
    db,
    sql`with due as (
          select name from job_schedules where next_run_at <= now() for update skip locked
        ), advanced as (
          update job_schedules s set next_run_at = greatest(s.next_run_at + make_interval(secs => s.every_seconds),
              now() + make_interval(secs => s.every_seconds / 2.0)), updated_at = now()
          from due where s.name = due.name
          returning s.name, s.kind, s.payload, s.next_run_at
        )
        insert into jobs (kind, payload, dedupe_key)
        select kind, payload, 'schedule:' || name || ':' || extract(epoch from next_run_at)::bigint from advanced
        on conflict (dedupe_key) where dedupe_key is not null and status in ('queued', 'running') do nothing
        returning kind as name`,
  );
  return due.length;
}

export interface QueueCounts {
  queued: number;
  running: number;
  done: number;
  dead: number;
}

export async function queueCounts(db: Executor): Promise<QueueCounts> {
  const found = await rows<{ status: keyof QueueCounts; n: number }>(
    db,
    sql`select status, count(*)::int as n from jobs group by status`,
  );
  const counts: QueueCounts = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const r of found) counts[r.status] = r.n;
  return counts;
}
