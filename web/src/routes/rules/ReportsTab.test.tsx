// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { RulesScreen } from './RulesScreen.tsx';
import { admin, BOB, DANA, directoryRoutes } from './test-fixtures.ts';

beforeEach(() => {
  window.location.hash = '#/rules?tab=reports';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Reports', () => {
  it('renders decisions per rule and authority used against held per agent', async () => {
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/reports/rules?days=30')
        return {
          body: {
            from: '2026-10-28T00:00:00Z',
            to: '2026-11-27T00:00:00Z',
            rows: [
              {
                ruleId: 'r1',
                ruleName: 'Goodwill credit for agents',
                owner: { id: DANA, name: 'Dana Admin' },
                allowed: 12,
                needsApproval: 3,
                denied: 1,
                overridden: 2,
                total: 16,
                cases: 9,
                csatResponses: 0,
                csatAverage: null,
                casesWithOutcome: 8,
                repeatContactRate: 0.25,
              },
              {
                ruleId: null,
                ruleName: null,
                owner: null,
                allowed: 0,
                needsApproval: 0,
                denied: 4,
                overridden: 0,
                total: 4,
                cases: 4,
                csatResponses: 2,
                csatAverage: 4.5,
                casesWithOutcome: 4,
                repeatContactRate: null,
              },
            ],
          },
        };
      if (call === 'GET /api/v1/authority/reports/agents?days=30')
        return {
          body: {
            from: '2026-10-28T00:00:00Z',
            to: '2026-11-27T00:00:00Z',
            rows: [
              {
                agentId: BOB,
                agentName: 'Bob Colleague',
                actionType: 'goodwill_credit',
                usedAmountMinor: 45000,
                usedActions: 9,
                heldAmountMinor: 900000,
                heldActions: null,
                currency: 'EUR',
                amountUtilisation: 0.05,
                actionUtilisation: null,
              },
              {
                agentId: BOB,
                agentName: 'Bob Colleague',
                actionType: 'callback_promise',
                usedAmountMinor: 0,
                usedActions: 1,
                heldAmountMinor: null,
                heldActions: 150,
                currency: null,
                amountUtilisation: null,
                actionUtilisation: 0.01,
              },
            ],
          },
        };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen tab="reports" />, admin);
    const rules = await screen.findByRole('table', { name: 'Decisions per rule' });
    const [header, first, second] = within(rules).getAllByRole('row');
    expect(
      within(header!)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual([
      'Rule',
      'Owner',
      'Allowed',
      'Needed approval',
      'Denied',
      'Overridden',
      'Cases',
      'Repeat contact',
      'CSAT',
    ]);
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'Goodwill credit for agents',
      'Dana Admin',
      '12',
      '3',
      '1',
      '2',
      '9',
      '25 %',
      'no ratings yet',
    ]);
    expect(second?.textContent).toContain('No rule covered it');
    expect(second?.textContent).toContain('4.5 / 5 (2)');

    const agents = await screen.findByRole('table', { name: 'Authority per agent' });
    const rows = within(agents).getAllByRole('row');
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Bob Colleague', 'Goodwill credit', '450.00 EUR in 9 actions', '9,000.00 EUR', '5 %']);
    expect(rows[2]?.textContent).toContain('150 actions');
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it('says when there is nothing to report, and shows a server problem', async () => {
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/reports/rules?days=30')
        return { body: { from: '2026-10-28T00:00:00Z', to: '2026-11-27T00:00:00Z', rows: [] } };
      if (call === 'GET /api/v1/authority/reports/agents?days=30')
        return {
          status: 403,
          body: { title: 'Forbidden', status: 403, code: 'auth.forbidden', detail: 'Managers only.' },
        };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen tab="reports" />, admin);
    expect(await screen.findByText('No decisions in this period')).toBeTruthy();
    expect(await screen.findByText('Managers only.')).toBeTruthy();
  });
});
