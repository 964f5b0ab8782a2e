// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseFixture, profileFixture } from '../../test/fixtures.ts';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { CaseScreen } from './CaseScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('CaseScreen', () => {
  it('shows a 409 as "changed by someone else — reload" and keeps the draft through the reload', async () => {
    let version = 1;
    const calls = mockFetch((call) => {
      if (call.startsWith('GET /api/v1/cases/')) {
        return {
          body: caseFixture({ version, priority: version > 1 ? 'high' : 'normal' }),
          headers: { etag: `"${version}"` },
        };
      }
      if (call.startsWith('PATCH /api/v1/cases/')) {
        version = 2; // a colleague saved first
        return {
          status: 409,
          body: {
            title: 'Conflict',
            status: 409,
            code: 'case.version_conflict',
            detail: 'The case changed since you loaded it (now version 2).',
          },
        };
      }
      if (call.startsWith('GET /api/v1/customers/')) return { body: profileFixture() };
      if (call === 'GET /api/v1/agents') return { body: { items: [] } };
      return undefined;
    });
    const c = caseFixture();
    renderWithProviders(<CaseScreen id={c.id} />);

    const draft = await screen.findByLabelText('Reply to the customer');
    fireEvent.change(draft, { target: { value: 'Dear Ada, the refund is on its way.' } });
    const category = screen.getByLabelText('Category');
    fireEvent.change(category, { target: { value: 'refunds' } });
    fireEvent.blur(category);

    expect(await screen.findByText('Changed by someone else — reload')).toBeTruthy();
    expect(screen.getByText(/changed since you loaded it/)).toBeTruthy();
    const patch = calls.find((x) => x.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"1"');
    expect(patch?.body).toEqual({ category: 'refunds' });
    expect((screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).value).toBe(
      'Dear Ada, the refund is on its way.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Reload case' }));
    await waitFor(() => expect(screen.queryByText('Changed by someone else — reload')).toBeNull());
    expect((screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).value).toBe(
      'Dear Ada, the refund is on its way.',
    );
  });

  it('shows the problem title and detail when the case cannot be loaded', async () => {
    mockFetch((call) =>
      call.startsWith('GET /api/v1/cases/')
        ? {
            status: 404,
            body: {
              title: 'Not Found',
              status: 404,
              code: 'case.not_found',
              detail: 'There is no case c-404.',
            },
          }
        : undefined,
    );
    renderWithProviders(<CaseScreen id="c-404" />);
    expect(await screen.findByText('Not Found')).toBeTruthy();
    expect(screen.getByText('There is no case c-404.')).toBeTruthy();
  });

  it('sends a reply, shows it on the timeline and clears the draft', async () => {
    const calls = mockFetch((call) => {
      if (call.startsWith('GET /api/v1/cases/')) return { body: caseFixture() };
      if (call.startsWith('POST /api/v1/cases/')) {
        return {
          status: 201,
          body: {
            message: { ...caseFixture().timeline[0], id: 'm2', direction: 'outbound', body: 'On it.' },
            case: caseFixture({ version: 2 }),
          },
        };
      }
      if (call.startsWith('GET /api/v1/customers/')) return { body: profileFixture() };
      if (call === 'GET /api/v1/agents') return { body: { items: [] } };
      return undefined;
    });
    renderWithProviders(<CaseScreen id={caseFixture().id} />);
    fireEvent.change(await screen.findByLabelText('Reply to the customer'), { target: { value: 'On it.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('On it.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ kind: 'reply', body: 'On it.' });
    expect((screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement).value).toBe('');
  });

  it('goes back to the inbox on Escape, but not while typing', async () => {
    window.location.hash = `#/cases/${caseFixture().id}`;
    mockFetch((call) => {
      if (call.startsWith('GET /api/v1/cases/')) return { body: caseFixture() };
      if (call.startsWith('GET /api/v1/customers/')) return { body: profileFixture() };
      return { body: { items: [] } };
    });
    renderWithProviders(<CaseScreen id={caseFixture().id} />);
    fireEvent.keyDown(await screen.findByLabelText('Reply to the customer'), { key: 'Escape' });
    expect(window.location.hash).toBe(`#/cases/${caseFixture().id}`);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(window.location.hash).toBe('#/inbox');
  });

  it('paints the timeline first, focused on the title, and mounts the composer right after', async () => {
    mockFetch((call) => {
      if (call.startsWith('GET /api/v1/cases/')) return { body: caseFixture() };
      if (call.startsWith('GET /api/v1/customers/')) return { body: profileFixture() };
      return { body: { items: [] } };
    });
    renderWithProviders(<CaseScreen id={caseFixture().id} />);
    // Checked as soon as the timeline is in the document, before the next frame.
    await screen.findAllByTestId('timeline-item');
    expect(screen.queryByLabelText('Reply to the customer')).toBeNull();
    expect(document.activeElement?.tagName).toBe('H1');
    expect(await screen.findByLabelText('Reply to the customer')).toBeTruthy();
    expect(document.activeElement?.tagName).toBe('H1');
  });
});
