import { z } from 'zod';
import type { JobDefinition } from '../../jobs/queue.ts';
import { routeUnroutedCases } from './route-new-case.ts';
import type { StandardsDeps } from './shared.ts';
import { sweepSla } from './sweep-sla.ts';

export const SLA_SWEEP_JOB_KIND = 'standards.sla_sweep';

const BACKLOG_MS = 60_000;

const payload = z
  .object({
    /** Route cases still unowned this many seconds after creation (a lost in-process reaction). */
    routeAfterSeconds: z.number().int().min(0).max(86_400).default(30),
  })
  .strict();

/**
 * The minute-by-minute SLA sweep as a durable job: breaches and escalation steps are stored by
 * key, so a second run (or a second process) records and announces nothing twice. It also routes
 * new cases the `case.created` reaction missed.
 */
export function slaSweepJob(deps: StandardsDeps): JobDefinition<z.infer<typeof payload>> {
  return {
    kind: SLA_SWEEP_JOB_KIND,
    version: 1,
    payload,
    maxAttempts: 3,
    async handle(p) {
      await routeUnroutedCases(deps, { olderThanSeconds: p.routeAfterSeconds });
      // A backlog of breaches and steps is recorded by consecutive sweeps, each its own short
      // transaction, for up to a minute; the next run goes on where this one stopped.
      const until = performance.now() + BACKLOG_MS;
      for (;;) {
        const result = await sweepSla(deps);
        deps.log?.('info', 'sla sweep', { ...result });
        if (result.skipped || !result.more || performance.now() > until) break;
      }
    },
  };
}

export const SLA_SWEEP_SCHEDULE = {
  name: SLA_SWEEP_JOB_KIND,
  kind: SLA_SWEEP_JOB_KIND,
  everySeconds: 60,
  payload: { routeAfterSeconds: 30 },
};
