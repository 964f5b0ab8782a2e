import { Conflict, NotFound } from '../../core/errors.ts';
import { validateSlaPolicy } from '../../core/standards/index.ts';
import type { Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  findSlaPolicies,
  insertSlaPolicy,
  loadEscalationPolicy,
  loadSlaPolicy,
  type SlaPolicyInput,
  type StoredSlaPolicy,
  updateSlaPolicy,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';

async function checkEscalation(tx: Executor, id: string | null) {
  if (id && !(await loadEscalationPolicy(tx, id))) throw new NotFound('escalation_policy', id);
}

export async function createSlaPolicy(ctx: CommandContext, input: SlaPolicyInput): Promise<StoredSlaPolicy> {
  authorize(ctx.actor, 'standards.manage');
  validateSlaPolicy({ ...input, id: 'new', version: 1 });
  return ctx.db.transaction(async (tx) => {
    await checkEscalation(tx, input.escalationPolicyId);
    const created = await insertSlaPolicy(tx, input);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'sla_policy.created', entity: 'sla_policy', entityId: created.id, after: created },
    ]);
    return created;
  });
}

/** A new version of the policy; open cases are re-timed under it at the next sweep. */
export async function updateSlaPolicyCommand(
  ctx: CommandContext,
  id: string,
  input: SlaPolicyInput & { active: boolean },
  expectedVersion: number,
): Promise<StoredSlaPolicy> {
  authorize(ctx.actor, 'standards.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadSlaPolicy(tx, id, true);
    if (!before) throw new NotFound('sla_policy', id);
    if (before.version !== expectedVersion) throw new Conflict('sla_policy', expectedVersion, before.version);
    validateSlaPolicy({ ...input, id, version: before.version + 1 });
    await checkEscalation(tx, input.escalationPolicyId);
    const after = await updateSlaPolicy(tx, id, input);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'sla_policy.updated', entity: 'sla_policy', entityId: id, before, after },
    ]);
    return after;
  });
}

export async function listSlaPolicies(ctx: CommandContext): Promise<StoredSlaPolicy[]> {
  authorize(ctx.actor, 'directory.read');
  return findSlaPolicies(ctx.db.db, false);
}
