import type { Case } from '../../core/cases/case.ts';
import { type CasePatch, decideCaseUpdate } from '../../core/cases/decide-case-update.ts';
import { Conflict, InvalidInput, NotFound } from '../../core/errors.ts';
import { appendAudit, lastChangeBy } from '../../db/repositories/audit.ts';
import { loadCase, updateCase as persistCase } from '../../db/repositories/cases.ts';
import { loadAgent } from '../../db/repositories/principals.ts';
import { authorize, type CommandContext } from '../context.ts';

export async function updateCase(
  ctx: CommandContext,
  caseId: string,
  patch: CasePatch,
  expectedVersion: number,
): Promise<Case> {
  authorize(ctx.actor, 'case.update');
  const now = ctx.clock.now();
  const { updated, changed, before } = await ctx.db.transaction(async (tx) => {
    const current = await loadCase(tx, caseId, true);
    if (!current) throw new NotFound('case', caseId);
    if (expectedVersion !== current.version) {
      const last = await lastChangeBy(tx, 'case', caseId);
      throw new Conflict('case', expectedVersion, current.version, last?.actorName);
    }
    if (patch.ownerId) {
      const owner = await loadAgent(tx, patch.ownerId);
      if (!owner?.active || owner.kind !== 'person' || owner.role === 'ingest') {
        throw new InvalidInput('case.invalid_owner', `Agent ${patch.ownerId} cannot own cases.`, {
          ownerId: patch.ownerId,
        });
      }
    }
    const decision = decideCaseUpdate(current, patch, ctx.actor, expectedVersion, now);
    if (decision.changed.length === 0) return { updated: current, changed: [], before: {} };
    const updated = await persistCase(tx, caseId, decision.changes);
    const before = Object.fromEntries(decision.changed.map((k) => [k, current[k]]));
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'case.updated', entity: 'case', entityId: caseId, before, after: decision.changes },
    ]);
    return { updated, changed: decision.changed, before };
  });
  if (changed.length > 0) {
    ctx.events.publish([
      {
        type: 'case.updated',
        actor: ctx.actor,
        at: now,
        data: { caseId, changed, before, version: updated.version },
      },
      ...(changed.includes('status')
        ? [
            {
              type: 'case.status_changed',
              actor: ctx.actor,
              at: now,
              data: { caseId, from: before.status, to: updated.status },
            },
          ]
        : []),
    ]);
  }
  return updated;
}
