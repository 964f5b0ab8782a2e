// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders, testSession } from '../../test/render.tsx';
import { RulesScreen } from './RulesScreen.tsx';
import { admin, DANA, directoryRoutes, listed, rule } from './test-fixtures.ts';

beforeEach(() => {
  window.location.hash = '#/rules';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Rules tab', () => {
  it('lists the rules in force with scope, limits, owner and rationale', async () => {
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [listed] } };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    const card = await screen.findByRole('article', { name: 'Rule Goodwill credit for agents' });
    expect(card.textContent).toContain('75.00 EUR per action');
    expect(card.textContent).toContain('100.00 EUR per customer in 30 days');
    expect(card.textContent).toContain('agents');
    expect(card.textContent).toContain('Owner: Dana Admin');
    expect(card.textContent).toContain('override: by lead, manager');
    expect(card.textContent).toContain('Small gestures fix most complaints');
    expect(within(card).getByText('in force')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'New rule' })).toBeTruthy();
  });

  it('shows rules not in force only when asked, and filters by action type', async () => {
    const ended = { ...listed, id: 'r2', name: 'Old refund rule', actionType: 'refund', inForce: false };
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [listed, ended] } };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    await screen.findByRole('article', { name: 'Rule Goodwill credit for agents' });
    expect(screen.queryByRole('article', { name: 'Rule Old refund rule' })).toBeNull();
    fireEvent.click(screen.getByLabelText(/Include rules not in force/));
    expect(
      within(await screen.findByRole('article', { name: 'Rule Old refund rule' })).getByText('ended'),
    ).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('option', { name: 'Callback promise' }).length).toBe(1));
    fireEvent.change(screen.getByLabelText('Action type'), { target: { value: 'callback_promise' } });
    expect(await screen.findByText('No rule matches')).toBeTruthy();
  });

  it('creates a rule: decimal amounts go out in minor units with the currency', async () => {
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [] } };
      if (call === 'POST /api/v1/authority/rules') return { status: 201, body: { ...rule, id: 'r9' } };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    fireEvent.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    const f = within(form);
    await waitFor(() => expect(f.getByRole('option', { name: 'Goodwill credit' })).toBeTruthy());
    fireEvent.change(f.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Refunds for leads' } });
    fireEvent.change(f.getByLabelText(/^Action type/), { target: { value: 'goodwill_credit' } });
    fireEvent.change(f.getByLabelText('Role'), { target: { value: 'lead' } });
    // Teams are named by GET /teams, not by their members.
    await waitFor(() => expect(f.getByRole('option', { name: 'Front desk' })).toBeTruthy());
    expect(f.queryByRole('option', { name: /^Team of/ })).toBeNull();
    fireEvent.change(f.getByLabelText('Per action (EUR)'), { target: { value: '75.50' } });
    fireEvent.change(f.getByLabelText('Per customer: period (days)'), { target: { value: '30' } });
    fireEvent.change(f.getByLabelText('Per customer: amount (EUR)'), { target: { value: '1,250' } });
    fireEvent.change(f.getByLabelText('Per agent per day: amount (EUR)'), { target: { value: '300' } });
    fireEvent.change(f.getByLabelText('Lifetime value at least (EUR)'), { target: { value: '1000.00' } });
    fireEvent.change(f.getByLabelText('Receipt on file'), { target: { value: 'no' } });
    await waitFor(() =>
      expect(f.getAllByRole('option', { name: 'Dana Admin (admin)' }).length).toBeGreaterThan(0),
    );
    fireEvent.change(f.getByLabelText(/^Owner\b/), { target: { value: DANA } });
    fireEvent.change(f.getByLabelText(/^Rationale/), {
      target: { value: 'Leads see the whole story and can judge a refund.' },
    });
    fireEvent.click(f.getByLabelText(/may override/));
    fireEvent.click(f.getByRole('checkbox', { name: 'manager' }));
    fireEvent.click(f.getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Refunds for leads',
      actionType: 'goodwill_credit',
      scope: { role: 'lead' },
      limits: {
        perAction: { amountMinor: 7550, currency: 'EUR' },
        perCustomer: { periodDays: 30, maxAmount: { amountMinor: 125000, currency: 'EUR' } },
        perAgentDay: { maxAmount: { amountMinor: 30000, currency: 'EUR' } },
      },
      conditions: { minLifetimeValue: { amountMinor: 100000, currency: 'EUR' }, receiptOnFile: false },
      ownerId: DANA,
      rationale: 'Leads see the whole story and can judge a refund.',
      override: { allowed: true, roles: ['manager'] },
      approval: { by: 'owner' },
    });
    // Saved: the console opens the new rule.
    await waitFor(() => expect(window.location.hash).toBe('#/rules?rule=r9'));
  });

  it('refuses an amount that is not one, before asking the server', async () => {
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [] } };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    fireEvent.click(await screen.findByRole('button', { name: 'New rule' }));
    const f = within(screen.getByRole('form', { name: 'New rule' }));
    fireEvent.change(f.getByLabelText('Per action (EUR)'), { target: { value: '12.345' } });
    fireEvent.click(f.getByRole('button', { name: 'Create rule' }));
    expect(await f.findByText('Enter an amount in EUR, like 50.00')).toBeTruthy();
    expect(f.getByText('Give the rule a name')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows no create or edit controls without authority.manage_rules', async () => {
    window.location.hash = '#/rules?rule=r1';
    const manager = {
      ...testSession,
      abilities: { ...testSession.abilities, 'authority.report': true, 'authority.approve': true },
    };
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [listed] } };
      if (call === 'GET /api/v1/authority/rules/r1') return { body: rule };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, manager);
    await screen.findByRole('region', { name: 'Version history' });
    expect(screen.queryByRole('button', { name: 'Edit rule' })).toBeNull();
    window.location.hash = '#/rules';
    await screen.findByRole('article', { name: 'Rule Goodwill credit for agents' });
    expect(screen.queryByRole('button', { name: 'New rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add action type' })).toBeNull();
    // A manager still gets the reports.
    expect(screen.getByRole('tab', { name: 'Reports' })).toBeTruthy();
  });

  it('shows the server problem when rules cannot be loaded', async () => {
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules')
        return { status: 503, body: { title: 'Service Unavailable', status: 503, detail: 'Try later.' } };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    expect(await screen.findByText('Try later.')).toBeTruthy();
  });

  it('lets a lead without report ability see no Reports tab', async () => {
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [] } };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen tab="reports" />);
    expect(await screen.findByText('No rules yet')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Reports' })).toBeNull();
  });
});
