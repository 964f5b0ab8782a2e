import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request } from './client.ts';
import { keys } from './keys.ts';

export type SlaStatus = 'ok' | 'at_risk' | 'breached' | 'met';

export interface SlaTarget {
  metric: 'first_response' | 'next_response' | 'resolution' | string;
  status: SlaStatus;
  targetMs: number;
  startedAt: string | null;
  dueAt: string | null;
  elapsedMs: number;
  timeLeftMs: number;
  atRisk: boolean;
  breached: boolean;
  paused: boolean;
  metAt: string | null;
}

export interface CaseSla {
  caseId: string;
  policy: { id: string; name: string; version: number; hours: string } | null;
  computedAt: string | null;
  targets: SlaTarget[];
}

export interface SlaCaseItem {
  caseId: string;
  sla: {
    status: SlaStatus | 'none' | null;
    dueAt: string | null;
    msToDue: number | null;
    paused: boolean;
    computedAt: string | null;
  };
}

export interface ChecklistItem {
  id: string;
  label: string;
  required: boolean;
  state: 'done' | 'not_applicable' | null;
}

export interface Checklist {
  caseId: string;
  standard: { id: string; category: string; version: number } | null;
  items: ChecklistItem[];
  result: { complete: boolean; missed: string[] } | null;
}

export function useCaseSla(caseId: string, enabled = true) {
  return useQuery({
    queryKey: keys.caseSla(caseId),
    queryFn: ({ signal }) => get<CaseSla>(`/cases/${caseId}/sla`, signal),
    enabled,
    // Time left moves on its own; refresh it every minute while the case is open.
    refetchInterval: 60_000,
  });
}

/** Time left per open case, to show beside the inbox rows (as of the server's last sweep). */
export function useSlaCases(enabled = true) {
  return useQuery({
    queryKey: keys.slaCases,
    queryFn: async ({ signal }) =>
      (await get<{ items?: SlaCaseItem[] }>('/sla/cases?limit=500', signal)).items ?? [],
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
    select: (items) => new Map(items.map((i) => [i.caseId, i.sla])),
  });
}

export function useChecklist(caseId: string, enabled = true) {
  return useQuery({
    queryKey: keys.checklist(caseId),
    queryFn: ({ signal }) => get<Checklist>(`/cases/${caseId}/checklist`, signal),
    enabled,
  });
}

export function useMarkChecklist(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ item, state }: { item: string; state: 'done' | 'not_applicable' | 'cleared' }) =>
      (
        await request<Checklist>(`/cases/${caseId}/checklist/${encodeURIComponent(item)}`, {
          method: 'POST',
          body: { state },
        })
      ).data,
    onSuccess: (checklist) => client.setQueryData(keys.checklist(caseId), checklist),
  });
}
