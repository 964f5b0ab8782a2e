// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/keys.ts';
import { listItem } from '../../test/fixtures.ts';
import { mockFetch, renderWithProviders, testSession } from '../../test/render.tsx';
import { InboxScreen } from './InboxScreen.tsx';

beforeEach(() => {
  window.location.hash = '#/inbox';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const items = [
  listItem(1, { subject: 'Newest wait', waitingSince: '2026-11-27T11:00:00Z' }),
  listItem(2, { subject: 'Oldest wait', waitingSince: '2026-11-25T11:00:00Z' }),
  listItem(3, { subject: 'Middle wait', waitingSince: '2026-11-26T11:00:00Z' }),
];

/** The inbox as the app keeps it: mounted, and hidden (inactive) behind an open case. */
function Behind() {
  const [active, setActive] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setActive((a) => !a)}>
        toggle
      </button>
      <InboxScreen params={new URLSearchParams()} active={active} />
    </>
  );
}

function selectedSubject(): string | null {
  return document.querySelector('[data-testid="case-row"][aria-selected="true"] a')?.textContent ?? null;
}

describe('InboxScreen', () => {
  it('lists cases longest waiting first and moves with j/k, opening with Enter', async () => {
    const calls = mockFetch((call) => {
      if (call.startsWith('GET /api/v1/cases?')) return { body: { items, nextCursor: null } };
      if (call === 'GET /api/v1/sites') return { body: { items: [] } };
      return { body: {} };
    });
    renderWithProviders(<InboxScreen params={new URLSearchParams()} />);
    await screen.findByText('Oldest wait');
    const subjects = [...document.querySelectorAll('[data-testid="case-row"] a')].map((a) => a.textContent);
    expect(subjects).toEqual(['Oldest wait', 'Middle wait', 'Newest wait']);
    const list = calls.find((c) => c.url.startsWith('/api/v1/cases?'));
    expect(list?.url).toContain('owner=me');
    expect(list?.url).toContain('status=new%2Copen%2Cpending');

    expect(selectedSubject()).toBe('Oldest wait');
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'j' });
    expect(selectedSubject()).toBe('Newest wait');
    fireEvent.keyDown(window, { key: 'j' });
    expect(selectedSubject()).toBe('Newest wait');
    fireEvent.keyDown(window, { key: 'k' });
    expect(selectedSubject()).toBe('Middle wait');
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(window.location.hash).toBe(`#/cases/${items[2]!.id}`);
  });

  it('keeps the selection on the same case when a case arrives live above it', async () => {
    let list = items;
    mockFetch((call) =>
      call.startsWith('GET /api/v1/cases?')
        ? { body: { items: list, nextCursor: null } }
        : { body: { items: [] } },
    );
    const { client } = renderWithProviders(<InboxScreen params={new URLSearchParams()} />);
    await screen.findByText('Oldest wait');
    fireEvent.keyDown(window, { key: 'j' });
    expect(selectedSubject()).toBe('Middle wait');
    list = [
      ...items,
      listItem(4, { subject: 'Arrived live, waiting longest', waitingSince: '2026-11-20T00:00:00Z' }),
    ];
    await client.invalidateQueries();
    await screen.findByText('Arrived live, waiting longest');
    expect(selectedSubject()).toBe('Middle wait');
  });

  it('leaves j and k alone while the agent types in a field', async () => {
    mockFetch((call) =>
      call.startsWith('GET /api/v1/cases?') ? { body: { items, nextCursor: null } } : { body: { items: [] } },
    );
    renderWithProviders(<InboxScreen params={new URLSearchParams()} />);
    await screen.findByText('Oldest wait');
    const tag = screen.getByLabelText('Tag');
    fireEvent.keyDown(tag, { key: 'j' });
    expect(selectedSubject()).toBe('Oldest wait');
  });

  it('shows an empty state, and the problem title and detail on errors', async () => {
    mockFetch((call) =>
      call.startsWith('GET /api/v1/cases?')
        ? {
            status: 400,
            body: {
              title: 'Bad Request',
              status: 400,
              code: 'request.invalid',
              detail: 'The request is not valid.',
              errors: [{ path: 'querystring.channel', message: 'Invalid option' }],
            },
          }
        : { body: { items: [] } },
    );
    renderWithProviders(<InboxScreen params={new URLSearchParams('channel=pigeon')} />);
    expect(await screen.findByText('Bad Request')).toBeTruthy();
    expect(screen.getByText('The request is not valid.')).toBeTruthy();
    expect(screen.getByText(/querystring.channel: Invalid option/)).toBeTruthy();

    cleanup();
    mockFetch((call) =>
      call.startsWith('GET /api/v1/cases?')
        ? { body: { items: [], nextCursor: null } }
        : { body: { items: [] } },
    );
    renderWithProviders(<InboxScreen params={new URLSearchParams('queue=unassigned')} />);
    await waitFor(() => expect(screen.getByText('No cases')).toBeTruthy());
  });

  it('shows the time left to the next SLA deadline beside each case', async () => {
    const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
    const sla = (caseId: string, status: string, dueAt: string, paused = false) => ({
      caseId,
      sla: { status, dueAt, msToDue: 0, paused, computedAt: null },
    });
    mockFetch((call) => {
      if (call.startsWith('GET /api/v1/cases?')) return { body: { items, nextCursor: null } };
      if (call === 'GET /api/v1/sla/cases?limit=500')
        return {
          body: {
            items: [
              sla(items[0]!.id, 'ok', inMs(2 * 3_600_000 + 30_000)),
              sla(items[1]!.id, 'at_risk', inMs(10 * 60_000 + 30_000)),
              sla(items[2]!.id, 'breached', inMs(-60_000)),
            ],
          },
        };
      return { body: { items: [] } };
    });
    renderWithProviders(<InboxScreen params={new URLSearchParams()} />);
    // By its title: a fixture's waiting time can read "2 h" too, depending on the hour the test runs.
    const next = await screen.findAllByTitle(/^Next SLA deadline/);
    expect(next.map((n) => n.textContent)).toContain('2 h');
    expect(screen.getByText('at risk 10 min')).toBeTruthy();
    expect(screen.getByText('breached')).toBeTruthy();
  });

  it('asks the server for my team, and lists nothing for my site when I have no home site', async () => {
    const calls = mockFetch((call) =>
      call.startsWith('GET /api/v1/cases?') ? { body: { items, nextCursor: null } } : { body: { items: [] } },
    );
    renderWithProviders(<InboxScreen params={new URLSearchParams('queue=team')} />);
    await screen.findByText('Oldest wait');
    const list = calls.find((c) => c.url.startsWith('/api/v1/cases?'));
    expect(list?.url).toContain('team=me');
    expect(list?.url).toContain('sort=waiting');
    expect(list?.url).not.toContain('owner=');

    cleanup();
    const siteCalls = mockFetch(() => ({ body: { items: [] } }));
    const noSite = { ...testSession, profile: { ...testSession.profile!, siteId: null } };
    renderWithProviders(<InboxScreen params={new URLSearchParams('queue=site')} />, noSite);
    expect(await screen.findByText('You have no home site, so this queue is empty.')).toBeTruthy();
    expect(siteCalls.some((c) => c.url.startsWith('/api/v1/cases?'))).toBe(false);
  });

  it('behind an open case, does not refetch the list on live events; refetches once on return', async () => {
    const calls = mockFetch((call) =>
      call.startsWith('GET /api/v1/cases?') ? { body: { items, nextCursor: null } } : { body: { items: [] } },
    );
    const { client } = renderWithProviders(<Behind />);
    await screen.findByText('Oldest wait');
    const lists = () => calls.filter((c) => c.url.startsWith('/api/v1/cases?')).length;
    expect(lists()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'toggle' }));
    await client.invalidateQueries({ queryKey: keys.cases, refetchType: 'active' });
    expect(lists()).toBe(1);
    expect(screen.getByText('Oldest wait')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'toggle' }));
    await waitFor(() => expect(lists()).toBe(2));
  });
  it('sorts by time left and filters by SLA status on the server, keeping its order and the URL', async () => {
    const calls = mockFetch((call) => {
      // The server's order by deadline, unlike the waiting order the default sort would show.
      if (call.startsWith('GET /api/v1/cases?'))
        return { body: { items: [items[2], items[0], items[1]], nextCursor: null } };
      return { body: { items: [] } };
    });
    renderWithProviders(<InboxScreen params={new URLSearchParams('sort=time_left&sla=at_risk')} />);
    await screen.findByText('Oldest wait');
    const subjects = [...document.querySelectorAll('[data-testid="case-row"] a')].map((a) => a.textContent);
    expect(subjects).toEqual(['Middle wait', 'Newest wait', 'Oldest wait']);
    const list = calls.find((c) => c.url.startsWith('/api/v1/cases?'));
    expect(list?.url).toContain('sort=time_left');
    expect(list?.url).toContain('sla=at_risk');
    expect(list?.url).toContain('owner=me');
    expect(selectedSubject()).toBe('Middle wait');

    // Labelled controls showing the URL's values; a change goes into the address like any filter.
    const sort = screen.getByLabelText('Sort') as HTMLSelectElement;
    const sla = screen.getByLabelText('SLA') as HTMLSelectElement;
    expect(sort.value).toBe('time_left');
    expect(sla.value).toBe('at_risk');
    fireEvent.change(sla, { target: { value: 'breached' } });
    expect(window.location.hash).toBe('#/inbox?sla=breached&sort=time_left');
    fireEvent.change(sort, { target: { value: 'waiting' } });
    expect(window.location.hash).toBe('#/inbox?sla=at_risk');
  });

  it('offers the sort and SLA filter with their options, defaulting to longest waiting and any', async () => {
    const calls = mockFetch((call) =>
      call.startsWith('GET /api/v1/cases?') ? { body: { items, nextCursor: null } } : { body: { items: [] } },
    );
    renderWithProviders(<InboxScreen params={new URLSearchParams()} />);
    await screen.findByText('Oldest wait');
    const sort = screen.getByRole('combobox', { name: 'Sort' }) as HTMLSelectElement;
    const sla = screen.getByRole('combobox', { name: 'SLA' }) as HTMLSelectElement;
    expect([...sort.options].map((o) => o.textContent)).toEqual(['Longest waiting', 'Time left (SLA)']);
    expect([...sla.options].map((o) => o.textContent)).toEqual(['Any', 'At risk', 'Breached']);
    expect(sort.value).toBe('waiting');
    expect(sla.value).toBe('');
    const list = calls.find((c) => c.url.startsWith('/api/v1/cases?'));
    expect(list?.url).toContain('sort=waiting');
    expect(list?.url).not.toContain('sla=');
    fireEvent.change(sort, { target: { value: 'time_left' } });
    expect(window.location.hash).toBe('#/inbox?sort=time_left');
  });
});
