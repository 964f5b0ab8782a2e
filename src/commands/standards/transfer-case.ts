import { decideTransfer, type OwnershipDecision } from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { setCaseOwner } from '../../db/repositories/standards-cases.ts';
import { authorize, type CommandContext } from '../context.ts';
import { assertCanOwn, lockOwnership } from './ownership-shared.ts';
import { eventActor, staffActor } from './shared.ts';

/**
 * Moves a case at once: a lead or manager transfers directly, anyone takes an unowned case for
 * themselves; an owner handing to a colleague needs their acceptance (use a handover), and a
 * worked case can never be left without an owner.
 */
export async function transferCase(
  ctx: CommandContext,
  caseId: string,
  input: { to: string | null; reason?: string },
): Promise<OwnershipDecision & { version: number }> {
  authorize(ctx.actor, 'case.transfer');
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const facts = await lockOwnership(tx, caseId);
    if (input.to) await assertCanOwn(tx, input.to);
    const decision = decideTransfer(
      facts,
      staffActor(ctx.actor),
      { to: input.to, ...(input.reason ? { reason: input.reason } : {}) },
      now,
    );
    const { version } = await setCaseOwner(tx, caseId, decision.to);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'case.transferred',
        entity: 'case',
        entityId: caseId,
        before: { ownerId: decision.from },
        after: { ownerId: decision.to, kind: decision.kind, reason: decision.reason },
      },
    ]);
    return { ...decision, version };
  });
  ctx.events.publish([
    {
      type: 'case.assigned',
      actor: eventActor(ctx.actor),
      at: now,
      data: { caseId, ownerId: result.to, from: result.from, reason: result.kind, version: result.version },
    },
  ]);
  return result;
}
