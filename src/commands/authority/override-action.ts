import { randomUUID } from 'node:crypto';
import { overrideDecision, toLogEntry } from '../../core/authority/index.ts';
import { InvalidInput } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  type ExecutedActionRecord,
  insertAction,
  insertDecisionLog,
  lockUsage,
} from '../../db/repositories/authority.ts';
import { insertOverride, type StoredOverride } from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';
import { type ActionInput, decideOnCase, loadActingAgent, loadCaseOrFail } from './authority-state.ts';
import { actionExecutedEvent, decisionSummary } from './execute-action.ts';

/**
 * A lead (or whoever the rule names) overrides the decision made for an agent — the case owner
 * unless `forAgentId` says otherwise — with a written justification. The action is executed at
 * once, under the usage locks, and the override lands in the rule owner's queue.
 */
export async function overrideCaseAction(
  ctx: CommandContext,
  caseId: string,
  input: ActionInput & { justification: string; forAgentId?: string | undefined },
): Promise<{ override: StoredOverride; action: ExecutedActionRecord }> {
  authorize(ctx.actor, 'authority.override');
  let now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const kase = await loadCaseOrFail(tx, caseId);
    const forAgentId = input.forAgentId ?? kase.ownerId ?? ctx.actor.id;
    const forAgent = await loadActingAgent(
      tx,
      forAgentId,
      forAgentId === ctx.actor.id ? ctx.actor.role : undefined,
    );
    if (!forAgent.active || forAgent.kind !== 'person' || forAgent.role === 'ingest') {
      throw new InvalidInput(
        'authority.unknown_person',
        `The override must be for an active person; ${forAgentId} is not.`,
        {
          personId: forAgentId,
        },
      );
    }
    await lockUsage(tx, kase.customerId, forAgent.profile.id, input.actionType);
    // Read the clock again once the locks are held: an action committed while we waited carries a
    // later timestamp than our first reading, and must fall inside the usage window we re-read.
    now = ctx.clock.now();
    const d = await decideOnCase(ctx, tx, { caseId, agent: forAgent.profile, action: input, now, kase });
    const record = overrideDecision({
      id: randomUUID(),
      decision: d.decision,
      request: d.request,
      by: { id: ctx.actor.id, name: ctx.actor.name, role: ctx.actor.role },
      forAgent: { id: forAgent.profile.id, name: forAgent.profile.name },
      justification: input.justification,
      now,
    });
    const override = await insertOverride(tx, record, { caseId, customerId: kase.customerId });
    const action = await insertAction(tx, {
      caseId,
      customerId: kase.customerId,
      agentId: forAgent.profile.id,
      executedBy: ctx.actor.id,
      actionType: record.actionType,
      amount: record.amount,
      params: d.request.params as Record<string, unknown>,
      basis: 'override',
      ruleId: record.ruleId,
      ruleVersion: record.ruleVersion,
      approvalId: null,
      overrideId: override.id,
      executedAt: now,
    });
    await insertDecisionLog(tx, {
      ...toLogEntry(d.decision, { at: now, agentId: forAgent.profile.id, caseId, overridden: true }),
      customerId: kase.customerId,
      source: 'override',
    });
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.override_recorded',
        entity: 'authority_override',
        entityId: override.id,
        after: {
          caseId,
          decision: decisionSummary(d.decision),
          forAgent: record.forAgent,
          justification: record.justification,
          reportTo: record.reportTo,
        },
      },
      {
        action: 'authority.action_executed',
        entity: 'authority_action',
        entityId: action.id,
        after: {
          caseId,
          customerId: kase.customerId,
          basis: 'override',
          overrideId: override.id,
          params: input.params,
        },
      },
    ]);
    return { override, action };
  });
  ctx.events.publish([
    {
      type: 'authority.override_recorded',
      actor: ctx.actor,
      at: now,
      data: {
        overrideId: result.override.id,
        caseId,
        ruleId: result.override.ruleId,
        reportTo: result.override.reportTo,
      },
    },
    actionExecutedEvent(ctx, result.action, now),
  ]);
  return result;
}
