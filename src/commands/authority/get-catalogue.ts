import type { ActionType } from '../../core/authority/index.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadAuthorityState } from './authority-state.ts';

export async function getCatalogue(ctx: CommandContext): Promise<ActionType[]> {
  authorize(ctx.actor, 'authority.act');
  const state = await ctx.db.transaction((tx) => loadAuthorityState(ctx.db, tx));
  return [...state.catalogue.types.values()];
}
