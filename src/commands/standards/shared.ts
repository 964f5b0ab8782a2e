import type { Actor } from '../../core/access/roles.ts';
import type { StaffActor } from '../../core/standards/index.ts';
import type { CommandContext } from '../context.ts';

/** Who the audit trail and events name when the standards (the sweep, routing), not a person, act. */
export const STANDARDS_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'Service standards',
  role: 'admin',
  kind: 'integration',
};

/** What background work (jobs, reactions) gets: everything of a command context but the actor. */
export type StandardsDeps = Pick<CommandContext, 'db' | 'clock' | 'events'> & {
  log?: (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;
};

export const systemContext = (deps: StandardsDeps): CommandContext => ({
  db: deps.db,
  clock: deps.clock,
  events: deps.events,
  actor: STANDARDS_ACTOR,
});

/** The ownership rules know agents, leads and managers; an admin acts as a manager. */
export function staffActor(actor: Actor): StaffActor {
  const role =
    actor.role === 'admin' || actor.role === 'manager' ? 'manager' : actor.role === 'lead' ? 'lead' : 'agent';
  return { id: actor.id, role };
}

export const eventActor = (actor: Actor) => ({ id: actor.id, name: actor.name });
