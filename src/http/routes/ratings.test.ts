import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { buildResolvedCase, upsertCaseBaseRecord } from '../../db/repositories/reasoning.ts';
import { one, rows, sql } from '../../db/sql.ts';
import type { DomainEvent } from '../../events.ts';
import { subscribeReasoning } from '../../reasoning/reactions.ts';
import { ReasoningService } from '../../reasoning/service.ts';

let t: TestApp;
const events: DomainEvent[] = [];
beforeAll(async () => {
  t = await createTestApp();
  t.events.subscribe((e) => events.push(e));
});
afterAll(() => t.close());

const unique = () => Math.random().toString(36).slice(2);

async function newCase(email = `c${unique()}@example.com`) {
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email } }),
  });
  return res.json() as { caseId: string; customerId: string };
}

async function setStatus(caseId: string, status: string) {
  const read = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}` });
  const res = await t.call('agent', {
    method: 'PATCH',
    url: `/api/v1/cases/${caseId}`,
    headers: { 'if-match': read.headers.etag as string },
    payload: { status },
  });
  expect(res.statusCode).toBe(200);
}

async function resolvedCase(email?: string) {
  const created = await newCase(email);
  await setStatus(created.caseId, 'resolved');
  return created;
}

function rate(caseId: string, payload: object, role: Parameters<TestApp['call']>[0] = 'ingest') {
  return t.call(role, { method: 'POST', url: `/api/v1/cases/${caseId}/ratings`, payload });
}

describe('POST /api/v1/cases/:id/ratings', () => {
  it('stores a survey answer (201), audits it, publishes case.rated, and shows it on the case', async () => {
    const { caseId, customerId } = await resolvedCase();
    const res = await rate(caseId, {
      score: 5,
      comment: '  Quick and friendly.  ',
      externalId: `resp-${unique()}`,
      channel: 'email',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      caseId,
      customerId,
      score: 5,
      comment: 'Quick and friendly.',
      source: 'survey',
      channel: 'email',
      current: true,
      recordedBy: { name: 'Test ingest' },
    });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    const audit = await rows<{ action: string; after: { score: number; source: string } }>(
      t.db.db,
      sql`select action, after from audit_log where entity = 'case' and entity_id = ${caseId} and action = 'case.rated'`,
    );
    expect(audit).toEqual([
      { action: 'case.rated', after: expect.objectContaining({ score: 5, source: 'survey' }) },
    ]);
    expect(events.find((e) => e.type === 'case.rated' && e.data.caseId === caseId)?.data).toMatchObject({
      ratingId: body.id,
      score: 5,
      current: true,
    });
    const view = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}` });
    expect(view.json().rating).toEqual({
      score: 5,
      comment: 'Quick and friendly.',
      ratedAt: body.ratedAt,
      source: 'survey',
    });
  });

  it('answers 200 with the stored rating when the same externalId comes again, storing nothing', async () => {
    const { caseId } = await resolvedCase();
    const externalId = `resp-${unique()}`;
    const first = await rate(caseId, { score: 2, externalId });
    expect(first.statusCode).toBe(201);
    const before = events.length;
    const again = await rate(caseId, { score: 4, externalId });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(events.length).toBe(before);
    const stored = await rows(t.db.db, sql`select 1 from case_ratings where case_id = ${caseId}`);
    expect(stored).toHaveLength(1);
    // Answers to the same survey id arriving at once: one is stored, both get it.
    const { caseId: other } = await resolvedCase();
    const racedId = `race-${unique()}`;
    const raced = await Promise.all([
      rate(other, { score: 3, externalId: racedId }),
      rate(other, { score: 3, externalId: racedId }),
    ]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(raced[0]!.json().id).toBe(raced[1]!.json().id);
  });

  it('refuses an externalId already stored for another case (409)', async () => {
    const a = await resolvedCase();
    const b = await resolvedCase();
    const externalId = `resp-${unique()}`;
    expect((await rate(a.caseId, { score: 4, externalId })).statusCode).toBe(201);
    const res = await rate(b.caseId, { score: 4, externalId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'rating.external_id_taken', details: { caseId: a.caseId } });
  });

  it('lets the latest answer count, and a person record what the customer said (agent_recorded)', async () => {
    const { caseId } = await resolvedCase();
    const older = await rate(caseId, { score: 1 });
    expect(older.statusCode).toBe(201);
    const byPhone = await rate(caseId, { score: 4, comment: 'Said so on the phone' }, 'agent');
    expect(byPhone.statusCode).toBe(201);
    expect(byPhone.json()).toMatchObject({
      source: 'agent_recorded',
      current: true,
      recordedBy: { name: 'Test agent' },
    });
    // An answer dated before the current one is kept but does not count.
    const beforeFirst = new Date(new Date(older.json().ratedAt).getTime() - 1).toISOString();
    const late = await rate(caseId, { score: 2, ratedAt: beforeFirst });
    expect(late.statusCode).toBe(201);
    expect(late.json().current).toBe(false);
    const list = await t.call('lead', { method: 'GET', url: `/api/v1/cases/${caseId}/ratings` });
    expect(list.statusCode).toBe(200);
    expect(list.json().current).toMatchObject({ id: byPhone.json().id, score: 4, current: true });
    expect(list.json().items.map((r: { score: number }) => r.score)).toEqual([4, 1, 2]);
    const view = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}` });
    expect(view.json().rating).toMatchObject({ score: 4, source: 'agent_recorded' });
  });

  it('copies the rating that counts into the case base, so suggestions weigh the case by it', async () => {
    const { caseId } = await resolvedCase();
    await upsertCaseBaseRecord(t.db.db, (await buildResolvedCase(t.db.db, caseId))!);
    expect((await rate(caseId, { score: 2 })).statusCode).toBe(201);
    const stored = await one<{ outcome: object }>(
      t.db.db,
      sql`select record->'outcome' as outcome from case_base where case_id = ${caseId}`,
    );
    expect(stored?.outcome).toEqual({ reopened: false, repeatContact7d: false, csat: 2 });
  });

  it('accepts closed cases and refuses open ones with 422 rating.case_not_resolved', async () => {
    const { caseId } = await newCase();
    const res = await rate(caseId, { score: 3 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rating.case_not_resolved', details: { status: 'new' } });
    await setStatus(caseId, 'closed');
    expect((await rate(caseId, { score: 3 })).statusCode).toBe(201);
    const reopened = await resolvedCase();
    await setStatus(reopened.caseId, 'open');
    expect((await rate(reopened.caseId, { score: 3 })).json().code).toBe('rating.case_not_resolved');
  });

  it('refuses a ratedAt in the future or before the case (422)', async () => {
    const { caseId } = await resolvedCase();
    const future = await rate(caseId, { score: 3, ratedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.statusCode).toBe(422);
    expect(future.json().code).toBe('rating.rated_in_future');
    const early = await rate(caseId, { score: 3, ratedAt: '2001-01-01T00:00:00Z' });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('rating.before_case');
  });

  it('answers 400 for a bad score, unknown keys or source, and a non-UUID id', async () => {
    const { caseId } = await resolvedCase();
    for (const payload of [
      { score: 0 },
      { score: 6 },
      { score: 4.5 },
      { score: '5' },
      {},
      { score: 5, source: 'mystery' },
      { score: 5, stars: 5 },
      { score: 5, comment: 'x'.repeat(2001) },
      { score: 5, ratedAt: 'yesterday' },
    ]) {
      const res = await rate(caseId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('request.invalid');
    }
    expect((await rate('42', { score: 5 })).statusCode).toBe(400);
  });

  it('answers 401 without credentials and 404 for an unknown case', async () => {
    const { caseId } = await resolvedCase();
    expect((await rate(caseId, { score: 5 }, null)).statusCode).toBe(401);
    const missing = await rate('7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11', { score: 5 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('case.not_found');
  });

  it('answers 403 when a person claims a survey answer, or a non-admin imports', async () => {
    const { caseId } = await resolvedCase();
    for (const [role, source] of [
      ['agent', 'survey'],
      ['manager', 'survey'],
      ['lead', 'import'],
    ] as const) {
      const res = await rate(caseId, { score: 5, source }, role);
      expect(res.statusCode, `${role} ${source}`).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
    }
    expect(
      (await rate(caseId, { score: 5, source: 'import', externalId: `imp-${unique()}` }, 'admin')).statusCode,
    ).toBe(201);
    expect((await rate(caseId, { score: 5, source: 'import' }, 'ingest')).statusCode).toBe(201);
  });
});

describe('GET /api/v1/cases/:id/ratings', () => {
  it('lists nothing for an unrated case, and the case view says rating: null', async () => {
    const { caseId } = await resolvedCase();
    const res = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}/ratings` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ current: null, items: [] });
    expect(
      (await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}` })).json().rating,
    ).toBeNull();
  });

  it('answers 401, 403 to an ingest token, 404 and 400', async () => {
    const { caseId } = await resolvedCase();
    const url = `/api/v1/cases/${caseId}/ratings`;
    expect((await t.call(null, { method: 'GET', url })).statusCode).toBe(401);
    const forbidden = await t.call('ingest', { method: 'GET', url });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('auth.forbidden');
    const missing = await t.call('agent', {
      method: 'GET',
      url: '/api/v1/cases/7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11/ratings',
    });
    expect(missing.statusCode).toBe(404);
    expect((await t.call('agent', { method: 'GET', url: '/api/v1/cases/42/ratings' })).statusCode).toBe(400);
  });
});

describe('authority rule reports', () => {
  it('show the average CSAT of the affected cases and count a new case within 7 days as a repeat contact', async () => {
    const rule = await t.call('admin', {
      method: 'POST',
      url: '/api/v1/authority/rules',
      payload: {
        name: 'Fee waivers for agents',
        actionType: 'fee_waiver',
        scope: { role: 'agent' },
        limits: { perAction: '25.00 EUR' },
        ownerId: t.agentIds.manager,
        rationale: 'Fees we cause ourselves should never be charged to the customer.',
        override: { allowed: false, roles: [] },
        approval: { by: 'owner' },
      },
    });
    expect(rule.statusCode).toBe(201);
    const cases = [];
    for (let i = 0; i < 3; i++) {
      const email = `c${unique()}@example.com`;
      const { caseId } = await newCase(email);
      const action = await t.call('agent', {
        method: 'POST',
        url: `/api/v1/cases/${caseId}/actions`,
        payload: {
          actionType: 'fee_waiver',
          params: { amount: '10.00 EUR', reason: 'Our mistake', fee: 'delivery' },
        },
      });
      expect(action.statusCode).toBe(201);
      await setStatus(caseId, 'resolved');
      cases.push({ caseId, email });
    }
    expect((await rate(cases[0]!.caseId, { score: 5 })).statusCode).toBe(201);
    expect((await rate(cases[1]!.caseId, { score: 2 })).statusCode).toBe(201);
    // The third customer writes about something again two days later: a new case, a repeat contact.
    const again = await t.call('ingest', {
      method: 'POST',
      url: '/api/v1/inbound',
      payload: inbound({
        from: { email: cases[2]!.email },
        threadKey: `t-${unique()}`,
        subject: 'Still charged',
      }),
    });
    expect(again.json().caseId).not.toBe(cases[2]!.caseId);
    const report = await t.call('manager', { method: 'GET', url: '/api/v1/authority/reports/rules?days=1' });
    expect(report.statusCode).toBe(200);
    const row = report.json().rows.find((r: { ruleId: string }) => r.ruleId === rule.json().id);
    expect(row).toMatchObject({
      cases: 3,
      csatResponses: 2,
      csatAverage: 3.5,
      casesWithOutcome: 3,
      repeatContactRate: 0.33,
    });
  });
});

describe('suggestion evidence', () => {
  let r: TestApp;
  let reasoning: ReasoningService;
  beforeAll(async () => {
    r = await createTestApp({
      reasoning: ({ db, events }) => {
        reasoning = new ReasoningService({ db, trainer: 'inline', syncEverySeconds: 0, catalogue: false });
        subscribeReasoning(events, reasoning);
        return reasoning;
      },
    });
    await reasoning.start();
  });
  afterAll(() => r.close());

  async function solved(category: string, subject: string, body: string, reply: string) {
    const { caseId } = (
      await r.call('ingest', {
        method: 'POST',
        url: '/api/v1/inbound',
        payload: inbound({ from: { email: `c${unique()}@example.com` }, subject, body }),
      })
    ).json() as { caseId: string };
    await r.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      payload: { kind: 'reply', body: reply },
    });
    const read = await r.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}` });
    await r.call('agent', {
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      headers: { 'if-match': read.headers.etag as string },
      payload: { status: 'resolved', category },
    });
    await reasoning.idle();
    return caseId;
  }

  it('shows the average CSAT of the similar cases once their ratings are synced', async () => {
    const billing = [
      await solved(
        'billing',
        'Charged twice',
        'I was charged twice for order 4411, please refund.',
        'Refunded.',
      ),
      await solved(
        'billing',
        'Double charge',
        'My card shows a double charge for order 7302, refund one.',
        'Refunded.',
      ),
      await solved(
        'billing',
        'Duplicate payment',
        'You took the payment twice for order 5120, refund it.',
        'Refunded.',
      ),
    ];
    await solved(
      'login',
      'Cannot log in',
      'The password reset link never arrives in my inbox.',
      'New link sent.',
    );
    await solved(
      'login',
      'Locked out',
      'Locked out of my account, no password reset email came.',
      'New link sent.',
    );
    for (const [i, score] of [5, 4, 4].entries()) {
      const res = await r.call('ingest', {
        method: 'POST',
        url: `/api/v1/cases/${billing[i]}/ratings`,
        payload: { score },
      });
      expect(res.statusCode).toBe(201);
    }
    await reasoning.sync();
    await reasoning.retrain();
    const { caseId } = (
      await r.call('ingest', {
        method: 'POST',
        url: '/api/v1/inbound',
        payload: inbound({
          from: { email: `c${unique()}@example.com` },
          subject: 'Charged twice',
          body: 'I got charged twice for order 9917, please refund the extra charge.',
        }),
      })
    ).json() as { caseId: string };
    const res = await r.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}/suggestions` });
    expect(res.statusCode).toBe(200);
    expect(res.json().category).toMatchObject({ value: 'billing' });
    expect(res.json().category.evidence).toMatchObject({ averageCsat: 4.3 });
    expect(res.json().category.evidence.summary).toContain('average CSAT 4.3');
  });
});

describe('OpenAPI', () => {
  it('documents the rating routes under the ratings tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/cases/{id}/ratings'].post.tags).toEqual(['ratings']);
    expect(doc.paths['/api/v1/cases/{id}/ratings'].get.tags).toEqual(['ratings']);
  });
});
