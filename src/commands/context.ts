import type { Actor } from '../core/access/roles.ts';
import { type Ability, can } from '../core/access/roles.ts';
import { NotAuthorized } from '../core/errors.ts';
import type { Clock } from '../core/ports.ts';
import type { Database } from '../db/client.ts';
import type { EventBus } from '../events.ts';

/** What every use case receives: who acts, on which store, at what time, and where events go. */
export interface CommandContext {
  db: Database;
  actor: Actor;
  clock: Clock;
  events: EventBus;
  requestId?: string;
}

export function authorize(actor: Actor, ability: Ability): void {
  if (!can(actor.role, ability)) {
    throw new NotAuthorized(ability, `Your role (${actor.role}) may not ${ability.replace('.', ': ')}.`);
  }
}
