import { InvalidInput, NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadAgent } from '../../db/repositories/principals.ts';
import {
  loadAvailability,
  type StoredAvailability,
  saveAvailability,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';

export type AvailabilityPatch = Partial<Omit<StoredAvailability, 'agentId' | 'updatedAt'>>;

async function apply(
  ctx: CommandContext,
  agentId: string,
  patch: AvailabilityPatch,
): Promise<StoredAvailability> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const agent = await loadAgent(tx, agentId);
    if (!agent) throw new NotFound('agent', agentId);
    if (agent.kind !== 'person' || agent.role === 'ingest') {
      throw new InvalidInput('standards.invalid_member', `Agent ${agentId} cannot take cases.`, { agentId });
    }
    const before = await loadAvailability(tx, agentId);
    const after = await saveAvailability(tx, { ...before, ...patch, agentId });
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'agent.availability_changed', entity: 'agent', entityId: agentId, before, after: patch },
    ]);
    return { before, after };
  });
  if (result.before.online !== result.after.online) {
    ctx.events.publish([
      {
        type: 'agent.status_changed',
        actor: { id: ctx.actor.id, name: ctx.actor.name },
        at: now,
        data: { agentId, online: result.after.online },
      },
    ]);
  }
  return result.after;
}

/** A manager sets an agent's capacity, skills, languages or presence. */
export async function setAgentAvailability(
  ctx: CommandContext,
  agentId: string,
  patch: AvailabilityPatch,
): Promise<StoredAvailability> {
  authorize(ctx.actor, 'standards.manage');
  return apply(ctx, agentId, patch);
}

/** An agent goes online or offline for routing. */
export async function setMyStatus(ctx: CommandContext, online: boolean): Promise<StoredAvailability> {
  authorize(ctx.actor, 'case.transfer');
  return apply(ctx, ctx.actor.id, { online });
}

export async function getAgentAvailability(
  ctx: CommandContext,
  agentId: string,
): Promise<StoredAvailability> {
  authorize(ctx.actor, 'directory.read');
  if (!(await loadAgent(ctx.db.db, agentId))) throw new NotFound('agent', agentId);
  return loadAvailability(ctx.db.db, agentId);
}
