import { randomUUID } from 'node:crypto';
import {
  type FrictionReport,
  flagRule as flagRuleReport,
  versionInForce,
} from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadRuleVersions } from '../../db/repositories/authority.ts';
import { countExistingCases, insertFriction } from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';

/** Any agent flags a rule from a case: "this rule hurts customers because …". It goes to the rule's owner. */
export async function flagRule(
  ctx: CommandContext,
  ruleId: string,
  input: { reason: string; caseIds: string[] },
): Promise<FrictionReport> {
  authorize(ctx.actor, 'authority.flag');
  const now = ctx.clock.now();
  const report = await ctx.db.transaction(async (tx) => {
    const versions = await loadRuleVersions(tx, ruleId);
    const rule = versionInForce(versions, now) ?? versions.at(-1);
    if (!rule) throw new NotFound('authority_rule', ruleId);
    const wanted = [...new Set(input.caseIds)];
    const found = new Set(await countExistingCases(tx, wanted));
    const missing = wanted.find((id) => !found.has(id));
    if (missing) throw new NotFound('case', missing);
    const report = flagRuleReport({
      id: randomUUID(),
      rule,
      reporter: { id: ctx.actor.id, name: ctx.actor.name },
      reason: input.reason,
      caseIds: wanted,
      now,
    });
    const stored = await insertFriction(tx, report);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.friction_reported',
        entity: 'friction_report',
        entityId: stored.id,
        after: stored,
      },
    ]);
    return stored;
  });
  ctx.events.publish([
    {
      type: 'authority.friction_reported',
      actor: ctx.actor,
      at: now,
      data: { reportId: report.id, ruleId, owner: report.owner, caseIds: report.caseIds },
    },
  ]);
  return report;
}
