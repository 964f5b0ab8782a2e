import { randomUUID } from 'node:crypto';
import {
  type OverridePolicy,
  type RuleScope,
  validateRule,
  versionInForce,
} from '../../core/authority/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertRuleVersion } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';
import { changedEvent, type RuleWithHistory } from './rule-history.ts';
import {
  type ApprovalInput,
  type ConditionsInput,
  type LimitsInput,
  loadPerson,
  toApprovalRoute,
  toConditions,
  toLimits,
} from './rule-input.ts';

export interface RuleInput {
  name: string;
  actionType: string;
  scope: RuleScope;
  limits: LimitsInput;
  conditions: ConditionsInput;
  ownerId: string;
  rationale: string;
  effectiveFrom?: Date | undefined;
  effectiveTo?: Date | null | undefined;
  override: OverridePolicy;
  approval: ApprovalInput;
  reason?: string | undefined;
}

export async function createRule(ctx: CommandContext, input: RuleInput): Promise<RuleWithHistory> {
  authorize(ctx.actor, 'authority.manage_rules');
  const now = ctx.clock.now();
  const rule = await ctx.db.transaction(async (tx) => {
    const state = await loadAuthorityState(ctx.db, tx);
    const rule = validateRule(
      {
        id: randomUUID(),
        version: 1,
        name: input.name,
        actionType: input.actionType,
        scope: input.scope,
        limits: toLimits(input.limits),
        conditions: toConditions(input.conditions),
        owner: await loadPerson(tx, input.ownerId, 'The rule owner'),
        rationale: input.rationale,
        effectiveFrom: input.effectiveFrom ?? now,
        effectiveTo: input.effectiveTo ?? null,
        override: input.override,
        approval: await toApprovalRoute(tx, input.approval),
        editedBy: { id: ctx.actor.id, name: ctx.actor.name },
        editReason: input.reason?.trim() || 'First version',
        editedAt: now,
      },
      state.catalogue,
    );
    await insertRuleVersion(tx, rule);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'authority.rule_created', entity: 'authority_rule', entityId: rule.id, after: rule },
    ]);
    return rule;
  });
  ctx.events.publish([changedEvent(ctx, rule, now)]);
  return { current: rule, inForce: versionInForce([rule], now), versions: [rule] };
}
