import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bodyLimit: 64 * 1024 });
});
afterAll(() => t.close());

const post = (payload: unknown, role: 'ingest' | 'agent' | null = 'ingest') =>
  t.call(role, { method: 'POST', url: '/api/v1/inbound', payload: payload as object });

describe('POST /api/v1/inbound', () => {
  it('creates the customer, opens a case and stores the message', async () => {
    const res = await post(inbound({ from: { email: 'first@example.com', name: 'First Person' } }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      caseId: expect.any(String),
      customerId: expect.any(String),
      messageId: expect.any(String),
    });
    const view = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${body.caseId}` });
    expect(view.json()).toMatchObject({
      status: 'new',
      subject: 'Charged twice for my order',
      customerId: body.customerId,
    });
    expect(view.json().timeline).toHaveLength(1);
  });

  it('finds the customer again by email in any letter case, and by a phone written differently', async () => {
    const a = (
      await post(inbound({ from: { email: 'Grace@Example.com', phone: '+44 20 7946 0958' } }))
    ).json();
    const b = (
      await post(inbound({ channel: 'phone', from: { email: 'grace@example.COM' }, body: 'Calling back' }))
    ).json();
    const c = (
      await post(inbound({ channel: 'chat', from: { phone: '+442079460958' }, body: 'hi again' }))
    ).json();
    expect(b.customerId).toBe(a.customerId);
    expect(c.customerId).toBe(a.customerId);
  });

  it('threads a message with the same threadKey into the open case and opens a new case otherwise', async () => {
    const from = { email: 'thread@example.com' };
    const first = (await post(inbound({ from, threadKey: 'T-1' }))).json();
    const second = (await post(inbound({ from, threadKey: 'T-1', body: 'Any news?' }))).json();
    const other = (await post(inbound({ from, threadKey: 'T-2', body: 'A different problem' }))).json();
    expect(second.caseId).toBe(first.caseId);
    expect(other.caseId).not.toBe(first.caseId);
  });

  it('continues an active chat conversation without a thread key', async () => {
    const from = { phone: '+14155550101' };
    const one = (await post(inbound({ channel: 'chat', from, body: 'hello' }))).json();
    const two = (await post(inbound({ channel: 'chat', from, body: 'are you there?' }))).json();
    expect(two.caseId).toBe(one.caseId);
  });

  it('answers 200 with the same ids for a repeated externalId and stores nothing twice', async () => {
    const payload = inbound({ from: { email: 'dup@example.com' }, externalId: '<msg-1@mail.example>' });
    const first = await post(payload);
    const again = await post(payload);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const view = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${first.json().caseId}` });
    expect(view.json().timeline).toHaveLength(1);
  });

  it('stores one message when the same externalId arrives concurrently', async () => {
    const payload = inbound({ from: { email: 'race@example.com' }, externalId: 'race-1' });
    const results = await Promise.all(Array.from({ length: 6 }, () => post(payload)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.json().messageId)).size).toBe(1);
  });

  it('creates one customer when two first messages from the same person arrive at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        post(inbound({ from: { email: 'burst@example.com' }, body: `m${i}` })),
      ),
    );
    expect(new Set(results.map((r) => r.json().customerId)).size).toBe(1);
  });

  it('keeps a burst of chat messages from a new customer in one conversation', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(inbound({ channel: 'chat', from: { email: 'chatty@example.com' }, body: `line ${i}` })),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(results.map((r) => r.json().caseId)).size).toBe(1);
    const view = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${results[0]!.json().caseId}` });
    expect(view.json().timeline).toHaveLength(6);
  });

  it('opens one case for concurrent first messages on the same new thread', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        post(inbound({ from: { email: 'threaded@example.com' }, threadKey: 'NEW-T', body: `m${i}` })),
      ),
    );
    expect(new Set(results.map((r) => r.json().caseId)).size).toBe(1);
  });

  it('reopens a resolved case when the customer writes on its thread', async () => {
    const created = (await post(inbound({ from: { email: 'reopen@example.com' }, threadKey: 'R-1' }))).json();
    const before = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${created.caseId}` });
    await t.call('agent', {
      method: 'PATCH',
      url: `/api/v1/cases/${created.caseId}`,
      headers: { 'if-match': before.headers.etag as string },
      payload: { status: 'resolved' },
    });
    await post(inbound({ from: { email: 'reopen@example.com' }, threadKey: 'R-1', body: 'It broke again' }));
    const after = (await t.call('agent', { method: 'GET', url: `/api/v1/cases/${created.caseId}` })).json();
    expect(after).toMatchObject({ status: 'open', reopenedCount: 1 });
  });

  it('routes to a site by code and rejects an unknown site with 422', async () => {
    const res = await post(inbound({ site: 'NOWHERE' }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'inbound.unknown_site', status: 422 });
  });

  it.each([
    ['a missing body', { body: undefined }, 'body'],
    ['an unknown channel', { channel: 'pigeon' }, 'channel'],
    ['no identity', { from: { name: 'Nobody' } }, 'from'],
    ['a bad occurredAt', { occurredAt: 'yesterday' }, 'occurredAt'],
  ])('rejects %s with 400 and the failing path', async (_name, override, path) => {
    const res = await post(inbound(override));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().code).toBe('request.invalid');
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain(path);
  });

  it('rejects an email that is not one with 422', async () => {
    const res = await post(inbound({ from: { email: 'not-an-email' } }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('customer.invalid_email');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await t.call('ingest', {
      method: 'POST',
      url: '/api/v1/inbound',
      headers: { 'content-type': 'application/json' },
      payload: '{"channel": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.invalid_json');
  });

  it('rejects a body over the configured limit with 413', async () => {
    const res = await post(inbound({ body: 'x'.repeat(70 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('request.too_large');
  });

  it('answers 401 without a token and with an unknown token', async () => {
    expect((await post(inbound(), null)).statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inbound',
      headers: { authorization: 'Bearer nope' },
      payload: inbound(),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.unauthenticated');
  });

  it('answers 403 to a role that may not ingest', async () => {
    const res = await post(inbound(), 'agent');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });

  it('records the customer, case and message in the audit trail', async () => {
    const created = (await post(inbound({ from: { email: 'audited@example.com' } }))).json();
    const res = await t.call('admin', {
      method: 'GET',
      url: `/api/v1/audit?entity=case&id=${created.caseId}`,
    });
    expect(res.json().items.map((i: { action: string }) => i.action)).toContain('case.created');
    expect(res.json().items[0]).toMatchObject({ actorName: 'Test ingest' });
  });
});
