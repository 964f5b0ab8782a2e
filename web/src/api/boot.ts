import type { QueryClient } from '@tanstack/react-query';
import { parseRoute } from '../lib/router.ts';
import { filtersFrom, queueQuery } from '../routes/inbox/queues.ts';
import { caseQueryString } from './cases.ts';
import { request } from './client.ts';
import { keys } from './keys.ts';
import type { CasePage } from './types.ts';

/**
 * Starts loading the inbox in parallel with GET /me instead of after it, saving one round trip on
 * the first load. Every queue but "My site" (which needs the agent's home site from /me) is known
 * from the address alone; a 401 here is simply dropped.
 */
export function prefetchFirstScreen(client: QueryClient, hash: string): void {
  const route = parseRoute(hash);
  if (route.name !== 'inbox') return;
  const filters = filtersFrom(route.params);
  if (filters.queue === 'site' && !filters.site) return;
  const qs = caseQueryString(queueQuery(filters, undefined));
  void client
    .prefetchQuery({
      queryKey: keys.caseList(qs),
      queryFn: async ({ signal }) => (await request<CasePage>(`/cases?${qs}`, { signal, quiet: true })).data,
    })
    .catch(() => undefined);
}
