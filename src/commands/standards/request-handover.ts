import { requestHandover as decideHandover } from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertHandover, type StoredHandover } from '../../db/repositories/standards-cases.ts';
import { authorize, type CommandContext } from '../context.ts';
import { assertCanOwn, lockOwnership } from './ownership-shared.ts';
import { eventActor, staffActor } from './shared.ts';

/** The owner (or a lead) offers the case to a colleague; it moves only when they accept. */
export async function requestCaseHandover(
  ctx: CommandContext,
  caseId: string,
  input: { to: string; reason?: string },
): Promise<StoredHandover> {
  authorize(ctx.actor, 'case.transfer');
  const now = ctx.clock.now();
  const offer = await ctx.db.transaction(async (tx) => {
    const facts = await lockOwnership(tx, caseId);
    await assertCanOwn(tx, input.to);
    const request = decideHandover(facts, staffActor(ctx.actor), input.to, now);
    const stored = await insertHandover(tx, request, input.reason ?? null);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'case.handover_requested', entity: 'case', entityId: caseId, after: stored },
    ]);
    return stored;
  });
  ctx.events.publish([
    {
      type: 'case.handover_requested',
      actor: eventActor(ctx.actor),
      at: now,
      data: { caseId, handoverId: offer.id, from: offer.from, to: offer.to, reason: offer.reason },
    },
  ]);
  return offer;
}
