import { NotFound, RuleViolation } from '../../core/errors.ts';
import { acceptHandover, type OwnershipDecision } from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { closeHandover, loadHandover, setCaseOwner } from '../../db/repositories/standards-cases.ts';
import { authorize, type CommandContext } from '../context.ts';
import { lockOwnership } from './ownership-shared.ts';
import { eventActor, staffActor } from './shared.ts';

/** The receiver accepts a stored offer: the case is theirs, with their acceptance on record. */
export async function acceptCaseHandover(
  ctx: CommandContext,
  handoverId: string,
): Promise<OwnershipDecision & { version: number }> {
  authorize(ctx.actor, 'case.transfer');
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const offer = await loadHandover(tx, handoverId, true);
    if (!offer) throw new NotFound('handover', handoverId);
    if (offer.status !== 'pending') {
      throw new RuleViolation('standards.handover_closed', `This handover was already ${offer.status}.`, {
        handoverId,
        status: offer.status,
      });
    }
    const facts = await lockOwnership(tx, offer.caseId);
    const decision = acceptHandover(facts, staffActor(ctx.actor), offer, now);
    const { version } = await setCaseOwner(tx, offer.caseId, decision.to);
    await closeHandover(tx, handoverId, 'accepted');
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'case.handover_accepted',
        entity: 'case',
        entityId: offer.caseId,
        before: { ownerId: decision.from },
        after: { ownerId: decision.to, handoverId, acceptedBy: decision.acceptedBy },
      },
    ]);
    return { ...decision, version };
  });
  const actor = eventActor(ctx.actor);
  ctx.events.publish([
    {
      type: 'case.handover_accepted',
      actor,
      at: now,
      data: { caseId: result.caseId, handoverId, from: result.from, to: result.to },
    },
    {
      type: 'case.assigned',
      actor,
      at: now,
      data: {
        caseId: result.caseId,
        ownerId: result.to,
        from: result.from,
        reason: 'handover',
        version: result.version,
      },
    },
  ]);
  return result;
}
