import { APPROVAL_SLA_SCHEDULE, approvalSlaJob } from '../commands/authority/approval-sla-job.ts';
import type { StandardsDeps } from '../commands/standards/shared.ts';
import { SLA_SWEEP_SCHEDULE, slaSweepJob } from '../commands/standards/sla-sweep-job.ts';
import { reasoningRetrainJob, reasoningRetrainSchedule } from '../reasoning/jobs.ts';
import type { JobDefinition } from './queue.ts';

/**
 * Every kind of background job this server can run. Features add their definitions here
 * (SLA sweeps, case-base retraining, webhook deliveries) with their schedules. Definitions that
 * need the database, clock and event bus are bound by `bindJobDefinitions` before the worker starts.
 */
// biome-ignore lint/suspicious/noExplicitAny: each definition validates its own payload type.
export const jobDefinitions: JobDefinition<any>[] = [];

export const jobSchedules: { name: string; kind: string; everySeconds: number; payload?: unknown }[] = [
  APPROVAL_SLA_SCHEDULE,
  SLA_SWEEP_SCHEDULE,
];

/** Adds the definitions that need dependencies (idempotent: a kind is added once). */
// biome-ignore lint/suspicious/noExplicitAny: each definition validates its own payload type.
export function bindJobDefinitions(deps: StandardsDeps): JobDefinition<any>[] {
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  const bound: JobDefinition<any>[] = [approvalSlaJob(deps), slaSweepJob(deps)];
  for (const d of bound) if (!jobDefinitions.some((x) => x.kind === d.kind)) jobDefinitions.push(d);
  return jobDefinitions;
}

// Case-based reasoning: scheduled retraining in every server process (src/reasoning/jobs.ts).

jobDefinitions.push(reasoningRetrainJob);
jobSchedules.push(reasoningRetrainSchedule);
