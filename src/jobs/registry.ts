import type { JobDefinition } from './queue.ts';

/**
 * Every kind of background job this server can run. Features add their definitions here
 * (SLA sweeps, case-base retraining, webhook deliveries) with their schedules.
 */
// biome-ignore lint/suspicious/noExplicitAny: each definition validates its own payload type.
export const jobDefinitions: JobDefinition<any>[] = [];

export const jobSchedules: { name: string; kind: string; everySeconds: number; payload?: unknown }[] = [];
