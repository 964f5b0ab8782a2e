import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDist } from '../../src/http/console.ts';
import { createTestDatabase } from '../db.ts';
import {
  DANA,
  insertPerson,
  logIn as logInAt,
  openPage,
  SCREENSHOTS as screenshots,
  signInHeaders,
} from './helpers.ts';
import { AGENT, type Seeded, seedConsole } from './seed.ts';
import { CHROMIUM, CHROMIUM_ARGS, type ConsoleServer, hasChromium, startConsoleServer } from './server.ts';

/**
 * The console built from the working tree into a directory of this test's own, so the screens
 * under test are the current ones whatever web/dist holds, and web/dist is left alone.
 */
async function buildFreshConsole(): Promise<string> {
  const outDir = join(tmpdir(), `casebook-rules-console-${process.pid}`);
  const root = join(consoleDist, '..');
  const vite = await import('vite');
  await vite.build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

if (!hasChromium) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (or set CASEBOOK_CHROMIUM)`);
}

describe.skipIf(!hasChromium)('authority rules in the console (Chromium)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ConsoleServer;
  let app: FastifyInstance;
  let url: string;
  let consoleDir: string;
  let seeded: Seeded;
  let browser: Browser;
  let page: Page;
  let danaId: string;
  let ruleId: string;

  const api = (who: { email: string; password: string }) => signInHeaders(app, who);
  const logIn = (p: Page, who: { email: string; password: string }) => logInAt(p, url, who);

  /**
   * Alice (a lead, up to 60.00 EUR) signs in beside Dana and checks an 80.00 EUR credit from the
   * case; returns her browser context (close it when done) and the case's action panel.
   */
  const aliceChecksCreditOverHerLimit = async () => {
    const { context: lead, page: alice } = await openPage(browser, { width: 1280, height: 900 });
    await logIn(alice, AGENT);
    await alice.goto(`${url}/#/cases/${seeded.caseId}`);
    const panel = alice.getByRole('region', { name: 'Actions for the customer' });
    await panel.getByText(/You can credit up to 60\.00 EUR/).waitFor();
    await panel.getByLabel('Amount').fill('80');
    await panel.getByLabel('Reason').fill('Parcel lost twice');
    await panel.getByRole('button', { name: 'Check' }).click();
    return { lead, panel };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    consoleDir = await buildFreshConsole();
    server = await startConsoleServer(db, { consoleDir });
    ({ app, url } = server);
    seeded = await seedConsole(db, app, 2);
    danaId = (await insertPerson(db, DANA, 'admin')).id;
    // Leads may credit up to 50.00 EUR, and nobody may approve more: over it, the answer is no.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/authority/rules',
      headers: await api(DANA),
      payload: {
        name: 'Goodwill credit for leads',
        actionType: 'goodwill_credit',
        scope: { role: 'lead' },
        limits: { perAction: { amountMinor: 5000, currency: 'EUR' } },
        ownerId: danaId,
        rationale: 'Small credits fix most delivery problems at once.',
        approval: { by: 'none' },
        reason: 'First version',
      },
    });
    expect(created.statusCode).toBe(201);
    ruleId = created.json().id;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    ({ page } = await openPage(browser, { width: 1280, height: 900 }));
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.drop();
    if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
  });

  it('an admin edits a rule’s limit with a reason and sees the new version in its history', async () => {
    await logIn(page, DANA);
    await page.getByRole('link', { name: 'Rules' }).click();
    const card = page.getByRole('article', { name: 'Rule Goodwill credit for leads' });
    await card.getByText('50.00 EUR per action').waitFor();
    expect(await card.textContent()).toContain('Owner: Dana Admin');
    await card.getByRole('link', { name: 'Goodwill credit for leads' }).click();
    expect(page.url()).toContain(`#/rules?rule=${ruleId}`);

    await page.getByRole('button', { name: 'Edit rule' }).click();
    const form = page.getByRole('form', { name: 'Edit rule Goodwill credit for leads' });
    expect(await form.getByLabel('Per action (EUR)').inputValue()).toBe('50.00');
    await form.getByLabel('Per action (EUR)').fill('60');
    await form.getByLabel(/^Why this change/).fill('Friction reports: 50 EUR did not cover a lost parcel.');
    await form.getByRole('button', { name: 'Save new version' }).click();

    const history = page.getByRole('region', { name: 'Version history' });
    const v2 = history.getByRole('article', { name: 'Version 2' });
    await v2.waitFor();
    const text = await v2.textContent();
    expect(text).toContain('Limits: 50.00 EUR per action → 60.00 EUR per action');
    expect(text).toContain('“Friction reports: 50 EUR did not cover a lost parcel.”');
    expect(text).toContain('Dana Admin');
    expect(await v2.getByText('in force').count()).toBe(1);
    await history.getByRole('article', { name: 'Version 1' }).waitFor();
    // The editor open on v2, above the history that now holds both versions.
    await page.getByRole('button', { name: 'Edit rule' }).click();
    await page
      .getByRole('form', { name: /Edit rule/ })
      .getByLabel('Per action (EUR)')
      .waitFor();
    await page.screenshot({ path: join(screenshots, 'rules-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Cancel' }).click();

    // On the wire the new version holds minor units.
    const stored = await app.inject({
      method: 'GET',
      url: `/api/v1/authority/rules/${ruleId}`,
      headers: await api(DANA),
    });
    expect(stored.json().limits.perAction).toMatchObject({ amountMinor: 6000, currency: 'EUR' });
    expect(stored.json().versions).toHaveLength(2);
  });

  it('an agent flags the rule from a case; the owner answers it in the friction tab', async () => {
    // Alice, a lead, is told no from the case and flags the rule there.
    const { lead, panel } = await aliceChecksCreditOverHerLimit();
    await panel
      .getByLabel(/This rule hurts customers because/)
      .fill('A lost parcel costs more than 60 EUR and nobody can say yes.');
    await panel.getByRole('button', { name: 'Flag this rule' }).click();
    await panel.getByText('Flagged — Dana Admin will answer.').waitFor();
    await lead.close();

    // Dana sees it on her rules, with the case linked, and answers.
    await page.getByRole('tab', { name: 'Friction reports' }).click();
    expect(page.url()).toContain('#/rules?tab=friction');
    const report = page.getByRole('article', { name: 'Friction report from Alice Agent' });
    await report.waitFor();
    expect(await report.textContent()).toContain('A lost parcel costs more than 60 EUR');
    expect(await report.getByRole('link', { name: `Open case ${seeded.caseId}` }).getAttribute('href')).toBe(
      `#/cases/${seeded.caseId}`,
    );
    await report.getByLabel('Your answer').selectOption('change');
    await report
      .getByLabel(/^Response to the reporter/)
      .fill('Leads may now ask me to approve above 60 EUR from Monday.');
    await page.screenshot({ path: join(screenshots, 'rules-friction.png'), fullPage: true });
    await report.getByRole('button', { name: 'Send answer' }).click();
    await page.getByText('No open reports').waitFor();
    await page.getByLabel('Status').selectOption('answered');
    const answered = page.getByRole('article', { name: 'Friction report from Alice Agent' });
    await answered.getByText(/Change it — Dana Admin/).waitFor();
    // The rule's own page lists it too, answered.
    await answered.getByRole('link', { name: 'Goodwill credit for leads v2' }).click();
    const onRule = page.getByRole('region', { name: 'Friction reports on this rule' });
    await onRule.getByText(/Change it — Dana Admin/).waitFor();
  });

  it('reports what the rule decided and the authority agents used', async () => {
    const done = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${seeded.caseId}/actions`,
      headers: await api(AGENT),
      payload: { actionType: 'goodwill_credit', params: { amount: '40.00 EUR', reason: 'Late parcel' } },
    });
    expect(done.statusCode).toBe(201);
    await page.getByRole('tab', { name: 'Reports', exact: true }).click();
    const perRule = page.getByRole('table', { name: 'Decisions per rule' });
    const row = perRule.getByRole('row').filter({ hasText: 'Goodwill credit for leads' });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Goodwill credit for leads',
      'Dana Admin',
      '1',
      '0',
      '0',
      '0',
      '1',
      '0 %',
      'no ratings yet',
    ]);
    const perAgent = page.getByRole('table', { name: 'Authority per agent' });
    const alice = perAgent.getByRole('row').filter({ hasText: 'Alice Agent' });
    await alice.waitFor();
    expect(await alice.textContent()).toContain('40.00 EUR in 1 action');
  });

  it('lets leads override from the case once the rule allows it; the owner sees and acknowledges the override', async () => {
    await page.goto(`${url}/#/rules?rule=${ruleId}`);
    await page.getByRole('button', { name: 'Edit rule' }).click();
    const form = page.getByRole('form', { name: /Edit rule/ });
    await form.getByLabel(/may override this rule/).check();
    await form.getByRole('checkbox', { name: 'lead', exact: true }).check();
    await form.getByLabel(/^Why this change/).fill('Leads see the whole story; let them decide past 60 EUR.');
    await form.getByRole('button', { name: 'Save new version' }).click();
    const v3 = page
      .getByRole('region', { name: 'Version history' })
      .getByRole('article', { name: 'Version 3' });
    await v3.getByText('Override: not allowed → by lead').waitFor();

    // Alice, a lead, is still told no from the case, and now overrides it there.
    const { lead, panel } = await aliceChecksCreditOverHerLimit();
    await panel.getByText('Not allowed').waitFor();
    const override = panel.getByRole('region', { name: 'Override this rule' });
    expect(await override.textContent()).toContain(
      'The action (80.00 EUR) is executed now, recorded, and reported to Dana Admin',
    );
    const why = override.getByLabel(/Why you override this rule/);
    await why.fill('Too short.');
    await override.getByRole('button', { name: 'Override and execute now' }).click();
    await override.getByText(/Write at least 30 characters/).waitFor();
    await why.fill('The customer lost two parcels in a month and is about to leave us.');
    await why.press('Control+Enter');
    await panel.getByText('Done — overridden').waitFor();
    expect(await panel.textContent()).toContain(
      'Executed 80.00 EUR on this case, recorded, and reported to Dana Admin.',
    );
    await lead.close();
    const executed = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${seeded.caseId}/actions`,
      headers: await api(AGENT),
    });
    expect(executed.json().items[0]).toMatchObject({
      basis: 'override',
      amount: { formatted: '80.00 EUR' },
    });

    await page.getByRole('tab', { name: 'Overrides' }).click();
    const card = page.getByRole('article', { name: 'Override by Alice Agent' });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Goodwill credit · 80.00 EUR');
    expect(text).toContain('Goodwill credit for leads v3');
    expect(text).toContain('owned by Dana Admin');
    expect(text).toContain('lost two parcels in a month');
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.getByText('acknowledged', { exact: true }).waitFor();
  });

  it('fits a tablet width', async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${url}/#/rules?rule=${ruleId}`);
    await page.getByRole('region', { name: 'Version history' }).waitFor();
    await page.getByRole('button', { name: 'Edit rule' }).click();
    await page.getByRole('form', { name: /Edit rule/ }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The report tables scroll inside their own box rather than the page.
    await page.getByRole('tab', { name: 'Reports', exact: true }).click();
    await page.getByRole('table', { name: 'Authority per agent' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('tab', { name: 'Friction reports' }).click();
    await page.getByRole('radiogroup', { name: 'Reports' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
