import type { Database } from '../../db/client.ts';
import { pgArray } from '../../db/repositories/customers.ts';
import {
  insertSlaPolicy,
  saveAvailability,
  saveEscalationPolicy,
  saveInteractionStandard,
  saveRoutingRule,
  saveSiteCalendar,
} from '../../db/repositories/standards.ts';
import { rows, sql } from '../../db/sql.ts';

const H = 3_600_000;
const weekday = [{ start: '08:00', end: '18:00' }];
const BILLING = ['account', 'invoice', 'payment', 'refund', 'cancellation_fee', 'subscription'];
const ORDERS = ['order', 'delivery', 'shipping_address', 'shipping'];

/**
 * Demo service standards: each site's hours in its own zone (weekdays 08:00–18:00, Saturday
 * morning, closed on the year's public holidays), an escalation ladder, SLA policies by
 * priority and tier, routing rules per site and team by category, every agent online with
 * capacity, and checklists. Returns what it created, for the seed's summary.
 */
export async function seedStandards(db: Database, now: Date): Promise<{ policies: number; rules: number }> {
  const year = now.getUTCFullYear();
  const holidays = [`${year}-12-25`, `${year}-12-26`, `${year + 1}-01-01`, `${year}-01-01`];
  const sites = await rows<{ id: string }>(db.db, sql`select id from sites order by code`);
  const teams = await rows<{ id: string; siteId: string; name: string }>(
    db.db,
    sql`select id, site_id as "siteId", name from teams order by name`,
  );
  return db.transaction(async (tx) => {
    for (const site of sites) {
      await saveSiteCalendar(tx, site.id, {
        mode: 'business',
        weeklyHours: {
          mon: weekday,
          tue: weekday,
          wed: weekday,
          thu: weekday,
          fri: weekday,
          sat: [{ start: '09:00', end: '13:00' }],
        },
        holidays,
        specialHours: { [`${year}-12-24`]: [{ start: '08:00', end: '12:00' }] },
      });
    }
    const ladder = await saveEscalationPolicy(tx, null, {
      name: 'Default ladder',
      active: true,
      levels: [
        { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
        { level: 2, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] },
        {
          level: 3,
          trigger: 'breached',
          afterMs: 4 * H,
          actions: [
            { kind: 'notify', role: 'manager' },
            { kind: 'reassign', to: 'team_queue' },
          ],
        },
      ],
    });
    const policies = [
      {
        name: 'Standard',
        conditions: {},
        targets: { first_response: 8 * H, next_response: 8 * H, resolution: 30 * H },
      },
      {
        name: 'Urgent',
        conditions: { priority: ['urgent'] },
        targets: { first_response: 1 * H, next_response: 2 * H, resolution: 8 * H },
      },
      {
        name: 'High',
        conditions: { priority: ['high'] },
        targets: { first_response: 2 * H, next_response: 4 * H, resolution: 16 * H },
      },
      {
        name: 'Gold customers',
        conditions: { customerTier: ['gold'] },
        targets: { first_response: 2 * H, next_response: 4 * H, resolution: 20 * H },
      },
      {
        name: 'Live chat',
        conditions: { channel: ['chat'] },
        targets: { first_response: 0.1 * H, next_response: 0.25 * H, resolution: 10 * H },
      },
    ];
    for (const p of policies) {
      await insertSlaPolicy(tx, {
        ...p,
        hours: 'business',
        atRisk: { fraction: 0.25 },
        pauseWhilePending: true,
        escalationPolicyId: ladder.id,
      });
    }
    let position = 0;
    for (const team of teams) {
      const billing = team.name.includes('Billing');
      await saveRoutingRule(tx, null, {
        name: team.name,
        position: position++,
        teamId: team.id,
        conditions: { siteId: [team.siteId], category: billing ? BILLING : ORDERS },
        skills: [],
        active: true,
      });
    }
    // Anything else at a site goes to its first team (a catch-all per site, less specific).
    const firstTeam = new Map<string, string>();
    for (const team of teams) if (!firstTeam.has(team.siteId)) firstTeam.set(team.siteId, team.id);
    for (const [siteId, teamId] of firstTeam) {
      await saveRoutingRule(tx, null, {
        name: 'Site default',
        position: position++,
        teamId,
        conditions: { siteId: [siteId] },
        skills: [],
        active: true,
      });
    }
    const orders = teams.filter((t) => t.name.includes('Orders')).map((t) => t.id);
    await tx.execute(
      sql`insert into team_routing (team_id, strategy) select unnest(${pgArray(orders)}::uuid[]), 'least_loaded'
          on conflict (team_id) do update set strategy = excluded.strategy`,
    );
    const staff = await rows<{ id: string }>(
      tx,
      sql`select id from agents where kind = 'person' and role in ('agent', 'lead') and active`,
    );
    for (const a of staff) {
      await saveAvailability(tx, {
        agentId: a.id,
        online: true,
        maxOpenCases: 25,
        skills: [],
        languages: [],
        updatedAt: null,
      });
    }
    await saveInteractionStandard(tx, '*', [
      { id: 'greet-by-name', label: 'Greet the customer by name', required: false },
      { id: 'confirm-fix', label: 'Confirm the fix with the customer', required: true },
    ]);
    await saveInteractionStandard(tx, 'account', [
      { id: 'verify-identity', label: 'Verify identity before changing the account', required: true },
      { id: 'confirm-fix', label: 'Confirm the change with the customer', required: true },
    ]);
    await saveInteractionStandard(tx, 'refund', [
      { id: 'verify-identity', label: 'Verify identity', required: true, channels: ['phone', 'in_person'] },
      { id: 'check-receipt', label: 'Check the receipt or order number', required: true },
      { id: 'explain-timeline', label: 'Explain when the money arrives', required: true },
    ]);
    return { policies: policies.length, rules: position };
  });
}
