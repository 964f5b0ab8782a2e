import { type CaseRating, currentRating } from '../../core/cases/rating.ts';
import { NotFound } from '../../core/errors.ts';
import { loadCase } from '../../db/repositories/cases.ts';
import { findCaseRatings } from '../../db/repositories/ratings.ts';
import { authorize, type CommandContext } from '../context.ts';

/** Every rating of a case, the one that counts first. */
export async function listCaseRatings(
  ctx: CommandContext,
  caseId: string,
): Promise<{ current: CaseRating | null; items: CaseRating[] }> {
  authorize(ctx.actor, 'case.read');
  const kase = await loadCase(ctx.db.db, caseId);
  if (!kase) throw new NotFound('case', caseId);
  const items = await findCaseRatings(ctx.db.db, caseId);
  return { current: currentRating(items) ?? null, items };
}
