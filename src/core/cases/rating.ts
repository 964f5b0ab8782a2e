import type { Actor } from '../access/roles.ts';
import type { Channel } from '../channels.ts';
import { InvalidInput, NotAuthorized } from '../errors.ts';
import type { Case } from './case.ts';

/**
 * Customer satisfaction (CSAT) ratings: a score from 1 (very dissatisfied) to 5 (very satisfied)
 * the customer gave a resolved case. Every rating is kept; the latest one counts for the case.
 */
export const RATING_SOURCES = ['survey', 'agent_recorded', 'import'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
export const MAX_COMMENT = 2000;
/** How far ahead of our clock a sender's `ratedAt` may be (clock skew), before it is refused. */
export const RATED_AT_SKEW_MS = 5 * 60_000;

export interface CaseRating {
  id: string;
  caseId: string;
  customerId: string;
  score: number;
  comment: string | null;
  source: RatingSource;
  channel: Channel | null;
  externalId: string | null;
  ratedAt: Date;
  createdAt: Date;
  actorId: string | null;
  actorName: string;
}

/** What the case view shows: the rating that counts, or null. */
export type CurrentRating = Pick<CaseRating, 'score' | 'comment' | 'ratedAt' | 'source'>;

export interface RatingInput {
  score: number;
  comment?: string | null;
  source?: RatingSource;
  channel?: Channel | null;
  externalId?: string | null;
  ratedAt?: Date;
}

/** The row to store, everything decided. */
export type NewRating = Omit<CaseRating, 'id' | 'createdAt'>;

/**
 * Surveys go out when a case is resolved, so a rating belongs to a resolved or closed case. A case
 * that is being worked again (new, open, pending) has no outcome to rate yet.
 */
export function isRateable(c: Pick<Case, 'status'>): boolean {
  return c.status === 'resolved' || c.status === 'closed';
}

/** An integration token posts survey answers; a person records what the customer told them. */
export function defaultRatingSource(actor: Actor): RatingSource {
  return actor.kind === 'integration' ? 'survey' : 'agent_recorded';
}

/**
 * Integrations (survey senders, importers) may store any source; a person records what a customer
 * told them (`agent_recorded`), and only an admin may import. Nobody on the staff can pass their
 * own typing off as a survey answer.
 */
export function authorizeRatingSource(actor: Actor, source: RatingSource): void {
  if (actor.kind === 'integration') return;
  if (source === 'agent_recorded' || (source === 'import' && actor.role === 'admin')) return;
  throw new NotAuthorized(
    'case.rate',
    source === 'import'
      ? 'Only an admin or an integration may import ratings.'
      : `People record what a customer told them as agent_recorded; ${source} ratings come from integrations.`,
  );
}

/**
 * Decides the rating to store: a whole score 1–5, a source the actor may claim, a trimmed comment
 * (≤ 2,000 characters), an answer time neither in the future (beyond clock skew) nor before the
 * case was opened, and a resolved or closed case.
 */
export function decideCaseRating(
  kase: Pick<Case, 'id' | 'customerId' | 'status' | 'createdAt'>,
  input: RatingInput,
  actor: Actor,
  now: Date,
): NewRating {
  const { score } = input;
  if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE) {
    throw new InvalidInput(
      'rating.invalid_score',
      `A rating is a whole number from ${MIN_SCORE} to ${MAX_SCORE}.`,
      { score },
    );
  }
  const source = input.source ?? defaultRatingSource(actor);
  authorizeRatingSource(actor, source);
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  if (comment && comment.length > MAX_COMMENT) {
    throw new InvalidInput('rating.invalid_comment', `A comment has at most ${MAX_COMMENT} characters.`, {
      length: comment.length,
    });
  }
  const externalId = input.externalId?.trim() ? input.externalId.trim() : null;
  const ratedAt = input.ratedAt ?? now;
  if (Number.isNaN(ratedAt.getTime()) || ratedAt.getTime() > now.getTime() + RATED_AT_SKEW_MS) {
    throw new InvalidInput('rating.rated_in_future', 'ratedAt is in the future.', {
      ratedAt: Number.isNaN(ratedAt.getTime()) ? null : ratedAt.toISOString(),
    });
  }
  if (ratedAt.getTime() < kase.createdAt.getTime()) {
    throw new InvalidInput('rating.before_case', 'ratedAt is before the case was opened.', {
      ratedAt: ratedAt.toISOString(),
      caseCreatedAt: kase.createdAt.toISOString(),
    });
  }
  if (!isRateable(kase)) {
    throw new InvalidInput(
      'rating.case_not_resolved',
      `Case ${kase.id} is ${kase.status}: only a resolved or closed case can be rated.`,
      { caseId: kase.id, status: kase.status },
    );
  }
  return {
    caseId: kase.id,
    customerId: kase.customerId,
    score,
    comment,
    source,
    channel: input.channel ?? null,
    externalId,
    ratedAt,
    actorId: actor.id,
    actorName: actor.name,
  };
}

/** The rating that counts for a case: the latest answer (then the latest stored). */
export function currentRating<R extends Pick<CaseRating, 'ratedAt' | 'createdAt' | 'id'>>(
  ratings: readonly R[],
): R | undefined {
  let best: R | undefined;
  for (const r of ratings) {
    if (
      !best ||
      r.ratedAt.getTime() > best.ratedAt.getTime() ||
      (r.ratedAt.getTime() === best.ratedAt.getTime() &&
        (r.createdAt.getTime() > best.createdAt.getTime() ||
          (r.createdAt.getTime() === best.createdAt.getTime() && r.id > best.id)))
    ) {
      best = r;
    }
  }
  return best;
}
