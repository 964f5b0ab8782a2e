import {
  authorizeRatingSource,
  type CaseRating,
  decideCaseRating,
  defaultRatingSource,
  type RatingInput,
} from '../../core/cases/rating.ts';
import { DomainError, NotFound } from '../../core/errors.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadCase } from '../../db/repositories/cases.ts';
import { findRatingByExternalId, insertRating, loadCurrentRating } from '../../db/repositories/ratings.ts';
import { mergeCaseBaseOutcome } from '../../db/repositories/reasoning.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface RecordedRating {
  rating: CaseRating;
  /** false when the same source and external id was already stored: nothing was written. */
  created: boolean;
  /** Whether this rating is the one that counts for the case (the latest). */
  current: boolean;
}

/**
 * A customer's satisfaction rating of a resolved or closed case, from a survey integration, an
 * import, or a person who took it down (phone, counter). Idempotent on (source, externalId): the
 * same answer posted again returns the stored rating and writes nothing. The rating that counts for
 * the case (the latest) is copied into the case base in the same transaction, so suggestions weigh
 * the case by it once the reasoning service syncs.
 */
export async function recordCaseRating(
  ctx: CommandContext,
  caseId: string,
  input: RatingInput,
): Promise<RecordedRating> {
  authorize(ctx.actor, 'case.rate');
  const now = ctx.clock.now();
  const source = input.source ?? defaultRatingSource(ctx.actor);
  authorizeRatingSource(ctx.actor, source);
  const externalId = input.externalId?.trim() || null;
  const result = await ctx.db.transaction(async (tx): Promise<RecordedRating> => {
    const replay = async () => {
      const stored = externalId ? await findRatingByExternalId(tx, source, externalId) : undefined;
      if (!stored) return undefined;
      if (stored.caseId !== caseId) {
        throw new DomainError(
          'rating.external_id_taken',
          `The ${source} answer ${externalId} is already stored for another case.`,
          { source, externalId, caseId: stored.caseId },
        );
      }
      const latest = await loadCurrentRating(tx, caseId);
      return { rating: stored, created: false, current: latest?.id === stored.id };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    // Locked so the status read here holds until commit: a case reopened meanwhile waits for us.
    const kase = await loadCase(tx, caseId, true);
    if (!kase) throw new NotFound('case', caseId);
    const decided = decideCaseRating(kase, { ...input, source }, ctx.actor, now);
    const rating = await insertRating(tx, decided);
    if (!rating) {
      // The same answer was stored by a concurrent request after our first look.
      const raced = await replay();
      if (raced) return raced;
      throw new Error(`rating ${source}/${externalId} conflicted but was not found`);
    }
    const latest = await loadCurrentRating(tx, caseId);
    const current = latest?.id === rating.id;
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: 'case.rated',
        entity: 'case',
        entityId: caseId,
        after: {
          ratingId: rating.id,
          score: rating.score,
          comment: rating.comment,
          source: rating.source,
          channel: rating.channel,
          externalId: rating.externalId,
          ratedAt: rating.ratedAt,
          current,
        },
      },
    ]);
    if (current) await mergeCaseBaseOutcome(tx, [caseId], { csat: rating.score });
    return { rating, created: true, current };
  });
  if (result.created) {
    ctx.events.publish([
      {
        type: 'case.rated',
        actor: ctx.actor,
        at: now,
        data: {
          caseId,
          ratingId: result.rating.id,
          score: result.rating.score,
          source: result.rating.source,
          current: result.current,
        },
      },
    ]);
  }
  return result;
}
