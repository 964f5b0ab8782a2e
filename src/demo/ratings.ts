import { CLI_OPERATOR } from '../core/access/roles.ts';
import type { NewRating } from '../core/cases/rating.ts';
import type { Channel } from '../core/channels.ts';
import type { Database } from '../db/client.ts';
import { insertRatingsBatch } from '../db/repositories/ratings.ts';
import { rows, sql } from '../db/sql.ts';
import { createRandom, type Random } from './random.ts';

/** About a third of customers answer a satisfaction survey, as in most helpdesks. */
export const RESPONSE_RATE = 0.35;
const HOUR = 3_600_000;
const BATCH = 500;

/** Mostly satisfied when the fix stuck; much less so when the customer had to come back. */
const SCORES_FIXED = [
  [5, 56],
  [4, 27],
  [3, 9],
  [2, 4],
  [1, 4],
] as const;
const SCORES_CAME_BACK = [
  [5, 10],
  [4, 17],
  [3, 25],
  [2, 23],
  [1, 25],
] as const;

const COMMENTS: Record<number, readonly string[]> = {
  5: ['Quick and friendly, thank you!', 'Sorted on the first try.', 'Great service, very patient.'],
  4: ['Good, though it took a day.', 'Helpful, thanks.', 'Fixed, but I had to explain it twice.'],
  3: ['It works now, eventually.', 'OK, but slow to answer.'],
  2: ['Took far too long.', 'I had to chase you for an answer.'],
  1: ['Still not fixed.', 'Nobody called me back as promised.', 'Very disappointing.'],
};

interface RatedCase {
  id: string;
  customerId: string;
  channel: Channel;
  lastActivityAt: Date;
  ownerId: string | null;
  ownerName: string | null;
  cameBack: boolean;
}

/**
 * Gives a realistic share of the resolved and closed demo cases a customer rating: 35% answer; a
 * case that was reopened or whose customer wrote again within 7 days scores lower. Phone and counter
 * cases are often rated to the agent (agent_recorded), the rest by a survey by email or chat.
 * Deterministic for a seed (cases are taken in thread-key order, with a generator of their own), and
 * written in batches. Returns how many ratings were stored.
 */
export async function seedRatings(db: Database, seed: number, now: Date): Promise<number> {
  const rng = createRandom(seed ^ 0x5a7c1d3);
  const cases = await rows<RatedCase>(
    db.db,
    sql`select k.id, k.customer_id as "customerId", k.channel, k.last_activity_at as "lastActivityAt",
          k.owner_id as "ownerId", a.name as "ownerName",
          (k.reopened_count > 0 or exists (select 1 from cases n where n.customer_id = k.customer_id and n.id <> k.id
            and n.created_at > k.created_at and n.created_at <= k.last_activity_at + interval '7 days')) as "cameBack"
        from cases k left join agents a on a.id = k.owner_id
        where k.status in ('resolved', 'closed')
        order by k.thread_key nulls last, k.created_at, k.id`,
  );
  const planned: NewRating[] = [];
  for (const [i, c] of cases.entries()) {
    if (!rng.chance(RESPONSE_RATE)) continue;
    planned.push(plan(rng, c, `demo-${seed}-${i}`, now));
  }
  let stored = 0;
  for (let start = 0; start < planned.length; start += BATCH) {
    stored += await insertRatingsBatch(db.db, planned.slice(start, start + BATCH));
  }
  return stored;
}

function plan(rng: Random, c: RatedCase, externalId: string, now: Date): NewRating {
  const score = rng.weighted(c.cameBack ? SCORES_CAME_BACK : SCORES_FIXED);
  const comment = rng.chance(score <= 2 ? 0.6 : 0.25) ? rng.pick(COMMENTS[score]!) : null;
  const answeredAt = c.lastActivityAt.getTime() + rng.int(1, 72) * HOUR - rng.int(0, 59) * 60_000;
  const ratedAt = new Date(Math.min(answeredAt, now.getTime()));
  const byAgent = (c.channel === 'phone' || c.channel === 'in_person') && c.ownerId && rng.chance(0.5);
  if (byAgent) {
    return {
      caseId: c.id,
      customerId: c.customerId,
      score,
      comment,
      source: 'agent_recorded',
      channel: c.channel,
      externalId: null,
      ratedAt,
      actorId: c.ownerId,
      actorName: c.ownerName ?? 'Demo agent',
    };
  }
  return {
    caseId: c.id,
    customerId: c.customerId,
    score,
    comment,
    source: 'survey',
    channel: c.channel === 'chat' ? 'chat' : 'email',
    externalId: `${externalId}-survey`,
    ratedAt,
    actorId: CLI_OPERATOR.id,
    actorName: 'Demo surveys',
  };
}
