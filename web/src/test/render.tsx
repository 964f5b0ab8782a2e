import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { type Session, SessionContext } from '../session/SessionContext.tsx';
import { cssVariablesResolver, theme } from '../theme.ts';

// The console defers secondary panels to after the first paint; on a busy two-CPU CI machine
// running database suites beside these, that can take longer than Testing Library's 1 s default.
configure({ asyncUtilTimeout: 5_000 });

/** jsdom lacks what Mantine measures with; these stand-ins are enough for components to render. */
export function installDomShims(): void {
  if (!window.matchMedia) {
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
  }
  if (!('ResizeObserver' in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  Element.prototype.scrollIntoView ??= () => {};
  if (!(document as { fonts?: unknown }).fonts) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
    });
  }
}

export const testSession: Session = {
  agent: { id: '11111111-1111-4111-8111-111111111111', name: 'Alice Agent', role: 'lead', kind: 'person' },
  abilities: {
    'case.read': true,
    'case.update': true,
    'case.reply': true,
    'customer.read': true,
    'customer.merge': true,
  },
  profile: {
    id: '11111111-1111-4111-8111-111111111111',
    kind: 'person',
    name: 'Alice Agent',
    email: 'alice@example.com',
    role: 'lead',
    teamId: 'team-1',
    siteId: 'site-1',
    timeZone: 'UTC',
    active: true,
  },
  timeZone: 'UTC',
};

export function renderWithProviders(ui: ReactElement, session: Session = testSession) {
  installDomShims();
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={client}>
        <SessionContext.Provider value={session}>{ui}</SessionContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, client };
}

export type Route = (
  url: string,
  init: RequestInit,
) => { status?: number; body?: unknown; headers?: Record<string, string> } | undefined;

/** Replaces fetch with a router over (method, url); unknown calls answer 404 problem+json. */
export function mockFetch(route: Route) {
  const calls: { method: string; url: string; body: unknown; headers: Record<string, string> }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined, headers });
    const answer = route(`${method} ${url}`, init) ?? {
      status: 404,
      body: { title: 'Not Found', status: 404, detail: `${method} ${url}`, code: 'not_found' },
    };
    const status = answer.status ?? 200;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
        ...(answer.headers ?? {}),
      },
    });
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}
