import { NotFound } from '../../core/errors.ts';
import { type BusinessCalendar, validateCalendar } from '../../core/standards/index.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import { loadSiteCalendar, type SiteCalendar, saveSiteCalendar } from '../../db/repositories/standards.ts';
import { authorize, type CommandContext } from '../context.ts';

export type SiteHoursInput = Pick<BusinessCalendar, 'mode' | 'weeklyHours' | 'holidays' | 'specialHours'>;

/** Stores a site's opening hours, holidays and special days; the site's time zone stays on the site. */
export async function saveSiteHours(
  ctx: CommandContext,
  siteId: string,
  input: SiteHoursInput,
): Promise<SiteCalendar> {
  authorize(ctx.actor, 'standards.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadSiteCalendar(tx, siteId);
    if (!before) throw new NotFound('site', siteId);
    validateCalendar({ ...input, timeZone: before.timeZone });
    await saveSiteCalendar(tx, siteId, input);
    const after = (await loadSiteCalendar(tx, siteId))!;
    await appendAudit(tx, ctx.actor, ctx.requestId, [
      { action: 'site.hours_changed', entity: 'site', entityId: siteId, before, after: input },
    ]);
    return after;
  });
}

export async function getSiteHours(ctx: CommandContext, siteId: string): Promise<SiteCalendar> {
  authorize(ctx.actor, 'directory.read');
  const found = await loadSiteCalendar(ctx.db.db, siteId);
  if (!found) throw new NotFound('site', siteId);
  return found;
}
