import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { createApiToken } from '../../commands/access/create-api-token.ts';
import { CLI_OPERATOR } from '../../core/access/roles.ts';
import { one, sql } from '../../db/sql.ts';

/**
 * The proof the issue asks for, against real PostgreSQL: two agents spending the same customer's
 * allowance at the same moment must not both pass. Each execution locks the customer's usage row,
 * re-reads usage and re-decides inside its transaction, so the second sees the first one's credit.
 */
let t: TestApp;
let secondAgentToken: string;
let secondAgentId: string;

beforeAll(async () => {
  t = await createTestApp();
  const second = await createApiToken(t.db, CLI_OPERATOR, { name: 'Second agent', role: 'agent' });
  secondAgentToken = second.token;
  secondAgentId = second.agentId;
  const rule = await t.call('admin', {
    method: 'POST',
    url: '/api/v1/authority/rules',
    payload: {
      name: 'Goodwill credit, 100 EUR per customer a month',
      actionType: 'goodwill_credit',
      scope: { role: 'agent' },
      limits: { perAction: '100.00 EUR', perCustomer: { periodDays: 30, maxAmount: '100.00 EUR' } },
      ownerId: t.agentIds.manager,
      rationale: 'One customer gets at most 100 EUR of goodwill a month, whoever they talk to.',
    },
  });
  expect(rule.statusCode).toBe(201);
});
afterAll(() => t.close());

async function newCase() {
  const email = `c${Math.random().toString(36).slice(2)}@example.com`;
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email } }),
  });
  return res.json() as { caseId: string; customerId: string };
}

function execute(token: string, caseId: string, amount: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/actions`,
    headers: { authorization: `Bearer ${token}` },
    payload: { actionType: 'goodwill_credit', params: { amount, reason: 'Parcel lost twice' } },
  });
}

describe('two agents spending the same per-customer allowance at once', () => {
  it('lets exactly one pass; the other is told it needs approval, every time', async () => {
    for (let round = 0; round < 8; round++) {
      const { caseId, customerId } = await newCase();
      const [a, b] = await Promise.all([
        execute(t.tokens.agent, caseId, '60.00 EUR'),
        execute(secondAgentToken, caseId, '60.00 EUR'),
      ]);
      const statuses = [a.statusCode, b.statusCode].sort();
      expect(statuses).toEqual([201, 403]);
      const refused = a.statusCode === 403 ? a : b;
      expect(refused.json()).toMatchObject({
        code: 'authority.limit_exceeded',
        details: {
          decision: {
            outcome: 'needs_approval',
            limit: {
              kind: 'per_customer_period',
              used: { amountMinor: 6000 },
              requested: { amountMinor: 6000 },
            },
          },
        },
      });
      const spent = await one<{ total: number; n: number }>(
        t.db.db,
        sql`select coalesce(sum(amount_minor), 0)::int as total, count(*)::int as n
            from authority_actions where customer_id = ${customerId}`,
      );
      expect(spent).toEqual({ total: 6000, n: 1 });
    }
  });

  it('lets both pass when together they stay within the allowance, exactly at the limit', async () => {
    const { caseId, customerId } = await newCase();
    const results = await Promise.all([
      execute(t.tokens.agent, caseId, '40.00 EUR'),
      execute(secondAgentToken, caseId, '60.00 EUR'),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    const agents = results.map((r) => r.json().action.agentId).sort();
    expect(agents).toEqual([t.agentIds.agent, secondAgentId].sort());
    const spent = await one<{ total: number }>(
      t.db.db,
      sql`select sum(amount_minor)::int as total from authority_actions where customer_id = ${customerId}`,
    );
    expect(spent?.total).toBe(10_000);
    const third = await execute(t.tokens.agent, caseId, '0.01 EUR');
    expect(third.statusCode).toBe(403);
  });

  it('never passes both when an approval and an execution race for the last of the allowance', async () => {
    const { caseId, customerId } = await newCase();
    // 60 is spent; the agent asks approval for 60 more, and the approver approves while another agent spends 40.
    expect((await execute(t.tokens.agent, caseId, '60.00 EUR')).statusCode).toBe(201);
    const asked = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/actions/approval-requests`,
      payload: {
        actionType: 'goodwill_credit',
        params: { amount: '60.00 EUR', reason: 'Parcel lost twice' },
        justification: 'Second lost parcel; the customer paid for express delivery both times.',
      },
    });
    expect(asked.statusCode).toBe(201);
    const [approved, spent] = await Promise.all([
      t.call('manager', {
        method: 'POST',
        url: `/api/v1/authority/approvals/${asked.json().id}/approve`,
        payload: {},
      }),
      execute(secondAgentToken, caseId, '40.00 EUR'),
    ]);
    // The approval is a decision by a person to go past the limit, so it executes; the agent's own
    // 40 fits only if it ran first. Either way the record is exact: one row per success.
    expect(approved.statusCode).toBe(200);
    const total = await one<{ total: number; n: number }>(
      t.db.db,
      sql`select sum(amount_minor)::int as total, count(*)::int as n from authority_actions where customer_id = ${customerId}`,
    );
    expect(total?.n).toBe(spent.statusCode === 201 ? 3 : 2);
  });
});
