import { zoneFormatter } from '../time/zone-formatter.ts';
import { InvalidTimeZone } from './errors.ts';
import type { TimeWindow } from './people.ts';

export const DAY_MS = 86_400_000;

const lastDays = new Map<string, TimeWindow>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const f = zoneFormatter(timeZone);
  if (!f) throw new InvalidTimeZone(timeZone);
  return f;
}

/** The wall-clock reading in `timeZone` at `ms`, expressed as if it were UTC. */
function wallClockAsUtc(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

function offsetAt(ms: number, timeZone: string): number {
  return wallClockAsUtc(ms - (ms % 1000), timeZone) - (ms - (ms % 1000));
}

/** First instant of the local calendar day whose midnight is `wallMidnight` (as UTC). */
function startOfLocalDay(wallMidnight: number, timeZone: string): number {
  // Two passes settle the offset even when a DST change falls near midnight.
  let guess = wallMidnight - offsetAt(wallMidnight, timeZone);
  guess = wallMidnight - offsetAt(guess, timeZone);
  // Where midnight itself is skipped by DST, the day starts at the first instant that reads as that day.
  while (wallClockAsUtc(guess, timeZone) < wallMidnight) guess += 60_000 * 15;
  return guess;
}

/**
 * The agent's "today" in their site's time zone, as [local midnight, next local midnight).
 * Days are 23 or 25 hours long across DST changes; the window follows the wall clock.
 */
export function dayWindow(now: Date, timeZone: string): TimeWindow {
  // The last window per zone is memoised: most calls in a day fall into the same one.
  const cached = lastDays.get(timeZone);
  if (cached && isWithin(now, cached)) return cached;
  const wall = wallClockAsUtc(now.getTime(), timeZone);
  const wallMidnight = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  const window = {
    from: new Date(startOfLocalDay(wallMidnight, timeZone)),
    to: new Date(startOfLocalDay(wallMidnight + DAY_MS, timeZone)),
  };
  lastDays.set(timeZone, window);
  return window;
}

/**
 * The rolling period ending now: [now − period, now + 1 ms), i.e. an action exactly `periodDays`
 * old still counts and one millisecond later it has rolled off.
 */
export function rollingWindow(now: Date, periodDays: number): TimeWindow {
  return { from: new Date(now.getTime() - periodDays * DAY_MS), to: new Date(now.getTime() + 1) };
}

export function isWithin(at: Date, window: TimeWindow): boolean {
  const t = at.getTime();
  return t >= window.from.getTime() && t < window.to.getTime();
}
