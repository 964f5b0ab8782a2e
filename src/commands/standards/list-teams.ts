import type { Team } from '../../core/standards/index.ts';
import { loadRoutingTeam } from '../../db/repositories/standards.ts';
import { rows, sql } from '../../db/sql.ts';
import { authorize, type CommandContext } from '../context.ts';

export interface TeamWithRouting extends Team {
  readonly name: string;
  readonly siteId: string | null;
}

/** Every team with its name, site, routing strategy and members (round-robin order), for the console. */
export async function listTeams(ctx: CommandContext): Promise<TeamWithRouting[]> {
  authorize(ctx.actor, 'directory.read');
  const db = ctx.db.db;
  const teams = await rows<{ id: string; name: string; siteId: string | null }>(
    db,
    sql`select id, name, site_id as "siteId" from teams order by name, id`,
  );
  const result: TeamWithRouting[] = [];
  // Teams are few (a handful per site); one routing read each keeps to the repository's one definition.
  for (const t of teams) {
    const routing = await loadRoutingTeam(db, t.id);
    result.push({
      ...t,
      strategy: routing?.strategy ?? 'round_robin',
      memberIds: routing?.memberIds ?? [],
    });
  }
  return result;
}
