import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, inbound, type TestApp } from '../../../test/app.ts';
import { buildSite } from '../../../test/factories.ts';

let t: TestApp;
let site: { code: string };
beforeAll(async () => {
  t = await createTestApp();
  site = await buildSite(t.db, { code: 'LON' });
  const post = (payload: object) => t.call('ingest', { method: 'POST', url: '/api/v1/inbound', payload });
  await post(
    inbound({
      from: { email: 's1@example.com' },
      subject: 'Router keeps disconnecting',
      body: 'My mesh router disconnects every evening <script>alert(1)</script>',
      site: 'LON',
    }),
  );
  await post(
    inbound({
      channel: 'chat',
      from: { email: 's2@example.com' },
      subject: undefined,
      body: 'The routers you sold me are disconnecting constantly',
    }),
  );
  await post(
    inbound({
      from: { email: 's3@example.com' },
      subject: 'Invoice question',
      body: 'Where can I download my invoice?',
      occurredAt: '2025-01-15T10:00:00Z',
    }),
  );
});
afterAll(() => t.close());

const search = (qs: string) => t.call('agent', { method: 'GET', url: `/api/v1/search?${qs}` });

describe('GET /api/v1/search', () => {
  it('finds messages and cases by stemmed words with highlighted, escaped snippets', async () => {
    const res = await search('q=router%20disconnect');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    const message = items.find(
      (i: { type: string; highlight: string }) => i.type === 'message' && i.highlight.includes('evening'),
    );
    expect(message.highlight).toMatch(/<mark>router<\/mark>/i);
    for (const item of items) expect(item.highlight).not.toMatch(/<(?!\/?mark>)/);
  });

  it('filters by site, channel and date', async () => {
    const bySite = (await search(`q=router&site=${site.code}`)).json().items;
    expect(bySite.length).toBeGreaterThan(0);
    expect(bySite.every((i: { siteId: string | null }) => i.siteId !== null)).toBe(true);
    const byChannel = (await search('q=router&channel=chat')).json().items;
    expect(byChannel.every((i: { channel: string }) => i.channel === 'chat')).toBe(true);
    const old = (await search('q=invoice&to=2025-02-01T00:00:00Z')).json().items;
    expect(old.map((i: { type: string }) => i.type)).toContain('message');
    expect(
      (await search('q=invoice&from=2026-01-01T00:00:00Z&channel=email'))
        .json()
        .items.filter((i: { type: string }) => i.type === 'message'),
    ).toHaveLength(0);
  });

  it('answers an empty list for words nobody used, and 400 without q', async () => {
    expect((await search('q=zeppelin')).json().items).toEqual([]);
    const res = await search('');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.invalid');
  });

  it('is closed to ingest tokens (403) and anonymous callers (401)', async () => {
    expect((await t.call('ingest', { method: 'GET', url: '/api/v1/search?q=router' })).statusCode).toBe(403);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/search?q=router' })).statusCode).toBe(401);
  });
});
