import { useQuery } from '@tanstack/react-query';
import { get } from './client.ts';
import { keys } from './keys.ts';
import type { Agent, Site } from './types.ts';

const FIVE_MINUTES = 5 * 60_000;

export function useSites() {
  return useQuery({
    queryKey: keys.sites,
    queryFn: async ({ signal }) => (await get<{ items: Site[] }>('/sites', signal)).items,
    staleTime: FIVE_MINUTES,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: keys.agents,
    queryFn: async ({ signal }) => (await get<{ items: Agent[] }>('/agents', signal)).items,
    staleTime: FIVE_MINUTES,
  });
}

/** The logged-in agent's directory entry: team, site and time zone are not in /me. */
export function useMyProfile(agentId: string | undefined): Agent | undefined {
  const agents = useAgents();
  return agents.data?.find((a) => a.id === agentId);
}
