import type { FastifyInstance } from 'fastify';
import { createApiToken } from '../../src/commands/access/create-api-token.ts';
import { hashPassword } from '../../src/commands/access/secrets.ts';
import { CLI_OPERATOR } from '../../src/core/access/roles.ts';
import type { Database } from '../../src/db/client.ts';
import { insertAgent } from '../../src/db/repositories/principals.ts';
import { insertSite } from '../../src/db/repositories/sites.ts';
import { one, sql } from '../../src/db/sql.ts';

export const AGENT = {
  email: 'alice@example.com',
  password: 'correct horse battery staple',
  name: 'Alice Agent',
};

export interface Seeded {
  ingestToken: string;
  agentId: string;
  siteId: string;
  caseId: string;
  customerId: string;
  otherCaseIds: string[];
}

const DAY = 86_400_000;

/**
 * A small, believable data set through the real paths: a site and team, a lead with a password,
 * customers whose messages arrive through POST /inbound, and a purchase and special need in SQL
 * (no API writes those yet). `extraCases` adds more customers for benchmarks.
 */
export async function seedConsole(db: Database, app: FastifyInstance, extraCases = 8): Promise<Seeded> {
  const site = await insertSite(db.db, { code: 'LON', name: 'London Store', timeZone: 'Europe/London' });
  const other = await insertSite(db.db, { code: 'MAN', name: 'Manchester Store', timeZone: 'Europe/London' });
  const team = await one<{ id: string }>(
    db.db,
    sql`insert into teams (site_id, name) values (${site.id}, 'Front desk') returning id`,
  );
  const agent = await insertAgent(db.db, {
    kind: 'person',
    name: AGENT.name,
    email: AGENT.email,
    role: 'lead',
    teamId: team!.id,
    siteId: site.id,
    timeZone: 'Europe/London',
    passwordHash: await hashPassword(AGENT.password),
  });
  await insertAgent(db.db, {
    kind: 'person',
    name: 'Bob Colleague',
    email: 'bob@example.com',
    role: 'agent',
    teamId: team!.id,
    siteId: site.id,
    timeZone: 'Europe/London',
    passwordHash: null,
  });
  const { token: ingestToken } = await createApiToken(db, CLI_OPERATOR, {
    name: 'Seed ingest',
    role: 'ingest',
  });
  const ingest = async (payload: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/inbound',
      headers: { authorization: `Bearer ${ingestToken}` },
      payload,
    });
    if (res.statusCode >= 300) throw new Error(`seed ingest failed: ${res.statusCode} ${res.body}`);
    return res.json() as { caseId: string; customerId: string };
  };

  const now = Date.now();
  const older = await ingest({
    channel: 'phone',
    site: 'MAN',
    from: { email: 'ada@example.com', name: 'Ada Lovelace', phone: '+44 20 7946 0958' },
    subject: 'Invoice shows the wrong address',
    body: 'Called about the invoice address on order 4411.',
    occurredAt: new Date(now - 12 * DAY).toISOString(),
  });
  const main = await ingest({
    channel: 'email',
    site: 'LON',
    from: { email: 'ada@example.com', name: 'Ada Lovelace' },
    subject: 'Charged twice for my blender',
    body: 'Hello, I was charged twice for order 4411 (the Vortex blender). Please refund the second charge.',
    threadKey: 'ada-billing',
    occurredAt: new Date(now - 3 * 3_600_000).toISOString(),
  });
  await db.db.execute(sql`update cases set owner_id = ${agent.id}, team_id = ${team!.id}, category = 'billing'
    where id = ${main.caseId}`);
  await db.db.execute(sql`update cases set category = 'billing' where id = ${older.caseId}`);
  await db.db.execute(sql`update customers set tier = 'gold', lifetime_value_minor = 1249000, currency = 'GBP',
      special_needs = ${'{"Hard of hearing: prefers email or chat, never phone"}'}::text[],
      preferences = ${JSON.stringify({ contact: 'email', language: 'English' })}::jsonb
    where id = ${main.customerId}`);
  const product = await one<{ id: string }>(
    db.db,
    sql`insert into products (sku, name, category, warranty_months) values ('VX-900', 'Vortex 900 Blender', 'kitchen', 24)
        returning id`,
  );
  await db.db.execute(sql`insert into purchases (customer_id, product_id, site_id, order_number, receipt_number,
      serial_number, amount_minor, currency, purchased_at, warranty_until)
    values (${main.customerId}, ${product!.id}, ${site.id}, '4411', 'R-2026-0815-77', 'VX9-00231', 14999, 'GBP',
      ${new Date(now - 40 * DAY)}, ${new Date(now + 690 * DAY).toISOString().slice(0, 10)})`);

  const names = [
    'Grace Hopper',
    'Alan Turing',
    'Katherine Johnson',
    'Edsger Dijkstra',
    'Barbara Liskov',
    'Donald Knuth',
  ];
  const subjects = [
    'Parcel never arrived',
    'Warranty repair request',
    'Wrong size delivered',
    'Cannot log in',
    'Refund status',
  ];
  const channels = ['email', 'chat', 'web', 'phone'];
  const otherCaseIds: string[] = [];
  for (let i = 0; i < extraCases; i++) {
    const created = await ingest({
      channel: channels[i % channels.length],
      site: i % 3 === 0 ? 'MAN' : 'LON',
      from: {
        email: `customer${i}@example.com`,
        name: `${names[i % names.length]}${i >= names.length ? ` ${i}` : ''}`,
      },
      subject: subjects[i % subjects.length],
      body: `Message ${i}: ${subjects[i % subjects.length]?.toLowerCase()}, please help.`,
      occurredAt: new Date(now - (i + 1) * 47 * 60_000).toISOString(),
    });
    otherCaseIds.push(created.caseId);
    if (i % 2 === 0)
      await db.db.execute(sql`update cases set owner_id = ${agent.id} where id = ${created.caseId}`);
  }
  void other;
  return {
    ingestToken,
    agentId: agent.id,
    siteId: site.id,
    caseId: main.caseId,
    customerId: main.customerId,
    otherCaseIds,
  };
}
