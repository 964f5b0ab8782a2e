import { NotFound } from '../../core/errors.ts';
import { decideNewTeam, TeamNameTaken } from '../../core/standards/sites.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  insertTeamRow,
  loadSite,
  lockTeamNames,
  type StoredTeam,
  teamNameTaken,
} from '../../db/repositories/standards.ts';
import { pgCode, UNIQUE_VIOLATION } from '../../db/sql.ts';
import { authorize, type CommandContext } from '../context.ts';
import { eventActor } from './shared.ts';

/** A new team, at a site or none; it routes round robin over its members once a manager adds them. */
export async function createTeam(
  ctx: CommandContext,
  input: { name: string; siteId?: string | null | undefined },
): Promise<StoredTeam> {
  authorize(ctx.actor, 'standards.manage');
  const draft = decideNewTeam(input);
  const now = ctx.clock.now();
  let created: StoredTeam;
  try {
    created = await ctx.db.transaction(async (tx) => {
      if (draft.siteId && !(await loadSite(tx, draft.siteId))) throw new NotFound('site', draft.siteId);
      await lockTeamNames(tx);
      if (await teamNameTaken(tx, draft.name, draft.siteId))
        throw new TeamNameTaken(draft.name, draft.siteId);
      const team = await insertTeamRow(tx, draft);
      await appendAudit(tx, ctx.actor, ctx.requestId, [
        { action: 'team.created', entity: 'team', entityId: team.id, after: team },
      ]);
      return team;
    });
  } catch (e) {
    if (pgCode(e) === UNIQUE_VIOLATION) throw new TeamNameTaken(draft.name, draft.siteId);
    throw e;
  }
  ctx.events.publish([
    {
      type: 'team.created',
      actor: eventActor(ctx.actor),
      at: now,
      data: { teamId: created.id, siteId: created.siteId },
    },
  ]);
  return created;
}
