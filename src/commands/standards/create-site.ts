import { decideNewSite, SiteCodeTaken } from '../../core/standards/sites.ts';
import {
  insertSiteRow,
  lockSiteCodes,
  type StoredSite,
  siteCodeTaken,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';
import { eventActor, insertUniqueAudited } from './shared.ts';

/**
 * A new site (service centre) with its code, name and IANA time zone. It has no hours yet, so it
 * counts calendar time (24×7) in its zone until a manager sets them.
 */
export async function createSite(
  ctx: CommandContext,
  input: { code: string; name: string; timeZone: string },
): Promise<StoredSite> {
  authorize(ctx.actor, 'standards.manage');
  const draft = decideNewSite(input);
  const now = ctx.clock.now();
  const created = await insertUniqueAudited(
    ctx,
    'site',
    async (tx) => {
      await lockSiteCodes(tx);
      if (await siteCodeTaken(tx, draft.code)) throw new SiteCodeTaken(draft.code);
      return insertSiteRow(tx, draft);
    },
    () => new SiteCodeTaken(draft.code),
  );
  ctx.events.publish([
    {
      type: 'site.created',
      actor: eventActor(ctx.actor),
      at: now,
      data: { siteId: created.id, code: created.code },
    },
  ]);
  return created;
}
