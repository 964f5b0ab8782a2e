// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionType, Decision } from '../../api/authority.ts';
import { mockFetch, renderWithProviders, testSession } from '../../test/render.tsx';
import { ActionPanel } from './ActionPanel.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const CASE = 'c1';
const credit: ActionType = {
  id: 'goodwill_credit',
  label: 'Goodwill credit',
  verb: 'credit',
  measure: 'money',
  params: [
    { name: 'amount', kind: 'money', required: true },
    { name: 'reason', kind: 'text', required: true },
  ],
  defaultOwner: { id: 'd', name: 'Dana Smith' },
};
const rule = {
  id: 'r1',
  version: 1,
  name: 'Goodwill credit for agents',
  owner: { id: 'd', name: 'Dana Smith' },
  rationale: 'Keep credits fair.',
};
const money = (formatted: string) => ({ amountMinor: 0, currency: 'EUR', formatted });
const held = {
  actionType: 'goodwill_credit',
  rule,
  remaining: {
    amount: money('50.00 EUR'),
    actions: null,
    binding: 'per_agent_day',
    sentence: 'You can credit up to 50.00 EUR more today.',
  },
  askFor: null,
};
const session = {
  ...testSession,
  abilities: { ...testSession.abilities, 'authority.act': true, 'authority.flag': true },
};

function setup(decision: Decision) {
  return mockFetch((call) => {
    if (call === 'GET /api/v1/authority/catalogue') return { body: { items: [credit] } };
    if (call === `GET /api/v1/authority/me?case=${CASE}`) return { body: { items: [held] } };
    if (call === `POST /api/v1/cases/${CASE}/actions/evaluate`) return { body: { decision, held } };
    if (call === `POST /api/v1/cases/${CASE}/actions`) return { status: 201, body: { decision } };
    if (call === `POST /api/v1/cases/${CASE}/actions/approval-requests`)
      return { status: 201, body: { id: 'a1', approver: { kind: 'person', name: 'Dana Smith' } } };
    if (call === 'POST /api/v1/authority/rules/r1/friction')
      return { status: 201, body: { id: 'f1', owner: { id: 'd', name: 'Dana Smith' } } };
    return undefined;
  });
}

async function fill(amount: string) {
  fireEvent.change(await screen.findByLabelText(/Amount/), { target: { value: amount } });
  fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'Late delivery' } });
  fireEvent.click(screen.getByRole('button', { name: 'Check' }));
}

describe('ActionPanel', () => {
  it('shows the remaining authority, evaluates first, then does it', async () => {
    const calls = setup({
      outcome: 'allowed',
      actionType: 'goodwill_credit',
      amount: money('40.00 EUR'),
      reason: 'Allowed by rule "Goodwill credit for agents" v1.',
      rule,
      remaining: { ...held.remaining, sentence: 'You can credit up to 10.00 EUR more today.' },
    });
    renderWithProviders(<ActionPanel caseId={CASE} />, session);
    expect(await screen.findByText(/You can credit up to 50.00 EUR more today./)).toBeTruthy();
    await fill('40');
    expect(await screen.findByText('Allowed')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/evaluate'))?.body).toEqual({
      actionType: 'goodwill_credit',
      params: { amount: '40 EUR', reason: 'Late delivery' },
    });
    expect(calls.some((c) => c.url === `/api/v1/cases/${CASE}/actions`)).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Do it' }));
    expect(await screen.findByText('Done')).toBeTruthy();
    expect(calls.find((c) => c.url === `/api/v1/cases/${CASE}/actions`)?.method).toBe('POST');
  });

  it('over the limit: shows the approver and requests approval with a justification', async () => {
    const calls = setup({
      outcome: 'needs_approval',
      actionType: 'goodwill_credit',
      amount: money('80.00 EUR'),
      reason: '80.00 EUR is over your limit; Dana Smith can approve it.',
      rule,
      approver: { kind: 'person', name: 'Dana Smith' },
      limit: null,
      overridable: false,
    });
    renderWithProviders(<ActionPanel caseId={CASE} />, session);
    await fill('80');
    expect(await screen.findByText('Needs approval')).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Request approval' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Third late delivery this month.' },
    });
    fireEvent.click(button);
    expect(await screen.findByText('Approval requested')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/approval-requests'))?.body).toMatchObject({
      justification: 'Third late delivery this month.',
      params: { amount: '80 EUR' },
    });
  });

  it('denied: names the rule, its owner and rationale, and flags it with this case', async () => {
    const calls = setup({
      outcome: 'denied',
      cause: 'conditions_not_met',
      actionType: 'goodwill_credit',
      amount: money('20.00 EUR'),
      reason: 'Conditions do not hold.',
      rule,
      owner: rule.owner,
      rationale: 'Keep credits fair.',
      limit: null,
      overridable: false,
    });
    renderWithProviders(<ActionPanel caseId={CASE} />, session);
    await fill('20');
    expect(await screen.findByText('Not allowed')).toBeTruthy();
    expect(screen.getByText(/Goodwill credit for agents \(v1\)/)).toBeTruthy();
    expect(screen.getByText('Keep credits fair.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/hurts customers/), {
      target: { value: 'Loyal customers wait a week for a small credit.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Flag this rule' }));
    expect(await screen.findByText(/Flagged — Dana Smith will answer/)).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/friction'))?.body).toEqual({
      reason: 'Loyal customers wait a week for a small credit.',
      caseIds: [CASE],
    });
  });
});
