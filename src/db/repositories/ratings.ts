import type { CaseRating, CurrentRating, NewRating } from '../../core/cases/rating.ts';
import type { Executor } from '../client.ts';
import { one, rows, sql } from '../sql.ts';

/**
 * Customer satisfaction ratings (migration 0010). Rows are only ever inserted; the rating that
 * counts for a case is its latest by (rated_at, created_at, id), the order of case_ratings_case_idx.
 */

const columns =
  sql.raw(`r.id, r.case_id as "caseId", r.customer_id as "customerId", r.score, r.comment, r.source,
  r.channel, r.external_id as "externalId", r.rated_at as "ratedAt", r.created_at as "createdAt",
  r.actor_id as "actorId", r.actor_name as "actorName"`);

/** The latest-first order; `limit 1` of it is the rating that counts. */
export const LATEST_RATING_ORDER = sql.raw('r.rated_at desc, r.created_at desc, r.id desc');

/**
 * Stores a rating; undefined when a rating with the same source and external id is already stored
 * (then nothing is written: the caller answers with the stored one).
 */
export async function insertRating(tx: Executor, r: NewRating): Promise<CaseRating | undefined> {
  return one<CaseRating>(
    tx,
    sql`insert into case_ratings as r (case_id, customer_id, score, comment, source, channel, external_id, rated_at,
          actor_id, actor_name)
        values (${r.caseId}, ${r.customerId}, ${r.score}, ${r.comment}, ${r.source}, ${r.channel}, ${r.externalId},
          ${r.ratedAt}, ${r.actorId}, ${r.actorName})
        on conflict (source, external_id) where external_id is not null do nothing
        returning ${columns}`,
  );
}

export async function findRatingByExternalId(
  tx: Executor,
  source: string,
  externalId: string,
): Promise<CaseRating | undefined> {
  return one<CaseRating>(
    tx,
    sql`select ${columns} from case_ratings r where r.source = ${source} and r.external_id = ${externalId}`,
  );
}

/** Every rating of a case, the one that counts first. */
export async function findCaseRatings(tx: Executor, caseId: string, limit = 100): Promise<CaseRating[]> {
  return rows<CaseRating>(
    tx,
    sql`select ${columns} from case_ratings r where r.case_id = ${caseId} order by ${LATEST_RATING_ORDER} limit ${limit}`,
  );
}

/** The rating that counts for a case, or undefined when the customer has not answered. */
export async function loadCurrentRating(tx: Executor, caseId: string): Promise<CaseRating | undefined> {
  return one<CaseRating>(
    tx,
    sql`select ${columns} from case_ratings r where r.case_id = ${caseId} order by ${LATEST_RATING_ORDER} limit 1`,
  );
}

/** The current rating as a SQL expression over a case aliased `k`: json {score, comment, ratedAt, source} or null. */
export const currentRatingJson = sql.raw(`(select json_build_object('score', r.score, 'comment', r.comment,
    'ratedAt', r.rated_at, 'source', r.source) from case_ratings r where r.case_id = k.id
    order by r.rated_at desc, r.created_at desc, r.id desc limit 1)`);

/** `currentRatingJson` as read back: json turns the timestamp into a string. */
export function parseCurrentRating(
  raw: { score: number; comment: string | null; ratedAt: string; source: CurrentRating['source'] } | null,
): CurrentRating | null {
  return raw
    ? { score: raw.score, comment: raw.comment, ratedAt: new Date(raw.ratedAt), source: raw.source }
    : null;
}

/**
 * Demo and imports: many ratings in one statement. Rows with an external id already stored are
 * skipped. Returns how many were stored.
 */
export async function insertRatingsBatch(tx: Executor, ratings: readonly NewRating[]): Promise<number> {
  if (ratings.length === 0) return 0;
  const result = await tx.execute(
    sql`insert into case_ratings (case_id, customer_id, score, comment, source, channel, external_id, rated_at,
          actor_id, actor_name)
        values ${sql.join(
          ratings.map(
            (r) =>
              sql`(${r.caseId}::uuid, ${r.customerId}::uuid, ${r.score}, ${r.comment}, ${r.source}, ${r.channel}, ${r.externalId},
                ${r.ratedAt}::timestamptz, ${r.actorId}::uuid, ${r.actorName})`,
          ),
          sql`, `,
        )}
        on conflict (source, external_id) where external_id is not null do nothing`,
  );
  return result.rowCount ?? 0;
}
