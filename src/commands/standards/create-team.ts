import { NotFound } from '../../core/errors.ts';
import { decideNewTeam, TeamNameTaken } from '../../core/standards/sites.ts';
import {
  insertTeamRow,
  loadSite,
  lockTeamNames,
  type StoredTeam,
  teamNameTaken,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';
import { eventActor, insertUniqueAudited } from './shared.ts';

/** A new team, at a site or none; it routes round robin over its members once a manager adds them. */
export async function createTeam(
  ctx: CommandContext,
  input: { name: string; siteId?: string | null | undefined },
): Promise<StoredTeam> {
  authorize(ctx.actor, 'standards.manage');
  const draft = decideNewTeam(input);
  const now = ctx.clock.now();
  const created = await insertUniqueAudited(
    ctx,
    'team',
    async (tx) => {
      if (draft.siteId && !(await loadSite(tx, draft.siteId))) throw new NotFound('site', draft.siteId);
      await lockTeamNames(tx);
      if (await teamNameTaken(tx, draft.name, draft.siteId))
        throw new TeamNameTaken(draft.name, draft.siteId);
      return insertTeamRow(tx, draft);
    },
    () => new TeamNameTaken(draft.name, draft.siteId),
  );
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
