// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/keys.ts';
import type { Suggestion } from '../../api/reasoning.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useDraft } from '../../lib/useDraft.ts';
import { caseFixture } from '../../test/fixtures.ts';
import { mockFetch, renderWithProviders, testSession } from '../../test/render.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const CASE = 'c1';
const evidence = {
  summary: '7 similar cases, 6 fixed first time, average CSAT 4.6',
  similarCases: 7,
  fixedFirstTime: 6,
  outcomesKnown: 7,
  averageCsat: 4.6,
  caseIds: ['p1'],
};
const proposed: Suggestion = {
  id: 's1',
  caseId: CASE,
  createdAt: '2026-11-27T10:00:00Z',
  abstained: false,
  similarCases: [
    {
      caseId: 'p1',
      score: 0.81,
      textSimilarity: 0.7,
      why: { sharedTerms: ['charged', 'twice'], matchingAttributes: ['channel'] },
      category: 'billing',
      channel: 'email',
      product: null,
      problem: 'I was charged twice for my order',
      actions: ['refund'],
      outcome: { reopened: false, repeatContact7d: false, csat: 5 },
    },
  ],
  category: { value: 'billing', confidence: 0.92, evidence },
  actions: { steps: ['verify_identity', 'refund'], source: 'kb', confidence: 0.8, evidence },
  reply: {
    text: 'Dear Ada, we have refunded the second charge.',
    filledSlots: ['name'],
    missingSlots: [],
    fromCaseId: 'p1',
    confidence: 0.75,
    evidence,
  },
  nextAction: { action: 'confirm_refund', confidence: 0.6 },
  followUp: { likely: false, probability: 0.2, evidence },
  offers: [],
};

function Draft() {
  const [draft] = useDraft(`${CASE}.reply`);
  return <output aria-label="draft">{draft}</output>;
}

describe('SuggestionsPanel', () => {
  it('shows category, actions, similar cases and fills the composer draft with the reply', async () => {
    const calls = mockFetch((call) => {
      if (call === `GET /api/v1/cases/${CASE}/suggestions`) return { body: proposed };
      if (call === `POST /api/v1/cases/${CASE}/suggestions/s1/feedback`)
        return { status: 201, body: { suggestionId: 's1', verdict: 'edited' } };
      return undefined;
    });
    renderWithProviders(
      <>
        <SuggestionsPanel caseId={CASE} canReply />
        <Draft />
      </>,
    );
    expect((await screen.findAllByText('billing')).length).toBe(2);
    expect(screen.getByText('92% confident')).toBeTruthy();
    expect(screen.getByText('verify identity')).toBeTruthy();
    expect(screen.getByText('Shared words: charged, twice')).toBeTruthy();
    expect(screen.getByText('Same channel')).toBeTruthy();
    expect(screen.getByText(/Likely next:/).closest('p')?.textContent).toContain('confirm refund');

    fireEvent.click(screen.getByRole('button', { name: 'Use this reply' }));
    expect(screen.getByLabelText('draft').textContent).toBe('Dear Ada, we have refunded the second charge.');
    expect(sessionStorage.getItem(`casebook.draft.${CASE}.reply`)).toBe(
      'Dear Ada, we have refunded the second charge.',
    );

    fireEvent.click(screen.getByRole('button', { name: /Used with edits/ }));
    expect(await screen.findByText(/feedback recorded \(edited\)/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ verdict: 'edited' });
  });

  it('says "No similar case" when the engine abstains', async () => {
    mockFetch(() => ({
      body: {
        id: 's2',
        caseId: CASE,
        createdAt: '',
        similarCases: [],
        abstained: true,
        message: 'no similar case',
      },
    }));
    renderWithProviders(<SuggestionsPanel caseId={CASE} canReply />);
    expect(await screen.findByText('No similar case')).toBeTruthy();
  });

  it('shows "Learning from past cases…" while warming up, then the suggestion', async () => {
    let warming = true;
    mockFetch(() =>
      warming
        ? {
            status: 503,
            body: { title: 'Service Unavailable', status: 503, code: 'reasoning.warming_up' },
          }
        : { body: proposed },
    );
    renderWithProviders(<SuggestionsPanel caseId={CASE} canReply retryDelayMs={30} />);
    expect(await screen.findByText(/Learning from past cases…/)).toBeTruthy();
    warming = false;
    await waitFor(() => expect(screen.getAllByText('billing').length).toBe(2));
  });

  it('shows the problem when suggestions fail', async () => {
    mockFetch(() => ({ status: 403, body: { title: 'Forbidden', status: 403, detail: 'Not for you.' } }));
    renderWithProviders(<SuggestionsPanel caseId={CASE} canReply={false} />);
    expect(await screen.findByText('Not for you.')).toBeTruthy();
  });

  it('says so quietly when the server runs without the reasoning service', async () => {
    mockFetch(() => ({ status: 404, body: { title: 'Not found', status: 404, code: 'route.not_found' } }));
    renderWithProviders(<SuggestionsPanel caseId={CASE} canReply />);
    expect(await screen.findByText('Suggestions are not switched on on this server.')).toBeTruthy();
  });

  it('records "edited" with the text sent when the agent changed the used reply before sending', async () => {
    const detail = caseFixture({ id: CASE });
    const calls = mockFetch((call) => {
      if (call === `GET /api/v1/cases/${CASE}/suggestions`) return { body: proposed };
      if (call === `GET /api/v1/cases/${CASE}`) return { body: detail };
      if (call === `POST /api/v1/cases/${CASE}/suggestions/s1/feedback`)
        return { status: 201, body: { suggestionId: 's1', verdict: 'edited' } };
      return undefined;
    });
    const { client } = renderWithProviders(<SuggestionsPanel caseId={CASE} canReply />);
    await screen.findByText('Drafted reply');
    await waitFor(() => expect(client.getQueryData(keys.case(CASE))).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Use this reply' }));
    const sent = {
      ...detail.timeline[0]!,
      id: 'm-sent',
      direction: 'outbound' as const,
      kind: 'message' as const,
      authorId: testSession.agent.id,
      body: 'Dear Ada, we have refunded the second charge today.',
    };
    client.setQueryData<CaseDetail>(keys.case(CASE), { ...detail, timeline: [...detail.timeline, sent] });
    expect(await screen.findByText(/feedback recorded \(edited\)/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      verdict: 'edited',
      editedText: 'Dear Ada, we have refunded the second charge today.',
    });
  });

  it('starts a suggested step that is an authority action in the action panel', async () => {
    const type = (id: string, label: string) => ({
      id,
      label,
      verb: id,
      measure: 'money',
      params: [{ name: 'amount', kind: 'money', required: true }],
      defaultOwner: null,
    });
    mockFetch((call) => {
      if (call === `GET /api/v1/cases/${CASE}/suggestions`) return { body: proposed };
      if (call === 'GET /api/v1/authority/catalogue')
        return { body: { items: [type('goodwill_credit', 'Goodwill credit'), type('refund', 'Refund')] } };
      if (call.startsWith('GET /api/v1/authority/me')) return { body: { items: [] } };
      return undefined;
    });
    const session = { ...testSession, abilities: { ...testSession.abilities, 'authority.act': true } };
    renderWithProviders(
      <>
        <SuggestionsPanel caseId={CASE} canReply />
        <ActionPanel caseId={CASE} />
      </>,
      session,
    );
    const action = (await screen.findByLabelText('Action')) as HTMLSelectElement;
    expect(action.value).toBe('goodwill_credit');
    expect(screen.queryByRole('button', { name: 'Start verify identity' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Start refund' }));
    await waitFor(() => expect((screen.getByLabelText('Action') as HTMLSelectElement).value).toBe('refund'));
  });
});
