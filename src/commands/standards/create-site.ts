import { decideNewSite, SiteCodeTaken } from '../../core/standards/sites.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  insertSiteRow,
  lockSiteCodes,
  type StoredSite,
  siteCodeTaken,
} from '../../db/repositories/standards.ts';
import { pgCode, UNIQUE_VIOLATION } from '../../db/sql.ts';
import { authorize, type CommandContext } from '../context.ts';
import { eventActor } from './shared.ts';

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
  let created: StoredSite;
  try {
    created = await ctx.db.transaction(async (tx) => {
      await lockSiteCodes(tx);
      if (await siteCodeTaken(tx, draft.code)) throw new SiteCodeTaken(draft.code);
      const site = await insertSiteRow(tx, draft);
      await appendAudit(tx, ctx.actor, ctx.requestId, [
        { action: 'site.created', entity: 'site', entityId: site.id, after: site },
      ]);
      return site;
    });
  } catch (e) {
    // A writer that bypasses the lock (the seeder) can still take the code first.
    if (pgCode(e) === UNIQUE_VIOLATION) throw new SiteCodeTaken(draft.code);
    throw e;
  }
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
