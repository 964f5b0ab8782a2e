import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request } from './client.ts';
import { keys } from './keys.ts';
import type { CaseDetail, CasePage, CasePriority, CaseStatus, Channel, Message } from './types.ts';

export interface CaseQuery {
  status?: string[];
  owner?: string;
  site?: string;
  channel?: string;
  priority?: string;
  tag?: string;
  customer?: string;
  /** `me` or a team id: cases routed to the team or owned by one of its members. */
  team?: string;
  /** SLA status from the server's cache: `ok`, `at_risk`, `breached`, or a comma list of them. */
  sla?: string;
  /**
   * `waiting`: longest-waiting customer first, cases nobody waits on last; `time_left`: soonest SLA
   * deadline first, cases without one last (the server's default is `newest`).
   */
  sort?: 'newest' | 'waiting' | 'time_left';
  limit?: number;
}

export function caseQueryString(q: CaseQuery): string {
  const params = new URLSearchParams();
  if (q.status?.length) params.set('status', q.status.join(','));
  for (const key of [
    'owner',
    'team',
    'site',
    'channel',
    'priority',
    'tag',
    'customer',
    'sla',
    'sort',
  ] as const) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  params.set('limit', String(q.limit ?? 100));
  return params.toString();
}

export function useCaseList(q: CaseQuery, enabled = true) {
  const qs = caseQueryString(q);
  return useQuery({
    queryKey: keys.caseList(qs),
    queryFn: ({ signal }) => get<CasePage>(`/cases?${qs}`, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export const caseDetailQuery = (id: string) => ({
  queryKey: keys.case(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => get<CaseDetail>(`/cases/${id}`, signal),
  staleTime: 10_000,
});

export function useCase(id: string) {
  return useQuery(caseDetailQuery(id));
}

/** Warms the case (and its customer) while the agent moves through the inbox, so opening is instant. */
export function prefetchCase(client: QueryClient, id: string): void {
  void client.prefetchQuery(caseDetailQuery(id));
}

export interface CasePatch {
  status?: CaseStatus;
  ownerId?: string | null;
  priority?: CasePriority;
  category?: string | null;
  tags?: string[];
}

export function useUpdateCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ patch, version }: { patch: CasePatch; version: number }) =>
      (await request<CaseDetail>(`/cases/${id}`, { method: 'PATCH', body: patch, ifMatch: version })).data,
    onSuccess: (updated) => {
      client.setQueryData<CaseDetail>(keys.case(id), (old) => (old ? { ...old, ...updated } : old));
      void client.invalidateQueries({ queryKey: keys.cases });
    },
  });
}

export interface NewMessage {
  kind: 'reply' | 'note' | 'call' | 'visit';
  body: string;
  channel?: Channel;
  durationSeconds?: number;
  status?: CaseStatus;
}

export function useAddMessage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewMessage) =>
      (
        await request<{ message: Message; case: CaseDetail }>(`/cases/${id}/messages`, {
          method: 'POST',
          body: input,
        })
      ).data,
    onSuccess: ({ message, case: updated }) => {
      client.setQueryData<CaseDetail>(keys.case(id), (old) =>
        old
          ? {
              ...old,
              ...updated,
              timeline: old.timeline.some((m) => m.id === message.id)
                ? old.timeline
                : [...old.timeline, message],
            }
          : old,
      );
      void client.invalidateQueries({ queryKey: keys.cases });
      void client.invalidateQueries({ queryKey: keys.customers });
    },
  });
}
