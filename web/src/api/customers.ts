import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, request } from './client.ts';
import { keys } from './keys.ts';
import type { CustomerHit, CustomerProfile, SearchHit } from './types.ts';

export const customerQuery = (id: string) => ({
  queryKey: keys.customer(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => get<CustomerProfile>(`/customers/${id}`, signal),
  staleTime: 15_000,
});

export function useCustomer(id: string | undefined) {
  return useQuery({ ...customerQuery(id ?? ''), enabled: Boolean(id) });
}

export function useCustomerSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.customerSearch(term),
    queryFn: async ({ signal }) =>
      (await get<{ items: CustomerHit[] }>(`/customers?q=${encodeURIComponent(term)}`, signal)).items,
    enabled: term.length >= 2,
    placeholderData: (previous) => previous,
  });
}

export function useSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.search(term),
    queryFn: async ({ signal }) =>
      (await get<{ items: SearchHit[] }>(`/search?q=${encodeURIComponent(term)}`, signal)).items,
    enabled: term.length >= 1,
    placeholderData: (previous) => previous,
  });
}

export function useMergeCustomer(survivorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (otherId: string) =>
      (
        await request<{ mergeId: string }>(`/customers/${survivorId}/merge`, {
          method: 'POST',
          body: { otherId },
        })
      ).data,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.customers });
      void client.invalidateQueries({ queryKey: keys.cases });
    },
  });
}
