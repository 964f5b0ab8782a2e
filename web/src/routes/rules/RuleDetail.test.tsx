// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Rule } from '../../api/authority.ts';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { RulesScreen } from './RulesScreen.tsx';
import { admin, DANA, directoryRoutes, listed, rule, v2 } from './test-fixtures.ts';

beforeEach(() => {
  window.location.hash = '#/rules?rule=r1';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Rule detail', () => {
  it('shows every version with who changed what, when and why', async () => {
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules/r1') return { body: rule };
      if (call === 'GET /api/v1/authority/friction?rule=r1') return { body: { items: [] } };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    expect(await screen.findByText('Nobody has flagged this rule.')).toBeTruthy();
    const history = await screen.findByRole('region', { name: 'Version history' });
    const versions = within(history).getAllByRole('article');
    expect(versions.map((v) => v.getAttribute('aria-label'))).toEqual(['Version 2', 'Version 1']);
    expect(versions[0]?.textContent).toContain('Alice Agent');
    expect(versions[0]?.textContent).toContain('“Friction reports: 50 EUR did not cover a lost parcel.”');
    expect(versions[0]?.textContent).toContain(
      'Limits: 50.00 EUR per action; 100.00 EUR per customer in 30 days → 75.00 EUR per action; 100.00 EUR per customer in 30 days',
    );
    expect(within(versions[0]!).getByText('in force')).toBeTruthy();
    expect(versions[1]?.textContent).toContain('Created');
    expect(versions[1]?.textContent).toContain('Dana Admin');
  });

  it('saves a new version with If-Match and a reason, and shows it in the history', async () => {
    let current: Rule = rule;
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules/r1') return { body: current };
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [listed] } };
      if (call.startsWith('GET /api/v1/authority/friction')) return { body: { items: [] } };
      if (call === 'PATCH /api/v1/authority/rules/r1') {
        const v3 = {
          ...v2,
          version: 3,
          limits: { ...v2.limits, perAction: { amountMinor: 9000, currency: 'EUR', formatted: '90.00 EUR' } },
          editedBy: { id: 'x', name: 'Alice Agent' },
          editReason: 'Parcels got dearer this winter.',
          editedAt: '2026-11-27T10:00:00.000Z',
        };
        current = { ...v3, inForce: true, inForceVersion: 3, versions: [...(rule.versions ?? []), v3] };
        return { body: current, headers: { etag: '"3"' } };
      }
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit rule' }));
    const form = within(screen.getByRole('form', { name: 'Edit rule Goodwill credit for agents' }));
    expect((form.getByLabelText('Per action (EUR)') as HTMLInputElement).value).toBe('75.00');
    fireEvent.change(form.getByLabelText('Per action (EUR)'), { target: { value: '90' } });
    fireEvent.click(form.getByRole('button', { name: 'Save new version' }));
    expect(await form.findByText('Say why this version exists')).toBeTruthy();
    fireEvent.change(form.getByLabelText(/^Why this change/), {
      target: { value: 'Parcels got dearer this winter.' },
    });
    fireEvent.click(form.getByRole('button', { name: 'Save new version' }));

    const history = screen.getByRole('region', { name: 'Version history' });
    await within(history).findByRole('article', { name: 'Version 3' });
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"2"');
    expect(patch?.body).toMatchObject({
      limits: {
        perAction: { amountMinor: 9000, currency: 'EUR' },
        perCustomer: { periodDays: 30, maxAmount: { amountMinor: 10000, currency: 'EUR' } },
      },
      reason: 'Parcels got dearer this winter.',
      effectiveTo: null,
      ownerId: rule.owner.id,
    });
    expect(patch?.body).not.toHaveProperty('actionType');
    expect(patch?.body).not.toHaveProperty('effectiveFrom');
    await waitFor(() => expect(screen.queryByRole('form', { name: /Edit rule/ })).toBeNull());
    expect(screen.getByRole('article', { name: 'Version 3' }).textContent).toContain(
      '“Parcels got dearer this winter.”',
    );
  });

  it('keeps the version it started from when a live update brings a newer one', async () => {
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules/r1') return { body: rule };
      if (call.startsWith('GET /api/v1/authority/friction')) return { body: { items: [] } };
      return directoryRoutes(call);
    });
    const { client } = renderWithProviders(<RulesScreen />, admin);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit rule' }));
    const form = within(screen.getByRole('form', { name: /Edit rule/ }));
    // Someone else saves v3 meanwhile; the authority.rule_changed event refetches the rule.
    client.setQueryData(['authority', 'rules', 'r1'], {
      ...rule,
      version: 3,
      editedBy: { id: DANA, name: 'Dana Admin' },
    });
    expect(await form.findByText(/Dana Admin saved v3 while you were editing v2/)).toBeTruthy();
    fireEvent.change(form.getByLabelText(/^Why this change/), { target: { value: 'Mine.' } });
    fireEvent.click(form.getByRole('button', { name: 'Save new version' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.headers['if-match']).toBe('"2"');
  });

  it('says so when a rule was changed meanwhile (409)', async () => {
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/rules/r1') return { body: rule };
      if (call.startsWith('GET /api/v1/authority/friction')) return { body: { items: [] } };
      if (call === 'PATCH /api/v1/authority/rules/r1')
        return {
          status: 409,
          body: {
            title: 'Conflict',
            status: 409,
            code: 'authority_rule.version_conflict',
            detail: 'Version 3 exists; reload.',
          },
        };
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen />, admin);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit rule' }));
    const form = within(screen.getByRole('form', { name: /Edit rule/ }));
    fireEvent.change(form.getByLabelText(/^Why this change/), { target: { value: 'Try it.' } });
    fireEvent.click(form.getByRole('button', { name: 'Save new version' }));
    expect(await form.findByText('Version 3 exists; reload.')).toBeTruthy();
  });
});
