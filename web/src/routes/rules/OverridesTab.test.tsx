// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Override } from '../../api/authority.ts';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { RulesScreen } from './RulesScreen.tsx';
import { BOB, directoryRoutes, listed, ME } from './test-fixtures.ts';

beforeEach(() => {
  window.location.hash = '#/rules?tab=overrides';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const override: Override = {
  id: 'o1',
  caseId: 'c1',
  customerId: 'cu1',
  actionType: 'goodwill_credit',
  amount: { amountMinor: 7000, currency: 'EUR', formatted: '70.00 EUR' },
  params: {},
  rule: { id: 'r1', version: 2 },
  overriddenOutcome: 'needs_approval',
  limit: null,
  by: { id: 'lead', name: 'Lena Lead', role: 'lead' },
  forAgent: { id: BOB, name: 'Bob Colleague' },
  justification: 'Customer lost a full day of work waiting for two failed deliveries.',
  at: '2026-11-26T09:00:00.000Z',
  reportTo: { id: ME, name: 'Alice Agent' },
  acknowledgedAt: null,
};

describe('Overrides', () => {
  it('shows the justification, the rule and its owner; the owner acknowledges', async () => {
    let seen: string | null = null;
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/overrides?owner=me')
        return { body: { items: [{ ...override, acknowledgedAt: seen }] } };
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [listed] } };
      if (call === 'POST /api/v1/authority/overrides/o1/acknowledge') {
        seen = '2026-11-27T09:00:00.000Z';
        return { body: { ...override, acknowledgedAt: seen } };
      }
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen tab="overrides" />);
    const card = await screen.findByRole('article', { name: 'Override by Lena Lead' });
    expect(card.textContent).toContain('Goodwill credit · 70.00 EUR');
    expect(card.textContent).toContain('Lena Lead for Bob Colleague');
    expect(card.textContent).toContain('Goodwill credit for agents v2');
    expect(card.textContent).toContain('owned by Alice Agent');
    expect(card.textContent).toContain('“Customer lost a full day of work');
    // Only managers switch to every rule's overrides.
    expect(screen.queryByRole('radio', { name: 'All rules' })).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: 'Acknowledge' }));
    expect(await within(card).findByText('acknowledged')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(true);
    expect(within(card).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });
});
