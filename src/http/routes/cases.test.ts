import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { sql } from '../../db/sql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newCase(email = `c${Math.random().toString(36).slice(2)}@example.com`) {
  const res = await t.call('ingest', {
    method: 'POST',
    url: '/api/v1/inbound',
    payload: inbound({ from: { email } }),
  });
  return res.json() as { caseId: string; customerId: string; messageId: string };
}

async function read(caseId: string) {
  const res = await t.call('agent', { method: 'GET', url: `/api/v1/cases/${caseId}` });
  return { body: res.json(), etag: res.headers.etag as string };
}

function patch(caseId: string, payload: object, ifMatch?: string, role: 'agent' | 'lead' = 'agent') {
  return t.call(role, {
    method: 'PATCH',
    url: `/api/v1/cases/${caseId}`,
    headers: ifMatch ? { 'if-match': ifMatch } : {},
    payload,
  });
}

describe('GET /api/v1/cases/:id', () => {
  it('returns the case with its timeline and an ETag of its version', async () => {
    const { caseId } = await newCase();
    const { body, etag } = await read(caseId);
    expect(etag).toBe(`"${body.version}"`);
    expect(body.timeline[0]).toMatchObject({ direction: 'inbound', channel: 'email', kind: 'message' });
  });

  it('answers 404 for an unknown case and 400 for an id that is not a UUID', async () => {
    const missing = await t.call('agent', {
      method: 'GET',
      url: '/api/v1/cases/7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('case.not_found');
    const bad = await t.call('agent', { method: 'GET', url: '/api/v1/cases/42' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('params');
  });

  it('answers 401 without credentials and 403 to an ingest token', async () => {
    const { caseId } = await newCase();
    expect((await t.call(null, { method: 'GET', url: `/api/v1/cases/${caseId}` })).statusCode).toBe(401);
    const res = await t.call('ingest', { method: 'GET', url: `/api/v1/cases/${caseId}` });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });
});

describe('PATCH /api/v1/cases/:id', () => {
  it('changes status, priority, category and tags, and makes the agent the owner', async () => {
    const { caseId } = await newCase();
    const { etag } = await read(caseId);
    const res = await patch(
      caseId,
      { status: 'open', priority: 'high', category: 'billing', tags: ['Refund', 'refund', ' vip '] },
      etag,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'open',
      priority: 'high',
      category: 'billing',
      tags: ['refund', 'vip'],
      ownerId: t.agentIds.agent,
    });
    expect(res.headers.etag).toBe(`"${res.json().version}"`);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { caseId } = await newCase();
    const { etag } = await read(caseId);
    expect((await patch(caseId, { priority: 'high' }, etag)).statusCode).toBe(200);
    const stale = await patch(caseId, { priority: 'low' }, etag);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'case.version_conflict',
      details: { expectedVersion: Number(etag.replace(/"/g, '')), changedBy: 'Test agent' },
    });
    expect(stale.json().detail).toContain('changed by Test agent');
    expect((await read(caseId)).body.priority).toBe('high');
  });

  it('requires If-Match (428) and accepts the version in the body instead', async () => {
    const { caseId } = await newCase();
    const missing = await patch(caseId, { priority: 'high' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('request.precondition_required');
    const { body } = await read(caseId);
    expect((await patch(caseId, { priority: 'high', version: body.version })).statusCode).toBe(200);
  });

  it('refuses a transition the state machine does not allow with 422', async () => {
    const { caseId } = await newCase();
    let { etag } = await read(caseId);
    const closed = await patch(caseId, { status: 'closed' }, etag);
    expect(closed.statusCode).toBe(200);
    etag = closed.headers.etag as string;
    const res = await patch(caseId, { status: 'open' }, etag);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'case.invalid_transition',
      details: { from: 'closed', to: 'open' },
    });
  });

  it('never lets an owned case lose its owner, only be transferred', async () => {
    const { caseId } = await newCase();
    const first = await patch(caseId, { status: 'open' }, (await read(caseId)).etag);
    const dropped = await patch(caseId, { ownerId: null }, first.headers.etag as string);
    expect(dropped.statusCode).toBe(422);
    expect(dropped.json().code).toBe('case.owner_required');
    const moved = await patch(caseId, { ownerId: t.agentIds.lead }, first.headers.etag as string);
    expect(moved.json().ownerId).toBe(t.agentIds.lead);
  });

  it('refuses an owner who cannot own cases', async () => {
    const { caseId } = await newCase();
    const res = await patch(caseId, { ownerId: t.agentIds.ingest }, (await read(caseId)).etag);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('case.invalid_owner');
  });

  it('rejects unknown fields and bad values with 400', async () => {
    const { caseId } = await newCase();
    const { etag } = await read(caseId);
    const res = await patch(caseId, { status: 'archived', colour: 'red' }, etag);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.length).toBeGreaterThan(0);
  });

  it('records before and after in the audit trail', async () => {
    const { caseId } = await newCase();
    await patch(caseId, { priority: 'urgent' }, (await read(caseId)).etag);
    const audit = await t.call('lead', { method: 'GET', url: `/api/v1/audit?entity=case&id=${caseId}` });
    const update = audit.json().items.find((i: { action: string }) => i.action === 'case.updated');
    expect(update).toMatchObject({
      before: { priority: 'normal' },
      after: { priority: 'urgent' },
      actorName: 'Test agent',
    });
  });
});

describe('POST /api/v1/cases/:id/messages', () => {
  it('adds a reply that opens the case, sets the first reply time and the owner', async () => {
    const { caseId } = await newCase();
    const res = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      payload: { body: 'Refund issued.' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().message).toMatchObject({
      direction: 'outbound',
      kind: 'message',
      authorName: 'Test agent',
    });
    expect(res.json().case).toMatchObject({ status: 'open', ownerId: t.agentIds.agent, waitingSince: null });
    expect(res.json().case.firstReplyAt).not.toBeNull();
  });

  it('logs a phone call with its duration and an internal note', async () => {
    const { caseId } = await newCase();
    await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      payload: { kind: 'call', body: 'Called about the refund', durationSeconds: 240 },
    });
    await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      payload: { kind: 'note', body: 'Customer sounded upset' },
    });
    const { body } = await read(caseId);
    expect(body.timeline.map((m: { kind: string; channel: string }) => `${m.kind}:${m.channel}`)).toEqual([
      'message:email',
      'call:phone',
      'note:email',
    ]);
    expect(body.timeline[1].metadata).toEqual({ durationSeconds: 240 });
    expect(body.timeline[2].direction).toBe('internal');
  });

  it('refuses an empty body with 400 and a reply on a closed case with 422', async () => {
    const { caseId } = await newCase();
    expect(
      (
        await t.call('agent', {
          method: 'POST',
          url: `/api/v1/cases/${caseId}/messages`,
          payload: { body: '' },
        })
      ).statusCode,
    ).toBe(400);
    await patch(caseId, { status: 'closed' }, (await read(caseId)).etag);
    const res = await t.call('agent', {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      payload: { body: 'hello?' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('case.closed');
  });

  it('answers 404 for a reply to an unknown case', async () => {
    const res = await t.call('agent', {
      method: 'POST',
      url: '/api/v1/cases/7d9f7a4e-52a3-4c55-8e51-2b2c5a0f0d11/messages',
      payload: { body: 'x' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /api/v1/cases', () => {
  it('filters by status and owner and pages with a cursor without repeats', async () => {
    for (let i = 0; i < 5; i++) await newCase(`pager${i}@example.com`);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?status=new&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.call('agent', { method: 'GET', url });
      expect(res.statusCode).toBe(200);
      for (const c of res.json().items) {
        expect(c.status).toBe('new');
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(5);
    const mine = await t.call('agent', { method: 'GET', url: '/api/v1/cases?owner=me' });
    for (const c of mine.json().items) expect(c.ownerId).toBe(t.agentIds.agent);
  });

  it('sorts by waiting time, longest-waiting first, across pages', async () => {
    const customer = `waiter${Date.now()}`;
    for (const [i, at] of [
      '2026-01-03T00:00:00Z',
      '2026-01-01T00:00:00Z',
      '2026-01-02T00:00:00Z',
    ].entries()) {
      await t.call('ingest', {
        method: 'POST',
        url: '/api/v1/inbound',
        payload: inbound({ from: { email: `${customer}${i}@example.com` }, occurredAt: at, tags: undefined }),
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?status=new&sort=waiting&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.call('agent', { method: 'GET', url });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((c: { waitingSince: string | null }) => c.waitingSince ?? 'none'));
      cursor = res.json().nextCursor;
    } while (cursor && seen.length < 50);
    const waiting = seen.filter((w) => w !== 'none');
    expect(waiting).toEqual([...waiting].sort());
    expect(waiting.slice(0, 3)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
    ]);
  });

  it("filters by the caller's team", async () => {
    const [team] = (await t.db.db.execute(sql`insert into teams (name) values ('Billing') returning id`))
      .rows as { id: string }[];
    await t.db.db.execute(sql`update agents set team_id = ${team!.id} where id = ${t.agentIds.lead}`);
    const { caseId } = await newCase();
    await patch(caseId, { ownerId: t.agentIds.lead }, (await read(caseId)).etag);
    const mine = await t.call('lead', { method: 'GET', url: '/api/v1/cases?team=me' });
    expect(mine.json().items.map((c: { id: string }) => c.id)).toContain(caseId);
    const none = await t.call('agent', { method: 'GET', url: '/api/v1/cases?team=me' });
    expect(none.json().items).toEqual([]);
  });

  describe('by SLA time left', () => {
    // Five cases under one tag: four with a cached SLA deadline (two sharing one), one without a row.
    const tag = `sla-${Date.now()}`;
    const cases: Record<'soon' | 'tieA' | 'tieB' | 'later' | 'none', string> = {} as never;
    beforeAll(async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await newCase()).caseId);
      const [soon, tieA, tieB, later, none] = ids.sort() as [string, string, string, string, string];
      // Ids sorted, so the tie (same deadline) must come back in id order: tieA before tieB.
      Object.assign(cases, { soon, tieA, tieB, later, none });
      await t.db.db.execute(
        sql`update cases set tags = array[${tag}] where id = any(${`{${ids.join(',')}}`}::uuid[])`,
      );
      const row = (id: string, status: string, due: string) =>
        sql`(${id}::uuid, ${status}, ${due}::timestamptz, now())`;
      await t.db.db.execute(
        sql`insert into case_sla (case_id, status, next_due_at, computed_at) values
            ${sql.join(
              [
                row(later, 'ok', '2026-12-01T12:00:00Z'),
                row(tieB, 'at_risk', '2026-12-01T10:00:00Z'),
                row(soon, 'breached', '2026-11-30T09:00:00Z'),
                row(tieA, 'at_risk', '2026-12-01T10:00:00Z'),
              ],
              sql`, `,
            )}`,
      );
    });

    async function pages(query: string, limit: number): Promise<string[][]> {
      const out: string[][] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/cases?tag=${tag}&${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.call('agent', { method: 'GET', url });
        expect(res.statusCode).toBe(200);
        out.push(res.json().items.map((c: { id: string }) => c.id));
        cursor = res.json().nextCursor;
      } while (cursor && out.length < 20);
      return out;
    }

    it('sorts soonest deadline first, ties by id, cases without an SLA row last', async () => {
      const [all] = await pages('sort=time_left', 50);
      expect(all).toEqual([cases.soon, cases.tieA, cases.tieB, cases.later, cases.none]);
    });

    it('pages with a cursor without repeats or gaps, across the tie and into the cases without a row', async () => {
      for (const limit of [1, 2, 3]) {
        const got = await pages('sort=time_left', limit);
        expect(got.flat()).toEqual([cases.soon, cases.tieA, cases.tieB, cases.later, cases.none]);
        expect(got.length).toBe(Math.ceil(5 / limit));
      }
    });

    it('filters by SLA status, alone or as a list, with the sort and the cursor', async () => {
      expect((await pages('sla=at_risk&sort=time_left', 1)).flat()).toEqual([cases.tieA, cases.tieB]);
      expect((await pages('sla=breached,ok&sort=time_left', 1)).flat()).toEqual([cases.soon, cases.later]);
      expect((await pages('sla=ok', 50)).flat()).toEqual([cases.later]);
    });

    it('documents the sort and the SLA filter in the OpenAPI', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const params = doc.paths['/api/v1/cases'].get.parameters as { name: string; schema: unknown }[];
      expect(JSON.stringify(params.find((p) => p.name === 'sort'))).toContain('time_left');
      expect(params.map((p) => p.name)).toContain('sla');
    });

    it('rejects an unknown sort or SLA status with 400', async () => {
      for (const q of ['sort=deadline', 'sla=late', 'sla=ok,none', 'sla=met']) {
        const res = await t.call('agent', { method: 'GET', url: `/api/v1/cases?${q}` });
        expect(res.statusCode, q).toBe(400);
        expect(res.json().errors[0].path).toContain('querystring');
      }
    });
  });

  it('rejects a bad status or cursor with 400/422', async () => {
    expect((await t.call('agent', { method: 'GET', url: '/api/v1/cases?status=bogus' })).statusCode).toBe(
      400,
    );
    const res = await t.call('agent', { method: 'GET', url: '/api/v1/cases?cursor=garbage' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('pagination.invalid_cursor');
  });
});
