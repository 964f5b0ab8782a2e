import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { rows, sql } from '../../db/sql.ts';
import { subscribeReasoning } from '../../reasoning/reactions.ts';
import { ReasoningService } from '../../reasoning/service.ts';

let t: TestApp;
let reasoning: ReasoningService;

beforeAll(async () => {
  t = await createTestApp({
    reasoning: ({ db, events }) => {
      reasoning = new ReasoningService({ db, trainer: 'inline', syncEverySeconds: 0, catalogue: false });
      subscribeReasoning(events, reasoning);
      return reasoning;
    },
  });
});
afterAll(() => t.close());

const unique = () => Math.random().toString(36).slice(2, 10);

async function ingest(
  body: string,
  subject: string,
  email = `c${unique()}@example.com`,
  name = 'Ada Lovelace',
) {
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email, name }, subject, body }),
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { caseId: string; customerId: string };
}

async function patch(caseId: string, payload: object) {
  const read = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}` });
  const res = await t.call('agent', {
    method: 'PATCH',
    url: `/api/v1/cases/${caseId}`,
    headers: { 'if-match': read.headers.etag as string },
    payload,
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** The real path: a customer writes, an agent replies, then resolves the case with a category. */
async function resolvedCase(category: string, subject: string, body: string, reply: string, email?: string) {
  const { caseId, customerId } = await ingest(body, subject, email);
  const sent = await t.call('agent', {
    method: 'POST',
    url: `/api/v1/cases/${caseId}/messages`,
    payload: { kind: 'reply', body: reply },
  });
  expect(sent.statusCode).toBe(201);
  await patch(caseId, { status: 'resolved', category });
  await reasoning.idle();
  return { caseId, customerId };
}

function suggestions(caseId: string, role: Parameters<TestApp['call']>[0] = 'agent') {
  return t.call(role, { method: 'GET', url: `/api/v1/cases/${caseId}/suggestions` });
}

async function caseBaseRecord(caseId: string) {
  const [row] = await rows<{
    record: { outcome?: Record<string, unknown>; feedback?: Record<string, number> };
  }>(t.db.db, sql`select record from case_base where case_id = ${caseId}`);
  return row?.record;
}

const billing = [
  ['Charged twice', 'I was charged twice for order 4411, please refund the second charge.'],
  ['Double charge on my card', 'My card shows a double charge for order 7302. Can you refund one of them?'],
  ['Refund duplicate payment', 'You took the payment twice for order 5120, I want the duplicate refunded.'],
] as const;
const login = [
  ['Cannot log in', 'I cannot log in, the password reset link never arrives in my inbox.'],
  ['Password reset not working', 'The reset password email does not arrive, I am locked out of my account.'],
  ['Locked out', 'Locked out of my account and no password reset email came through.'],
] as const;
const delivery = [
  ['Parcel missing', 'My parcel has not arrived and the tracking has not updated for a week.'],
  ['Where is my delivery', 'The delivery is late, tracking shows no movement since Monday.'],
  ['Late parcel', 'Parcel still not delivered, courier tracking stuck for days.'],
] as const;

describe('GET /api/v1/cases/:id/suggestions while the case base loads', () => {
  it('answers 503 reasoning.warming_up with Retry-After until the service is ready', async () => {
    const { caseId } = await ingest('Where is my parcel?', 'Parcel');
    const res = await suggestions(caseId);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json().code).toBe('reasoning.warming_up');
    await reasoning.start();
    expect(reasoning.ready).toBe(true);
  });
});

describe('suggestions from resolved cases', () => {
  const seeded: string[] = [];
  beforeAll(async () => {
    await reasoning.start();
    for (const [subject, body] of billing) {
      const c = await resolvedCase(
        'billing',
        subject,
        body,
        `Hello, I have refunded the duplicate charge for order ${body.match(/\d{4}/)![0]}. It shows within 5 days.`,
      );
      seeded.push(c.caseId);
    }
    for (const [subject, body] of login) {
      await resolvedCase(
        'account_access',
        subject,
        body,
        'I have sent a new reset link; it is valid for one hour.',
      );
    }
    for (const [subject, body] of delivery) {
      await resolvedCase(
        'delivery',
        subject,
        body,
        'I have asked the courier to trace the parcel and will update you.',
      );
    }
    await reasoning.retrain();
  });

  it('retains each resolved case once, with its problem, reply, category and outcome', async () => {
    const record = await caseBaseRecord(seeded[0]!);
    expect(record).toMatchObject({
      id: seeded[0],
      channel: 'email',
      category: 'billing',
      solution: { category: 'billing', reply: expect.stringContaining('refunded the duplicate charge') },
      outcome: { reopened: false, repeatContact7d: false },
    });
    expect(reasoning.status()).toMatchObject({ ready: true, cases: 9 });
    expect(reasoning.status().model?.categories).toBe(3);
  });

  it('suggests category, similar cases with why they matched, and a reply filled for this customer', async () => {
    const { caseId } = await ingest(
      'Hi, I got charged twice for order 9917, please refund the extra charge.',
      'Charged twice again',
      `c${unique()}@example.com`,
      'Grace Hopper',
    );
    const res = await suggestions(caseId);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ caseId, abstained: false, category: { value: 'billing' } });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.category.confidence).toBeGreaterThan(0.5);
    expect(body.category.evidence.summary).toMatch(/similar case/);
    expect(seeded).toContain(body.similarCases[0].caseId);
    expect(body.similarCases[0].why.sharedTerms).toEqual(expect.arrayContaining(['charged']));
    expect(body.similarCases[0].why.matchingAttributes).toContain('channel');
    expect(body.reply.text).toContain('9917');
    expect(body.reply.text).not.toMatch(/4411|7302|5120/);
    expect(body.followUp).toMatchObject({ likely: false });
    expect(body.offers).toEqual([]);
  });

  it('says "no similar case" for an unrelated problem', async () => {
    const { caseId } = await ingest('Do you sell gift vouchers for the garden centre?', 'Vouchers');
    const res = await suggestions(caseId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ abstained: true, message: 'no similar case' });
  });

  it('records feedback once per agent and credits the cases the suggestion came from', async () => {
    const { caseId } = await ingest('Charged twice for order 3141, refund please.', 'Charged twice');
    const s = (await suggestions(caseId)).json();
    const url = `/api/v1/cases/${caseId}/suggestions/${s.id}/feedback`;
    const res = await t.call('agent', { method: 'POST', url, payload: { verdict: 'accepted' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ suggestionId: s.id, verdict: 'accepted' });
    expect(res.json().casesCredited).toBeGreaterThan(0);
    expect((await caseBaseRecord(s.similarCases[0].caseId))?.feedback).toMatchObject({ accepted: 1 });
    const again = await t.call('agent', { method: 'POST', url, payload: { verdict: 'rejected' } });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('reasoning.feedback_already_given');
    const edited = await t.call('lead', {
      method: 'POST',
      url,
      payload: { verdict: 'edited', editedText: 'Refunded, sorry for the trouble.' },
    });
    expect(edited.statusCode).toBe(201);
    const audit = await rows<{ action: string }>(
      t.db.db,
      sql`select action from audit_log where entity_id = ${caseId} and action = 'reasoning.feedback_recorded'`,
    );
    expect(audit).toHaveLength(2);
  });

  it('marks a reopened case and a repeat contact in the case base', async () => {
    const email = `c${unique()}@example.com`;
    const { caseId } = await resolvedCase(
      'delivery',
      'Parcel lost',
      'My parcel never came, tracking is stuck.',
      'I have asked the courier to trace it.',
      email,
    );
    await ingest('Still no parcel and now the tracking number is invalid.', 'Another problem', email);
    await reasoning.idle();
    expect((await caseBaseRecord(caseId))?.outcome).toMatchObject({ repeatContact7d: true });
    await patch(caseId, { status: 'open' });
    await reasoning.idle();
    expect((await caseBaseRecord(caseId))?.outcome).toMatchObject({ reopened: true });
    await patch(caseId, { status: 'resolved' });
    await reasoning.idle();
    const stored = await rows(t.db.db, sql`select 1 from case_base where case_id = ${caseId}`);
    expect(stored).toHaveLength(1);
    expect((await caseBaseRecord(caseId))?.outcome).toMatchObject({ reopened: true, repeatContact7d: true });
  });

  it('answers 401 without credentials, 403 to an ingest token, 404 for unknown ids, 400 for bad input', async () => {
    const { caseId } = await ingest('Charged twice for order 2718.', 'Charged twice');
    expect((await suggestions(caseId, null)).statusCode).toBe(401);
    const forbidden = await suggestions(caseId, 'ingest');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('auth.forbidden');
    const missing = await suggestions('7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('case.not_found');
    const bad = await suggestions('42');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('params');

    const s = (await suggestions(caseId)).json();
    const feedback = (sid: string, payload: object, role: 'agent' | 'ingest' | null = 'agent') =>
      t.call(role, { method: 'POST', url: `/api/v1/cases/${caseId}/suggestions/${sid}/feedback`, payload });
    const unknown = await feedback('7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11', { verdict: 'accepted' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('suggestion.not_found');
    const textWithoutEdit = await feedback(s.id, { verdict: 'accepted', editedText: 'x' });
    expect(textWithoutEdit.statusCode).toBe(422);
    expect(textWithoutEdit.json().code).toBe('reasoning.edited_text_without_edit');
    const invalid = await feedback(s.id, { verdict: 'loved' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('request.invalid');
    expect((await feedback(s.id, { verdict: 'accepted' }, null)).statusCode).toBe(401);
    expect((await feedback(s.id, { verdict: 'accepted' }, 'ingest')).statusCode).toBe(403);
    const otherCase = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${seeded[0]}/suggestions/${s.id}/feedback`,
      payload: { verdict: 'accepted' },
    });
    expect(otherCase.statusCode).toBe(404);
  });
});

describe('GET/PUT /api/v1/reasoning/settings', () => {
  it('lets an admin read and set weights and the abstention rule, applied at once', async () => {
    await reasoning.start();
    const read = await t.call('admin', { method: 'GET', url: '/api/v1/reasoning/settings' });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      stored: { weights: {}, abstainBelow: null },
      effective: { weights: { text: 1, classifier: 0.5 }, abstainBelow: 0.35 },
      status: { ready: true },
    });
    const put = await t.call('admin', {
      method: 'PUT',
      url: '/api/v1/reasoning/settings',
      payload: { weights: { product: 0.4 }, abstainBelow: 1 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      version: read.json().version + 1,
      effective: { weights: { product: 0.4, text: 1 }, abstainBelow: 1 },
    });
    const { caseId } = await ingest('I was charged twice for order 4411, please refund.', 'Charged twice');
    expect((await suggestions(caseId)).json().abstained).toBe(true);
    const reset = await t.call('admin', { method: 'PUT', url: '/api/v1/reasoning/settings', payload: {} });
    expect(reset.json().effective).toMatchObject({ abstainBelow: 0.35, weights: { product: 0.2 } });
  });

  it('refuses other roles (403) and out-of-range values (400)', async () => {
    const agent = await t.call('agent', { method: 'GET', url: '/api/v1/reasoning/settings' });
    expect(agent.statusCode).toBe(403);
    const manager = await t.call('manager', {
      method: 'PUT',
      url: '/api/v1/reasoning/settings',
      payload: {},
    });
    expect(manager.statusCode).toBe(403);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/reasoning/settings' })).statusCode).toBe(401);
    for (const payload of [{ weights: { text: -1 } }, { abstainBelow: 2 }, { weights: { colour: 1 } }]) {
      const res = await t.call('admin', { method: 'PUT', url: '/api/v1/reasoning/settings', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('request.invalid');
    }
  });
});

describe('/api/v1/reasoning/offer-rules', () => {
  const url = '/api/v1/reasoning/offer-rules';
  const valid = () => ({
    offer: 'Waive the next delivery fee',
    rationale: 'A customer charged twice should not pay for the next delivery as well.',
    ownerId: t.agentIds.lead,
    conditions: { tiers: ['standard'], categories: ['billing'], minConfidence: 0.5 },
  });
  const create = (payload: object, role: Parameters<TestApp['call']>[0] = 'admin') =>
    t.call(role, { method: 'POST', url, payload });

  it('creates, lists, edits and retires a rule; agents see its offer with owner and reason while it is in force', async () => {
    await reasoning.start();
    const created = await create(valid());
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const rule = created.json();
    expect(rule).toMatchObject({
      version: 1,
      offer: 'Waive the next delivery fee',
      owner: { id: t.agentIds.lead, name: 'Test lead' },
      conditions: { tiers: ['standard'], categories: ['billing'], products: null, minConfidence: 0.5 },
      retired: false,
      editedBy: { id: t.agentIds.admin },
      editReason: 'First version',
    });
    const list = await t.call('admin', { method: 'GET', url });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(rule.id);

    const { caseId } = await ingest('I was charged twice for order 8080, please refund.', 'Charged twice');
    const offered = (await suggestions(caseId)).json();
    expect(offered.category.value).toBe('billing');
    expect(offered.offers).toContainEqual({
      id: rule.id,
      title: 'Waive the next delivery fee',
      reason: valid().rationale,
      owner: 'Test lead',
    });

    const edited = await t.call('admin', {
      method: 'PUT',
      url: `${url}/${rule.id}`,
      headers: { 'if-match': '"1"' },
      payload: {
        offer: 'Waive the next two delivery fees',
        ownerId: t.agentIds.manager,
        reason: 'Two fees, per the new policy',
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.json()).toMatchObject({
      version: 2,
      offer: 'Waive the next two delivery fees',
      rationale: valid().rationale,
      owner: { id: t.agentIds.manager, name: 'Test manager' },
      conditions: { categories: ['billing'] },
      editReason: 'Two fees, per the new policy',
    });
    expect(edited.json().history.map((h: { version: number }) => h.version)).toEqual([1, 2]);
    const read = await t.call('admin', { method: 'GET', url: `${url}/${rule.id}` });
    expect(read.headers.etag).toBe('"2"');
    expect((await suggestions(caseId)).json().offers).toContainEqual(
      expect.objectContaining({
        id: rule.id,
        title: 'Waive the next two delivery fees',
        owner: 'Test manager',
      }),
    );

    const retired = await t.call('admin', {
      method: 'DELETE',
      url: `${url}/${rule.id}?reason=Policy%20ended`,
      headers: { 'if-match': '"2"' },
    });
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ version: 3, retired: true, editReason: 'Policy ended' });
    expect((await suggestions(caseId)).json().offers).toEqual([]);
    const active = await t.call('admin', { method: 'GET', url });
    expect(active.json().items.map((r: { id: string }) => r.id)).not.toContain(rule.id);
    const all = await t.call('admin', { method: 'GET', url: `${url}?includeRetired=true` });
    expect(all.json().items).toContainEqual(
      expect.objectContaining({ id: rule.id, retired: true, version: 3 }),
    );

    const audit = await rows<{ action: string; actorId: string }>(
      t.db.db,
      sql`select action, actor_id as "actorId" from audit_log where entity = 'offer_rule' and entity_id = ${rule.id} order by id`,
    );
    expect(audit).toEqual([
      { action: 'reasoning.offer_rule_created', actorId: t.agentIds.admin },
      { action: 'reasoning.offer_rule_changed', actorId: t.agentIds.admin },
      { action: 'reasoning.offer_rule_retired', actorId: t.agentIds.admin },
    ]);
  });

  it('answers 401, 403, 404, 400, 409, 428 and 422 as problem+json', async () => {
    expect((await t.call(null, { method: 'GET', url })).statusCode).toBe(401);
    expect((await create(valid(), null)).statusCode).toBe(401);
    for (const role of ['agent', 'lead', 'manager', 'ingest'] as const) {
      const forbidden = await create(valid(), role);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().code).toBe('auth.forbidden');
    }
    expect((await t.call('manager', { method: 'GET', url })).statusCode).toBe(403);

    const unknown = '7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11';
    for (const [method, headers] of [
      ['GET', {}],
      ['PUT', { 'if-match': '"1"' }],
      ['DELETE', { 'if-match': '"1"' }],
    ] as const) {
      const missing = await t.call('admin', {
        method,
        url: `${url}/${unknown}`,
        headers,
        ...(method === 'PUT' ? { payload: { reason: 'x' } } : {}),
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('offer_rule.not_found');
    }

    for (const payload of [
      { ...valid(), rationale: undefined },
      { ...valid(), rationale: '   ' },
      { ...valid(), ownerId: 'dana' },
      { ...valid(), conditions: { minConfidence: 2, categories: ['billing'] } },
      { ...valid(), conditions: { colour: ['red'] } },
      { ...valid(), extra: true },
    ]) {
      const bad = await create(payload);
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json().code).toBe('request.invalid');
    }
    expect((await t.call('admin', { method: 'GET', url: `${url}/42` })).statusCode).toBe(400);

    const integration = await create({ ...valid(), ownerId: t.agentIds.ingest });
    expect(integration.statusCode).toBe(422);
    expect(integration.json().code).toBe('offer_rule.unknown_owner');
    const nobody = await create({ ...valid(), ownerId: unknown });
    expect(nobody.json().code).toBe('offer_rule.unknown_owner');
    const everyone = await create({ ...valid(), conditions: {} });
    expect(everyone.statusCode).toBe(422);
    expect(everyone.json().code).toBe('offer_rule.no_conditions');
    const confidenceAlone = await create({ ...valid(), conditions: { tiers: ['gold'], minConfidence: 0.5 } });
    expect(confidenceAlone.statusCode).toBe(422);
    expect(confidenceAlone.json().code).toBe('offer_rule.invalid_conditions');

    const rule = (await create({ ...valid(), conditions: { products: ['Kettle One'] } })).json();
    const put = (
      headers: Record<string, string>,
      payload: object = { rationale: 'Kettles break', reason: 'Clearer' },
    ) => t.call('admin', { method: 'PUT', url: `${url}/${rule.id}`, headers, payload });
    const noIfMatch = await put({});
    expect(noIfMatch.statusCode).toBe(428);
    expect(noIfMatch.json().code).toBe('request.precondition_required');
    expect((await put({ 'if-match': '"1"' }, { rationale: 'x' })).statusCode).toBe(400); // no reason
    expect((await put({ 'if-match': '"1"' })).statusCode).toBe(200);
    const stale = await put({ 'if-match': '"1"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'offer_rule.version_conflict',
      details: { actualVersion: 2 },
    });
    const staleRetire = await t.call('admin', { method: 'DELETE', url: `${url}/${rule.id}?version=1` });
    expect(staleRetire.statusCode).toBe(409);
    const emptied = await put({ 'if-match': '"2"' }, { conditions: {}, reason: 'Everyone' });
    expect(emptied.statusCode).toBe(422);
    expect(emptied.json().code).toBe('offer_rule.no_conditions');
    expect((await t.call('admin', { method: 'DELETE', url: `${url}/${rule.id}?version=2` })).statusCode).toBe(
      200,
    );
    const afterRetired = await put({ 'if-match': '"3"' });
    expect(afterRetired.statusCode).toBe(422);
    expect(afterRetired.json().code).toBe('offer_rule.retired');
  });
});

describe('API description', () => {
  it('lists the reasoning endpoints in the OpenAPI document', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/cases/{id}/suggestions',
        '/api/v1/cases/{id}/suggestions/{sid}/feedback',
        '/api/v1/reasoning/settings',
        '/api/v1/reasoning/offer-rules',
        '/api/v1/reasoning/offer-rules/{id}',
      ]),
    );
  });
});
