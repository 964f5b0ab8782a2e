import type { Site } from '../../api/types.ts';

/** The same rule the server applies: 2 to 16 letters, digits, `-` or `_`, stored upper-case. */
const CODE = /^[A-Z0-9][A-Z0-9_-]{1,15}$/;

let zones: string[] | undefined;

/** Every IANA zone this browser knows (Intl.supportedValuesOf), with UTC, sorted. */
export function timeZones(): string[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = [...new Set(['UTC', ...supported])].sort((a, b) => a.localeCompare(b));
  }
  return zones;
}

/** The zone list to pick from, keeping a site's current zone even if this browser names it otherwise. */
export function zoneOptions(current: string | null): string[] {
  const all = timeZones();
  return current && !all.includes(current) ? [current, ...all] : all;
}

/** The wall clock in a zone now (`14:05`), to check the pick; '' for a zone the browser does not know. */
export function localTimeIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(now);
  } catch {
    return '';
  }
}

export interface SiteDraft {
  code: string;
  name: string;
  timeZone: string;
}

export const emptySiteDraft = (): SiteDraft => ({ code: '', name: '', timeZone: '' });

export const siteDraftFrom = (s: Site): SiteDraft => ({ code: s.code, name: s.name, timeZone: s.timeZone });

/** Field errors before sending; an existing site keeps its code, so only a new one's is checked. */
export function validateSite(d: SiteDraft, isNew: boolean): Partial<Record<keyof SiteDraft, string>> {
  const errors: Partial<Record<keyof SiteDraft, string>> = {};
  if (isNew) {
    const code = d.code.trim().toUpperCase();
    if (!code) errors.code = 'Give the site a short code, e.g. LON';
    else if (!CODE.test(code)) errors.code = '2 to 16 letters, digits, "-" or "_"';
  }
  if (!d.name.trim()) errors.name = 'Give the site a name';
  if (!d.timeZone) errors.timeZone = 'Pick the time zone the site works in';
  else if (!zoneOptions(null).includes(d.timeZone) && !localTimeIn(d.timeZone))
    errors.timeZone = 'Pick a time zone from the list';
  return errors;
}

/** The POST body of a new site. */
export const toNewSite = (d: SiteDraft) => ({
  code: d.code.trim().toUpperCase(),
  name: d.name.trim(),
  timeZone: d.timeZone,
});

/** Only what changed, for PATCH; empty when nothing did. */
export function sitePatch(before: Site, d: SiteDraft): { name?: string; timeZone?: string } {
  const patch: { name?: string; timeZone?: string } = {};
  if (d.name.trim() !== before.name) patch.name = d.name.trim();
  if (d.timeZone !== before.timeZone) patch.timeZone = d.timeZone;
  return patch;
}
