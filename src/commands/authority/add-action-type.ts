import { type ActionType, addActionType, type ParamSpec } from '../../core/authority/index.ts';
import { InvalidInput } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { insertActionType } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';
import { loadPerson } from './rule-input.ts';

export interface ActionTypeInput {
  id: string;
  label: string;
  verb: string;
  measure: 'money' | 'count';
  params: ParamSpec[];
  defaultOwnerId?: string | undefined;
}

/** Admins add action types; the engine validates the whole catalogue with the addition. */
export async function addCatalogueActionType(
  ctx: CommandContext,
  input: ActionTypeInput,
): Promise<ActionType> {
  authorize(ctx.actor, 'authority.manage_rules');
  const now = ctx.clock.now();
  const type = await ctx.db.transaction(async (tx) => {
    const state = await loadAuthorityState(ctx.db, tx);
    if (state.catalogue.types.has(input.id)) {
      throw new InvalidInput('authority.action_type_exists', `Action type "${input.id}" already exists.`, {
        actionType: input.id,
      });
    }
    const type: ActionType = {
      id: input.id,
      label: input.label,
      verb: input.verb,
      measure: input.measure,
      params: input.params,
      defaultOwner: await loadPerson(tx, input.defaultOwnerId ?? ctx.actor.id, 'The default owner'),
    };
    addActionType(state.catalogue, type);
    await insertActionType(tx, type, ctx.actor.id);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'authority.action_type_added', entity: 'action_type', entityId: type.id, after: type },
    ]);
    return type;
  });
  ctx.events.publish([
    {
      type: 'authority.action_type_added',
      actor: ctx.actor,
      at: now,
      data: { actionType: type.id, label: type.label },
    },
  ]);
  return type;
}
