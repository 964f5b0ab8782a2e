import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDist } from '../../src/http/console.ts';
import { createTestDatabase } from '../db.ts';
import { insertPerson, logIn, SCREENSHOTS as screenshots, signInHeaders } from './helpers.ts';
import { type Seeded, seedConsole } from './seed.ts';
import { CHROMIUM, CHROMIUM_ARGS, type ConsoleServer, hasChromium, startConsoleServer } from './server.ts';

const MANAGER = {
  email: 'maya@example.com',
  password: 'a manager keeps the standards',
  name: 'Maya Manager',
};

if (!hasChromium) {
  console.warn(`standards browser test skipped: no Chromium at ${CHROMIUM} (or set CASEBOOK_CHROMIUM)`);
}

const newest = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );

/**
 * web/dist when it was built after the last change to web/src; otherwise a build of this tree of
 * our own (in test-results/), so the test never runs an old console nor races another build of web/dist.
 */
async function freshConsole(): Promise<string> {
  const web = join(consoleDist, '..');
  try {
    if (statSync(join(consoleDist, 'index.html')).mtimeMs > newest(join(web, 'src'))) return consoleDist;
  } catch {
    // not built
  }
  const outDir = new URL('../../test-results/standards-console', import.meta.url).pathname;
  const vite = await import('vite');
  await vite.build({
    root: web,
    configFile: join(web, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

describe.skipIf(!hasChromium)('service standards in the console, as a manager', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ConsoleServer;
  let app: FastifyInstance;
  let url: string;
  let seeded: Seeded;
  let browser: Browser;
  let page: Page;
  let manager: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startConsoleServer(db, { consoleDir: await freshConsole() });
    ({ app, url } = server);
    seeded = await seedConsole(db, app, 3);
    await insertPerson(db, MANAGER, 'manager', seeded.siteId);
    // A catch-all SLA policy and one answered case, so the attainment report has something to show.
    manager = await signInHeaders(app, MANAGER);
    const headers = manager;
    const policy = await app.inject({
      method: 'POST',
      url: '/api/v1/sla-policies',
      headers,
      payload: { name: 'Standard', targets: { first_response: 4 * 3_600_000, resolution: 3 * 86_400_000 } },
    });
    expect(policy.statusCode).toBe(201);
    const reply = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${seeded.caseId}/messages`,
      headers,
      payload: { kind: 'reply', body: 'We are looking into it now.' },
    });
    expect(reply.statusCode).toBeLessThan(300);
    const post = async (path: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') => {
      const res = await app.inject({ method, url: `/api/v1${path}`, headers, payload: payload as object });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    await post('/escalation-policies', {
      name: 'Default ladder',
      levels: [
        { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
        { level: 2, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] },
        {
          level: 3,
          trigger: 'breached',
          afterMs: 4 * 3_600_000,
          actions: [
            { kind: 'notify', role: 'manager' },
            { kind: 'reassign', to: 'team_queue' },
          ],
        },
      ],
    });
    const teams = await app.inject({ method: 'GET', url: '/api/v1/teams', headers });
    const team = teams.json().items[0];
    await post('/routing-rules', {
      name: 'London email and chat',
      teamId: team.id,
      conditions: { siteId: [seeded.siteId], channel: ['email', 'chat'] },
    });
    await post(`/teams/${team.id}/routing`, { strategy: 'least_loaded', memberIds: team.memberIds }, 'PUT');
    await post(
      `/agents/${seeded.agentId}/availability`,
      { online: true, maxOpenCases: 8, skills: ['billing'] },
      'PUT',
    );
    await post(
      '/interaction-standards/billing',
      {
        items: [
          { id: 'verify-identity', label: 'Verify identity', channels: ['phone', 'in_person'] },
          { id: 'confirm-fix', label: 'Confirm the fix with the customer' },
          { id: 'offer-survey', label: 'Offer the satisfaction survey', required: false },
        ],
      },
      'PUT',
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Europe/London',
      locale: 'en-GB',
    });
    page.setDefaultTimeout(10_000);
    mkdirSync(screenshots, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.drop();
  });

  it('logs in as a manager and opens Standards from the navigation', async () => {
    await logIn(page, url, MANAGER);
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('heading', { name: 'Service standards' }).waitFor();
    expect(page.url()).toContain('#/standards');
  });

  it("changes a site's hours and holidays, saves, and finds them kept after a reload", async () => {
    const sites = page.getByRole('table', { name: 'Sites' });
    await sites.getByText('London Store').waitFor();
    await page.getByRole('button', { name: 'Edit hours of London Store' }).click();
    const hours = page.getByRole('region', { name: 'Hours of London Store' });
    await hours.getByLabel('Monday closes (1)').fill('19:30');
    await hours.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await hours.getByLabel('Saturday opens (1)').fill('10:00');
    await hours.getByLabel('Saturday closes (1)').fill('14:00');
    await hours.getByRole('button', { name: 'Add holiday' }).click();
    await hours.getByLabel('Holiday 1', { exact: true }).fill('2026-12-25');
    await hours.getByRole('button', { name: 'Save hours' }).click();
    await hours.getByText('Saved.').waitFor();
    await page.waitForTimeout(300); // the button's loading state fades out
    await page.screenshot({ path: join(screenshots, 'standards-hours.png'), fullPage: true });

    await page.reload();
    await page.getByRole('heading', { name: 'Service standards' }).waitFor();
    await sites.getByText('Mon 09:00–19:30 · Tue–Fri 09:00–17:00 · Sat 10:00–14:00').waitFor();
    await page.getByRole('button', { name: 'Edit hours of London Store' }).click();
    expect(await hours.getByLabel('Monday closes (1)').inputValue()).toBe('19:30');
    expect(await hours.getByLabel('Saturday opens (1)').inputValue()).toBe('10:00');
    expect(await hours.getByLabel('Holiday 1', { exact: true }).inputValue()).toBe('2026-12-25');
    const stored = await app.inject({
      method: 'GET',
      url: `/api/v1/sites/${seeded.siteId}/hours`,
      headers: manager,
    });
    expect(stored.json()).toMatchObject({ configured: true, holidays: ['2026-12-25'] });
  });

  it('creates a site with a time zone, gives it hours, and finds it listed after a reload', async () => {
    await page.getByRole('button', { name: 'New site' }).click();
    const form = page.getByRole('form', { name: 'New site' });
    await form.getByRole('button', { name: 'Create site' }).click();
    await form.getByText('Give the site a short code, e.g. LON').waitFor();
    await form.getByLabel(/^Code/).fill('ber');
    await form.getByLabel(/^Name/).fill('Berlin Store');
    const zone = form.getByRole('combobox', { name: /^Time zone/ });
    await zone.click();
    await zone.fill('Berlin');
    await page.getByRole('option', { name: 'Europe/Berlin' }).click();
    await form.getByText(/^Now \d\d:\d\d there$/).waitFor();
    await form.getByRole('button', { name: 'Create site' }).click();
    await form.waitFor({ state: 'detached' });

    // The new site opens below, on the Mon–Fri 09:00–17:00 starting week, read in Berlin time.
    const hours = page.getByRole('region', { name: 'Hours of Berlin Store' });
    await hours.getByText(/Times are local to Berlin Store \(Europe\/Berlin\)/).waitFor();
    await hours.getByLabel('Friday closes (1)').fill('15:00');
    await hours.getByRole('button', { name: 'Save hours' }).click();
    await hours.getByText('Saved.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Service standards' }).waitFor();
    const row = page
      .getByRole('table', { name: 'Sites' })
      .getByRole('row')
      .filter({ hasText: 'Berlin Store' });
    await row.getByText('Mon–Thu 09:00–17:00 · Fri 09:00–15:00').waitFor();
    expect(await row.textContent()).toContain('BER');
    expect(await row.textContent()).toContain('Europe/Berlin');
    const listed = await app.inject({ method: 'GET', url: '/api/v1/sites', headers: manager });
    const berlin = listed.json().items.find((x: { code: string }) => x.code === 'BER');
    expect(berlin).toMatchObject({ name: 'Berlin Store', timeZone: 'Europe/Berlin' });
    const stored = await app.inject({
      method: 'GET',
      url: `/api/v1/sites/${berlin.id}/hours`,
      headers: manager,
    });
    expect(stored.json()).toMatchObject({ configured: true, timeZone: 'Europe/Berlin' });
  });

  it('creates an SLA policy in the form and lists it', async () => {
    await page.getByRole('tab', { name: 'SLA policies' }).click();
    const table = page.getByRole('table', { name: 'SLA policies' });
    await table.getByText('Standard', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'New policy' }).click();
    const form = page.getByRole('form', { name: 'New SLA policy' });
    await form.getByRole('button', { name: 'Create policy' }).click();
    await form.getByText('Give the policy a name').waitFor();
    await form.getByLabel('Name').fill('Urgent email');
    await form.getByRole('checkbox', { name: 'Urgent' }).check();
    await form.getByRole('checkbox', { name: 'Email' }).check();
    await form.getByLabel('First response').fill('15');
    await form.getByLabel('Resolution').fill('240');
    await page.screenshot({ path: join(screenshots, 'standards-sla-form.png') });
    await form.getByRole('button', { name: 'Create policy' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const row = table.getByRole('row').filter({ hasText: 'Urgent email' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Priority: Urgent · Channel: Email');
    expect(await row.textContent()).toContain('15 min');
    await page.screenshot({ path: join(screenshots, 'standards-sla.png'), fullPage: true });
  });

  it('shows routing rules and teams, escalation ladders and checklists', async () => {
    await page.getByRole('tab', { name: 'Routing' }).click();
    await page.getByRole('table', { name: 'Routing rules' }).getByText('London email and chat').waitFor();
    const desk = page.getByRole('article', { name: 'Team Front desk' });
    await desk.getByText('Alice Agent').waitFor();
    await desk.getByText('Online', { exact: true }).waitFor();
    expect(await desk.getByRole('radio', { name: 'Least loaded' }).isChecked()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'standards-routing.png'), fullPage: true });
    await page.getByRole('tab', { name: 'Escalation' }).click();
    await page.getByText('Notify the manager, reassign to the team queue').waitFor();
    await page.getByText('Used by: no active SLA policy').waitFor();
    await page.screenshot({ path: join(screenshots, 'standards-escalation.png'), fullPage: true });
    await page.getByRole('tab', { name: 'Checklists' }).click();
    await page.getByText('Confirm the fix with the customer').waitFor();
    await page.screenshot({ path: join(screenshots, 'standards-checklists.png'), fullPage: true });
  });

  it('shows SLA attainment by site, team, channel and priority', async () => {
    await page.getByRole('tab', { name: 'Attainment' }).click();
    expect(page.url()).toContain('#/standards?tab=attainment');
    const bySite = page.getByRole('table', { name: 'SLA attainment by site' });
    await bySite.getByText('London Store').waitFor();
    expect(await page.getByRole('group', { name: 'Cases' }).textContent()).toMatch(/Cases\d+/);
    await page.getByText('Channel', { exact: true }).click();
    await page.getByRole('table', { name: 'SLA attainment by channel' }).getByText('Email').waitFor();
    await page.getByText('Site', { exact: true }).click();
    await bySite.getByText('London Store').waitFor();
    await page.screenshot({ path: join(screenshots, 'standards-attainment.png'), fullPage: true });
  });

  it('fits a tablet width without scrolling sideways', async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.getByRole('tab', { name: 'Sites & hours' }).click();
    await page.getByRole('table', { name: 'Sites' }).getByText('London Store').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
