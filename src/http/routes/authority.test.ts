import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { buildPurchase } from '../../../test/factories.ts';
import { approvalSlaJob } from '../../commands/authority/approval-sla-job.ts';
import type { Role } from '../../core/access/roles.ts';
import { systemClock } from '../../core/ports.ts';
import { rows, sql } from '../../db/sql.ts';

let t: TestApp;
let creditRuleId: string;

beforeAll(async () => {
  t = await createTestApp();
  // Goodwill credit for agents: 50.00 EUR per action, 100.00 EUR per customer per 30 days, owned by the manager.
  const res = await t.call('admin', {
    method: 'POST',
    url: '/api/v1/authority/rules',
    payload: {
      name: 'Goodwill credit for agents',
      actionType: 'goodwill_credit',
      scope: { role: 'agent' },
      limits: { perAction: '50.00 EUR', perCustomer: { periodDays: 30, maxAmount: '100.00 EUR' } },
      ownerId: t.agentIds.manager,
      rationale: 'Small gestures fix most complaints faster than a follow-up contact would.',
      override: { allowed: true, roles: ['lead', 'manager'] },
      approval: { by: 'owner' },
    },
  });
  expect(res.statusCode).toBe(201);
  creditRuleId = res.json().id;
});
afterAll(() => t.close());

async function newCase(customer: { lifetimeValueMinor?: number; tier?: string } = {}) {
  const email = `c${Math.random().toString(36).slice(2)}@example.com`;
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email } }),
  });
  const ids = res.json() as { caseId: string; customerId: string };
  await t.db.db.execute(
    sql`update customers set lifetime_value_minor = ${customer.lifetimeValueMinor ?? 40_000}, tier = ${customer.tier ?? 'standard'}
        where id = ${ids.customerId}`,
  );
  return ids;
}

const credit = (amount: unknown, extra: Record<string, unknown> = {}) => ({
  actionType: 'goodwill_credit',
  params: { amount, reason: 'Late delivery' },
  ...extra,
});

function post(role: Role | null, url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.call(role, { method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers });
}

function get(role: Role | null, url: string) {
  return t.call(role, { method: 'GET', url: `/api/v1${url}` });
}

async function auditActions(entityId: string) {
  return (
    await rows<{ action: string; actorId: string; after: Record<string, unknown> }>(
      t.db.db,
      sql`select action, actor_id as "actorId", after from audit_log where entity_id = ${entityId} order by id`,
    )
  ).map((r) => r);
}

describe('GET/POST /api/v1/authority/catalogue', () => {
  it('lists the built-in action types with their parameters and default owner', async () => {
    const res = await get('agent', '/authority/catalogue');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining(['goodwill_credit', 'refund', 'warranty_exchange', 'callback_promise']),
    );
    expect(res.json().items[0].defaultOwner.id).toBe(t.agentIds.admin);
  });

  it('answers 401 without credentials and 403 to an ingest token', async () => {
    expect((await get(null, '/authority/catalogue')).statusCode).toBe(401);
    const res = await get('ingest', '/authority/catalogue');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });

  it('lets an admin add an action type, refuses agents, bad bodies and duplicates', async () => {
    const type = {
      id: 'loyalty_points',
      label: 'Loyalty points',
      verb: 'grant points worth',
      measure: 'money',
      params: [
        { name: 'amount', kind: 'money', required: true },
        { name: 'reason', kind: 'text', required: true },
      ],
    };
    expect((await post('agent', '/authority/catalogue', type)).statusCode).toBe(403);
    const created = await post('admin', '/authority/catalogue', type);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'loyalty_points', defaultOwner: { id: t.agentIds.admin } });
    const again = await post('admin', '/authority/catalogue', type);
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('authority.action_type_exists');
    const bad = await post('admin', '/authority/catalogue', { ...type, measure: 'weight' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('measure');
    const invalid = await post('admin', '/authority/catalogue', { ...type, id: 'no_amount', params: [] });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().code).toBe('authority.invalid_catalogue');
    const ids = (await get('agent', '/authority/catalogue')).json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain('loyalty_points');
  });
});

describe('OpenAPI', () => {
  it('documents the authority endpoints', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths;
    for (const path of [
      '/api/v1/authority/rules/{id}',
      '/api/v1/cases/{id}/actions/evaluate',
      '/api/v1/cases/{id}/actions/approval-requests',
      '/api/v1/authority/approvals/{id}/approve',
      '/api/v1/authority/friction',
      '/api/v1/authority/reports/agents',
    ]) {
      expect(paths[path], path).toBeDefined();
    }
  });
});

describe('rules: /api/v1/authority/rules', () => {
  const valid = () => ({
    name: 'Callbacks for agents',
    actionType: 'callback_promise',
    scope: { role: 'agent' },
    limits: { perAgentDay: { maxActions: 5 } },
    ownerId: t.agentIds.lead,
    rationale: 'Promised callbacks must be kept; five a day is what a shift can honour.',
  });

  it('creates version 1 with its owner and an ETag, audited', async () => {
    const res = await post('admin', '/authority/rules', valid());
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      version: 1,
      owner: { id: t.agentIds.lead, name: 'Test lead' },
      inForce: true,
      approval: { by: 'owner' },
      editedBy: { id: t.agentIds.admin },
    });
    expect((await auditActions(res.json().id)).map((a) => a.action)).toEqual(['authority.rule_created']);
  });

  it('refuses agents (403), bad bodies (400) and invalid rules (422 with every problem)', async () => {
    expect((await post('agent', '/authority/rules', valid())).statusCode).toBe(403);
    const bad = await post('admin', '/authority/rules', { ...valid(), ownerId: 'dana' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.invalid');
    const invalid = await post('admin', '/authority/rules', {
      ...valid(),
      rationale: 'Because.',
      limits: { perAgentDay: {} },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().code).toBe('authority.invalid_rule');
    expect(invalid.json().details.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['rationale', 'limits.perAgentDay']),
    );
    const noOwner = await post('admin', '/authority/rules', { ...valid(), ownerId: t.agentIds.ingest });
    expect(noOwner.json().code).toBe('authority.unknown_person');
    const negative = await post('admin', '/authority/rules', {
      ...valid(),
      actionType: 'goodwill_credit',
      limits: { perAction: '-5.00 EUR' },
    });
    expect(negative.statusCode).toBe(422);
    expect(negative.json().code).toBe('authority.invalid_amount');
  });

  it('saves a new version with If-Match, keeps the history, and refuses a stale one with 409', async () => {
    const created = (await post('admin', '/authority/rules', valid())).json();
    const url = `/api/v1/authority/rules/${created.id}`;
    const missing = await t.call('admin', { method: 'PUT', url, payload: { reason: 'More', name: 'x' } });
    expect(missing.statusCode).toBe(428);
    const saved = await t.call('admin', {
      method: 'PUT',
      url,
      headers: { 'if-match': '"1"' },
      payload: { limits: { perAgentDay: { maxActions: 8 } }, reason: 'Shifts got longer in November.' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.json()).toMatchObject({ version: 2, limits: { perAgentDay: { maxActions: 8 } } });
    const stale = await t.call('admin', {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Callbacks', reason: 'Rename' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('authority_rule.version_conflict');
    const read = await get('agent', `/authority/rules/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().versions.map((v: { version: number; editReason: string }) => v.editReason)).toEqual([
      'First version',
      'Shifts got longer in November.',
    ]);
    const audit = await auditActions(created.id);
    expect(audit.map((a) => a.action)).toEqual(['authority.rule_created', 'authority.rule_changed']);
    expect(audit[1]!.actorId).toBe(t.agentIds.admin);
  });

  it('answers 404 for an unknown rule and 400 for an id that is not a UUID', async () => {
    const missing = await get('agent', '/authority/rules/7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('authority_rule.not_found');
    expect((await get('agent', '/authority/rules/42')).statusCode).toBe(400);
  });

  it('lists rules with the version in force', async () => {
    const res = await get('agent', '/authority/rules?actionType=goodwill_credit');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: creditRuleId, inForce: true, inForceVersion: 1 }),
    ]);
  });
});

describe('POST /api/v1/cases/:id/actions/evaluate', () => {
  it('shows an allowed decision with what is left, naming the rule and owner', async () => {
    const { caseId } = await newCase();
    const res = await post('agent', `/cases/${caseId}/actions/evaluate`, credit('30.00 EUR'));
    expect(res.statusCode).toBe(200);
    expect(res.json().decision).toMatchObject({
      outcome: 'allowed',
      amount: { amountMinor: 3000, currency: 'EUR', formatted: '30.00 EUR' },
      rule: { id: creditRuleId, version: 1, owner: { id: t.agentIds.manager } },
      // After this: 50.00 in one action still binds before the 70.00 left for this customer.
      remaining: { amount: { amountMinor: 5000 }, binding: 'per_action' },
    });
    expect(res.json().held.remaining.sentence).toBe('You can credit up to 50.00 EUR in one action.');
  });

  it('says who can approve when the amount is over the limit', async () => {
    const { caseId } = await newCase();
    const res = await post(
      'agent',
      `/cases/${caseId}/actions/evaluate`,
      credit({ amountMinor: 5001, currency: 'EUR' }),
    );
    expect(res.json().decision).toMatchObject({
      outcome: 'needs_approval',
      approver: { kind: 'person', person: { id: t.agentIds.manager }, via: 'owner' },
      limit: { kind: 'per_action', limit: { amountMinor: 5000 }, requested: { amountMinor: 5001 } },
      overridable: true,
    });
    expect(res.json().decision.reason).toContain('Test manager can approve it');
  });

  it('denies a role no rule covers, naming the catalogue owner', async () => {
    const { caseId } = await newCase();
    const res = await post('manager', `/cases/${caseId}/actions/evaluate`, credit('10.00 EUR'));
    expect(res.json().decision).toMatchObject({
      outcome: 'denied',
      cause: 'no_rule',
      owner: { id: t.agentIds.admin },
    });
  });

  it.each([
    ['an unknown action', { actionType: 'free_car', params: {} }, 'authority.unknown_action'],
    ['a negative amount', credit('-5.00 EUR'), 'authority.invalid_amount'],
    ['a zero amount', credit('0.00 EUR'), 'authority.invalid_amount'],
    ['an absurd amount', credit('99999999.00 EUR'), 'authority.invalid_amount'],
    ['fractional minor units', credit({ amountMinor: 10.5, currency: 'EUR' }), 'authority.invalid_amount'],
    ['a float amount', credit(12.5), 'authority.invalid_amount'],
    ['too many decimals', credit('1.001 EUR'), 'authority.invalid_amount'],
    ['another currency than the limit', credit('10.00 USD'), 'authority.currency_mismatch'],
    [
      'a missing parameter',
      { actionType: 'goodwill_credit', params: { amount: '1.00 EUR' } },
      'authority.invalid_request',
    ],
  ])('refuses %s with a clear code (422)', async (_name, body, code) => {
    const { caseId } = await newCase();
    const res = await post('agent', `/cases/${caseId}/actions/evaluate`, body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
  });

  it('answers 400 for a malformed body, 404 for an unknown case, 403 to ingest', async () => {
    const { caseId } = await newCase();
    const bad = await post('agent', `/cases/${caseId}/actions/evaluate`, { params: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('actionType');
    const missing = await post(
      'agent',
      '/cases/7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11/actions/evaluate',
      credit('1.00 EUR'),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('case.not_found');
    expect((await post('ingest', `/cases/${caseId}/actions/evaluate`, credit('1.00 EUR'))).statusCode).toBe(
      403,
    );
  });
});

describe('POST /api/v1/cases/:id/actions (execute)', () => {
  it('executes within authority, records it on the case and customer, audits it and emits an event', async () => {
    const { caseId, customerId } = await newCase();
    const seen: string[] = [];
    const off = t.events.subscribe((e) => seen.push(e.type));
    const res = await post('agent', `/cases/${caseId}/actions`, credit('40.00 EUR'));
    off();
    expect(res.statusCode).toBe(201);
    const action = res.json().action;
    expect(action).toMatchObject({
      caseId,
      customerId,
      agentId: t.agentIds.agent,
      basis: 'allowed',
      amount: { amountMinor: 4000, currency: 'EUR' },
      rule: { id: creditRuleId, version: 1 },
    });
    expect(seen).toContain('authority.action_executed');
    expect((await get('agent', `/cases/${caseId}/actions`)).json().items).toHaveLength(1);
    expect((await get('agent', `/customers/${customerId}/actions`)).json().items[0].id).toBe(action.id);
    const audit = await auditActions(action.id);
    expect(audit[0]).toMatchObject({ action: 'authority.action_executed', actorId: t.agentIds.agent });
  });

  it('refuses over the per-customer allowance with 403 authority.limit_exceeded, and audits the refusal', async () => {
    const { caseId } = await newCase();
    expect((await post('agent', `/cases/${caseId}/actions`, credit('50.00 EUR'))).statusCode).toBe(201);
    expect((await post('agent', `/cases/${caseId}/actions`, credit('50.00 EUR'))).statusCode).toBe(201);
    const over = await post('agent', `/cases/${caseId}/actions`, credit('0.01 EUR'));
    expect(over.statusCode).toBe(403);
    expect(over.json()).toMatchObject({
      code: 'authority.limit_exceeded',
      details: {
        decision: {
          outcome: 'needs_approval',
          ruleId: creditRuleId,
          limit: { kind: 'per_customer_period', periodDays: 30 },
          approver: { person: { id: t.agentIds.manager } },
        },
      },
    });
    const audit = await auditActions(caseId);
    expect(audit.map((a) => a.action)).toContain('authority.action_refused');
  });

  it('counts the allowance across merged customer records, and apart again after an undo', async () => {
    const first = await newCase();
    const second = await newCase();
    expect((await post('agent', `/cases/${first.caseId}/actions`, credit('50.00 EUR'))).statusCode).toBe(201);
    expect((await post('agent', `/cases/${second.caseId}/actions`, credit('50.00 EUR'))).statusCode).toBe(
      201,
    );
    const evaluate = async () =>
      (await post('agent', `/cases/${first.caseId}/actions/evaluate`, credit('0.01 EUR'))).json().decision;
    expect((await evaluate()).outcome).toBe('allowed');
    const merged = await post('lead', `/customers/${first.customerId}/merge`, { otherId: second.customerId });
    expect(merged.statusCode).toBe(200);
    // The survivor now holds both credits: 100.00 EUR of its 100.00 EUR per 30 days.
    expect(await evaluate()).toMatchObject({
      outcome: 'needs_approval',
      limit: { kind: 'per_customer_period' },
    });
    const undone = await post('admin', `/customer-merges/${merged.json().mergeId}/undo`, {});
    expect(undone.statusCode).toBe(200);
    expect((await evaluate()).outcome).toBe('allowed');
  });

  it('refuses a denied action with 422 authority.denied naming the owner', async () => {
    const { caseId } = await newCase();
    const res = await post('agent', `/cases/${caseId}/actions`, {
      actionType: 'refund',
      params: { amount: '5.00 EUR', reason: 'Broken', order: '4411' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'authority.denied', details: { cause: 'no_rule' } });
  });
});

describe('warranty exchange without a receipt for valued customers', () => {
  beforeAll(async () => {
    const res = await post('admin', '/authority/rules', {
      name: 'Warranty exchange without receipt for valued customers',
      actionType: 'warranty_exchange',
      scope: { role: 'agent' },
      conditions: { underWarranty: true, receiptOnFile: false, minLifetimeValue: '1000.00 EUR' },
      limits: { perAction: '500.00 EUR' },
      ownerId: t.agentIds.manager,
      rationale: 'Customers who have spent over 1,000 EUR with us rarely game warranty claims.',
    });
    expect(res.statusCode).toBe(201);
  });

  async function exchange(lifetimeValueMinor: number) {
    const { caseId, customerId } = await newCase({ lifetimeValueMinor });
    const purchase = await buildPurchase(t.db, customerId, {
      receiptNumber: null,
      warrantyUntil: '2099-01-01',
    });
    return post('agent', `/cases/${caseId}/actions/evaluate`, {
      actionType: 'warranty_exchange',
      params: { amount: '399.00 EUR', product: 'Aurora Phone 12', fault: 'Screen flickers' },
      purchaseId: purchase.id,
    });
  }

  it('allows it at exactly 1,000.00 EUR of lifetime value and denies it one cent below', async () => {
    expect((await exchange(100_000)).json().decision.outcome).toBe('allowed');
    const below = (await exchange(99_999)).json().decision;
    expect(below).toMatchObject({ outcome: 'denied', cause: 'conditions_not_met' });
    expect(below.reason).toContain('lifetime value is 999.99 EUR, below 1,000.00 EUR');
  });

  it('refuses a purchase of another customer', async () => {
    const other = await newCase();
    const purchase = await buildPurchase(t.db, other.customerId);
    const { caseId } = await newCase();
    const res = await post('agent', `/cases/${caseId}/actions/evaluate`, {
      actionType: 'warranty_exchange',
      params: { amount: '1.00 EUR', product: 'Aurora Phone 12', fault: 'Broken' },
      purchaseId: purchase.id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('authority.unknown_purchase');
  });
});

describe('approvals', () => {
  const justification = 'Third late delivery this month; the customer is about to leave.';

  async function requestOver(role: Role = 'agent') {
    const { caseId } = await newCase();
    const res = await post(
      role,
      `/cases/${caseId}/actions/approval-requests`,
      credit('80.00 EUR', { justification }),
    );
    return { caseId, res };
  }

  it('opens a request to the rule owner with a 15-minute SLA, in one step, audited', async () => {
    const { res } = await requestOver();
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      status: 'pending',
      requester: { id: t.agentIds.agent },
      approver: { kind: 'person', person: { id: t.agentIds.manager } },
      slaMinutes: 15,
      amount: { amountMinor: 8000 },
    });
    expect(new Date(a.deadline).getTime() - new Date(a.requestedAt).getTime()).toBe(15 * 60_000);
    expect((await auditActions(a.id))[0]).toMatchObject({ action: 'authority.approval_requested' });
    const twice = await post(
      'agent',
      `/cases/${a.caseId}/actions/approval-requests`,
      credit('80.00 EUR', { justification }),
    );
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({ code: 'authority.approval_pending', details: { approvalId: a.id } });
  });

  it('requires a justification and refuses a request that needs no approval', async () => {
    const { caseId } = await newCase();
    const short = await post(
      'agent',
      `/cases/${caseId}/actions/approval-requests`,
      credit('80.00 EUR', { justification: 'pls' }),
    );
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('authority.justification_required');
    const missing = await post('agent', `/cases/${caseId}/actions/approval-requests`, credit('80.00 EUR'));
    expect(missing.statusCode).toBe(400);
    const small = await post(
      'agent',
      `/cases/${caseId}/actions/approval-requests`,
      credit('8.00 EUR', { justification }),
    );
    expect(small.statusCode).toBe(422);
    expect(small.json().code).toBe('authority.approval_not_needed');
  });

  it("puts it in the approver's queue; the requester cannot approve it (authority.self_approval)", async () => {
    const { res } = await requestOver();
    const id = res.json().id;
    const queue = await get('manager', '/authority/approvals?status=pending');
    expect(queue.json().view).toBe('queue');
    expect(queue.json().items.map((a: { id: string }) => a.id)).toContain(id);
    const leadQueue = await get('lead', '/authority/approvals?view=queue');
    expect(leadQueue.json().items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect((await get('agent', '/authority/approvals?view=queue')).statusCode).toBe(403);
    expect(
      (await get('agent', '/authority/approvals')).json().items.map((a: { id: string }) => a.id),
    ).toContain(id);
    const self = await post('agent', `/authority/approvals/${id}/approve`, {});
    expect(self.statusCode).toBe(422);
    expect(self.json().code).toBe('authority.self_approval');
    const lead = await post('lead', `/authority/approvals/${id}/approve`, {});
    expect(lead.statusCode).toBe(403);
    expect(lead.json().code).toBe('auth.forbidden');
  });

  it('refuses a manager approving their own request with authority.self_approval', async () => {
    const { caseId } = await newCase();
    // A rule for everyone, approved by any manager; the manager asks, then tries to approve.
    await post('admin', '/authority/rules', {
      name: 'Expedited shipping for everyone',
      actionType: 'expedited_shipping',
      limits: { perCustomer: { periodDays: 30, maxActions: 0 } },
      ownerId: t.agentIds.admin,
      rationale: 'Express shipping costs us 25 EUR; someone else looks at each one.',
      approval: { by: 'role', role: 'manager' },
    });
    const asked = await post('manager', `/cases/${caseId}/actions/approval-requests`, {
      actionType: 'expedited_shipping',
      params: { order: '4411', reason: 'Wedding on Saturday' },
      justification,
    });
    expect(asked.statusCode).toBe(201);
    const self = await post('manager', `/authority/approvals/${asked.json().id}/approve`, {});
    expect(self.statusCode).toBe(422);
    expect(self.json().code).toBe('authority.self_approval');
  });

  it('approving executes the action for the requester; deciding twice is refused', async () => {
    const { caseId, res } = await requestOver();
    const id = res.json().id;
    const seen: string[] = [];
    const off = t.events.subscribe((e) => seen.push(e.type));
    const ok = await post('manager', `/authority/approvals/${id}/approve`, { note: 'Fine, keep them.' });
    off();
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      approval: {
        status: 'approved',
        resolution: { by: { id: t.agentIds.manager }, note: 'Fine, keep them.' },
      },
      action: {
        basis: 'approval',
        agentId: t.agentIds.agent,
        executedBy: t.agentIds.manager,
        approvalId: id,
      },
    });
    expect(seen).toEqual(['authority.approval_decided', 'authority.action_executed']);
    expect((await get('agent', `/cases/${caseId}/actions`)).json().items).toHaveLength(1);
    const again = await post('manager', `/authority/approvals/${id}/reject`, {
      note: 'Changed my mind about it.',
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('approval.invalid_transition');
    expect((await auditActions(id)).map((a) => a.action)).toEqual([
      'authority.approval_requested',
      'authority.approval_approved',
    ]);
  });

  it('a rejection needs a reason and executes nothing', async () => {
    const { caseId, res } = await requestOver();
    const id = res.json().id;
    const bare = await post('manager', `/authority/approvals/${id}/reject`, {});
    expect(bare.json().code).toBe('authority.justification_required');
    const no = await post('manager', `/authority/approvals/${id}/reject`, {
      note: 'Two credits already this month.',
    });
    expect(no.json()).toMatchObject({ approval: { status: 'rejected' }, action: null });
    expect((await get('agent', `/cases/${caseId}/actions`)).json().items).toHaveLength(0);
  });

  it('escalates a request past its SLA to any manager, then any admin, once per deadline', async () => {
    const { res } = await requestOver();
    const id = res.json().id;
    await t.db.db.execute(
      sql`update authority_approvals set deadline = now() - interval '1 second' where id = ${id}`,
    );
    const first = await post('manager', '/authority/approvals/escalate-overdue', {});
    expect(first.statusCode).toBe(200);
    expect(first.json().escalated).toContain(id);
    const second = await post('manager', '/authority/approvals/escalate-overdue', {});
    expect(second.json().escalated).not.toContain(id);
    const read = (await get('manager', `/authority/approvals/${id}`)).json();
    expect(read).toMatchObject({
      status: 'escalated',
      level: 1,
      approver: { kind: 'role', role: 'manager' },
    });
    expect((await post('agent', '/authority/approvals/escalate-overdue', {})).statusCode).toBe(403);
    // Overdue again with nobody past admin left: the lazy sweep on reading the queue expires it.
    await t.db.db.execute(
      sql`update authority_approvals set level = 2, deadline = now() - interval '1 second' where id = ${id}`,
    );
    expect((await get('admin', '/authority/approvals')).statusCode).toBe(200);
    expect((await get('manager', `/authority/approvals/${id}`)).json()).toMatchObject({
      status: 'expired',
      resolution: { by: { id: 'system', name: 'Approval SLA' } },
    });
  });

  it('as a job, escalates an overdue request once however often it runs, in the name of the SLA', async () => {
    const { res } = await requestOver();
    const id = res.json().id;
    await t.db.db.execute(
      sql`update authority_approvals set deadline = now() - interval '1 second' where id = ${id}`,
    );
    const job = approvalSlaJob({ db: t.db, clock: systemClock, events: t.events });
    expect(job.payload.parse({})).toEqual({});
    await job.handle();
    await job.handle();
    expect((await get('manager', `/authority/approvals/${id}`)).json()).toMatchObject({
      status: 'escalated',
      level: 1,
    });
    const escalations = (await auditActions(id)).filter((a) => a.action === 'authority.approval_escalated');
    expect(escalations).toHaveLength(1);
    const byName = await rows<{ actorName: string }>(
      t.db.db,
      sql`select actor_name as "actorName" from audit_log where entity_id = ${id} and action = 'authority.approval_escalated'`,
    );
    expect(byName[0]!.actorName).toBe('Approval SLA');
  });

  it('answers 404 for an unknown approval', async () => {
    const res = await post(
      'manager',
      '/authority/approvals/7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11/approve',
      {},
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('approval.not_found');
  });
});

describe('overrides', () => {
  const justification = 'Customer lost a full day of work waiting for two failed deliveries.';

  it('lets a lead override for the agent, executes it, audits it and reports it to the owner', async () => {
    const { caseId } = await newCase();
    const res = await post('lead', `/cases/${caseId}/actions/override`, {
      ...credit('70.00 EUR'),
      justification,
      forAgentId: t.agentIds.agent,
    });
    expect(res.statusCode).toBe(201);
    const { override, action } = res.json();
    expect(override).toMatchObject({
      overriddenOutcome: 'needs_approval',
      by: { id: t.agentIds.lead, role: 'lead' },
      forAgent: { id: t.agentIds.agent },
      reportTo: { id: t.agentIds.manager },
      acknowledgedAt: null,
    });
    expect(action).toMatchObject({ basis: 'override', overrideId: override.id, agentId: t.agentIds.agent });
    expect((await auditActions(override.id))[0]).toMatchObject({
      action: 'authority.override_recorded',
      actorId: t.agentIds.lead,
    });
    const queue = await get('manager', '/authority/overrides?owner=me&unseen=true');
    expect(queue.json().items.map((o: { id: string }) => o.id)).toContain(override.id);
    expect((await get('lead', '/authority/overrides?owner=me')).json().items).toHaveLength(0);
    const notOwner = await post('lead', `/authority/overrides/${override.id}/acknowledge`, {});
    expect(notOwner.statusCode).toBe(403);
    const seen = await post('manager', `/authority/overrides/${override.id}/acknowledge`, {});
    expect(seen.json().acknowledgedAt).not.toBeNull();
  });

  it('refuses agents (403), short justifications and overriding what is already allowed (422)', async () => {
    const { caseId } = await newCase();
    const agent = await post('agent', `/cases/${caseId}/actions/override`, {
      ...credit('70.00 EUR'),
      justification,
    });
    expect(agent.statusCode).toBe(403);
    const short = await post('lead', `/cases/${caseId}/actions/override`, {
      ...credit('70.00 EUR'),
      justification: 'because',
      forAgentId: t.agentIds.agent,
    });
    expect(short.json().code).toBe('authority.justification_required');
    const allowed = await post('lead', `/cases/${caseId}/actions/override`, {
      ...credit('10.00 EUR'),
      justification,
      forAgentId: t.agentIds.agent,
    });
    expect(allowed.statusCode).toBe(422);
    expect(allowed.json().code).toBe('authority.override_not_allowed');
    const forIntegration = await post('lead', `/cases/${caseId}/actions/override`, {
      ...credit('70.00 EUR'),
      justification,
      forAgentId: t.agentIds.ingest,
    });
    expect(forIntegration.json().code).toBe('authority.unknown_person');
    const forNobody = await post('lead', `/cases/${caseId}/actions/override`, {
      ...credit('70.00 EUR'),
      justification,
      forAgentId: '7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11',
    });
    expect(forNobody.statusCode).toBe(404);
  });
});

describe('friction reports', () => {
  const reason = 'Customers with a broken phone wait a week for the owner to approve.';

  it('lets any agent flag a rule with cases; the owner answers once; others cannot', async () => {
    const { caseId } = await newCase();
    const res = await post('agent', `/authority/rules/${creditRuleId}/friction`, {
      reason,
      caseIds: [caseId],
    });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ status: 'open', owner: { id: t.agentIds.manager }, caseIds: [caseId] });
    const queue = await get('manager', '/authority/friction?owner=me&status=open');
    expect(queue.json().items.map((f: { id: string }) => f.id)).toContain(report.id);
    const answer = { verdict: 'change', response: 'Raising the per-action limit to 75 EUR from Monday.' };
    const notOwner = await post('lead', `/authority/friction/${report.id}/answer`, answer);
    expect(notOwner.statusCode).toBe(403);
    const ok = await post('manager', `/authority/friction/${report.id}/answer`, answer);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'answered', answer: { verdict: 'change' } });
    const twice = await post('manager', `/authority/friction/${report.id}/answer`, answer);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().code).toBe('friction_report.invalid_transition');
    expect((await auditActions(report.id)).map((a) => a.action)).toEqual([
      'authority.friction_reported',
      'authority.friction_answered',
    ]);
  });

  it('lets the reporter, and only the reporter, withdraw an open report', async () => {
    const { caseId } = await newCase();
    const report = (
      await post('agent', `/authority/rules/${creditRuleId}/friction`, { reason, caseIds: [caseId] })
    ).json();
    expect((await post('lead', `/authority/friction/${report.id}/withdraw`, {})).statusCode).toBe(403);
    const res = await post('agent', `/authority/friction/${report.id}/withdraw`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    const answer = { verdict: 'keep', response: 'The limit stays; it protects the monthly budget.' };
    expect((await post('manager', `/authority/friction/${report.id}/answer`, answer)).json().code).toBe(
      'friction_report.invalid_transition',
    );
  });

  it('refuses reports without cases or reasons (422), unknown cases and rules (404), bad ids (400)', async () => {
    const noCases = await post('agent', `/authority/rules/${creditRuleId}/friction`, { reason, caseIds: [] });
    expect(noCases.json().code).toBe('authority.friction_cases_required');
    const { caseId } = await newCase();
    const noReason = await post('agent', `/authority/rules/${creditRuleId}/friction`, {
      reason: 'bad',
      caseIds: [caseId],
    });
    expect(noReason.json().code).toBe('authority.friction_reason_required');
    const unknownCase = await post('agent', `/authority/rules/${creditRuleId}/friction`, {
      reason,
      caseIds: ['7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11'],
    });
    expect(unknownCase.statusCode).toBe(404);
    const unknownRule = await post(
      'agent',
      '/authority/rules/7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11/friction',
      {
        reason,
        caseIds: [caseId],
      },
    );
    expect(unknownRule.json().code).toBe('authority_rule.not_found');
    expect(
      (await post('agent', `/authority/rules/${creditRuleId}/friction`, { reason, caseIds: ['x'] }))
        .statusCode,
    ).toBe(400);
  });
});

describe('GET /api/v1/authority/me', () => {
  it('says what the agent can still do, per action type, with and without a case', async () => {
    const res = await get('agent', '/authority/me');
    expect(res.statusCode).toBe(200);
    const creditHeld = res
      .json()
      .items.find((i: { actionType: string }) => i.actionType === 'goodwill_credit');
    expect(creditHeld).toMatchObject({
      rule: { id: creditRuleId, owner: { id: t.agentIds.manager } },
      remaining: { sentence: 'You can credit up to 50.00 EUR in one action.' },
    });
    const { caseId } = await newCase();
    await post('agent', `/cases/${caseId}/actions`, credit('30.00 EUR'));
    await post('agent', `/cases/${caseId}/actions`, credit('50.00 EUR'));
    const onCase = (await get('agent', `/authority/me?case=${caseId}`)).json();
    expect(
      onCase.items.find((i: { actionType: string }) => i.actionType === 'goodwill_credit').remaining,
    ).toMatchObject({
      amount: { amountMinor: 2000, formatted: '20.00 EUR' },
      sentence: 'You can credit up to 20.00 EUR more for this customer in the last 30 days.',
    });
  });
});

describe('reports', () => {
  it('reports per rule and per agent to managers, not to agents', async () => {
    const rules = await get('manager', '/authority/reports/rules?days=7');
    expect(rules.statusCode).toBe(200);
    const row = rules.json().rows.find((r: { ruleId: string }) => r.ruleId === creditRuleId);
    expect(row).toMatchObject({
      ruleName: 'Goodwill credit for agents',
      csatAverage: null,
      owner: { id: t.agentIds.manager },
    });
    expect(row.allowed).toBeGreaterThan(0);
    expect(row.needsApproval).toBeGreaterThan(0);
    expect(row.overridden).toBeGreaterThan(0);
    const agents = await get('manager', '/authority/reports/agents?days=1');
    const mine = agents
      .json()
      .rows.find(
        (r: { agentId: string; actionType: string }) =>
          r.agentId === t.agentIds.agent && r.actionType === 'goodwill_credit',
      );
    expect(mine.usedAmountMinor).toBeGreaterThan(0);
    expect((await get('agent', '/authority/reports/rules')).statusCode).toBe(403);
    expect((await get('manager', '/authority/reports/rules?days=0')).statusCode).toBe(400);
  });
});
