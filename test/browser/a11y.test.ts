import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db.ts';
import {
  DANA,
  insertPerson,
  logIn as logInAt,
  openPage,
  resolveSimilarCases,
  signInHeaders,
} from './helpers.ts';
import { AGENT, type Seeded, seedConsole } from './seed.ts';
import { CHROMIUM, CHROMIUM_ARGS, type ConsoleServer, hasChromium, startConsoleServer } from './server.ts';

/**
 * Accessibility of every main screen of the console (issue 3): axe-core's WCAG 2.0/2.1 A and AA
 * rules at a desktop width (1280 px) and a tablet width (820 px), as an agent (a lead, who can act
 * for the customer) and as an administrator (rules, standards, approvals); and the keyboard path
 * through the inbox into a case. A violation of impact serious or critical fails the screen.
 */

const CARL = { email: 'carl@example.com', password: 'a frontline agent passphrase', name: 'Carl Frontline' };
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'tablet', width: 820, height: 1100 },
] as const;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is and returns the serious and critical violations. */
async function audit(page: Page): Promise<Violation[]> {
  // Let Mantine's transitions (fades, tab underline) finish so colours are the final ones.
  await page.waitForTimeout(350);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (runOnly) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target as unknown[],
        failureSummary: n.failureSummary,
      })),
    }));
  }, TAGS);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolations(screen: string, violations: Violation[]): string {
  return [
    `${screen}: ${violations.length} serious or critical accessibility violation(s)`,
    ...violations.map((v) =>
      [
        `- ${v.id} (${v.impact}): ${v.help}`,
        `  ${v.helpUrl}`,
        ...v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `  · ${n.target.map(String).join(' > ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 220)}` : ''}`,
          ),
        ...(v.nodes.length > 8 ? [`  · …and ${v.nodes.length - 8} more`] : []),
      ].join('\n'),
    ),
  ].join('\n');
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await audit(page);
  expect(violations.length, describeViolations(screen, violations)).toBe(0);
  // Usable at this width: nothing makes the page scroll sideways (wide tables scroll in their box).
  const overflow = await page.evaluate(() => ({
    by: document.documentElement.scrollWidth - window.innerWidth,
    widest: [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}`),
  }));
  expect(
    overflow.by,
    `${screen}: the page scrolls sideways by ${overflow.by} px (${overflow.widest.join(', ')})`,
  ).toBeLessThanOrEqual(0);
}

if (!hasChromium) {
  console.warn(`accessibility tests skipped: no Chromium at ${CHROMIUM} (or set CASEBOOK_CHROMIUM)`);
}

describe.skipIf(!hasChromium)('accessibility of the console (axe-core, WCAG 2.1 A/AA)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ConsoleServer;
  let seeded: Seeded;
  let browser: Browser;
  let ruleId: string;

  const call = async (
    headers: Record<string, string>,
    method: 'POST' | 'PUT',
    path: string,
    payload: object,
  ) => {
    const res = await server.app.inject({ method, url: `/api/v1${path}`, headers, payload });
    expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  const logIn = (page: Page, who: { email: string; password: string }) => logInAt(page, server.url, who);

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startConsoleServer(db, { reasoning: true });
    seeded = await seedConsole(db, server.app, 4);
    const dana = await insertPerson(db, DANA, 'admin');
    await insertPerson(db, CARL, 'agent', seeded.siteId);
    const admin = await signInHeaders(server.app, DANA);
    const lead = await signInHeaders(server.app, AGENT);

    // Authority: leads credit up to 50.00 EUR, Dana approves more; one request waits on her, one
    // friction report and one override are hers to answer.
    const rule = await call(admin, 'POST', '/authority/rules', {
      name: 'Goodwill credit for leads',
      actionType: 'goodwill_credit',
      scope: { role: 'lead' },
      limits: { perAction: '50.00 EUR' },
      ownerId: dana.id,
      rationale: 'Small credits fix most delivery problems at once.',
      override: { allowed: true, roles: ['lead'] },
      approval: { by: 'owner' },
    });
    ruleId = rule.id;
    // Agents credit up to 20.00 EUR and no more: over it the answer is no (and they may flag the rule).
    await call(admin, 'POST', '/authority/rules', {
      name: 'Goodwill credit for agents',
      actionType: 'goodwill_credit',
      scope: { role: 'agent' },
      limits: { perAction: '20.00 EUR' },
      ownerId: dana.id,
      rationale: 'Frontline agents fix small problems at once.',
      approval: { by: 'none' },
    });
    const [first, second] = seeded.otherCaseIds;
    await call(lead, 'POST', `/cases/${first}/actions/approval-requests`, {
      actionType: 'goodwill_credit',
      params: { amount: '70.00 EUR', reason: 'Late delivery' },
      justification: 'Third late delivery this month; the customer is about to leave.',
    });
    await call(lead, 'POST', `/authority/rules/${ruleId}/friction`, {
      reason: 'A lost parcel costs more than 50 EUR and nobody can say yes at once.',
      caseIds: [second],
    });
    await call(lead, 'POST', `/cases/${second}/actions/override`, {
      actionType: 'goodwill_credit',
      params: { amount: '80.00 EUR', reason: 'Parcel lost twice' },
      justification: 'The customer lost two parcels in a month and is about to leave us.',
    });

    // Service standards: an SLA policy, an escalation ladder, a routing rule and a checklist.
    await call(admin, 'POST', '/sla-policies', {
      name: 'Standard',
      targets: { first_response: 4 * 3_600_000, resolution: 3 * 86_400_000 },
    });
    await call(admin, 'POST', '/escalation-policies', {
      name: 'Default ladder',
      levels: [
        { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
        { level: 2, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] },
      ],
    });
    const teams = await server.app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin });
    const team = teams.json().items[0];
    await call(admin, 'POST', '/routing-rules', {
      name: 'London email and chat',
      teamId: team.id,
      conditions: { siteId: [seeded.siteId], channel: ['email', 'chat'] },
    });
    await call(admin, 'PUT', '/interaction-standards/billing', {
      items: [
        { id: 'verify-identity', label: 'Verify identity', channels: ['phone', 'in_person'] },
        { id: 'confirm-fix', label: 'Confirm the fix with the customer' },
      ],
    });

    // Three similar cases resolved, so the case view has suggestions to show.
    await resolveSimilarCases(server.app, seeded.ingestToken, lead);
    await server.reasoning?.idle();

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.drop();
  });

  for (const size of WIDTHS) {
    describe(`at ${size.width} px (${size.name})`, () => {
      let agentContext: BrowserContext;
      let adminContext: BrowserContext;
      let agent: Page;
      let admin: Page;

      beforeAll(async () => {
        const options = {
          viewport: { width: size.width, height: size.height },
          timezoneId: 'Europe/London',
          locale: 'en-GB',
        };
        agentContext = await browser.newContext(options);
        adminContext = await browser.newContext(options);
        agent = await agentContext.newPage();
        admin = await adminContext.newPage();
        agent.setDefaultTimeout(10_000);
        admin.setDefaultTimeout(10_000);
      });
      afterAll(async () => {
        await agentContext?.close();
        await adminContext?.close();
      });

      it('login', async () => {
        await agent.goto(server.url);
        await agent.getByLabel('Email').waitFor();
        await expectAccessible(agent, 'login');
        // A failed sign-in shows its error; that state must pass too.
        await agent.getByLabel('Email').fill(AGENT.email);
        await agent.locator('input[type=password]').fill('wrong password');
        await agent.getByRole('button', { name: 'Sign in' }).click();
        await agent.getByRole('alert').waitFor();
        await expectAccessible(agent, 'login with an error');
      });

      it('inbox (agent)', async () => {
        await logIn(agent, AGENT);
        await agent.getByTestId('case-row').first().waitFor();
        await expectAccessible(agent, 'inbox');
      });

      it('case view with the customer panel, suggestions, actions and composer (agent)', async () => {
        await agent.goto(`${server.url}/#/cases/${seeded.caseId}`);
        await agent.getByRole('heading', { name: 'Charged twice for my blender' }).waitFor();
        await agent.getByTestId('customer-panel').getByText('Vortex 900 Blender').waitFor();
        const suggestions = agent.getByRole('region', { name: 'Suggestions' });
        await suggestions.getByRole('button', { name: 'Use this reply' }).waitFor();
        const actions = agent.getByRole('region', { name: 'Actions for the customer' });
        await actions.getByText(/You can credit up to 50\.00 EUR/).waitFor();
        await agent.getByLabel('Reply to the customer').waitFor();
        await expectAccessible(agent, 'case view');

        // The decision states of the action panel: needs approval (justification form).
        await actions.getByLabel('Amount').fill('60');
        await actions.getByLabel('Reason').fill('Second late delivery');
        await actions.getByRole('button', { name: 'Check' }).click();
        await actions.getByText('Needs approval', { exact: true }).waitFor();
        await expectAccessible(agent, 'case view, action needing approval');

        // The other composer tab: log a call or visit.
        await agent.getByRole('tab', { name: 'Log call or visit' }).click();
        await agent.getByLabel('Duration (minutes)').waitFor();
        await expectAccessible(agent, 'case view, log call or visit');
      });

      it('customer page (agent)', async () => {
        await agent.goto(`${server.url}/#/customers/${seeded.customerId}`);
        await agent.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
        await agent.getByText('Invoice shows the wrong address').waitFor();
        await expectAccessible(agent, 'customer page');
        await agent.getByRole('button', { name: 'Merge a duplicate…' }).click();
        await agent.getByLabel(/Find the duplicate record/).fill('Grace');
        await agent.getByRole('radio', { name: /Grace Hopper/ }).waitFor();
        await expectAccessible(agent, 'customer page, merge dialog');
        await agent.keyboard.press('Escape');
        await agent.getByRole('dialog').waitFor({ state: 'hidden' });
      });

      it('search (agent)', async () => {
        await agent.goto(`${server.url}/#/search?q=Ada`);
        await agent.getByRole('link', { name: 'Ada Lovelace' }).first().waitFor();
        await expectAccessible(agent, 'search results');
        await agent.goto(`${server.url}/#/search`);
        await agent.waitForTimeout(200);
        await expectAccessible(agent, 'search, empty');
        await agent.goto(`${server.url}/#/search?q=zzyzx`);
        await agent.getByText('No message or case matches').waitFor();
        await expectAccessible(agent, 'search, nothing found');
      });

      it('loading placeholders and error states (agent)', async () => {
        // A customer that takes its time: the page shows its loading placeholder.
        let release = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        await agent.route(/\/api\/v1\/customers\/[^/?]+$/, async (route) => {
          await held;
          await route.continue().catch(() => {});
        });
        await agent.goto(`${server.url}/#/customers/${seeded.customerId}`);
        await agent.reload(); // nothing cached
        await agent.locator('[aria-busy="true"]').first().waitFor();
        await expectAccessible(agent, 'customer page, loading');
        release();
        await agent.unroute(/\/api\/v1\/customers\/[^/?]+$/);
        // A search the server fails: the problem+json title and detail, and Try again.
        await agent.route(/\/api\/v1\/search\?/, (route) =>
          route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Search is resting',
              status: 503,
              detail: 'The search index is being rebuilt; try again in a minute.',
              code: 'search.unavailable',
            }),
          }),
        );
        await agent.goto(`${server.url}/#/search?q=Lovelace`);
        await agent.reload();
        await agent.getByRole('alert').filter({ hasText: 'Search is resting' }).waitFor();
        await expectAccessible(agent, 'search, server error');
        await agent.unroute(/\/api\/v1\/search\?/);
      });

      it('a frontline agent: empty inbox, an action not allowed with the flag form, the authority page', async () => {
        const { context, page: carl } = await openPage(browser, { width: size.width, height: size.height });
        try {
          await logIn(carl, CARL);
          await carl.getByText('No cases').waitFor();
          await expectAccessible(carl, 'inbox, empty (frontline agent)');
          await carl.goto(`${server.url}/#/cases/${seeded.caseId}`);
          await carl.getByRole('heading', { name: 'Charged twice for my blender' }).waitFor();
          const actions = carl.getByRole('region', { name: 'Actions for the customer' });
          await actions.getByText(/You can credit up to 20\.00 EUR/).waitFor();
          await actions.getByLabel('Amount').fill('30');
          await actions.getByLabel('Reason').fill('Late delivery');
          await actions.getByRole('button', { name: 'Check' }).click();
          await actions.getByText('Not allowed', { exact: true }).waitFor();
          await expectAccessible(carl, 'case view, action not allowed (frontline agent)');
          await carl.goto(`${server.url}/#/approvals`);
          await carl.getByRole('heading', { name: 'Authority', level: 1 }).waitFor();
          await carl.waitForTimeout(300);
          await expectAccessible(carl, 'authority page (frontline agent)');
        } finally {
          await context.close();
        }
      });

      it('approvals (agent: their requests)', async () => {
        await agent.goto(`${server.url}/#/approvals`);
        await agent.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
        await agent.getByRole('region', { name: 'Your requests' }).getByText('pending').first().waitFor();
        await expectAccessible(agent, 'approvals (agent)');
      });

      it('approvals (admin: the queue and friction reports)', async () => {
        await logIn(admin, DANA);
        await admin.goto(`${server.url}/#/inbox?queue=all`);
        await admin.getByTestId('case-row').first().waitFor();
        await expectAccessible(admin, 'inbox (admin)');
        await admin.goto(`${server.url}/#/approvals`);
        await admin.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
        await admin
          .getByRole('button', { name: /Approve/ })
          .first()
          .waitFor();
        await expectAccessible(admin, 'approvals (admin)');
      });

      /** A screen, and the forms and dialogs it opens: each state is checked. */
      interface Screen {
        path: string;
        heading: string;
        ready: (p: Page) => Locator;
        opens?: { button: string | RegExp; shows: (p: Page) => Locator; close?: 'Escape' | string }[];
      }
      const dialog = (name: string | RegExp) => (p: Page) => p.getByRole('dialog', { name });
      const adminScreens: Record<string, Screen> = {
        'rules: rules tab': {
          path: '/rules',
          heading: 'Rules',
          ready: (p) => p.getByRole('article', { name: /Rule Goodwill credit/ }),
          opens: [
            {
              button: 'New rule',
              shows: (p) => p.getByRole('heading', { name: 'New rule' }),
              close: 'Cancel',
            },
            {
              button: 'Add action type',
              shows: (p) => p.getByRole('heading', { name: 'Add an action type' }),
              close: 'Cancel',
            },
          ],
        },
        'rules: friction tab': {
          path: '/rules?tab=friction',
          heading: 'Rules',
          ready: (p) => p.getByRole('article', { name: /Friction report from/ }),
        },
        'rules: overrides tab': {
          path: '/rules?tab=overrides',
          heading: 'Rules',
          ready: (p) => p.getByRole('article', { name: /Override by/ }),
        },
        'rules: reports tab': {
          path: '/rules?tab=reports',
          heading: 'Rules',
          ready: (p) => p.getByRole('table', { name: 'Decisions per rule' }),
        },
        'rules: a rule with its history': {
          path: '/rules?rule=RULE',
          heading: 'Rules',
          ready: (p) => p.getByRole('region', { name: 'Version history' }),
          opens: [
            {
              button: 'Edit rule',
              shows: (p) => p.getByRole('form', { name: /Edit rule/ }),
              close: 'Cancel',
            },
          ],
        },
        'standards: sites tab': {
          path: '/standards?tab=sites',
          heading: 'Service standards',
          ready: (p) => p.getByRole('table', { name: 'Sites' }).getByText('London Store'),
          opens: [
            {
              button: 'Edit hours of London Store',
              shows: (p) => p.getByRole('region', { name: 'Hours of London Store' }),
            },
            { button: 'New site', shows: dialog('New site'), close: 'Escape' },
          ],
        },
        'standards: sla tab': {
          path: '/standards?tab=sla',
          heading: 'Service standards',
          ready: (p) => p.getByRole('table', { name: 'SLA policies' }).getByText('Standard'),
          opens: [{ button: 'New policy', shows: dialog('New SLA policy'), close: 'Escape' }],
        },
        'standards: routing tab': {
          path: '/standards?tab=routing',
          heading: 'Service standards',
          ready: (p) => p.getByText('London email and chat'),
          opens: [
            { button: 'New rule', shows: dialog('New routing rule'), close: 'Escape' },
            { button: 'New team', shows: dialog('New team'), close: 'Escape' },
          ],
        },
        'standards: escalation tab': {
          path: '/standards?tab=escalation',
          heading: 'Service standards',
          ready: (p) => p.getByText('Default ladder'),
          opens: [{ button: 'New ladder', shows: dialog('New escalation ladder'), close: 'Escape' }],
        },
        'standards: checklists tab': {
          path: '/standards?tab=checklists',
          heading: 'Service standards',
          ready: (p) => p.getByText('Confirm the fix with the customer'),
          opens: [{ button: 'New checklist', shows: dialog('New checklist'), close: 'Escape' }],
        },
        'standards: attainment tab': {
          path: '/standards?tab=attainment',
          heading: 'Service standards',
          ready: (p) => p.getByRole('table', { name: /SLA attainment by/ }),
        },
      };
      for (const [name, screen] of Object.entries(adminScreens)) {
        it(`${name} (admin)`, async () => {
          await admin.goto(`${server.url}/#${screen.path.replace('RULE', ruleId)}`);
          await admin.getByRole('heading', { name: screen.heading, level: 1 }).waitFor();
          await screen.ready(admin).first().waitFor();
          await expectAccessible(admin, name);
          for (const open of screen.opens ?? []) {
            await admin.getByRole('button', { name: open.button, exact: true }).first().click();
            const shown = open.shows(admin).first();
            await shown.waitFor();
            await expectAccessible(admin, `${name}, ${String(open.button)}`);
            if (open.close === 'Escape') {
              await admin.keyboard.press('Escape');
              await shown.waitFor({ state: 'detached' });
            } else if (open.close) {
              await admin.getByRole('button', { name: open.close, exact: true }).first().click();
              await shown.waitFor({ state: 'detached' });
            }
          }
        });
      }
    });
  }

  describe('keyboard', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      ({ context, page } = await openPage(browser, { width: 1280, height: 900 }));
    });
    afterAll(async () => {
      await context?.close();
    });

    /** What has focus, described for a failure message and for matching. */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { tag: 'body', id: '', name: '', inRow: false, role: '' };
        return {
          tag: el.tagName.toLowerCase(),
          id: el.id,
          name: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60) ?? '',
          inRow: Boolean(el.closest('[data-testid="case-row"]')),
          role: el.getAttribute('role') ?? el.closest('[role="radiogroup"]')?.getAttribute('role') ?? '',
        };
      });

    it('Tab reaches the search box, the queue choice and the first case row, in that order', async () => {
      await logIn(page, AGENT);
      await page.getByTestId('case-row').first().waitFor();
      const seen: string[] = [];
      let search = -1;
      let queue = -1;
      let row = -1;
      // A fresh load, so Tab starts from the top of the document.
      await page.reload();
      await page.getByTestId('case-row').first().waitFor();
      for (let i = 0; i < 40 && row < 0; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        seen.push(`${f.tag}${f.id ? `#${f.id}` : ''} ${f.name}`.trim());
        if (search < 0 && f.id === 'global-search') search = i;
        if (
          queue < 0 &&
          f.tag === 'input' &&
          (await page.evaluate(
            () => document.activeElement?.closest('.mantine-SegmentedControl-root') !== null,
          ))
        )
          queue = i;
        if (f.inRow) row = i;
      }
      const order = `Tab order: ${seen.join(' → ')}`;
      expect(search, order).toBeGreaterThanOrEqual(0);
      expect(queue, order).toBeGreaterThan(search);
      expect(row, order).toBeGreaterThan(queue);
    });

    it('/ focuses search; j/k move; Enter opens a case and focus lands in the case view', async () => {
      await page.goto(`${server.url}/#/inbox`);
      const rows = page.getByTestId('case-row');
      await rows.nth(1).waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('/');
      expect((await focused()).id).toBe('global-search');
      await page.keyboard.press('Escape'); // leaves the search box
      expect((await focused()).id).not.toBe('global-search');

      await expect.poll(() => rows.nth(0).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('j');
      await expect.poll(() => rows.nth(1).getAttribute('aria-selected')).toBe('true');
      expect(await rows.nth(0).getAttribute('aria-selected')).toBe('false');
      await page.keyboard.press('k');
      await expect.poll(() => rows.nth(0).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('j');
      await expect.poll(() => rows.nth(1).getAttribute('aria-selected')).toBe('true');
      const subject = (await rows.nth(1).locator('a').first().textContent())?.trim() ?? '';

      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: subject, level: 1 }).waitFor();
      expect(page.url()).toContain('#/cases/');
      await expect
        .poll(async () => {
          return page.evaluate(() => {
            const el = document.activeElement;
            if (!el || el === document.body) return 'body';
            if (/^H[1-6]$/.test(el.tagName)) return 'heading';
            if (el.closest('[data-testid="timeline"], [aria-label*="imeline"]')) return 'timeline';
            return `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40)}`;
          });
        })
        .toMatch(/^(heading|timeline)$/);
    });
  });
});
