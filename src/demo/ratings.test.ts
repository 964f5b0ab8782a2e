import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { one, rows, sql } from '../db/sql.ts';
import { seedRatings } from './ratings.ts';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;
const NOW = new Date('2026-11-27T12:00:00Z');
let a: TestDb;
let b: TestDb;

/** 400 resolved cases, every fourth reopened, with thread keys so both stores order them alike. */
async function world(db: TestDb) {
  const customer = (await one<{ id: string }>(
    db.db,
    sql`insert into customers (display_name) values ('Ada') returning id`,
  ))!.id;
  await db.db.execute(
    sql`insert into cases (customer_id, channel, subject, status, thread_key, reopened_count, created_at, last_activity_at, resolved_at)
        select ${customer}::uuid, case when n % 3 = 0 then 'phone' else 'email' end, 'Demo', 'resolved',
          'demo-' || lpad(n::text, 4, '0'), case when n % 4 = 0 then 1 else 0 end,
          ${NOW}::timestamptz - interval '30 days', ${NOW}::timestamptz - interval '29 days', ${NOW}::timestamptz
        from generate_series(1, 400) n`,
  );
  // An open case is never rated.
  await db.db.execute(
    sql`insert into cases (customer_id, channel, subject, status, thread_key) values (${customer}, 'email', 'Open', 'open', 'demo-open')`,
  );
}

async function ratings(db: TestDb) {
  return rows<{ key: string; score: number; source: string; reopened: boolean; ratedAt: Date }>(
    db.db,
    sql`select k.thread_key as key, r.score, r.source, k.reopened_count > 0 as reopened, r.rated_at as "ratedAt"
        from case_ratings r join cases k on k.id = r.case_id order by k.thread_key`,
  );
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await Promise.all([world(a), world(b)]);
});
afterAll(async () => {
  await Promise.all([a.drop(), b.drop()]);
});

describe('seedRatings', () => {
  it('rates about 35% of resolved cases, mostly 4–5, lower when the case came back, the same for a seed', async () => {
    expect(await seedRatings(a, 42, NOW)).toBeGreaterThan(0);
    await seedRatings(b, 42, NOW);
    const [ra, rb] = [await ratings(a), await ratings(b)];
    expect(ra).toEqual(rb);
    expect(ra.length).toBeGreaterThan(400 * 0.25);
    expect(ra.length).toBeLessThan(400 * 0.45);
    expect(ra.some((r) => r.key === 'demo-open')).toBe(false);
    const mean = (xs: { score: number }[]) => xs.reduce((s, r) => s + r.score, 0) / xs.length;
    const fixed = ra.filter((r) => !r.reopened);
    const cameBack = ra.filter((r) => r.reopened);
    expect(mean(fixed)).toBeGreaterThan(4);
    expect(mean(cameBack)).toBeLessThan(3.2);
    expect(fixed.filter((r) => r.score >= 4).length / fixed.length).toBeGreaterThan(0.7);
    expect(new Set(ra.map((r) => r.source))).toEqual(new Set(['survey']));
    expect(ra.every((r) => r.ratedAt.getTime() <= NOW.getTime())).toBe(true);
  });
});
