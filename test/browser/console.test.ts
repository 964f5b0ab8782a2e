import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db.ts';
import {
  DANA,
  insertPerson,
  resolveSimilarCases,
  SCREENSHOTS as screenshots,
  signInHeaders,
} from './helpers.ts';
import { AGENT, type Seeded, seedConsole } from './seed.ts';
import { CHROMIUM, CHROMIUM_ARGS, type ConsoleServer, hasChromium, startConsoleServer } from './server.ts';

if (!hasChromium) {
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CASEBOOK_CHROMIUM)`,
  );
}

describe.skipIf(!hasChromium)('the agent console in Chromium', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ConsoleServer;
  let seeded: Seeded;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startConsoleServer(db, { reasoning: true });
    seeded = await seedConsole(db, server.app, 6);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/London' });
    page.setDefaultTimeout(10_000);
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.drop();
  });

  it('logs in with email and password', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').waitFor();
    await page.screenshot({ path: join(screenshots, 'login.png') });
    await page.getByLabel('Email').fill(AGENT.email);
    await page.locator('input[type=password]').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');
    await page.locator('input[type=password]').fill(AGENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  });

  it('lists my cases, longest waiting first, and opens one with the keyboard', async () => {
    const rows = page.getByTestId('case-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await page.screenshot({ path: join(screenshots, 'inbox.png') });
    const target = rows.filter({ hasText: 'Charged twice for my blender' });
    await target.waitFor();
    const index = Number(await target.getAttribute('data-index'));
    await page.locator('body').click({ position: { x: 5, y: 200 } });
    for (let i = 0; i < index; i++) await page.keyboard.press('j');
    await expect.poll(() => target.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Charged twice for my blender' }).waitFor();
    expect(page.url()).toContain(`#/cases/${seeded.caseId}`);
  });

  it('shows the customer beside the case: the purchase with its receipt and the special need', async () => {
    const panel = page.getByTestId('customer-panel');
    await panel.getByText('Vortex 900 Blender').waitFor();
    expect(await panel.getByTestId('purchases').textContent()).toContain('receipt R-2026-0815-77');
    expect(await panel.getByTestId('special-needs').textContent()).toContain('Hard of hearing');
    expect(await panel.getByTestId('history-summary').textContent()).toMatch(
      /2nd contact in 30 days about billing/,
    );
    await page.screenshot({ path: join(screenshots, 'case.png'), fullPage: true });
  });

  it('sends a reply that appears on the timeline', async () => {
    await page
      .getByLabel('Reply to the customer')
      .fill('We have refunded the second charge; it shows within 3 days.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByTestId('timeline-item').filter({ hasText: 'refunded the second charge' }).waitFor();
    expect(await page.getByLabel('Reply to the customer').inputValue()).toBe('');
  });

  it('logs a phone call with its duration', async () => {
    await page.getByRole('tab', { name: 'Log call or visit' }).click();
    await page.getByLabel('Duration (minutes)').fill('7');
    await page.getByLabel('Summary').fill('Customer called to confirm the refund; explained timing.');
    await page.getByRole('button', { name: 'Log call' }).click();
    const call = page.locator('[data-testid="timeline-item"][data-kind="call"]');
    await call.waitFor();
    expect(await call.textContent()).toContain('Phone call · 7 min');
  });

  it('shows a message ingested through the API in the inbox without a reload', async () => {
    await page.goto(`${server.url}/#/inbox?queue=all`);
    await page.getByTestId('case-row').first().waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/inbound',
      headers: { authorization: `Bearer ${seeded.ingestToken}` },
      payload: {
        channel: 'chat',
        site: 'LON',
        from: { email: 'newcomer@example.com', name: 'Newcomer Person' },
        subject: 'My order arrived broken',
        body: 'The glass jug is cracked.',
      },
    });
    expect(res.statusCode).toBe(201);
    await page
      .getByTestId('case-row')
      .filter({ hasText: 'My order arrived broken' })
      .waitFor({ timeout: 5000 });
  });

  it('finds a customer and opens the customer page', async () => {
    await page.keyboard.press('/');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    await page.getByText('All cases, every site').waitFor();
    await page.getByText('Invoice shows the wrong address').waitFor();
    await page.screenshot({ path: join(screenshots, 'customer.png'), fullPage: true });
    await page.getByRole('button', { name: 'Merge a duplicate…' }).click();
    await page.getByLabel(/Find the duplicate record/).fill('Grace');
    await page.getByRole('radio', { name: /Grace Hopper/ }).waitFor();
    await page.screenshot({ path: join(screenshots, 'merge.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('suggests what resolved similar cases and puts the drafted reply in the composer', async () => {
    // Three similar problems, answered and resolved through the API as the lead.
    await resolveSimilarCases(server.app, seeded.ingestToken, await signInHeaders(server.app, AGENT));
    await server.reasoning?.idle();

    await page.goto(`${server.url}/#/cases/${seeded.caseId}`);
    await page.reload(); // a fresh page: the case was seen (with no similar case) earlier
    const panel = page.getByRole('region', { name: 'Suggestions' });
    await panel.getByRole('button', { name: 'Use this reply' }).waitFor();
    expect(await panel.textContent()).toContain('billing');
    await panel.getByRole('button', { name: 'Use this reply' }).click();
    expect(await page.getByLabel('Reply to the customer').inputValue()).toContain(
      'refunded the duplicate charge',
    );
    await panel.getByRole('button', { name: /Used as is/ }).click();
    await panel.getByText(/feedback recorded/).waitFor();
    await page.screenshot({ path: join(screenshots, 'case-suggestions.png'), fullPage: true });
    await page.getByLabel('Reply to the customer').fill('');
  });

  it('acts for the customer within authority: remaining authority, evaluate, do it, needs approval', async () => {
    // An administrator gives leads a goodwill credit of up to 50.00 EUR per action.
    const admin = await insertPerson(db, DANA, 'admin');
    const danaHeaders = await signInHeaders(server.app, DANA);
    const rule = await server.app.inject({
      method: 'POST',
      url: '/api/v1/authority/rules',
      headers: danaHeaders,
      payload: {
        name: 'Goodwill credit for leads',
        actionType: 'goodwill_credit',
        scope: { role: 'lead' },
        limits: { perAction: '50.00 EUR' },
        ownerId: admin.id,
        rationale: 'Small credits fix most delivery problems at once.',
      },
    });
    expect(rule.statusCode).toBe(201);

    await page.goto(`${server.url}/#/cases/${seeded.caseId}`);
    const panel = page.getByRole('region', { name: 'Actions for the customer' });
    await panel.getByText(/You can credit up to 50\.00 EUR/).waitFor();
    await panel.getByLabel('Amount').fill('40');
    await panel.getByLabel('Reason').fill('Late delivery');
    await panel.getByRole('button', { name: 'Check' }).click();
    await panel.getByText('Allowed', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Do it' }).click();
    await panel.getByText('Done', { exact: true }).waitFor();

    await panel.getByLabel('Amount').fill('60');
    await panel.getByLabel('Reason').fill('Second late delivery');
    await panel.getByRole('button', { name: 'Check' }).click();
    await panel.getByText('Needs approval', { exact: true }).waitFor();
    expect(await panel.textContent()).toContain('Dana Admin');
    await page.screenshot({ path: join(screenshots, 'case-actions.png'), fullPage: true });

    await panel.getByLabel(/Justification/).fill('Second late delivery this month; keep the customer.');
    await panel.getByRole('button', { name: 'Request approval' }).click();
    await panel.getByText('Approval requested', { exact: true }).waitFor();

    // The lead's own approvals screen: nothing to decide, the request waiting on Dana…
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    await page.getByText('Nothing to approve').waitFor();
    const mine = page.getByRole('region', { name: 'Your requests' });
    await mine.getByText('pending', { exact: true }).waitFor();
    // …and when Dana approves in her session, it turns approved here without a reload.
    const queue = await server.app.inject({
      method: 'GET',
      url: '/api/v1/authority/approvals?view=queue',
      headers: danaHeaders,
    });
    const approvalId = queue.json().items[0].id;
    const approved = await server.app.inject({
      method: 'POST',
      url: `/api/v1/authority/approvals/${approvalId}/approve`,
      headers: danaHeaders,
      payload: { note: 'Fine, keep them.' },
    });
    expect(approved.statusCode).toBe(200);
    await mine.getByText('approved', { exact: true }).waitFor();
    await page.screenshot({ path: join(screenshots, 'approvals.png') });
  });

  it('shows the SLA targets of the case as badges in its header', async () => {
    const policy = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sla-policies',
      headers: await signInHeaders(server.app, DANA),
      payload: {
        name: 'Standard',
        targets: { first_response: 4 * 3_600_000, resolution: 3 * 86_400_000 },
        hours: 'calendar',
      },
    });
    expect(policy.statusCode).toBe(201);
    await page.goto(`${server.url}/#/cases/${seeded.caseId}`);
    await page.reload();
    const sla = page.getByRole('group', { name: 'SLA: Standard' });
    await sla.getByText(/^First response: met$/).waitFor();
    await sla.getByText(/^Resolution: \d+ d( \d+ h)? left$/).waitFor();
  });

  it('fits a tablet width', async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${server.url}/#/cases/${seeded.caseId}`);
    await page.getByTestId('customer-panel').getByText('Vortex 900 Blender').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshots, 'case-tablet.png'), fullPage: true });
  });
});
