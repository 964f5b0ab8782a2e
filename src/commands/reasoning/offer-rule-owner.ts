import { InvalidInput } from '../../core/errors.ts';
import type { PersonRef } from '../../core/reasoning/index.ts';
import type { Executor } from '../../db/client.ts';
import { loadOwner } from '../../db/repositories/offer-rules.ts';

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
