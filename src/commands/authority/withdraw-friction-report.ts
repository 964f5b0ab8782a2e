import { type FrictionReport, withdrawFriction } from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadFriction, saveFriction } from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';

/** The agent who raised a report takes it back while it is still open. */
export async function withdrawFrictionReport(ctx: CommandContext, reportId: string): Promise<FrictionReport> {
  authorize(ctx.actor, 'authority.flag');
  const now = ctx.clock.now();
  const withdrawn = await ctx.db.transaction(async (tx) => {
    const current = await loadFriction(tx, reportId, true);
    if (!current) throw new NotFound('friction_report', reportId);
    const saved = await saveFriction(
      tx,
      withdrawFriction(current, { id: ctx.actor.id, name: ctx.actor.name }, now),
    );
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.friction_withdrawn',
        entity: 'friction_report',
        entityId: reportId,
        before: { status: current.status },
        after: { status: saved.status },
      },
    ]);
    return saved;
  });
  ctx.events.publish([
    {
      type: 'authority.friction_withdrawn',
      actor: ctx.actor,
      at: now,
      data: { reportId, ruleId: withdrawn.ruleId, ownerId: withdrawn.owner.id },
    },
  ]);
  return withdrawn;
}
