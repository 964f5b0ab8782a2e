import { type Decision, requireAllowed, toLogEntry } from '../../core/authority/index.ts';
import { DomainError } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  type ExecutedActionRecord,
  insertAction,
  insertDecisionLog,
  lockUsage,
} from '../../db/repositories/authority.ts';
import type { DomainEvent } from '../../events.ts';
import { authorize, type CommandContext } from '../context.ts';
import { type ActionInput, decideOnCase, loadActingAgent, loadCaseOrFail } from './authority-state.ts';

export interface Execution {
  action: ExecutedActionRecord;
  decision: Decision;
}

/** A decision in plain JSON for the audit trail and problem details: what, under which rule, who to ask. */
export function decisionSummary(decision: Decision) {
  return {
    outcome: decision.outcome,
    actionType: decision.actionType,
    amount: decision.amount,
    ruleId: decision.rule?.id ?? null,
    ruleVersion: decision.rule?.version ?? null,
    ruleName: decision.rule?.name ?? null,
    owner: decision.outcome === 'denied' ? decision.owner : (decision.rule?.owner ?? null),
    ...(decision.outcome === 'needs_approval' ? { approver: decision.approver } : {}),
    ...(decision.outcome === 'denied' ? { cause: decision.cause, rationale: decision.rationale } : {}),
    ...(decision.outcome !== 'allowed'
      ? {
          limit: decision.limit ?? null,
          overridable: decision.overridable,
          overrideRoles: decision.overrideRoles,
        }
      : {}),
    reason: decision.reason,
  };
}

/** `requireAllowed`'s error, carrying the whole decision so the agent sees the rule, owner and who can say yes. */
export function refusal(decision: Decision): DomainError {
  try {
    requireAllowed(decision);
  } catch (err) {
    if (err instanceof DomainError) {
      return new DomainError(err.code, decision.reason, {
        ...err.details,
        decision: decisionSummary(decision),
      });
    }
    throw err;
  }
  return new DomainError('authority.denied', decision.reason);
}

export function actionExecutedEvent(
  ctx: CommandContext,
  action: ExecutedActionRecord,
  at: Date,
): DomainEvent {
  return {
    type: 'authority.action_executed',
    actor: ctx.actor,
    at,
    data: {
      actionId: action.id,
      caseId: action.caseId,
      customerId: action.customerId,
      agentId: action.agentId,
      actionType: action.actionType,
      amount: action.amount,
      params: action.params,
      basis: action.basis,
      ruleId: action.ruleId,
      ruleVersion: action.ruleVersion,
      approvalId: action.approvalId,
      overrideId: action.overrideId,
    },
  };
}

/**
 * Executes an action within the agent's own authority. Inside one transaction it locks the
 * customer's then the agent's usage for this action type, re-reads usage, re-runs the engine and
 * records the action only when it is still allowed; a refusal is logged and audited (and
 * committed) before it is reported as authority.limit_exceeded or authority.denied.
 * Over the limit the agent asks for approval; a lead may override.
 */
export async function executeCaseAction(
  ctx: CommandContext,
  caseId: string,
  action: ActionInput,
): Promise<Execution> {
  authorize(ctx.actor, 'authority.act');
  let now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const kase = await loadCaseOrFail(tx, caseId);
    const { profile } = await loadActingAgent(tx, ctx.actor.id, ctx.actor.role);
    await lockUsage(tx, kase.customerId, profile.id, action.actionType);
    // Read the clock again once the locks are held: an action committed while we waited carries a
    // later timestamp than our first reading, and must fall inside the usage window we re-read.
    now = ctx.clock.now();
    const d = await decideOnCase(ctx, tx, { caseId, agent: profile, action, now, kase });
    const decision = d.decision;
    await insertDecisionLog(tx, {
      ...toLogEntry(decision, { at: now, agentId: profile.id, caseId }),
      customerId: kase.customerId,
      source: 'execute',
    });
    if (decision.outcome !== 'allowed') {
      await appendAudit(tx, ctx.actor, ctx.requestId, [
        {
          action: 'authority.action_refused',
          entity: 'case',
          entityId: caseId,
          after: { decision: decisionSummary(decision), params: action.params },
        },
      ]);
      return { kind: 'refused', decision } as const;
    }
    const executed = await insertAction(tx, {
      caseId,
      customerId: kase.customerId,
      agentId: profile.id,
      executedBy: ctx.actor.id,
      actionType: decision.actionType,
      amount: decision.amount,
      params: d.request.params as Record<string, unknown>,
      basis: 'allowed',
      ruleId: decision.rule.id,
      ruleVersion: decision.rule.version,
      approvalId: null,
      overrideId: null,
      executedAt: now,
    });
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.action_executed',
        entity: 'authority_action',
        entityId: executed.id,
        after: {
          caseId,
          customerId: kase.customerId,
          decision: decisionSummary(decision),
          params: action.params,
        },
      },
    ]);
    return { kind: 'executed', executed, decision } as const;
  });
  if (result.kind === 'refused') throw refusal(result.decision);
  ctx.events.publish([actionExecutedEvent(ctx, result.executed, now)]);
  return { action: result.executed, decision: result.decision };
}
