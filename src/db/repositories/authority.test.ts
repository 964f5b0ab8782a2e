import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import {
  dayWindow,
  type ExecutedAction,
  type Money,
  rollingWindow,
  sumUsage,
  type UsageQuery,
} from '../../core/authority/index.ts';
import type { DomainError } from '../../core/errors.ts';
import { one, pgCode, sql } from '../sql.ts';
import { insertAction, loadUsage, lockUsage } from './authority.ts';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;
let db: TestDb;

const NOW = new Date('2026-11-27T10:00:00.000Z');
const MS_DAY = 86_400_000;
const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function world() {
  const agent = (await one<{ id: string }>(
    db.db,
    sql`insert into agents (kind, name, role) values ('person', 'Alice Martin', 'agent') returning id`,
  ))!.id;
  const other = (await one<{ id: string }>(
    db.db,
    sql`insert into agents (kind, name, role) values ('person', 'Bob Stone', 'agent') returning id`,
  ))!.id;
  const customer = (await one<{ id: string }>(
    db.db,
    sql`insert into customers (display_name) values ('Ada') returning id`,
  ))!.id;
  const otherCustomer = (await one<{ id: string }>(
    db.db,
    sql`insert into customers (display_name) values ('Grace') returning id`,
  ))!.id;
  const caseFor = async (customerId: string) =>
    (await one<{ id: string }>(
      db.db,
      sql`insert into cases (customer_id, channel) values (${customerId}, 'email') returning id`,
    ))!.id;
  return {
    agent,
    other,
    customer,
    otherCustomer,
    caseId: await caseFor(customer),
    otherCase: await caseFor(otherCustomer),
  };
}

async function record(e: ExecutedAction & { caseId: string }): Promise<void> {
  await insertAction(db.db, {
    caseId: e.caseId,
    customerId: e.customerId,
    agentId: e.agentId,
    executedBy: e.agentId,
    actionType: e.actionType,
    amount: e.amount ?? null,
    params: {},
    basis: 'allowed',
    ruleId: null,
    ruleVersion: null,
    approvalId: null,
    overrideId: null,
    executedAt: e.executedAt,
  });
}

describe('loadUsage, the SQL form of sumUsage', () => {
  it('matches the reference at every window boundary: period start, now, local midnight', async () => {
    const w = await world();
    const day = dayWindow(NOW, 'Europe/Paris');
    const entries: (ExecutedAction & { caseId: string })[] = [
      // Exactly 30 days old: still counts. One millisecond older: rolled off.
      { at: NOW.getTime() - 30 * MS_DAY, amount: 1000 },
      { at: NOW.getTime() - 30 * MS_DAY - 1, amount: 2000 },
      // At local midnight (the agent's day starts) and one millisecond before it.
      { at: day.from.getTime(), amount: 400 },
      { at: day.from.getTime() - 1, amount: 800 },
      { at: NOW.getTime(), amount: 16 },
    ].map(({ at, amount }) => ({
      actionType: 'goodwill_credit',
      customerId: w.customer,
      agentId: w.agent,
      executedAt: new Date(at),
      amount: eur(amount),
      caseId: w.caseId,
    }));
    // Noise that must never count: another type, another customer, another agent's day.
    entries.push(
      {
        actionType: 'refund',
        customerId: w.customer,
        agentId: w.agent,
        executedAt: NOW,
        amount: eur(32),
        caseId: w.caseId,
      },
      {
        actionType: 'goodwill_credit',
        customerId: w.otherCustomer,
        agentId: w.other,
        executedAt: NOW,
        amount: eur(64),
        caseId: w.otherCase,
      },
    );
    for (const e of entries) await record(e);
    const query: UsageQuery = {
      actionType: 'goodwill_credit',
      customerId: w.customer,
      agentId: w.agent,
      customerWindow: rollingWindow(NOW, 30),
      agentDayWindow: day,
    };
    const fromSql = await loadUsage(db.db, query);
    expect(fromSql).toEqual(sumUsage(entries, query));
    expect(fromSql).toEqual({
      customerInPeriod: { amount: eur(1000 + 400 + 800 + 16), actions: 4 },
      agentToday: { amount: eur(400 + 16), actions: 2 },
    });
  });

  it('loads nothing for the customer when the rule has no per-customer limit, and counts counted actions', async () => {
    const w = await world();
    await record({
      actionType: 'callback_promise',
      customerId: w.customer,
      agentId: w.agent,
      executedAt: NOW,
      caseId: w.caseId,
    });
    const usage = await loadUsage(db.db, {
      actionType: 'callback_promise',
      customerId: w.customer,
      agentId: w.agent,
      customerWindow: null,
      agentDayWindow: dayWindow(NOW, 'UTC'),
    });
    expect(usage).toEqual({ customerInPeriod: { actions: 0 }, agentToday: { actions: 1 } });
  });

  it('refuses to add amounts in different currencies', async () => {
    const w = await world();
    for (const currency of ['EUR', 'GBP']) {
      await record({
        actionType: 'goodwill_credit',
        customerId: w.customer,
        agentId: w.agent,
        executedAt: NOW,
        amount: { amountMinor: 100, currency },
        caseId: w.caseId,
      });
    }
    const err = await loadUsage(db.db, {
      actionType: 'goodwill_credit',
      customerId: w.customer,
      agentId: w.agent,
      customerWindow: rollingWindow(NOW, 30),
      agentDayWindow: dayWindow(NOW, 'UTC'),
    }).catch((e: DomainError) => e);
    expect((err as DomainError).code).toBe('authority.currency_mismatch');
  });
});

describe('lockUsage', () => {
  it("holds the customer's usage row until the transaction ends, so a second spender waits", async () => {
    const w = await world();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = db.transaction(async (tx) => {
      await lockUsage(tx, w.customer, w.agent, 'goodwill_credit');
      locked();
      await held;
    });
    await isLocked;
    const second = await db
      .transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '300ms'`);
        await lockUsage(tx, w.customer, w.other, 'goodwill_credit');
      })
      .catch((e: unknown) => e);
    expect(pgCode(second)).toBe('55P03'); // lock_not_available: it waited on the first spender
    // Another action type, or another customer, does not wait.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '300ms'`);
      await lockUsage(tx, w.customer, w.other, 'refund');
      await lockUsage(tx, w.otherCustomer, w.other, 'goodwill_credit');
    });
    release();
    await first;
    await db.transaction((tx) => lockUsage(tx, w.customer, w.other, 'goodwill_credit'));
  });
});
