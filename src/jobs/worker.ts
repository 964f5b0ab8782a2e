import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Executor } from '../db/client.ts';
import {
  type ClaimedJob,
  claimJob,
  completeJob,
  enqueueDueSchedules,
  failJob,
  type JobDefinition,
} from './queue.ts';

export interface WorkerOptions {
  db: Executor;
  // biome-ignore lint/suspicious/noExplicitAny: definitions differ in payload type; each validates its own.
  definitions: JobDefinition<any>[];
  pollMs?: number;
  leaseSeconds?: number;
  concurrency?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;
}

/** Polls the queue, runs handlers, retries failures; `stop()` waits for running jobs to finish. */
export function startWorker(options: WorkerOptions) {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const byKind = new Map(options.definitions.map((d) => [d.kind, d]));
  const log = options.log ?? (() => {});
  const pollMs = options.pollMs ?? 1000;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const running = new Set<Promise<void>>();

  async function runOne(job: ClaimedJob) {
    const definition = byKind.get(job.kind);
    try {
      if (!definition) throw new Error(`no handler for job kind "${job.kind}"`);
      if (job.version > definition.version)
        throw new Error(`job version ${job.version} is newer than this server's ${definition.version}`);
      const payload = definition.payload.parse(job.payload);
      await definition.handle(payload, { id: job.id, attempt: job.attempts });
      await completeJob(options.db, job.id, workerId);
    } catch (err) {
      const outcome = await failJob(options.db, job, workerId, (err as Error).message);
      log(outcome === 'dead' ? 'error' : 'warn', `job ${job.kind} #${job.id} failed (${outcome})`, {
        error: (err as Error).message,
      });
    }
  }

  // Passes run one at a time, so `drain` never overlooks a job the polling loop is claiming.
  let passes: Promise<unknown> = Promise.resolve();
  function tick(): Promise<number> {
    const pass = passes.then(pollOnce, pollOnce);
    passes = pass;
    return pass;
  }

  /** One pass: turn due schedules into jobs, then take jobs until none is due or all slots are busy. */
  async function pollOnce(): Promise<number> {
    let started = 0;
    await enqueueDueSchedules(options.db).catch((err: Error) => log('warn', `schedules: ${err.message}`));
    while (!stopping && running.size < (options.concurrency ?? 2)) {
      const job = await claimJob(options.db, workerId, options.leaseSeconds ?? 300);
      if (!job) break;
      started++;
      const p = runOne(job).finally(() => running.delete(p));
      running.add(p);
    }
    return started;
  }

  const loop = async () => {
    if (stopping) return;
    try {
      await tick();
    } catch (err) {
      log('warn', `job worker poll failed: ${(err as Error).message}`);
    }
    if (!stopping) timer = setTimeout(loop, pollMs);
  };
  timer = setTimeout(loop, 0);

  return {
    workerId,
    /** Runs one pass and waits for what it started (tests and the CLI use this). */
    drain: async () => {
      while ((await tick()) > 0 || running.size > 0) await Promise.all(running);
    },
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
