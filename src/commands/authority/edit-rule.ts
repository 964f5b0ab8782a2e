import { editRule as editRuleVersion, type RuleChanges, versionInForce } from '../../core/authority/index.ts';
import { InvalidInput, NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertRuleVersion, loadRuleVersions } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';
import type { RuleInput } from './create-rule.ts';
import { changedEvent, type RuleWithHistory } from './rule-history.ts';
import { loadPerson, toApprovalRoute, toConditions, toLimits } from './rule-input.ts';

export type RuleChangeInput = Partial<Omit<RuleInput, 'reason' | 'effectiveFrom' | 'effectiveTo'>> & {
  reason: string;
  effectiveFrom?: Date | undefined;
  effectiveTo?: Date | null | undefined;
};

/** A new version, never an overwrite: a stale expectedVersion is authority_rule.version_conflict (409). */
export async function editRule(
  ctx: CommandContext,
  ruleId: string,
  input: RuleChangeInput,
  expectedVersion: number,
): Promise<RuleWithHistory> {
  authorize(ctx.actor, 'authority.manage_rules');
  const now = ctx.clock.now();
  const { next, versions } = await ctx.db.transaction(async (tx) => {
    const versions = await loadRuleVersions(tx, ruleId, true);
    const current = versions.at(-1);
    if (!current) throw new NotFound('authority_rule', ruleId);
    const state = await loadAuthorityState(ctx.db, tx);
    const changes: RuleChanges = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.scope !== undefined ? { scope: input.scope } : {}),
      ...(input.limits !== undefined ? { limits: toLimits(input.limits) } : {}),
      ...(input.conditions !== undefined ? { conditions: toConditions(input.conditions) } : {}),
      ...(input.ownerId !== undefined
        ? { owner: await loadPerson(tx, input.ownerId, 'The rule owner') }
        : {}),
      ...(input.rationale !== undefined ? { rationale: input.rationale } : {}),
      ...(input.override !== undefined ? { override: input.override } : {}),
      ...(input.approval !== undefined ? { approval: await toApprovalRoute(tx, input.approval) } : {}),
    };
    if (input.actionType !== undefined && input.actionType !== current.actionType) {
      throw new InvalidInput(
        'authority.action_type_fixed',
        'A rule keeps its action type for life; create a new rule for another action.',
        { actionType: current.actionType },
      );
    }
    const next = editRuleVersion(
      current,
      changes,
      {
        editor: { id: ctx.actor.id, name: ctx.actor.name },
        reason: input.reason,
        effectiveFrom: input.effectiveFrom ?? now,
        effectiveTo: input.effectiveTo ?? null,
        expectedVersion,
        at: now,
      },
      state.catalogue,
    );
    await insertRuleVersion(tx, next);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.rule_changed',
        entity: 'authority_rule',
        entityId: ruleId,
        before: current,
        after: next,
      },
    ]);
    return { next, versions: [...versions, next] };
  });
  ctx.events.publish([changedEvent(ctx, next, now)]);
  return { current: next, inForce: versionInForce(versions, now), versions };
}
