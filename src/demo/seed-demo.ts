import { createApiToken } from '../commands/access/create-api-token.ts';
import { hashPassword } from '../commands/access/secrets.ts';
import { createRule, type RuleInput } from '../commands/authority/create-rule.ts';
import { addCaseMessage } from '../commands/cases/add-case-message.ts';
import { updateCase } from '../commands/cases/update-case.ts';
import { ingestMessage } from '../commands/messages/ingest-message.ts';
import { seedStandards } from '../commands/standards/seed-standards.ts';
import { type Actor, CLI_OPERATOR, type Role } from '../core/access/roles.ts';
import type { Channel } from '../core/channels.ts';
import { normalisePhone } from '../core/customers/identity.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import { loadCase } from '../db/repositories/cases.ts';
import { pgArray } from '../db/repositories/customers.ts';
import { rows, sql } from '../db/sql.ts';
import { EventBus } from '../events.ts';
import {
  CHANNEL_MIX,
  FIRST_NAMES,
  LAST_NAMES,
  PRODUCTS,
  SITES,
  SPECIAL_NEEDS,
  TEAM_NAMES,
  TIERS,
} from './catalogue.ts';
import {
  fillPlaceholders,
  loadAbcdDialogues,
  loadBitextExchanges,
  type ServiceExchange,
} from './datasets.ts';
import { seedOfferRules } from './offer-rules.ts';
import { createRandom, type Random } from './random.ts';
import { seedRatings } from './ratings.ts';

export interface SeedOptions {
  seed: number;
  customers: number;
  messages: number;
  dataDir: string;
  now: Date;
  progress?: (line: string) => void;
}

export interface SeedResult {
  adminEmail: string;
  adminPassword: string;
  adminToken: string;
  ingestToken: string;
  counts: Record<string, number>;
}

const DAY = 86_400_000;

/** Builds a demo organisation: sites, teams, agents, households, customers, purchases and real-sounding traffic. */
export async function seedDemo(db: Database, o: SeedOptions): Promise<SeedResult> {
  const rng = createRandom(o.seed);
  const log = o.progress ?? (() => {});
  const existing = await rows<{ n: number }>(db.db, sql`select count(*)::int as n from customers`);
  if ((existing[0]?.n ?? 0) > 0) {
    throw new Error('this store already has customers; seed a fresh one (e.g. CASEBOOK_DATA=./demo-data)');
  }
  const exchanges = loadBitextExchanges(o.dataDir);
  const dialogues = loadAbcdDialogues(o.dataDir);
  const adminPassword = `demo-${o.seed}-${Math.floor(rng.next() * 1e8).toString(36)}`;
  const passwordHash = await hashPassword(adminPassword);

  log('sites, teams and agents');
  const sites = await insertSites(db);
  const teams = await insertTeams(db, sites);
  const agents = await insertAgents(db, rng, sites, teams, passwordHash);
  log('products, households, customers and purchases');
  const products = await insertProducts(db);
  const customers = await insertCustomers(db, rng, o, sites, products);

  log(`messages (${o.messages})`);
  const events = new EventBus();
  const ingest = (await createApiToken(db, CLI_OPERATOR, { name: 'Demo ingest', role: 'ingest' })).token;
  const ingestActor: Actor = {
    id: CLI_OPERATOR.id,
    name: 'Demo channels',
    role: 'ingest',
    kind: 'integration',
  };
  const ctx = (actor: Actor) => ({ db, actor, clock: { now: () => o.now }, events });
  let written = 0;
  const target = o.messages;
  // Reserve a message before writing it, so concurrent conversations never overshoot the target.
  const take = () => (written < target ? ++written > 0 : false);
  const tasks: (() => Promise<void>)[] = [];
  // Roughly 55% customer messages, 45% agent replies and notes, as in a working service centre.
  const conversations = Math.max(1, Math.round(target / 2.2));
  for (let i = 0; i < conversations; i++) {
    const customer = rng.pick(customers);
    const channel = rng.weighted(CHANNEL_MIX) as Channel;
    const exchange = rng.pick(exchanges);
    const site = sites[customer.siteIndex]!;
    const siteAgents = agents.filter((a) => a.siteId === site.id && a.role !== 'admin');
    const agent = rng.pick(siteAgents.length ? siteAgents : agents);
    const started = new Date(o.now.getTime() - rng.int(0, 180) * DAY - rng.int(0, DAY - 1));
    const followUps = rng.weighted([
      [0, 55],
      [1, 30],
      [2, 15],
    ] as const);
    const resolve = rng.chance(0.6);
    const dialogue = rng.chance(0.05) ? rng.pick(dialogues) : undefined;
    const values = placeholderValues(customer, site);
    tasks.push(async () => {
      if (!take()) return;
      const threadKey = `demo-${o.seed}-${i}`;
      const from = contactFor(customer, channel);
      const first = await ingestMessage(ctx(ingestActor), {
        channel,
        site: site.code,
        from,
        subject: channel === 'email' || channel === 'web' ? subjectFor(exchange) : undefined,
        body: dialogue
          ? dialogue.customerTurns.slice(0, 3).join('\n')
          : fillPlaceholders(exchange.message, values),
        threadKey,
        externalId: `${threadKey}-0`,
        occurredAt: started,
      });
      let at = started.getTime();
      const agentActor: Actor = { id: agent.id, name: agent.name, role: agent.role, kind: 'person' };
      for (let turn = 0; turn <= followUps && take(); turn++) {
        at += rng.int(5, 240) * 60_000;
        const reply = dialogue?.agentTurns[turn] ?? fillPlaceholders(exchange.response, values);
        await addCaseMessage(ctx(agentActor), first.caseId, {
          kind: rng.chance(0.1) ? 'note' : 'reply',
          body: reply,
          occurredAt: new Date(at),
        });
        if (turn < followUps && take()) {
          at += rng.int(10, 2880) * 60_000;
          await ingestMessage(ctx(ingestActor), {
            channel,
            site: site.code,
            from,
            body: dialogue?.customerTurns[turn + 3] ?? followUpText(rng, exchange),
            threadKey,
            externalId: `${threadKey}-${turn + 1}`,
            occurredAt: new Date(at),
          });
        }
      }
      const current = await loadCase(db.db, first.caseId);
      if (current) {
        await updateCase(
          ctx(agentActor),
          first.caseId,
          {
            category: exchange.category,
            ...(resolve ? { status: 'resolved' as const } : {}),
            tags: [exchange.intent],
          },
          current.version,
        );
      }
    });
  }
  await runPool(tasks, 10, (done) => {
    if (done % 1000 === 0) log(`  ${written} messages`);
  });
  // Top up with single-message contacts if conversations ended early.
  while (take()) {
    const customer = rng.pick(customers);
    const exchange = rng.pick(exchanges);
    const channel = rng.weighted(CHANNEL_MIX) as Channel;
    await ingestMessage(ctx(ingestActor), {
      channel,
      site: sites[customer.siteIndex]!.code,
      from: contactFor(customer, channel),
      body: fillPlaceholders(exchange.message, placeholderValues(customer, sites[customer.siteIndex]!)),
      occurredAt: new Date(o.now.getTime() - rng.int(0, 30) * DAY),
    });
  }

  log('satisfaction ratings');
  await seedRatings(db, o.seed, o.now);

  const admin = agents.find((a) => a.role === 'admin')!;
  log('authority rules');
  await seedAuthorityRules(db, agents, o.now);
  log('proactive offer rules');
  {
    const [service, operations] = agents.filter((a) => a.role === 'manager');
    await seedOfferRules(
      {
        db,
        actor: { id: admin.id, name: admin.name, role: 'admin', kind: 'person' },
        clock: { now: () => o.now },
        events: new EventBus(),
      },
      {
        fulfilment: (operations ?? service)!.id,
        services: (operations ?? service)!.id,
        service: service!.id,
      },
    );
  }
  log('service standards');
  await seedStandards(db, o.now);
  const adminToken = (
    await createApiToken(db, CLI_OPERATOR, {
      name: 'Demo admin token',
      role: 'admin',
      agentEmail: admin.email,
    })
  ).token;
  const counts = Object.fromEntries(
    (
      await rows<{ t: string; n: number }>(
        db.db,
        sql`select 'sites' as t, count(*)::int as n from sites union all select 'agents', count(*)::int from agents where kind = 'person'
            union all select 'customers', count(*)::int from customers union all select 'households', count(*)::int from households
            union all select 'purchases', count(*)::int from purchases union all select 'cases', count(*)::int from cases
            union all select 'messages', count(*)::int from messages
            union all select 'ratings', count(*)::int from case_ratings`,
      )
    ).map((r) => [r.t, r.n]),
  );
  await db.transaction((tx) =>
    appendAudit(tx, CLI_OPERATOR, undefined, [
      { action: 'demo.seeded', entity: 'store', entityId: 'demo', after: { seed: o.seed, counts } },
    ]),
  );
  return { adminEmail: admin.email, adminPassword, adminToken, ingestToken: ingest, counts };
}

interface SiteRow {
  id: string;
  code: string;
  name: string;
  country: string;
  phonePrefix: string;
}

async function insertSites(db: Database): Promise<SiteRow[]> {
  const out: SiteRow[] = [];
  for (const s of SITES) {
    const [row] = await rows<{ id: string }>(
      db.db,
      sql`insert into sites (code, name, time_zone) values (${s.code}, ${s.name}, ${s.timeZone}) returning id`,
    );
    out.push({ id: row!.id, code: s.code, name: s.name, country: s.country, phonePrefix: s.phonePrefix });
  }
  return out;
}

async function insertTeams(db: Database, sites: SiteRow[]) {
  const out: { id: string; siteId: string }[] = [];
  for (const site of sites) {
    for (const name of TEAM_NAMES) {
      const [row] = await rows<{ id: string }>(
        db.db,
        sql`insert into teams (site_id, name) values (${site.id}, ${`${site.code} ${name}`}) returning id`,
      );
      out.push({ id: row!.id, siteId: site.id });
    }
  }
  return out;
}

interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  siteId: string;
}

async function insertAgents(
  db: Database,
  rng: Random,
  sites: SiteRow[],
  teams: { id: string; siteId: string }[],
  passwordHash: string,
): Promise<AgentRow[]> {
  const out: AgentRow[] = [];
  const roles: Role[] = [
    'admin',
    'manager',
    'manager',
    ...Array<Role>(6).fill('lead'),
    ...Array<Role>(32).fill('agent'),
  ];
  for (const [i, role] of roles.entries()) {
    const team = teams[i % teams.length]!;
    const first = FIRST_NAMES[(i * 7) % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(i * 11 + 3) % LAST_NAMES.length]!;
    const name = role === 'admin' ? 'Demo Admin' : `${first} ${last}`;
    const email =
      role === 'admin'
        ? 'admin@casebook.demo'
        : `${`${first}.${last}.${i}`.toLowerCase().replace(/[^a-z0-9.]/g, '')}@casebook.demo`;
    const site = sites.find((s) => s.id === team.siteId)!;
    const [row] = await rows<{ id: string }>(
      db.db,
      sql`insert into agents (kind, name, email, role, team_id, site_id, time_zone, password_hash)
          values ('person', ${name}, ${email}, ${role}, ${team.id}, ${site.id},
            (select time_zone from sites where id = ${site.id}), ${passwordHash}) returning id`,
    );
    out.push({ id: row!.id, name, email, role, siteId: site.id });
  }
  rng.next();
  return out;
}

async function insertProducts(db: Database) {
  const out: { id: string; warrantyMonths: number; priceMinor: number }[] = [];
  for (const p of PRODUCTS) {
    const [row] = await rows<{ id: string }>(
      db.db,
      sql`insert into products (sku, name, category, warranty_months) values (${p.sku}, ${p.name}, ${p.category}, ${p.warrantyMonths}) returning id`,
    );
    out.push({ id: row!.id, warrantyMonths: p.warrantyMonths, priceMinor: p.priceMinor });
  }
  return out;
}

export interface DemoCustomer {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  account: string;
  siteIndex: number;
  orderNumber: string;
}

async function insertCustomers(
  db: Database,
  rng: Random,
  o: SeedOptions,
  sites: SiteRow[],
  products: { id: string; warrantyMonths: number; priceMinor: number }[],
): Promise<DemoCustomer[]> {
  const out: DemoCustomer[] = [];
  let householdId: string | null = null;
  let householdLeft = 0;
  let lastName = '';
  const batch = 250;
  for (let start = 0; start < o.customers; start += batch) {
    const customerValues = [];
    const planned: (DemoCustomer & {
      household: string | null;
      tier: string;
      ltv: number;
      needs: string[];
      prefs: object;
    })[] = [];
    for (let i = start; i < Math.min(o.customers, start + batch); i++) {
      if (householdLeft === 0 && rng.chance(0.12)) {
        lastName = rng.pick(LAST_NAMES);
        const [h] = await rows<{ id: string }>(
          db.db,
          sql`insert into households (name, account_number) values (${`${lastName} household`}, ${`HH${String(100000 + i)}`}) returning id`,
        );
        householdId = h!.id;
        householdLeft = rng.int(2, 4);
      }
      const inHousehold = householdLeft > 0;
      const first = rng.pick(FIRST_NAMES);
      const last = inHousehold ? lastName : rng.pick(LAST_NAMES);
      const name = `${first} ${last}`;
      const handle = `${first}.${last}${i}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
      const siteIndex = rng.int(0, sites.length - 1);
      const site = sites[siteIndex]!;
      const emails = [
        `${handle}@example.com`,
        ...(rng.chance(0.15) ? [`${handle.replace('.', '')}@mail.example.net`] : []),
      ];
      // Distinct per site for up to 10,000 customers: a multiplier coprime to 10,000 spreads the numbers.
      const phone = (n = 0) =>
        `${site.phonePrefix}${String((i * 7919 + n * 4999) % 10_000).padStart(4, '0')}`;
      const phones = rng.chance(0.7) ? [phone(), ...(rng.chance(0.2) ? [phone(1)] : [])] : [];
      planned.push({
        id: '',
        name,
        emails,
        phones,
        account: `AC${String(10_000_000 + i)}`,
        siteIndex,
        orderNumber: String(rng.int(100_000_000, 999_999_999)),
        household: inHousehold ? householdId : null,
        tier: rng.weighted(TIERS),
        ltv: rng.int(0, 500_000),
        needs: rng.chance(0.06) ? [rng.pick(SPECIAL_NEEDS)] : [],
        prefs: { contactBy: rng.pick(['email', 'phone', 'chat']), newsletter: rng.chance(0.3) },
      });
      if (inHousehold) householdLeft--;
      customerValues.push(i);
    }
    const inserted = await rows<{ id: string }>(
      db.db,
      sql`insert into customers (display_name, household_id, tier, lifetime_value_minor, special_needs, preferences, home_site_id)
          values ${sql.join(
            planned.map(
              (p) =>
                sql`(${p.name}, ${p.household}, ${p.tier}, ${p.ltv}, ${pgArray(p.needs)}::text[], ${JSON.stringify(p.prefs)}::jsonb, ${sites[p.siteIndex]!.id})`,
            ),
            sql`, `,
          )} returning id`,
    );
    planned.forEach((p, k) => {
      p.id = inserted[k]!.id;
    });
    const identityValues = planned.flatMap((p) => [
      sql`(${p.id}, 'account', ${p.account}, ${p.account})`,
      ...p.emails.map((e) => sql`(${p.id}, 'email', ${e.toLowerCase()}, ${e})`),
      ...p.phones.map((ph) => sql`(${p.id}, 'phone', ${normalisePhone(ph).value}, ${ph})`),
    ]);
    await db.db.execute(
      sql`insert into customer_identities (customer_id, kind, value, display_value) values ${sql.join(identityValues, sql`, `)}
          on conflict (kind, value) do nothing`,
    );
    const purchaseValues = planned.flatMap((p) =>
      Array.from({ length: rng.int(1, 4) }, (_, k) => {
        const product = rng.pick(products);
        const purchasedAt = new Date(o.now.getTime() - rng.int(1, 900) * DAY);
        const warranty = new Date(purchasedAt.getTime() + product.warrantyMonths * 30.44 * DAY)
          .toISOString()
          .slice(0, 10);
        const receipt = rng.chance(0.8) ? `R-${sites[p.siteIndex]!.code}-${rng.int(100000, 999999)}` : null;
        return sql`(${p.id}, ${product.id}, ${sites[p.siteIndex]!.id}, ${k === 0 ? p.orderNumber : String(rng.int(100_000_000, 999_999_999))},
          ${receipt}, ${`SN${rng.int(10_000_000, 99_999_999)}`}, ${product.priceMinor}, ${purchasedAt}, ${product.warrantyMonths > 0 ? warranty : null})`;
      }),
    );
    await db.db.execute(
      sql`insert into purchases (customer_id, product_id, site_id, order_number, receipt_number, serial_number, amount_minor, purchased_at, warranty_until)
          values ${sql.join(purchaseValues, sql`, `)}`,
    );
    out.push(...planned.map(({ household: _h, tier: _t, ltv: _l, needs: _n, prefs: _p, ...c }) => c));
  }
  return out;
}

function contactFor(c: DemoCustomer, channel: Channel) {
  if ((channel === 'phone' || channel === 'in_person') && c.phones.length)
    return { phone: c.phones[0], name: c.name };
  if (channel === 'in_person') return { accountNumber: c.account, name: c.name };
  return { email: c.emails[c.emails.length > 1 && channel === 'web' ? 1 : 0], name: c.name };
}

function placeholderValues(c: DemoCustomer, site: SiteRow): Record<string, string> {
  return {
    'Customer Support Phone Number': `${site.phonePrefix}0000`,
    'Support Phone Number': `${site.phonePrefix}0000`,
    'Live Chat': 'live chat',
    'Website Name': 'casebook-demo.example',
    'Website URL': 'https://casebook-demo.example',
    'Customer Support Availability': 'Monday to Saturday, 8am to 8pm',
    'Customer Support Email': 'help@casebook-demo.example',
    'Customer Support Email Address': 'help@casebook-demo.example',
    'Order Number Anonymized': c.orderNumber,
    'Purchase ID Anonymized': c.orderNumber,
    'Company Name': 'Aurora Devices',
    'Client First Name': c.name.split(' ')[0] ?? c.name,
    'Client Last Name': c.name.split(' ').slice(1).join(' '),
  };
}

function subjectFor(e: ServiceExchange): string {
  const words = e.intent.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FOLLOW_UPS = [
  'Thanks, but it still does not work. What else can I try?',
  'Any update on this? I have been waiting for days.',
  'That worked, thank you!',
  'I did what you said and now I get an error.',
  'Can I speak to a manager about this please?',
  'Please call me back, it is easier to explain.',
];

function followUpText(rng: Random, _e: ServiceExchange): string {
  return rng.pick(FOLLOW_UPS);
}

async function runPool(tasks: (() => Promise<void>)[], concurrency: number, onDone: (done: number) => void) {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * A realistic rule book with named owners: agents credit, refund and waive small amounts on their
 * own, leads more; a warranty exchange without a receipt is fine for customers worth 1,000 EUR or
 * more. Every rule carries its owner's reason, so agents see why a limit exists.
 */
async function seedAuthorityRules(db: Database, agents: AgentRow[], now: Date): Promise<void> {
  const admin = agents.find((a) => a.role === 'admin')!;
  const [service, operations] = agents.filter((a) => a.role === 'manager');
  const ctx = {
    db,
    actor: { id: admin.id, name: admin.name, role: 'admin' as const, kind: 'person' as const },
    clock: { now: () => now },
    events: new EventBus(),
  };
  const effectiveFrom = new Date(now.getTime() - 365 * DAY);
  const base: Pick<RuleInput, 'conditions' | 'effectiveFrom' | 'override' | 'approval'> = {
    conditions: {},
    effectiveFrom,
    override: { allowed: false, roles: [] },
    approval: { by: 'owner' },
  };
  const leadsMayOverride = { allowed: true, roles: ['lead', 'manager'] as ('lead' | 'manager')[] };
  const rules: RuleInput[] = [
    {
      ...base,
      name: 'Goodwill credit for agents',
      actionType: 'goodwill_credit',
      scope: { role: 'agent' },
      limits: {
        perAction: '50.00 EUR',
        perCustomer: { periodDays: 30, maxAmount: '150.00 EUR' },
        perAgentDay: { maxAmount: '300.00 EUR' },
      },
      ownerId: service!.id,
      rationale: 'Small gestures fix most complaints faster than a follow-up contact would.',
      override: leadsMayOverride,
      approval: { by: 'role', role: 'lead' },
    },
    {
      ...base,
      name: 'Goodwill credit for leads',
      actionType: 'goodwill_credit',
      scope: { role: 'lead' },
      limits: { perAction: '200.00 EUR', perAgentDay: { maxAmount: '1000.00 EUR' } },
      ownerId: service!.id,
      rationale: 'Leads handle escalations, where a larger gesture keeps a customer we would otherwise lose.',
    },
    {
      ...base,
      name: 'Refunds for agents',
      actionType: 'refund',
      scope: { role: 'agent' },
      limits: { perAction: '100.00 EUR', perCustomer: { periodDays: 30, maxAmount: '300.00 EUR' } },
      ownerId: operations!.id,
      rationale: 'Refunds above 100 EUR usually hide a fulfilment problem that operations must see.',
      override: leadsMayOverride,
    },
    {
      ...base,
      name: 'Fee waivers for agents',
      actionType: 'fee_waiver',
      scope: { role: 'agent' },
      limits: { perAction: '25.00 EUR', perAgentDay: { maxActions: 10 } },
      ownerId: operations!.id,
      rationale: 'Fees we cause ourselves should never be charged; ten a day flags a systemic cause.',
      approval: { by: 'role', role: 'lead' },
    },
    {
      ...base,
      name: 'Warranty exchange without receipt for valued customers',
      actionType: 'warranty_exchange',
      scope: { role: 'agent' },
      conditions: { underWarranty: true, receiptOnFile: false, minLifetimeValue: '1000.00 EUR' },
      limits: { perAction: '800.00 EUR' },
      ownerId: operations!.id,
      rationale: 'Customers who have spent over 1,000 EUR with us rarely game warranty claims.',
      override: leadsMayOverride,
    },
    {
      ...base,
      name: 'Warranty exchange with a receipt',
      actionType: 'warranty_exchange',
      scope: { role: 'agent' },
      conditions: { underWarranty: true, receiptOnFile: true },
      limits: { perAction: '1500.00 EUR' },
      ownerId: operations!.id,
      rationale: 'A receipt and a live warranty are all the proof the manufacturer asks of us.',
    },
    {
      ...base,
      name: 'Expedited shipping for agents',
      actionType: 'expedited_shipping',
      scope: { role: 'agent' },
      limits: { perCustomer: { periodDays: 90, maxActions: 2 }, perAgentDay: { maxActions: 5 } },
      ownerId: operations!.id,
      rationale:
        'Express shipping costs 25 EUR a parcel; twice a quarter per customer covers genuine misses.',
      approval: { by: 'role', role: 'lead' },
    },
    {
      ...base,
      name: 'Callback promises',
      actionType: 'callback_promise',
      scope: {},
      limits: { perAgentDay: { maxActions: 20 } },
      ownerId: service!.id,
      rationale: 'A promised callback must be kept; twenty a day is what one shift can honour.',
      approval: { by: 'none' },
    },
    {
      ...base,
      name: 'Upgrades by leads',
      actionType: 'upgrade',
      scope: { role: 'lead' },
      limits: { perCustomer: { periodDays: 365, maxActions: 1 } },
      ownerId: service!.id,
      rationale: 'One upgrade a year turns a bad experience around; more trains customers to complain.',
    },
  ];
  for (const rule of rules) await createRule(ctx, { ...rule, reason: 'Demo rule book' });
}
