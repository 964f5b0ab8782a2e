import { z } from 'zod';
import type { Actor } from '../../core/access/roles.ts';
import type { CommandContext } from '../context.ts';
import { escalateOverdueApprovals } from './escalate-approvals.ts';

/** Who the audit trail names when the approval SLA, not a person, escalates or expires a request. */
export const APPROVAL_SLA_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'Approval SLA',
  role: 'admin',
  kind: 'integration',
};

export const APPROVAL_SLA_JOB_KIND = 'authority.escalate_approvals';

/**
 * The approval SLA sweep as a durable job (src/jobs: `{kind, version, payload, handle}`), for the
 * composition root to register with a schedule of `APPROVAL_SLA_SCHEDULE`. Idempotent: a second
 * run finds nothing overdue. Until it is registered, the sweep runs lazily on queue reads.
 */
export function approvalSlaJob(deps: Pick<CommandContext, 'db' | 'clock' | 'events'>) {
  return {
    kind: APPROVAL_SLA_JOB_KIND,
    version: 1,
    payload: z.object({}).strict(),
    async handle(): Promise<void> {
      await escalateOverdueApprovals({ ...deps, actor: APPROVAL_SLA_ACTOR }, { authorized: true });
    },
  };
}

export const APPROVAL_SLA_SCHEDULE = {
  name: APPROVAL_SLA_JOB_KIND,
  kind: APPROVAL_SLA_JOB_KIND,
  everySeconds: 60,
};
