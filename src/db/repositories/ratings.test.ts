import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { one, sql } from '../sql.ts';
import { loadCaseOutcomes } from './authority.ts';
import { loadCaseView } from './cases.ts';
import { insertRating, insertRatingsBatch } from './ratings.ts';
import { buildResolvedCase } from './reasoning.ts';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;
let db: TestDb;
const DAY = 86_400_000;
const T0 = new Date('2026-10-01T09:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function customer() {
  return (await one<{ id: string }>(
    db.db,
    sql`insert into customers (display_name) values ('Ada') returning id`,
  ))!.id;
}

async function kase(
  customerId: string,
  o: { created: Date; status?: string; resolved?: Date | null; reopened?: number; closed?: Date | null },
) {
  const id = (await one<{ id: string }>(
    db.db,
    sql`insert into cases (customer_id, channel, subject, status, created_at, resolved_at, closed_at, reopened_count)
        values (${customerId}, 'email', 'Charged twice', ${o.status ?? 'resolved'}, ${o.created}, ${o.resolved ?? null},
          ${o.closed ?? null}, ${o.reopened ?? 0}) returning id`,
  ))!.id;
  await db.db.execute(
    sql`insert into messages (case_id, customer_id, channel, direction, kind, body, occurred_at)
        values (${id}, ${customerId}, 'email', 'inbound', 'message', 'I was charged twice for my order.', ${o.created})`,
  );
  return id;
}

function rating(
  caseId: string,
  customerId: string,
  score: number,
  ratedAt: Date,
  externalId: string | null = null,
) {
  return {
    caseId,
    customerId,
    score,
    comment: null,
    source: 'survey' as const,
    channel: null,
    externalId,
    ratedAt,
    actorId: null,
    actorName: 'Survey bridge',
  };
}

describe('loadCaseOutcomes', () => {
  it('gives the latest CSAT and counts a reopen or a new case within 7 days of resolution as a repeat contact', async () => {
    const ada = await customer();
    const fixed = await kase(ada, { created: at(0), resolved: at(1) });
    const reopened = await kase(await customer(), { created: at(0), status: 'open', reopened: 1 });
    const bob = await customer();
    const cameBack = await kase(bob, { created: at(0), resolved: at(1) });
    await kase(bob, { created: at(6), status: 'new' }); // 5 days after the resolution
    const cleo = await customer();
    const lateReturn = await kase(cleo, { created: at(0), resolved: at(1) });
    await kase(cleo, { created: at(9), status: 'new' }); // 8 days after: a new problem
    const dan = await customer();
    const parallel = await kase(dan, { created: at(0), resolved: at(3) });
    await kase(dan, { created: at(1), resolved: at(2) }); // opened before the first was resolved
    const closedOnly = await kase(dan, { created: at(11), status: 'closed', closed: at(12) });
    await kase(dan, { created: at(13), status: 'new' });

    await insertRating(db.db, rating(fixed, ada, 2, at(2)));
    await insertRating(db.db, rating(fixed, ada, 5, at(3)));
    await insertRating(db.db, rating(fixed, ada, 1, at(2.5))); // answered before the 5: does not count
    await insertRating(db.db, rating(cameBack, bob, 3, at(2)));

    const outcomes = await loadCaseOutcomes(db.db, [
      fixed,
      reopened,
      cameBack,
      lateReturn,
      parallel,
      closedOnly,
    ]);
    const byId = new Map(outcomes.map((o) => [o.caseId, o]));
    expect(byId.get(fixed)).toEqual({ caseId: fixed, csat: 5, repeatContact: false });
    expect(byId.get(reopened)).toEqual({ caseId: reopened, csat: null, repeatContact: true });
    expect(byId.get(cameBack)).toEqual({ caseId: cameBack, csat: 3, repeatContact: true });
    expect(byId.get(lateReturn)).toEqual({ caseId: lateReturn, csat: null, repeatContact: false });
    expect(byId.get(parallel)).toEqual({ caseId: parallel, csat: null, repeatContact: false });
    expect(byId.get(closedOnly)).toEqual({ caseId: closedOnly, csat: null, repeatContact: true });
  });
});

describe('ratings in the case view and the case base', () => {
  it('loads the rating that counts with the case, and retains it as the outcome CSAT', async () => {
    const ada = await customer();
    const id = await kase(ada, { created: at(0), resolved: at(1) });
    expect((await loadCaseView(db.db, id))?.rating).toBeNull();
    expect((await buildResolvedCase(db.db, id))?.outcome).toEqual({
      reopened: false,
      repeatContact7d: false,
    });
    const stored = await insertRatingsBatch(db.db, [
      rating(id, ada, 4, at(2), 'r-1'),
      rating(id, ada, 4, at(2), 'r-1'),
      rating(id, ada, 2, at(1.5), 'r-2'),
    ]);
    expect(stored).toBe(2);
    expect((await loadCaseView(db.db, id))?.rating).toEqual({
      score: 4,
      comment: null,
      ratedAt: at(2),
      source: 'survey',
    });
    expect((await buildResolvedCase(db.db, id))?.outcome).toEqual({
      reopened: false,
      repeatContact7d: false,
      csat: 4,
    });
  });

  it('moves ratings with their case when customers are merged', async () => {
    const ada = await customer();
    const other = await customer();
    const id = await kase(ada, { created: at(0), resolved: at(1) });
    await insertRating(db.db, rating(id, ada, 5, at(2)));
    await db.db.execute(sql`update cases set customer_id = ${other} where id = ${id}`);
    const moved = await one<{ customerId: string }>(
      db.db,
      sql`select customer_id as "customerId" from case_ratings where case_id = ${id}`,
    );
    expect(moved?.customerId).toBe(other);
  });
});
