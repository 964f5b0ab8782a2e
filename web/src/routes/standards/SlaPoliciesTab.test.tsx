// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { directoryRoutes, ladder, manager, policy, SITE_ID } from './fixtures.ts';
import { StandardsScreen } from './StandardsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SLA policies', () => {
  it('lists policies with conditions and targets, validates the form, and creates a policy', async () => {
    let created: unknown;
    const calls = mockFetch((call, init) => {
      if (call === 'POST /api/v1/sla-policies') {
        created = { ...policy, ...JSON.parse(String(init.body)), id: 'new', version: 1, active: true };
        return { status: 201, body: created };
      }
      if (call === 'GET /api/v1/sla-policies' && created) return { body: { items: [policy, created] } };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="sla" />, manager);
    const table = await screen.findByRole('table', { name: 'SLA policies' });
    const row = within(table).getByText('Gold customers').closest('tr')!;
    expect(row.textContent).toContain('Tier: Gold · Priority: High, Urgent');
    expect(row.textContent).toContain('1 h');
    expect(row.textContent).toContain('1 d');
    expect(row.textContent).toContain('Business');
    expect(row.textContent).toContain('25% left');
    await waitFor(() => expect(row.textContent).toContain('Default ladder'));

    fireEvent.click(screen.getByRole('button', { name: 'New policy' }));
    const form = await screen.findByRole('form', { name: 'New SLA policy' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create policy' }));
    expect(await within(form).findByText('Give the policy a name')).toBeTruthy();
    expect(within(form).getByText('Set at least one target')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Urgent email' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Urgent' }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Email' }));
    fireEvent.click(await within(form).findByRole('checkbox', { name: 'London Store' }));
    fireEvent.change(within(form).getByLabelText('First response'), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create policy' }));
    expect(await within(form).findByText('A whole number of minutes, more than 0')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('First response'), { target: { value: '15' } });
    fireEvent.change(within(form).getByLabelText('Resolution'), { target: { value: '240' } });
    expect(within(form).getByText('4 h')).toBeTruthy();
    fireEvent.click(within(form).getByRole('radio', { name: 'Calendar hours (24×7)' }));
    fireEvent.change(within(form).getByLabelText('Escalation ladder'), { target: { value: ladder.id } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create policy' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'New SLA policy' })).toBeNull());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Urgent email',
      conditions: { priority: ['urgent'], channel: ['email'], siteId: [SITE_ID] },
      targets: { first_response: 900_000, resolution: 14_400_000 },
      hours: 'calendar',
      atRisk: { fraction: 0.2 },
      pauseWhilePending: true,
      escalationPolicyId: ladder.id,
    });
    expect(await screen.findByText('Urgent email')).toBeTruthy();
  });

  it('saves an edited policy as a new version with If-Match', async () => {
    const calls = mockFetch((call) => {
      if (call === `PUT /api/v1/sla-policies/${policy.id}`) return { body: { ...policy, version: 3 } };
      return directoryRoutes(call);
    });
    renderWithProviders(<StandardsScreen tab="sla" />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Gold customers' }));
    const form = await screen.findByRole('form', { name: 'Edit Gold customers' });
    expect((within(form).getByLabelText('First response') as HTMLInputElement).value).toBe('60');
    fireEvent.change(within(form).getByLabelText('First response'), { target: { value: '30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save new version' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.headers['if-match']).toBe('"2"');
    expect(put.body).toMatchObject({
      name: 'Gold customers',
      conditions: { customerTier: ['gold'], priority: ['high', 'urgent'] },
      targets: { first_response: 1_800_000, resolution: 86_400_000 },
      atRisk: { fraction: 0.25 },
      active: true,
    });
  });
});
