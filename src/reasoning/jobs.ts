import { z } from 'zod';
import { requestRetrain } from '../db/repositories/reasoning.ts';
import type { JobDefinition } from '../jobs/queue.ts';
import type { ReasoningService } from './service.ts';

let target: ReasoningService | undefined;

/** The service this process runs; the job needs its database (job handlers receive only a payload). */
export function setReasoningJobTarget(service: ReasoningService | undefined): void {
  target = service;
}

/**
 * Scheduled retraining. The job runs in one process, but every process holds its own classifier:
 * so it records a retrain request in `reasoning_settings`, which each process (this one included)
 * sees at its next sync and answers by retraining in its worker thread. Running it twice only asks
 * twice; each process trains once per sync.
 */
export const reasoningRetrainJob: JobDefinition<Record<string, never>> = {
  kind: 'reasoning.retrain',
  version: 1,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async handle() {
    if (!target) return;
    await requestRetrain(target.db.db);
    await target.sync();
  },
};

export const reasoningRetrainSchedule = {
  name: 'reasoning.retrain',
  kind: 'reasoning.retrain',
  everySeconds: 6 * 3600,
};
