/** Query keys in one place, so live events invalidate exactly what screens show. */
export const keys = {
  me: ['me'] as const,
  cases: ['cases'] as const,
  caseList: (params: string) => ['cases', 'list', params] as const,
  case: (id: string) => ['cases', 'detail', id] as const,
  customers: ['customers'] as const,
  customer: (id: string) => ['customers', 'detail', id] as const,
  customerSearch: (q: string) => ['customers', 'search', q] as const,
  search: (q: string) => ['search', q] as const,
  sites: ['sites'] as const,
  agents: ['agents'] as const,
};
