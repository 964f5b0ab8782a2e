// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrictionReportDetail } from '../../api/authority.ts';
import { mockFetch, renderWithProviders, testSession } from '../../test/render.tsx';
import { RulesScreen } from './RulesScreen.tsx';
import { admin, BOB, directoryRoutes, listed, ME } from './test-fixtures.ts';

beforeEach(() => {
  window.location.hash = '#/rules?tab=friction';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CASE = 'c0000000-0000-4000-8000-000000000001';
const report: FrictionReportDetail = {
  id: 'f1',
  rule: { id: 'r1', version: 2 },
  owner: { id: ME, name: 'Alice Agent' },
  reporter: { id: BOB, name: 'Bob Colleague' },
  reason: 'Customers with a lost parcel wait a day for approval of 60 EUR.',
  caseIds: [CASE],
  createdAt: '2026-11-26T09:00:00.000Z',
  answerDueAt: '2026-12-03T09:00:00.000Z',
  overdue: false,
  status: 'open',
  answer: null,
  withdrawnAt: null,
};

describe('Friction reports', () => {
  it('the owner answers a report on their rule, with the flagged case linked', async () => {
    let open = [report];
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/friction?owner=me&status=open') return { body: { items: open } };
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [listed] } };
      if (call === 'POST /api/v1/authority/friction/f1/answer') {
        open = [];
        return { body: { ...report, status: 'answered' } };
      }
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen tab="friction" />, admin);
    const card = await screen.findByRole('article', { name: 'Friction report from Bob Colleague' });
    expect(card.textContent).toContain('Goodwill credit for agents v2');
    expect(card.textContent).toContain('“Customers with a lost parcel wait a day for approval of 60 EUR.”');
    expect(
      within(card)
        .getByRole('link', { name: `Open case ${CASE}` })
        .getAttribute('href'),
    ).toBe(`#/cases/${CASE}`);
    // Not the reporter: nothing to withdraw.
    expect(within(card).queryByRole('button', { name: 'Withdraw my report' })).toBeNull();
    const send = within(card).getByRole('button', { name: 'Send answer' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(within(card).getByLabelText('Your answer'), { target: { value: 'change' } });
    fireEvent.change(within(card).getByLabelText(/^Response to the reporter/), {
      target: { value: 'Raising the per-action limit to 75 EUR from Monday.' },
    });
    fireEvent.click(send);
    expect(await screen.findByText('No open reports')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      verdict: 'change',
      response: 'Raising the per-action limit to 75 EUR from Monday.',
    });
  });

  it('the reporter sees the answer on their own reports and may withdraw an open one', async () => {
    const agent = {
      ...testSession,
      agent: { ...testSession.agent, id: BOB, name: 'Bob Colleague', role: 'agent' },
      abilities: { ...testSession.abilities, 'authority.flag': true },
    };
    const answered: FrictionReportDetail = {
      ...report,
      id: 'f0',
      status: 'answered',
      answer: {
        verdict: 'keep',
        response: 'The limit keeps fraud down; leads can approve at once.',
        by: { id: ME, name: 'Alice Agent' },
        at: '2026-11-26T12:00:00.000Z',
      },
    };
    let withdrawn = false;
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/friction?owner=me&status=open') return { body: { items: [] } };
      if (call === 'GET /api/v1/authority/friction?mine=true')
        return {
          body: { items: [withdrawn ? { ...report, status: 'withdrawn' } : report, answered] },
        };
      if (call === 'GET /api/v1/authority/rules') return { body: { items: [listed] } };
      if (call === 'POST /api/v1/authority/friction/f1/withdraw') {
        withdrawn = true;
        return { body: { ...report, status: 'withdrawn' } };
      }
      return directoryRoutes(call);
    });
    renderWithProviders(<RulesScreen tab="friction" />, agent);
    expect(await screen.findByText('No open reports')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Raised by me' }));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    const cards = await screen.findAllByRole('article', { name: 'Friction report from Bob Colleague' });
    expect(cards[1]?.textContent).toContain('Keep the rule — Alice Agent');
    expect(cards[1]?.textContent).toContain('The limit keeps fraud down');
    expect(within(cards[0]!).queryByRole('button', { name: 'Send answer' })).toBeNull();
    fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Withdraw my report' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Withdraw my report' })).toBeNull());
    expect(calls.some((c) => c.url.endsWith('/friction/f1/withdraw'))).toBe(true);
  });
});
