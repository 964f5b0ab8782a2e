import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import type { Database } from '../db/client.ts';
import { rows, sql } from '../db/sql.ts';
import { memoryIo } from './io.ts';
import { main } from './run.ts';

let db: Database & { drop(): Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const env = () => ({ DATABASE_URL: db.url });

describe('casebook CLI', () => {
  it('prints usage and exits 2 without a command, and names an unknown one', async () => {
    const none = memoryIo();
    expect(await main([], none.io)).toBe(2);
    expect(none.stdout.join('\n')).toContain('usage: casebook');
    const unknown = memoryIo();
    expect(await main(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.stderr).toEqual([
      'casebook: unknown command "frobnicate" (try: seed, token, migrate, eval)',
    ]);
  });

  it('token create prints the new token alone on the last line', async () => {
    const { io, stdout } = memoryIo(env());
    expect(await main(['token', 'create', '--name', 'Zendesk bridge', '--role', 'ingest'], io)).toBe(0);
    expect(stdout.at(-1)).toMatch(/^cbk_[\w-]{43}$/);
  });

  it.each([
    [['token', 'create', '--role', 'agent'], '--name is required'],
    [['token', 'create', '--name', 'x', '--role', 'wizard'], '--role must be one of'],
    [['token', 'make', '--name', 'x', '--role', 'agent'], 'usage: casebook token create'],
    [['token', 'create', '--name', 'x', '--role', 'agent', '--colour', 'red'], "Unknown option '--colour'"],
  ])('token %j is a usage error with a one-line message', async (argv, message) => {
    const { io, stderr } = memoryIo(env());
    expect(await main(argv, io)).toBe(2);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(message);
  });

  it('token create for an unknown agent email exits 1', async () => {
    const { io, stderr } = memoryIo(env());
    expect(
      await main(['token', 'create', '--name', 'x', '--role', 'agent', '--agent', 'ghost@example.com'], io),
    ).toBe(1);
    expect(stderr[0]).toContain('no agent with email ghost@example.com');
  });

  it('seed --demo builds a small organisation, prints logins and refuses to seed twice', async () => {
    const first = memoryIo(env());
    expect(
      await main(['seed', '--demo', '--seed', '7', '--customers', '30', '--messages', '80'], first.io),
    ).toBe(0);
    const out = first.stdout.join('\n');
    expect(out).toMatch(/6 sites, 41 agents, 30 customers/);
    expect(out).toMatch(/80 messages/);
    expect(out).toMatch(/admin login: admin@casebook\.demo \/ \S+/);
    expect(first.stdout.at(-1)).toMatch(/^admin API token: cbk_/);
    // The demo's proactive offers are stored rules with named owners, like any admin's.
    const offers = await rows<{ offer: string; owner: string }>(
      db.db,
      sql`select offer, owner_name as owner from offer_rule_versions order by offer`,
    );
    expect(offers.map((o) => o.offer)).toEqual([
      'Care+ device insurance at the loyalty price',
      'Free express shipping on this order',
      'Waive the cancellation fee',
    ]);
    expect(offers.every((o) => o.owner.length > 0)).toBe(true);
    const again = memoryIo(env());
    expect(await main(['seed', '--demo'], again.io)).toBe(1);
    expect(again.stderr.at(-1)).toContain('already has customers');
  }, 120_000);

  it('seed without --demo or with a bad number is a usage error', async () => {
    for (const argv of [['seed'], ['seed', '--demo', '--customers', 'many']]) {
      const { io } = memoryIo(env());
      expect(await main(argv, io)).toBe(2);
    }
  });
});
