import { randomUUID } from 'node:crypto';
import {
  answerFriction as answerReport,
  type FrictionReport,
  type FrictionVerdict,
  flagRule as flagRuleReport,
  versionInForce,
} from '../../core/authority/index.ts';
import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadRuleVersions } from '../../db/repositories/authority.ts';
import {
  countExistingCases,
  findFriction as findStoredFriction,
  insertFriction,
  loadFriction,
  saveFriction,
} from '../../db/repositories/authority-workflow.ts';
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

export async function findFriction(
  ctx: CommandContext,
  filter: {
    owner?: 'me' | undefined;
    mine?: boolean | undefined;
    ruleId?: string | undefined;
    status?: FrictionReport['status'] | undefined;
    limit: number;
  },
): Promise<FrictionReport[]> {
  authorize(ctx.actor, 'authority.flag');
  return findStoredFriction(ctx.db.db, {
    limit: filter.limit,
    ...(filter.owner === 'me' ? { ownerId: ctx.actor.id } : {}),
    ...(filter.mine ? { reporterId: ctx.actor.id } : {}),
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  });
}

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
