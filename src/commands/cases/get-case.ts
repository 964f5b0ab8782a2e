import { NotFound } from '../../core/errors.ts';
import { type CaseView, loadCaseView } from '../../db/repositories/cases.ts';
import { caseTimeline, type Message } from '../../db/repositories/messages.ts';
import { authorize, type CommandContext } from '../context.ts';

export async function getCase(
  ctx: CommandContext,
  caseId: string,
): Promise<{ case: CaseView; timeline: Message[] }> {
  authorize(ctx.actor, 'case.read');
  const found = await loadCaseView(ctx.db.db, caseId);
  if (!found) throw new NotFound('case', caseId);
  return { case: found, timeline: await caseTimeline(ctx.db.db, caseId) };
}
