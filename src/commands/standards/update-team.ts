import { NotFound } from '../../core/errors.ts';
import { decideTeamUpdate, TeamNameTaken } from '../../core/standards/sites.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  loadSite,
  loadTeam,
  lockTeamNames,
  type StoredTeam,
  teamNameTaken,
  updateTeamRow,
} from '../../db/repositories/standards.ts';
import { pgCode, UNIQUE_VIOLATION } from '../../db/sql.ts';
import { authorize, type CommandContext } from '../context.ts';
import { eventActor } from './shared.ts';

/** Renames a team or moves it to another site (`siteId: null`: no site). Members and routing stay. */
export async function updateTeam(
  ctx: CommandContext,
  teamId: string,
  patch: { name?: string | undefined; siteId?: string | null | undefined },
): Promise<StoredTeam> {
  authorize(ctx.actor, 'standards.manage');
  const now = ctx.clock.now();
  let result: { before: StoredTeam; after: StoredTeam };
  try {
    result = await ctx.db.transaction(async (tx) => {
      await lockTeamNames(tx);
      const before = await loadTeam(tx, teamId, true);
      if (!before) throw new NotFound('team', teamId);
      const decision = decideTeamUpdate(before, patch);
      if (!decision.changed) return { before, after: before };
      const { name, siteId } = decision.team;
      if (siteId && siteId !== before.siteId && !(await loadSite(tx, siteId)))
        throw new NotFound('site', siteId);
      if (await teamNameTaken(tx, name, siteId, teamId)) throw new TeamNameTaken(name, siteId);
      const after = await updateTeamRow(tx, teamId, decision.team);
      await appendAudit(tx, ctx.actor, ctx.requestId, [
        { action: 'team.updated', entity: 'team', entityId: teamId, before, after },
      ]);
      return { before, after };
    });
  } catch (e) {
    if (pgCode(e) === UNIQUE_VIOLATION) throw new TeamNameTaken(patch.name ?? '', patch.siteId ?? null);
    throw e;
  }
  if (result.after !== result.before) {
    ctx.events.publish([
      {
        type: 'team.updated',
        actor: eventActor(ctx.actor),
        at: now,
        data: { teamId, siteId: result.after.siteId },
      },
    ]);
  }
  return result.after;
}
