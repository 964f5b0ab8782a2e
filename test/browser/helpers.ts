import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { hashPassword } from '../../src/commands/access/secrets.ts';
import type { Database } from '../../src/db/client.ts';
import { type Agent, insertAgent } from '../../src/db/repositories/principals.ts';

/** Someone who signs in with an email and a password. */
export interface Credentials {
  email: string;
  password: string;
}

/** An administrator the browser tests add next to the seeded lead (AGENT), e.g. to own authority rules. */
export const DANA = { email: 'dana@example.com', password: 'another long passphrase', name: 'Dana Admin' };

/**
 * Where the browser tests save screenshots: kept as artifacts in test-results/, or
 * CASEBOOK_SCREENSHOTS=docs refreshes the ones the README and docs show.
 */
export const SCREENSHOTS = join(
  new URL(
    process.env.CASEBOOK_SCREENSHOTS === 'docs' ? '../../docs/screenshots' : '../../test-results/screenshots',
    import.meta.url,
  ).pathname,
);

/** A person with a password (so they can sign in), in London time, on no team. */
export async function insertPerson(
  db: Database,
  who: Credentials & { name: string },
  role: Agent['role'],
  siteId: string | null = null,
): Promise<Agent> {
  return insertAgent(db.db, {
    kind: 'person',
    name: who.name,
    email: who.email,
    role,
    teamId: null,
    siteId,
    timeZone: 'Europe/London',
    passwordHash: await hashPassword(who.password),
  });
}

/** Signs in through the API; returns the headers (session cookie, CSRF token) a request as them needs. */
export async function signInHeaders(
  app: FastifyInstance,
  who: Credentials,
): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: who.email, password: who.password },
  });
  expect(login.statusCode).toBe(200);
  return {
    cookie: String(login.headers['set-cookie']).split(';')[0]!,
    'x-csrf-token': login.json().csrfToken as string,
  };
}

/** Signs in through the console's login form and waits for the inbox it lands on. */
export async function logIn(page: Page, url: string, who: Credentials): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(who.email);
  await page.locator('input[type=password]').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
}

/**
 * A page in a browser context of its own (its own cookies, so a second person can be signed in
 * beside the first) in London time; waits give up after 10 s rather than the test's whole timeout.
 */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/**
 * Three cases like the seeded "Charged twice for my blender", each answered and resolved as
 * `headers`' owner, so case-based reasoning has precedents to suggest from (await its idle() after).
 */
export async function resolveSimilarCases(
  app: FastifyInstance,
  ingestToken: string,
  headers: Record<string, string>,
): Promise<void> {
  for (const [i, name] of ['Mary Shelley', 'Ida Wells', 'Rosa Parks'].entries()) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/inbound',
      headers: { authorization: `Bearer ${ingestToken}` },
      payload: {
        channel: 'email',
        site: 'LON',
        from: { email: `similar${i}@example.com`, name },
        subject: 'Charged twice',
        body: `I was charged twice for order 55${i}0. Please refund the second charge.`,
      },
    });
    const caseId = created.json().caseId as string;
    const reply = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      headers,
      payload: { kind: 'reply', body: 'We have refunded the duplicate charge; it shows within 3 days.' },
    });
    expect(reply.statusCode, reply.body).toBeLessThan(300);
    const read = await app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers });
    const resolved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      headers: { ...headers, 'if-match': read.headers.etag as string },
      payload: { status: 'resolved', category: 'billing' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
  }
}
