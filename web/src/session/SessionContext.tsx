import { createContext, useContext } from 'react';
import type { Abilities, Agent, Me } from '../api/types.ts';

export interface Session {
  agent: Me['agent'];
  abilities: Abilities;
  /** The directory entry (team, site, time zone), once loaded. */
  profile: Agent | undefined;
  timeZone: string | undefined;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in screen');
  return session;
}

export function useCan(ability: string): boolean {
  return useSession().abilities[ability] === true;
}
