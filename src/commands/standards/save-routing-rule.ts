import { NotFound } from '../../core/errors.ts';
import {
  findRoutingRules,
  loadRoutingRule,
  saveRoutingRule as persist,
  type RoutingRuleInput,
  type StoredRoutingRule,
  teamExists,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';
import { saveAudited } from './shared.ts';

/** Creates (id null) or replaces a routing rule; `active: false` retires it without losing its history. */
export async function saveRoutingRule(
  ctx: CommandContext,
  id: string | null,
  input: RoutingRuleInput,
): Promise<StoredRoutingRule> {
  authorize(ctx.actor, 'standards.manage');
  return saveAudited(
    ctx,
    'routing_rule',
    id,
    (tx, ruleId) => loadRoutingRule(tx, ruleId, true),
    async (tx) => {
      if (!(await teamExists(tx, input.teamId))) throw new NotFound('team', input.teamId);
      return persist(tx, id, input);
    },
  );
}

export async function listRoutingRules(ctx: CommandContext): Promise<StoredRoutingRule[]> {
  authorize(ctx.actor, 'directory.read');
  return findRoutingRules(ctx.db.db, false);
}
