import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, request, setCsrfToken, setSessionExpiry } from './client.ts';
import { keys } from './keys.ts';
import type { LoginResult, Me } from './types.ts';

/** Who is logged in; null when nobody is (401), so the login screen shows instead of an error. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await get<Me>('/me', signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      (await request<LoginResult>('/auth/login', { method: 'POST', body: input })).data,
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      setSessionExpiry(result.expiresAt);
      const me: Me = { agent: result.agent, abilities: result.abilities };
      client.setQueryData(keys.me, () => me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await request('/auth/logout', { method: 'POST' }).catch(() => undefined);
    },
    onSettled: () => {
      setCsrfToken(null);
      setSessionExpiry(null);
      client.clear();
      client.setQueryData<Me | null>(keys.me, null);
    },
  });
}
