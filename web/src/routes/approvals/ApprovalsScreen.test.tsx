// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Approval } from '../../api/authority.ts';
import { invalidateFor } from '../../api/live.ts';
import { mockFetch, renderWithProviders, testSession } from '../../test/render.tsx';
import { ApprovalsScreen } from './ApprovalsScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const approval: Approval = {
  id: 'a1',
  status: 'pending',
  caseId: 'c1',
  customerId: 'cu1',
  actionType: 'goodwill_credit',
  amount: { amountMinor: 8000, currency: 'EUR', formatted: '80.00 EUR' },
  params: { amount: '80.00 EUR' },
  limit: null,
  requester: { id: 'b', name: 'Bob Agent' },
  justification: 'Third late delivery this month.',
  approver: { kind: 'person', name: 'Alice Agent' },
  requestedAt: '2026-11-27T10:00:00Z',
  deadline: '2026-11-27T10:15:00Z',
  overdue: false,
};
const approver = { ...testSession, abilities: { ...testSession.abilities, 'authority.approve': true } };

describe('ApprovalsScreen', () => {
  it('approves with one click and follows authority events live', async () => {
    let queue = [approval];
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/approvals?view=queue') return { body: { items: queue } };
      if (call === 'GET /api/v1/authority/approvals?view=mine') return { body: { items: [] } };
      if (call.startsWith('GET /api/v1/authority/friction')) return { body: { items: [] } };
      if (call === 'POST /api/v1/authority/approvals/a1/approve') {
        queue = [];
        return { body: { approval: { ...approval, status: 'approved' }, action: null } };
      }
      return undefined;
    });
    const { client } = renderWithProviders(<ApprovalsScreen />, approver);
    expect(await screen.findByText('Goodwill credit · 80.00 EUR')).toBeTruthy();
    expect(screen.getByText('“Third late delivery this month.”')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Reject' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Nothing to approve')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ note: '' });

    // Another approver's request arrives: the authority.* event refetches the queue.
    queue = [{ ...approval, id: 'a2', requester: { id: 'c', name: 'Cleo Agent' } }];
    invalidateFor(client, { type: 'authority.approval_requested' });
    await waitFor(() => expect(screen.getByText(/Asked by Cleo Agent/)).toBeTruthy());
  });

  it('shows only my requests and friction reports to someone who cannot approve', async () => {
    mockFetch((call) => {
      if (call === 'GET /api/v1/authority/approvals?view=mine') return { body: { items: [approval] } };
      if (call.startsWith('GET /api/v1/authority/friction'))
        return { status: 500, body: { title: 'Internal Server Error', status: 500, detail: 'Boom.' } };
      return undefined;
    });
    renderWithProviders(<ApprovalsScreen />);
    expect(await screen.findByText('Goodwill credit · 80.00 EUR')).toBeTruthy();
    expect(screen.queryByText('Waiting for your decision')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(await screen.findByText('Boom.')).toBeTruthy();
  });
});
