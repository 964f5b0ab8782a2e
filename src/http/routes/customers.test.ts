import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { buildPurchase } from '../../../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function ingest(from: Record<string, string>, extra: Record<string, unknown> = {}) {
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from, ...extra }),
  });
  return res.json() as { caseId: string; customerId: string };
}

const get = (id: string, role: 'agent' | 'admin' = 'agent') =>
  t.call(role, { method: 'GET', url: `/api/v1/customers/${id}` });

describe('GET /api/v1/customers/:id', () => {
  it('returns identities, attributes, purchases, cases and messages from every channel', async () => {
    const a = await ingest({ email: 'whole@example.com', phone: '+14155550123', name: 'Whole Person' });
    await ingest({ phone: '+1 415 555 0123' }, { channel: 'phone', body: 'Calling about my refund' });
    await buildPurchase(t.db, a.customerId, { productName: 'Nimbus Laptop 14', receiptNumber: 'R-77' });
    const res = await get(a.customerId);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.displayName).toBe('Whole Person');
    expect(body.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'phone']);
    expect(body.purchases[0]).toMatchObject({
      product: { name: 'Nimbus Laptop 14' },
      receiptNumber: 'R-77',
      warrantyUntil: '2028-01-31',
    });
    expect(body.cases).toHaveLength(2);
    expect(new Set(body.recentMessages.map((m: { channel: string }) => m.channel))).toEqual(
      new Set(['email', 'phone']),
    );
  });

  it('answers 404 for an unknown customer', async () => {
    const res = await get('7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('customer.not_found');
  });
});

describe('GET /api/v1/customers?q=', () => {
  it('finds customers by name, email, phone and account number', async () => {
    const c = await ingest({
      email: 'Findable.Fiona@example.com',
      phone: '+442079460001',
      accountNumber: 'AC-99887766',
      name: 'Fiona Findable',
    });
    for (const q of ['Fiona Find', 'findable.fiona@EXAMPLE.com', '+44 20 7946 0001', 'AC99887766']) {
      const res = await t.call('agent', {
        method: 'GET',
        url: `/api/v1/customers?q=${encodeURIComponent(q)}`,
      });
      expect(res.statusCode, q).toBe(200);
      expect(
        res.json().items.map((i: { id: string }) => i.id),
        q,
      ).toContain(c.customerId);
    }
  });

  it('rejects a query that is too short with 400', async () => {
    const res = await t.call('agent', { method: 'GET', url: '/api/v1/customers?q=a' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toContain('q');
  });
});

describe('PATCH /api/v1/customers/:id', () => {
  it('edits tier, special needs and preferences, and audits the change', async () => {
    const c = await ingest({ email: 'edit@example.com' });
    const res = await t.call('agent', {
      method: 'PATCH',
      url: `/api/v1/customers/${c.customerId}`,
      payload: {
        tier: 'gold',
        specialNeeds: ['Hearing impaired: prefers chat'],
        preferences: { contactBy: 'chat' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      tier: 'gold',
      specialNeeds: ['Hearing impaired: prefers chat'],
      preferences: { contactBy: 'chat' },
    });
    const audit = await t.call('admin', {
      method: 'GET',
      url: `/api/v1/audit?entity=customer&id=${c.customerId}`,
    });
    expect(audit.json().items.find((i: { action: string }) => i.action === 'customer.updated')).toMatchObject(
      {
        before: { tier: 'standard' },
        after: { tier: 'gold' },
      },
    );
  });

  it('refuses a stale version with 409 and a bad tier with 400', async () => {
    const c = await ingest({ email: 'stale@example.com' });
    const stale = await t.call('agent', {
      method: 'PATCH',
      url: `/api/v1/customers/${c.customerId}`,
      headers: { 'if-match': '"99"' },
      payload: { tier: 'gold' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('customer.version_conflict');
    const bad = await t.call('agent', {
      method: 'PATCH',
      url: `/api/v1/customers/${c.customerId}`,
      payload: { tier: 'diamond' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('POST /api/v1/customers', () => {
  it('creates a customer and refuses a second one with the same email (409)', async () => {
    const payload = {
      displayName: 'New Person',
      identities: { email: 'new.person@example.com' },
      tier: 'silver',
    };
    const created = await t.call('agent', { method: 'POST', url: '/api/v1/customers', payload });
    expect(created.statusCode).toBe(201);
    const again = await t.call('agent', { method: 'POST', url: '/api/v1/customers', payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('customer.identity_taken');
  });
});

describe('merging customers', () => {
  it('moves identities, cases, messages and purchases, and an admin can undo it', async () => {
    const a = await ingest({ email: 'merge.a@example.com', name: 'Merge Person' });
    const b = await ingest({ phone: '+14155550999', name: 'M. Person' }, { channel: 'phone' });
    await buildPurchase(t.db, b.customerId, { receiptNumber: 'R-B' });
    await t.call('agent', {
      method: 'PATCH',
      url: `/api/v1/customers/${b.customerId}`,
      payload: { tier: 'gold', specialNeeds: ['Large print'] },
    });

    const agentTry = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/customers/${a.customerId}/merge`,
      payload: { otherId: b.customerId },
    });
    expect(agentTry.statusCode).toBe(403);

    const merged = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/customers/${a.customerId}/merge`,
      payload: { otherId: b.customerId },
    });
    expect(merged.statusCode).toBe(200);
    const survivor = (await get(a.customerId)).json();
    expect(survivor.tier).toBe('gold');
    expect(survivor.specialNeeds).toEqual(['Large print']);
    expect(survivor.identities).toHaveLength(2);
    expect(survivor.cases).toHaveLength(2);
    expect(survivor.purchases).toHaveLength(1);
    expect(survivor.recentMessages).toHaveLength(2);

    // The merged record's id still leads to the person, and its phone still finds them.
    expect((await get(b.customerId)).json()).toMatchObject({
      id: a.customerId,
      redirectedFrom: b.customerId,
    });
    const byPhone = await ingest({ phone: '+14155550999' }, { channel: 'chat', body: 'hello again' });
    expect(byPhone.customerId).toBe(a.customerId);

    const leadUndo = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/customer-merges/${merged.json().mergeId}/undo`,
    });
    expect(leadUndo.statusCode).toBe(403);
    const undone = await t.call('admin', {
      method: 'POST',
      url: `/api/v1/customer-merges/${merged.json().mergeId}/undo`,
    });
    expect(undone.statusCode).toBe(200);
    const restoredA = (await get(a.customerId)).json();
    const restoredB = (await get(b.customerId)).json();
    expect(restoredA.tier).toBe('standard');
    expect(restoredA.identities).toHaveLength(1);
    expect(restoredB).toMatchObject({ id: b.customerId, tier: 'gold', mergedInto: null });
    expect(restoredB.purchases).toHaveLength(1);
    // The chat that arrived after the merge stays with the survivor: nothing is lost either way.
    expect(restoredA.cases.length + restoredB.cases.length).toBe(3);

    const twice = await t.call('admin', {
      method: 'POST',
      url: `/api/v1/customer-merges/${merged.json().mergeId}/undo`,
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().code).toBe('customer.merge_already_undone');
  });

  it('refuses to merge a customer into itself (422) or an unknown one (404)', async () => {
    const a = await ingest({ email: 'self@example.com' });
    const self = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/customers/${a.customerId}/merge`,
      payload: { otherId: a.customerId },
    });
    expect(self.statusCode).toBe(422);
    expect(self.json().code).toBe('customer.merge_self');
    const missing = await t.call('lead', {
      method: 'POST',
      url: `/api/v1/customers/${a.customerId}/merge`,
      payload: { otherId: '7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11' },
    });
    expect(missing.statusCode).toBe(404);
  });
});
