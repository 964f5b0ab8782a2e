// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { profileFixture } from '../../test/fixtures.ts';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();

describe('CustomerPanel', () => {
  it('puts special needs, tier, value, the receipt, the warranty and open cases at other sites in one view', async () => {
    const profile = profileFixture({
      specialNeeds: ['Wheelchair user: ground-floor counter'],
      preferences: { contact: 'chat' },
      purchases: [
        {
          id: 'p1',
          product: { id: 'pr', sku: 'VX-900', name: 'Vortex 900 Blender', category: 'kitchen' },
          siteId: null,
          orderNumber: '4411',
          receiptNumber: 'R-77',
          serialNumber: null,
          quantity: 1,
          amount: { amountMinor: 14999, currency: 'GBP' },
          purchasedAt: '2026-10-01T10:00:00Z',
          warrantyUntil: '2099-10-01',
        },
      ],
      cases: [
        {
          id: 'other',
          number: 990,
          subject: 'Lid cracked',
          status: 'open',
          priority: 'normal',
          channel: 'in_person',
          category: 'repair',
          siteId: 'man',
          siteName: 'Manchester Store',
          ownerId: null,
          ownerName: null,
          createdAt: recent,
          lastActivityAt: recent,
        },
      ],
    });
    mockFetch((call) => (call.startsWith('GET /api/v1/customers/') ? { body: profile } : undefined));
    renderWithProviders(<CustomerPanel customerId={profile.id} currentCategory="repair" />);

    const needs = await screen.findByTestId('special-needs');
    expect(needs.textContent).toContain('Wheelchair user');
    expect(screen.getByText('Contact: chat')).toBeTruthy();
    expect(screen.getByText('gold')).toBeTruthy();
    expect(screen.getByText('£12,490.00')).toBeTruthy();
    const purchases = screen.getByTestId('purchases');
    expect(purchases.textContent).toContain('receipt R-77');
    expect(within(purchases).getByText(/warranty until/)).toBeTruthy();
    expect(screen.getByText(/Manchester Store/)).toBeTruthy();
    expect(screen.getByTestId('history-summary').textContent).toBe('First contact in 30 days (repair)');
  });

  it('shows the problem when the customer cannot be read', async () => {
    mockFetch(() => ({
      status: 403,
      body: {
        title: 'Forbidden',
        status: 403,
        code: 'auth.forbidden',
        detail: 'You may not read customers.',
      },
    }));
    renderWithProviders(<CustomerPanel customerId="x" />);
    expect(await screen.findByText('You may not read customers.')).toBeTruthy();
  });
});
