// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.tsx';
import { mockFetch, renderWithProviders, testSession } from './test/render.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('App', () => {
  it('shows the login screen when nobody is logged in, without a session-ended notice', async () => {
    mockFetch(() => ({
      status: 401,
      body: { title: 'Unauthorized', status: 401, code: 'auth.unauthenticated' },
    }));
    renderWithProviders(<App />);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByText(/session has ended/)).toBeNull();
  });

  it('returns to the login screen with a notice when the session reaches its expiry', async () => {
    sessionStorage.setItem('casebook.expiresAt', new Date(Date.now() + 300).toISOString());
    mockFetch((call) =>
      call === 'GET /api/v1/me'
        ? { body: { agent: testSession.agent, abilities: testSession.abilities } }
        : { body: { items: [], nextCursor: null } },
    );
    renderWithProviders(<App />);
    expect(await screen.findByRole('heading', { name: 'Inbox' })).toBeTruthy();
    expect(await screen.findByText(/Your session has ended/, {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
