import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: #/inbox, #/cases/<id>, #/customers/<id>, #/search?q=…
 * Hash routes survive a reload on any static server and need no server fallback.
 */
export type Route =
  | { name: 'inbox'; params: URLSearchParams }
  | { name: 'case'; id: string; params: URLSearchParams }
  | { name: 'customer'; id: string; params: URLSearchParams }
  | { name: 'search'; params: URLSearchParams }
  | { name: 'approvals'; params: URLSearchParams }
  | { name: 'rules'; params: URLSearchParams }
  | { name: 'standards'; params: URLSearchParams };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/inbox';
  const [path = '/inbox', query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'cases' && parts[1]) return { name: 'case', id: parts[1], params };
  if (parts[0] === 'customers' && parts[1]) return { name: 'customer', id: parts[1], params };
  if (parts[0] === 'approvals') return { name: 'approvals', params };
  if (parts[0] === 'rules') return { name: 'rules', params };
  if (parts[0] === 'standards') return { name: 'standards', params };
  if (parts[0] === 'search' || parts[0] === 'customers') return { name: 'search', params };
  return { name: 'inbox', params };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(path: string): void {
  const target = `#${path}`;
  if (window.location.hash !== target) window.location.hash = target;
}

export const paths = {
  inbox: (params?: URLSearchParams) => `/inbox${params?.size ? `?${params}` : ''}`,
  case: (id: string) => `/cases/${id}`,
  customer: (id: string) => `/customers/${id}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  approvals: () => '/approvals',
  /** Authority rules, friction reports, overrides and reports; `?tab=` picks the tab. */
  rules: (tab?: string) => `/rules${tab ? `?tab=${tab}` : ''}`,
  /** Sites and hours, SLA policies, routing, escalation, checklists, attainment; `?tab=` picks the tab. */
  standards: (tab?: string) => `/standards${tab ? `?tab=${tab}` : ''}`,
};

let lastInbox = '/inbox';

/** The inbox as the agent last saw it (queue and filters), for "back to inbox" links and Escape. */
export function rememberInbox(params: URLSearchParams): void {
  lastInbox = paths.inbox(params);
}

export function inboxPath(): string {
  return lastInbox;
}
