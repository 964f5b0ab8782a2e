import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import type { Database } from '../client.ts';
import { one, rows, sql } from '../sql.ts';
import { lockAgentsForRouting, readRoutingCandidates } from './routing.ts';

let db: Database & { drop(): Promise<void> };
let agents: string[];
let customerId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  agents = (
    await rows<{ id: string }>(
      db.db,
      sql`insert into agents (name, role, kind) select 'Counter agent ' || g, 'agent', 'person'
          from generate_series(1, 4) g returning id`,
    )
  )
    .map((a) => a.id)
    .sort();
  customerId = (await one<{ id: string }>(
    db.db,
    sql`insert into customers (display_name) values ('Counter customer') returning id`,
  ))!.id;
});
afterAll(() => db.drop());

/** The counters as the triggers keep them, and as a count of the cases says they should be. */
async function countersAndTruth() {
  const kept = await rows<{ id: string; n: number }>(
    db.db,
    sql`select agent_id as id, open_cases as n from agent_open_cases where open_cases > 0 order by agent_id`,
  );
  const truth = await rows<{ id: string; n: number }>(
    db.db,
    sql`select owner_id as id, count(*)::int as n from cases
        where owner_id is not null and status in ('new', 'open', 'pending') group by owner_id order by owner_id`,
  );
  return { kept, truth };
}

const newCase = (ownerId: string | null, status = 'new') =>
  one<{ id: string }>(
    db.db,
    sql`insert into cases (customer_id, channel, subject, status, owner_id)
        values (${customerId}, 'email', 'Counted', ${status}, ${ownerId}) returning id`,
  ).then((r) => r!.id);

describe("agents' open-case counters (migration 0013)", () => {
  it('follow every way a case gains, changes or loses its owner and status', async () => {
    const [a, b, c] = agents as [string, string, string];
    const unowned = await newCase(null);
    const owned = await newCase(a);
    const closedOnArrival = await newCase(b, 'closed');
    const pending = await newCase(c, 'pending');
    await db.db.execute(sql`update cases set owner_id = ${b} where id = ${unowned}`);
    await db.db.execute(sql`update cases set status = 'open' where id = ${owned}`);
    await db.db.execute(sql`update cases set owner_id = ${c} where id = ${owned}`);
    await db.db.execute(sql`update cases set status = 'resolved' where id = ${pending}`);
    await db.db.execute(sql`update cases set status = 'open', owner_id = ${a} where id = ${closedOnArrival}`);
    await db.db.execute(sql`update cases set subject = 'Renamed' where id = ${unowned}`);
    expect(await countersAndTruth()).toMatchObject({
      kept: expect.arrayContaining([
        { id: a, n: 1 },
        { id: b, n: 1 },
        { id: c, n: 1 },
      ]),
    });
    const doomed = await newCase(a);
    // A fresh case has its history rows (status and owner changes) and nothing else yet.
    await db.db.execute(sql`with s as (delete from case_status_changes where case_id = ${doomed}),
        o as (delete from case_owner_changes where case_id = ${doomed})
      delete from cases where id = ${doomed}`);
    const { kept, truth } = await countersAndTruth();
    expect(kept).toEqual(truth);
  });

  it('stay exact under many concurrent transfers, closes and reopens across the same agents', async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => newCase(agents[i % agents.length]!)));
    const moves = Array.from({ length: 200 }, (_, i) => {
      const id = ids[(i * 7) % ids.length]!;
      const to = agents[(i * 3) % agents.length]!;
      const status = ['open', 'pending', 'resolved', 'new', 'closed'][i % 5]!;
      return db.db.execute(sql`update cases set owner_id = ${to}, status = ${status} where id = ${id}`);
    });
    await Promise.all(moves);
    const { kept, truth } = await countersAndTruth();
    expect(kept).toEqual(truth);
  });

  it('are what routing reads, locked or not', async () => {
    const { truth } = await countersAndTruth();
    const expected = new Map(truth.map((t) => [t.id, t.n]));
    const unlocked = await readRoutingCandidates(db.db, agents, undefined);
    const locked = await db.transaction((tx) => lockAgentsForRouting(tx, agents));
    for (const read of [unlocked.agents, locked.agents]) {
      expect(Object.fromEntries(read.map((x) => [x.id, x.openCases]))).toEqual(
        Object.fromEntries(agents.map((id) => [id, expected.get(id) ?? 0])),
      );
    }
  });

  it('are emptied with the cases when the table is truncated', async () => {
    await db.db.execute(sql`truncate cases cascade`);
    expect((await countersAndTruth()).kept).toEqual([]);
  });
});
