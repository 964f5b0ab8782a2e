import { type ExecutedActionRecord, findActions } from '../../db/repositories/authority.ts';
import { authorize, type CommandContext } from '../context.ts';
import { loadCaseOrFail } from './authority-state.ts';

/** The actions executed on a case: the case's record of what was done for the customer. */
export async function findCaseActions(ctx: CommandContext, caseId: string): Promise<ExecutedActionRecord[]> {
  authorize(ctx.actor, 'case.read');
  await loadCaseOrFail(ctx.db.db, caseId);
  return findActions(ctx.db.db, { caseId, limit: 500 });
}
