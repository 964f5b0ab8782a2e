import { NotFound } from '../../core/errors.ts';
import { validateCalendar } from '../../core/standards/index.ts';
import { decideSiteUpdate } from '../../core/standards/sites.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  loadSite,
  loadSiteCalendar,
  type StoredSite,
  updateSiteRow,
} from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';
import { eventActor } from './shared.ts';

/**
 * Renames a site or moves it to another time zone. A zone change re-times every open case of the
 * site at the next SLA sweep, the same way an hours change does: the sweep's configuration
 * parts hold each calendar's zone beside its version, so a new zone changes that site's part and
 * the site's open cases are recomputed (see `configChangeScope` in sweep-sla.ts).
 */
export async function updateSite(
  ctx: CommandContext,
  siteId: string,
  patch: { name?: string | undefined; timeZone?: string | undefined },
): Promise<StoredSite> {
  authorize(ctx.actor, 'standards.manage');
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const before = await loadSite(tx, siteId, true);
    if (!before) throw new NotFound('site', siteId);
    const decision = decideSiteUpdate(before, patch);
    if (!decision.changed) return { before, after: before, timeZoneChanged: false };
    if (decision.timeZoneChanged) {
      // The stored hours are read in the new zone from now on; they must still make a calendar there.
      const calendar = await loadSiteCalendar(tx, siteId);
      if (calendar?.configured) validateCalendar({ ...calendar, timeZone: decision.site.timeZone });
    }
    const after = await updateSiteRow(tx, siteId, decision.site);
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'site.updated', entity: 'site', entityId: siteId, before, after },
    ]);
    return { before, after, timeZoneChanged: decision.timeZoneChanged };
  });
  if (result.after !== result.before) {
    ctx.events.publish([
      {
        type: 'site.updated',
        actor: eventActor(ctx.actor),
        at: now,
        data: { siteId, timeZoneChanged: result.timeZoneChanged },
      },
    ]);
  }
  return result.after;
}
