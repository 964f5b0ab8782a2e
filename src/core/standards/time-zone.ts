import { zoneFormatter } from '../time/zone-formatter.ts';
import { InvalidCalendar } from './errors.ts';

/**
 * Wall-clock ↔ instant conversion for an IANA zone using only Intl (no date library).
 * Formatting is the slow part (a few µs a call), so formatters are cached per zone and callers
 * are expected to cache whole days (see business-calendar.ts) rather than convert per instant.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const f = zoneFormatter(timeZone);
  if (!f) throw new InvalidCalendar(`Unknown time zone ${timeZone}.`, { timeZone });
  return f;
}

/** Throws InvalidCalendar when the zone is not a known IANA name. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Offset of the zone from UTC at `epochMs`, in ms (Berlin in winter: +3_600_000). */
export function zoneOffsetMs(timeZone: string, epochMs: number): number {
  // Whole seconds only: Intl drops milliseconds and sub-second offsets do not exist in tzdb.
  const t = Math.floor(epochMs / 1000) * 1000;
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of formatterFor(timeZone).formatToParts(t)) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - t;
}

/**
 * The instant a local wall time names in `timeZone`, with `dayNumber` counting local days from
 * 1970-01-01 and `minuteOfDay` possibly ≥ 1440 (spills into the next day).
 *
 * DST follows Temporal's "compatible" disambiguation so every wall time maps to one instant:
 * a time in the spring-forward gap moves forward by the gap (02:30 → 03:30 in Berlin), and a
 * time repeated at fall-back takes its first (earlier) occurrence.
 */
export function localToEpoch(timeZone: string, dayNumber: number, minuteOfDay: number): number {
  const naive = dayNumber * DAY_MS + minuteOfDay * MINUTE;
  // Transitions are at least months apart, so the offsets a day either side bracket any change.
  const before = zoneOffsetMs(timeZone, naive - DAY_MS);
  const after = zoneOffsetMs(timeZone, naive + DAY_MS);
  if (before === after) return naive - before;
  const withBefore = naive - before;
  const withAfter = naive - after;
  const beforeValid = zoneOffsetMs(timeZone, withBefore) === before;
  const afterValid = zoneOffsetMs(timeZone, withAfter) === after;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter);
  if (beforeValid) return withBefore;
  if (afterValid) return withAfter;
  // In the gap: read the wall time with the pre-transition offset, which lands after the jump.
  return withBefore;
}

/** Local day number (days since 1970-01-01 in the zone's calendar) of an instant. */
export function localDayNumber(timeZone: string, epochMs: number): number {
  return Math.floor((epochMs + zoneOffsetMs(timeZone, epochMs)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, for a local day number (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Day number of an ISO local date `YYYY-MM-DD`, or null when malformed. */
export function dayNumberOfIsoDate(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** `YYYY-MM-DD` of a local day number. */
export function isoDateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
