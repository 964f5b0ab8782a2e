import type { AuthorityRule } from '../../core/authority/index.ts';
import type { CommandContext } from '../context.ts';

export interface RuleWithHistory {
  current: AuthorityRule;
  inForce: AuthorityRule | null;
  versions: AuthorityRule[];
}

/** The event every new rule version publishes. */
export function changedEvent(ctx: CommandContext, rule: AuthorityRule, at: Date) {
  return {
    type: 'authority.rule_changed',
    actor: ctx.actor,
    at,
    data: {
      ruleId: rule.id,
      version: rule.version,
      name: rule.name,
      actionType: rule.actionType,
      owner: rule.owner,
      effectiveFrom: rule.effectiveFrom,
      effectiveTo: rule.effectiveTo,
      reason: rule.editReason,
    },
  };
}
