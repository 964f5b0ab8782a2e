import {
  answerFriction as answerReport,
  type FrictionReport,
  type FrictionVerdict,
} from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadFriction, saveFriction } from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';

/** Only the rule's owner answers, once: keep, change or retire, with the reasons in words. */
export async function answerFriction(
  ctx: CommandContext,
  reportId: string,
  input: { verdict: FrictionVerdict; response: string },
): Promise<FrictionReport> {
  authorize(ctx.actor, 'authority.flag');
  const now = ctx.clock.now();
  const answered = await ctx.db.transaction(async (tx) => {
    const current = await loadFriction(tx, reportId, true);
    if (!current) throw new NotFound('friction_report', reportId);
    const next = answerReport(current, {
      by: { id: ctx.actor.id, name: ctx.actor.name },
      verdict: input.verdict,
      response: input.response,
      now,
    });
    const saved = await saveFriction(tx, next);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.friction_answered',
        entity: 'friction_report',
        entityId: reportId,
        before: { status: current.status },
        after: { status: saved.status, answer: saved.answer },
      },
    ]);
    return saved;
  });
  ctx.events.publish([
    {
      type: 'authority.friction_answered',
      actor: ctx.actor,
      at: now,
      data: { reportId, ruleId: answered.ruleId, verdict: input.verdict, reporterId: answered.reporter.id },
    },
  ]);
  return answered;
}
