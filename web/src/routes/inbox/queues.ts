import type { CaseQuery } from '../../api/cases.ts';

export const QUEUES = [
  { value: 'mine', label: 'Mine' },
  { value: 'team', label: 'My team' },
  { value: 'site', label: 'My site' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'all', label: 'All' },
] as const;
export type Queue = (typeof QUEUES)[number]['value'];

export const DEFAULT_STATUSES = ['new', 'open', 'pending'];

/** The inbox's orders: longest waiting first (the default), or soonest SLA deadline first. */
export const SORTS = [
  { value: 'waiting', label: 'Longest waiting' },
  { value: 'time_left', label: 'Time left (SLA)' },
] as const;
export type InboxSort = (typeof SORTS)[number]['value'];

/** The SLA filter: any case, or those the last sweep found at risk or breached. */
export const SLA_FILTERS = [
  { value: '', label: 'Any' },
  { value: 'at_risk', label: 'At risk' },
  { value: 'breached', label: 'Breached' },
] as const;
export type InboxSla = (typeof SLA_FILTERS)[number]['value'];

export interface InboxFilters {
  queue: Queue;
  status: string[];
  channel: string;
  priority: string;
  site: string;
  tag: string;
  sort: InboxSort;
  sla: InboxSla;
}

export function filtersFrom(params: URLSearchParams): InboxFilters {
  const queue = params.get('queue');
  const sort = params.get('sort');
  const sla = params.get('sla');
  return {
    queue: QUEUES.some((q) => q.value === queue) ? (queue as Queue) : 'mine',
    status: params.has('status') ? (params.get('status') ?? '').split(',').filter(Boolean) : DEFAULT_STATUSES,
    channel: params.get('channel') ?? '',
    priority: params.get('priority') ?? '',
    site: params.get('site') ?? '',
    tag: params.get('tag') ?? '',
    sort: SORTS.some((o) => o.value === sort) ? (sort as InboxSort) : 'waiting',
    sla: SLA_FILTERS.some((o) => o.value === sla) ? (sla as InboxSla) : '',
  };
}

export function filtersToParams(f: InboxFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.queue !== 'mine') p.set('queue', f.queue);
  if (f.status.join(',') !== DEFAULT_STATUSES.join(',')) p.set('status', f.status.join(','));
  for (const key of ['channel', 'priority', 'site', 'tag', 'sla'] as const) if (f[key]) p.set(key, f[key]);
  if (f.sort !== 'waiting') p.set('sort', f.sort);
  return p;
}

/**
 * The server query for a queue, sorted on the server (by waiting time, or by the SLA time left), so
 * the 200 rows the inbox shows are the 200 longest-waiting (or closest to a breach) rather than the
 * newest. "My team" is `team=me` (cases routed to
 * the agent's team or owned by one of its members); "My site" needs the agent's home site.
 */
export function queueQuery(f: InboxFilters, me: { siteId?: string | null } | undefined): CaseQuery {
  const q: CaseQuery = {
    status: f.status,
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.priority ? { priority: f.priority } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(f.site ? { site: f.site } : {}),
    ...(f.sla ? { sla: f.sla } : {}),
    sort: f.sort,
    limit: 200,
  };
  if (f.queue === 'mine') q.owner = 'me';
  if (f.queue === 'team') q.team = 'me';
  if (f.queue === 'unassigned') q.owner = 'none';
  if (f.queue === 'site' && me?.siteId && !f.site) q.site = me.siteId;
  return q;
}

/**
 * Oldest wait first; cases nobody is waiting on (replied to) after them, most recently active first.
 * The server already sends the waiting ones in this order; this orders the rest (which it sends by
 * id) and keeps a list patched live in order.
 */
export function sortByWaiting<T extends { waitingSince: string | null; lastActivityAt: string }>(
  items: T[],
): T[] {
  return [...items].sort((a, b) => {
    if (a.waitingSince && b.waitingSince) return a.waitingSince.localeCompare(b.waitingSince);
    if (a.waitingSince) return -1;
    if (b.waitingSince) return 1;
    return b.lastActivityAt.localeCompare(a.lastActivityAt);
  });
}
