import { NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  findRoutingRules,
  loadRoutingRule,
  saveRoutingRule as persist,
  type RoutingRuleInput,
  type StoredRoutingRule,
  teamExists,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';

/** Creates (id null) or replaces a routing rule; `active: false` retires it without losing its history. */
export async function saveRoutingRule(
  ctx: CommandContext,
  id: string | null,
  input: RoutingRuleInput,
): Promise<StoredRoutingRule> {
  authorize(ctx.actor, 'standards.manage');
  return ctx.db.transaction(async (tx) => {
    const before = id ? await loadRoutingRule(tx, id, true) : undefined;
    if (id && !before) throw new NotFound('routing_rule', id);
    if (!(await teamExists(tx, input.teamId))) throw new NotFound('team', input.teamId);
    const after = await persist(tx, id, input);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: id ? 'routing_rule.updated' : 'routing_rule.created',
        entity: 'routing_rule',
        entityId: after.id,
        before,
        after,
      },
    ]);
    return after;
  });
}

export async function listRoutingRules(ctx: CommandContext): Promise<StoredRoutingRule[]> {
  authorize(ctx.actor, 'directory.read');
  return findRoutingRules(ctx.db.db, false);
}
