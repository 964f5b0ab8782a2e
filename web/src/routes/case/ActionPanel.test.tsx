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

describe('ActionPanel: overriding a rule', () => {
  const lead = {
    ...session,
    abilities: { ...session.abilities, 'authority.approve': true, 'authority.override': true },
  };
  const overRule = { ...rule, name: 'Goodwill credit for leads', version: 3 };
  const needsApproval: Decision = {
    outcome: 'needs_approval',
    actionType: 'goodwill_credit',
    amount: money('80.00 EUR'),
    reason: '80.00 EUR is over your limit; Dana Smith can approve it.',
    rule: overRule,
    approver: { kind: 'person', name: 'Dana Smith' },
    limit: null,
    overridable: true,
    overrideRoles: ['lead', 'manager'],
  };
  const denied: Decision = {
    outcome: 'denied',
    cause: 'over_limit_no_approval',
    actionType: 'goodwill_credit',
    amount: money('80.00 EUR'),
    reason: '80.00 EUR is over the 60.00 EUR per-action limit and nobody may approve more.',
    rule: overRule,
    owner: overRule.owner,
    rationale: 'Keep credits fair.',
    limit: null,
    overridable: true,
    overrideRoles: ['lead'],
  };
  const justification = 'The customer lost two parcels in a month and is about to leave us.';
  const created = {
    override: {
      id: 'o1',
      caseId: CASE,
      customerId: 'cu1',
      actionType: 'goodwill_credit',
      amount: money('80.00 EUR'),
      params: { amount: '80 EUR', reason: 'Late delivery' },
      rule: { id: 'r1', version: 3 },
      overriddenOutcome: 'needs_approval',
      limit: null,
      by: { id: testSession.agent.id, name: 'Alice Agent', role: 'lead' },
      forAgent: { id: testSession.agent.id, name: 'Alice Agent' },
      justification,
      at: '2026-11-27T12:00:00Z',
      reportTo: { id: 'd', name: 'Dana Smith' },
      acknowledgedAt: null,
    },
    action: {
      id: 'x1',
      caseId: CASE,
      customerId: 'cu1',
      agentId: testSession.agent.id,
      executedBy: testSession.agent.id,
      actionType: 'goodwill_credit',
      amount: money('80.00 EUR'),
      params: {},
      basis: 'override',
      rule: { id: 'r1', version: 3 },
      approvalId: null,
      overrideId: 'o1',
      executedAt: '2026-11-27T12:00:00Z',
    },
  };

  function setupOverride(
    decision: Decision,
    answer: { status: number; body: unknown } = { status: 201, body: created },
  ) {
    let heldReads = 0;
    const calls = mockFetch((call) => {
      if (call === 'GET /api/v1/authority/catalogue') return { body: { items: [credit] } };
      if (call === `GET /api/v1/authority/me?case=${CASE}`) {
        heldReads += 1;
        const sentence =
          heldReads === 1 ? held.remaining.sentence : 'You can credit up to 10.00 EUR more today.';
        return { body: { items: [{ ...held, remaining: { ...held.remaining, sentence } }] } };
      }
      if (call === `POST /api/v1/cases/${CASE}/actions/evaluate`) return { body: { decision, held } };
      if (call === `POST /api/v1/cases/${CASE}/actions/override`) return answer;
      return undefined;
    });
    return calls;
  }

  it('is offered to a lead for an overridable decision, says what happens, and executes it', async () => {
    const calls = setupOverride(needsApproval);
    renderWithProviders(<ActionPanel caseId={CASE} />, lead);
    expect(await screen.findByText(/You can credit up to 50.00 EUR more today./)).toBeTruthy();
    await fill('80');
    const region = await screen.findByRole('region', { name: 'Override this rule' });
    expect(region.textContent).toContain(
      'The action (80.00 EUR) is executed now, recorded, and reported to Dana Smith',
    );
    expect(region.textContent).toContain('rule “Goodwill credit for leads” (v3)');
    // The approval route is still there beside it.
    expect(screen.getByRole('button', { name: 'Request approval' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/Why you override this rule/), {
      target: { value: justification },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Override and execute now' }));
    expect(await screen.findByText('Done — overridden')).toBeTruthy();
    expect(
      screen.getByText(/Executed 80.00 EUR on this case, recorded, and reported to Dana Smith./),
    ).toBeTruthy();
    const post = calls.find((c) => c.url.endsWith('/actions/override'));
    expect(post?.method).toBe('POST');
    expect(post?.body).toEqual({
      actionType: 'goodwill_credit',
      params: { amount: '80 EUR', reason: 'Late delivery' },
      justification,
      forAgentId: testSession.agent.id,
    });
    // The remaining authority is read again after the override.
    expect(await screen.findByText(/You can credit up to 10.00 EUR more today./)).toBeTruthy();
    expect(calls.filter((c) => c.url === `/api/v1/authority/me?case=${CASE}`).length).toBe(2);
  });

  it('requires a written justification of at least 30 characters before sending anything', async () => {
    const calls = setupOverride(denied);
    renderWithProviders(<ActionPanel caseId={CASE} />, lead);
    await fill('80');
    expect(await screen.findByText('Not allowed')).toBeTruthy();
    const field = screen.getByLabelText(/Why you override this rule \(at least 30 characters\)/);
    expect(field.hasAttribute('required')).toBe(true);
    fireEvent.change(field, { target: { value: 'Customer is upset.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Override and execute now' }));
    expect(await screen.findByText(/Write at least 30 characters/)).toBeTruthy();
    expect(document.activeElement).toBe(field);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.url.endsWith('/actions/override'))).toBe(false);
    // Ctrl+Enter in the field overrides once it is long enough.
    fireEvent.change(field, { target: { value: `  ${justification}  ` } });
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('Done — overridden')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/actions/override'))?.body).toMatchObject({ justification });
  });

  it('is never offered without the ability, for a decision that is not overridable, or to a role the rule does not name', async () => {
    setupOverride(needsApproval);
    renderWithProviders(<ActionPanel caseId={CASE} />, session);
    await fill('80');
    expect(await screen.findByText('Needs approval')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Override this rule' })).toBeNull();
    expect(screen.queryByLabelText(/Why you override/)).toBeNull();
    cleanup();

    setupOverride({ ...denied, overridable: false, overrideRoles: [] });
    renderWithProviders(<ActionPanel caseId={CASE} />, lead);
    await fill('80');
    expect(await screen.findByText('Not allowed')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Override this rule' })).toBeNull();
    cleanup();

    setupOverride(denied); // overrideRoles: ['lead']
    renderWithProviders(<ActionPanel caseId={CASE} />, {
      ...lead,
      agent: { ...lead.agent, role: 'manager' },
    });
    await fill('80');
    expect(await screen.findByText('Not allowed')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Override this rule' })).toBeNull();
  });

  it.each([
    [
      403,
      {
        title: 'Forbidden',
        status: 403,
        code: 'auth.forbidden',
        detail: 'Overriding needs the authority.override ability.',
      },
    ],
    [
      422,
      {
        title: 'Override not allowed',
        status: 422,
        code: 'authority.override_not_allowed',
        detail: 'Only manager may override rule "Goodwill credit for leads"; you act as lead.',
      },
    ],
  ])('shows the problem when the server answers %i', async (status, body) => {
    setupOverride(denied, { status, body });
    renderWithProviders(<ActionPanel caseId={CASE} />, lead);
    await fill('80');
    fireEvent.change(await screen.findByLabelText(/Why you override this rule/), {
      target: { value: justification },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Override and execute now' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(body.title);
    expect(alert.textContent).toContain(body.detail);
    expect(screen.queryByText('Done — overridden')).toBeNull();
    // The justification stays for another try.
    expect((screen.getByLabelText(/Why you override this rule/) as HTMLTextAreaElement).value).toBe(
      justification,
    );
  });
});
