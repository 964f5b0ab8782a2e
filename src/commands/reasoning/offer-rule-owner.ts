import { InvalidInput, NotFound } from '../../core/errors.ts';
import type { OfferRuleVersion, PersonRef } from '../../core/reasoning/index.ts';
import type { Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  insertOfferRuleVersion,
  loadOfferRuleVersions,
  loadOwner,
} from '../../db/repositories/offer-rules.ts';
import type { ReasoningService } from '../../reasoning/service.ts';
import type { CommandContext } from '../context.ts';

/** The named person who answers for an offer rule: an active staff member who can log in (422 otherwise). */
export async function requireOwner(tx: Executor, ownerId: string): Promise<PersonRef> {
  const owner = await loadOwner(tx, ownerId);
  if (!owner) {
    throw new InvalidInput(
      'offer_rule.unknown_owner',
      `The owner must be an active person on the staff; ${ownerId} is not.`,
      { ownerId },
    );
  }
  return owner;
}

/** What other processes and live views hear after a rule changed (after commit). */
export const offerRuleEvent = (
  type: 'created' | 'changed' | 'retired',
  actor: PersonRef,
  at: Date,
  ruleId: string,
  version: number,
) => ({ type: `reasoning.offer_rule_${type}`, actor, at, data: { ruleId, version } });

/**
 * A rule's next version: the latest one locked, `decide` makes the next from it, both audited in
 * one transaction; the event goes out after commit and this process's suggestions see it at once.
 */
export async function appendOfferRuleVersion(
  ctx: CommandContext,
  reasoning: ReasoningService,
  ruleId: string,
  change: 'changed' | 'retired',
  decide: (tx: Executor, current: OfferRuleVersion, editor: PersonRef, at: Date) => Promise<OfferRuleVersion>,
): Promise<{ current: OfferRuleVersion; versions: OfferRuleVersion[] }> {
  const now = ctx.clock.now();
  const editor = { id: ctx.actor.id, name: ctx.actor.name };
  const result = await ctx.db.transaction(async (tx) => {
    const versions = await loadOfferRuleVersions(tx, ruleId, true);
    const current = versions.at(-1);
    if (!current) throw new NotFound('offer_rule', ruleId);
    const next = await decide(tx, current, editor, now);
    await insertOfferRuleVersion(tx, next);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: `reasoning.offer_rule_${change}`,
        entity: 'offer_rule',
        entityId: ruleId,
        before: current,
        after: next,
      },
    ]);
    return { current: next, versions: [...versions, next] };
  });
  ctx.events.publish([offerRuleEvent(change, editor, now, ruleId, result.current.version)]);
  await reasoning.reloadOfferRules();
  return result;
}
