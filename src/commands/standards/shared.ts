import type { Actor } from '../../core/access/roles.ts';
import { NotFound } from '../../core/errors.ts';
import type { StaffActor } from '../../core/standards/index.ts';
import type { Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { pgCode, UNIQUE_VIOLATION } from '../../db/sql.ts';
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

/**
 * Inserts a site or team, whose key (a site's code, a team's name at its site) must be unique, and
 * audits its creation, in one transaction. `insert` takes the key's lock and checks it first; a
 * unique violation still means the key was taken (a writer that bypasses the lock, like the seeder,
 * got there first), so it becomes the same `taken()` error.
 */
export async function insertUniqueAudited<T extends { id: string }>(
  ctx: CommandContext,
  entity: 'site' | 'team',
  insert: (tx: Executor) => Promise<T>,
  taken: () => Error,
): Promise<T> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await insert(tx);
      await appendAudit(tx, ctx.actor, ctx.requestId, [
        { action: `${entity}.created`, entity, entityId: row.id, after: row },
      ]);
      return row;
    });
  } catch (e) {
    if (pgCode(e) === UNIQUE_VIOLATION) throw taken();
    throw e;
  }
}

/**
 * Creates (id null) or replaces an escalation ladder or routing rule in one transaction, auditing
 * it before and after. The stored one is loaded (and locked, by `load`) first and must exist;
 * `write` makes the record's own checks, given it, and saves.
 */
export async function saveAudited<T extends { id: string }>(
  ctx: CommandContext,
  entity: 'escalation_policy' | 'routing_rule',
  id: string | null,
  load: (tx: Executor, id: string) => Promise<T | undefined>,
  write: (tx: Executor, before: T | undefined) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const before = id ? await load(tx, id) : undefined;
    if (id && !before) throw new NotFound(entity, id);
    const after = await write(tx, before);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      {
        action: id ? `${entity}.updated` : `${entity}.created`,
        entity,
        entityId: after.id,
        before,
        after,
      },
    ]);
    return after;
  });
}
