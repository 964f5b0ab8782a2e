import { can } from '../../core/access/roles.ts';
import { NotAuthorized, NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  loadOverride,
  markOverrideSeen,
  type StoredOverride,
} from '../../db/repositories/authority-workflow.ts';
import { authorize, type CommandContext } from '../context.ts';

/** The rule owner marks an override as seen (the engine's `reportedAt`); idempotent. */
export async function acknowledgeOverride(ctx: CommandContext, id: string): Promise<StoredOverride> {
  authorize(ctx.actor, 'authority.act');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const current = await loadOverride(tx, id, true);
    if (!current) throw new NotFound('override', id);
    if (current.reportTo.id !== ctx.actor.id && !can(ctx.actor.role, 'authority.manage_rules')) {
      throw new NotAuthorized(
        'override.acknowledge',
        `Only ${current.reportTo.name}, who owns the rule, can acknowledge it.`,
      );
    }
    if (current.reportedAt) return current;
    const seen = await markOverrideSeen(tx, id, now);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'authority.override_acknowledged',
        entity: 'authority_override',
        entityId: id,
        after: { reportedAt: now },
      },
    ]);
    return seen;
  });
}
