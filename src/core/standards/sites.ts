import { DomainError, InvalidInput } from '../errors.ts';
import { zoneFormatter } from '../time/zone-formatter.ts';
import { InvalidCalendar } from './errors.ts';
import { assertTimeZone } from './time-zone.ts';

/**
 * The rules for creating and editing sites and teams: a site's code is short, upper-case and
 * unique whatever its case; its time zone is an IANA name Intl knows; names are trimmed and
 * never empty.
 */

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,15}$/;

/** A site code someone else already uses, in any case (`lon` clashes with `LON`). */
export class SiteCodeTaken extends DomainError {
  constructor(code: string) {
    super('site.code_taken', `Another site already uses the code ${code}.`, { code });
  }
}

/** A time zone that is not an IANA name Intl knows. */
export class UnknownTimeZone extends InvalidInput {
  constructor(timeZone: string) {
    super('site.unknown_time_zone', `${timeZone} is not a known IANA time zone (e.g. Europe/London).`, {
      timeZone,
    });
  }
}

/** Two teams at the same site (or two with no site) cannot share a name. */
export class TeamNameTaken extends DomainError {
  constructor(name: string, siteId: string | null) {
    super(
      'team.name_taken',
      siteId
        ? `This site already has a team called ${name}.`
        : `A team without a site is already called ${name}.`,
      { name, siteId },
    );
  }
}

/** `lon ` → `LON`; 2 to 16 letters, digits, `-` or `_`, starting with a letter or digit. */
export function normalizeSiteCode(code: string): string {
  const normalized = code.trim().toUpperCase();
  if (!CODE.test(normalized)) {
    throw new InvalidInput(
      'site.invalid_code',
      'A site code is 2 to 16 letters, digits, "-" or "_", starting with a letter or digit (e.g. LON).',
      { code },
    );
  }
  return normalized;
}

/** The zone as Intl names it (`europe/london` → `Europe/London`); UnknownTimeZone otherwise. */
export function canonicalTimeZone(timeZone: string): string {
  const trimmed = timeZone.trim();
  if (!trimmed) throw new UnknownTimeZone(timeZone);
  try {
    assertTimeZone(trimmed);
  } catch (e) {
    if (e instanceof InvalidCalendar) throw new UnknownTimeZone(timeZone);
    throw e;
  }
  return zoneFormatter(trimmed)!.resolvedOptions().timeZone;
}

function cleanName(entity: 'site' | 'team', name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new InvalidInput(`${entity}.invalid_name`, `Give the ${entity} a name.`, {});
  return trimmed;
}

export interface SiteDraft {
  code: string;
  name: string;
  timeZone: string;
}

/** A new site as it will be stored; the caller checks the code is free (`SiteCodeTaken`). */
export function decideNewSite(input: SiteDraft): SiteDraft {
  return {
    code: normalizeSiteCode(input.code),
    name: cleanName('site', input.name),
    timeZone: canonicalTimeZone(input.timeZone),
  };
}

/**
 * A site after an edit of its name and/or time zone, and whether the zone moved (every open case
 * of the site is then re-timed by the SLA sweep). The code never changes: messages name sites by it.
 */
export function decideSiteUpdate(
  current: SiteDraft,
  patch: { name?: string | undefined; timeZone?: string | undefined },
): { site: SiteDraft; changed: boolean; timeZoneChanged: boolean } {
  const site = {
    code: current.code,
    name: patch.name === undefined ? current.name : cleanName('site', patch.name),
    timeZone: patch.timeZone === undefined ? current.timeZone : canonicalTimeZone(patch.timeZone),
  };
  const timeZoneChanged = site.timeZone !== current.timeZone;
  return { site, changed: timeZoneChanged || site.name !== current.name, timeZoneChanged };
}

export interface TeamDraft {
  name: string;
  siteId: string | null;
}

export function decideNewTeam(input: { name: string; siteId?: string | null | undefined }): TeamDraft {
  return { name: cleanName('team', input.name), siteId: input.siteId ?? null };
}

export function decideTeamUpdate(
  current: TeamDraft,
  patch: { name?: string | undefined; siteId?: string | null | undefined },
): { team: TeamDraft; changed: boolean } {
  const team = {
    name: patch.name === undefined ? current.name : cleanName('team', patch.name),
    siteId: patch.siteId === undefined ? current.siteId : patch.siteId,
  };
  return { team, changed: team.name !== current.name || team.siteId !== current.siteId };
}
