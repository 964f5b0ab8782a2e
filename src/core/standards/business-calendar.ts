import { InvalidCalendar, InvalidStandardInput } from './errors.ts';
import { assertTimeZone, DAY_MS, dayNumberOfIsoDate, localToEpoch, weekdayOf } from './time-zone.ts';

/** Milliseconds since the Unix epoch; every instant the standards module returns is one. */
export type EpochMs = number;
/** What callers may pass in: the lead's code holds Dates, the sweep holds numbers. */
export type Instant = Date | EpochMs;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Local wall times `HH:MM`. `end` may be `24:00`; an `end` at or before `start` means the
 * interval runs past midnight into the next day (`22:00`–`06:00`). The interval belongs to the
 * day it starts on, holidays included: a holiday cancels the intervals that start on it.
 */
export interface OpeningInterval {
  readonly start: string;
  readonly end: string;
}

export interface BusinessCalendar {
  readonly id?: string;
  readonly timeZone: string;
  /** `always_open` is calendar-hours mode (24×7): hours and holidays are ignored. */
  readonly mode: 'business' | 'always_open';
  readonly weeklyHours: Readonly<Partial<Record<Weekday, readonly OpeningInterval[]>>>;
  /** Local dates `YYYY-MM-DD` on which the site does not open. */
  readonly holidays: readonly string[];
  /**
   * Local dates with their own hours instead of the weekday's (a short Christmas Eve, a Sunday
   * opening). A holiday on the same date wins.
   */
  readonly specialHours?: Readonly<Record<string, readonly OpeningInterval[]>>;
}

/** The 24×7 calendar: business time equals elapsed time. */
export function alwaysOpenCalendar(timeZone = 'UTC', id?: string): BusinessCalendar {
  return { ...(id ? { id } : {}), timeZone, mode: 'always_open', weeklyHours: {}, holidays: [] };
}

interface DayRecord {
  /** First instant of the local day. */
  readonly start: number;
  /** First instant of the next local day. */
  readonly end: number;
  /** Open intervals starting this day, merged and sorted: [s0, e0, s1, e1, …] in epoch ms. */
  readonly open: readonly number[];
}

interface CompiledCalendar {
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  /** Per weekday (0 = Sunday), [startMinute, endMinute] pairs; endMinute may exceed 1440. */
  readonly weekly: readonly (readonly number[])[];
  /** Same, per local day number, for dates with special hours. */
  readonly special: ReadonlyMap<number, readonly number[]>;
  readonly holidays: ReadonlySet<number>;
  readonly days: Map<number, DayRecord>;
}

// Sweeps reuse one calendar object for thousands of cases; compiling per call would redo the
// Intl work for every case. A WeakMap lets the cache die with the calendar.
const compiledCache = new WeakMap<BusinessCalendar, CompiledCalendar>();
const MAX_CACHED_DAYS = 20_000;
/** A calendar closed this many days in a row is treated as broken rather than looped over. */
const MAX_CLOSED_DAYS = 400;

function parseMinute(hhmm: string, allow24: boolean): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59) return null;
  if (h === 24 && mi === 0 && allow24) return 1440;
  if (h > 23) return null;
  return h * 60 + mi;
}

function compileIntervals(intervals: readonly OpeningInterval[], where: string): number[] {
  const pairs: [number, number][] = [];
  for (const iv of intervals) {
    const s = parseMinute(iv.start, false);
    let e = parseMinute(iv.end, true);
    if (s === null || e === null) {
      throw new InvalidCalendar(`Opening hours ${iv.start}–${iv.end} on ${where} are not HH:MM.`, {
        day: where,
        interval: iv,
      });
    }
    if (e <= s) e += 1440;
    pairs.push([s, e]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return pairs.flat();
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiledCache.get(calendar);
  if (cached) return cached;
  assertTimeZone(calendar.timeZone);
  const alwaysOpen = calendar.mode === 'always_open';
  const weekly: number[][] = WEEKDAYS.map((day) => compileIntervals(calendar.weeklyHours[day] ?? [], day));
  const special = new Map<number, number[]>();
  for (const [iso, intervals] of Object.entries(calendar.specialHours ?? {})) {
    const d = dayNumberOfIsoDate(iso);
    if (d === null) throw new InvalidCalendar(`Special date ${iso} is not a YYYY-MM-DD date.`, { date: iso });
    special.set(d, compileIntervals(intervals, iso));
  }
  if (!alwaysOpen && weekly.every((w) => w.length === 0)) {
    throw new InvalidCalendar('The calendar has no opening hours on any weekday.', { id: calendar.id });
  }
  const holidays = new Set<number>();
  for (const iso of calendar.holidays) {
    const d = dayNumberOfIsoDate(iso);
    if (d === null) throw new InvalidCalendar(`Holiday ${iso} is not a YYYY-MM-DD date.`, { holiday: iso });
    holidays.add(d);
  }
  const compiled: CompiledCalendar = {
    timeZone: calendar.timeZone,
    alwaysOpen,
    weekly,
    special,
    holidays,
    days: new Map(),
  };
  compiledCache.set(calendar, compiled);
  return compiled;
}

function dayRecord(c: CompiledCalendar, d: number): DayRecord {
  let rec = c.days.get(d);
  if (rec) return rec;
  const open: number[] = [];
  if (!c.holidays.has(d)) {
    const pairs = c.special.get(d) ?? c.weekly[weekdayOf(d)] ?? [];
    const mapped: [number, number][] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const s = localToEpoch(c.timeZone, d, pairs[i]!);
      const e = localToEpoch(c.timeZone, d, pairs[i + 1]!);
      // A wall interval swallowed by a spring-forward gap has no real time in it.
      if (e > s) mapped.push([s, e]);
    }
    // Gap times shift forward, so wall-clock order and instant order can differ by a little.
    mapped.sort((a, b) => a[0] - b[0]);
    for (const [s, e] of mapped) {
      const last = open.length - 1;
      if (last > 0 && s <= open[last]!) open[last] = Math.max(open[last]!, e);
      else open.push(s, e);
    }
  }
  rec = { start: localToEpoch(c.timeZone, d, 0), end: localToEpoch(c.timeZone, d + 1, 0), open };
  if (c.days.size >= MAX_CACHED_DAYS) c.days.clear();
  c.days.set(d, rec);
  return rec;
}

function localDayOf(c: CompiledCalendar, t: number): number {
  // Offsets stay within ±24 h, so the local day is the UTC day or one either side.
  const d = Math.floor(t / DAY_MS);
  const rec = dayRecord(c, d);
  if (t < rec.start) return d - 1;
  if (t >= rec.end) return d + 1;
  return d;
}

/**
 * Calls `visit(start, end)` for each open interval that ends after `from`, in order, with
 * `start` clipped to `from`, until `visit` returns true. Overlapping intervals (an overnight
 * shift running into the next morning) are merged so no time counts twice; contiguous ones may
 * come out split at local midnight, which no caller cares about.
 */
function scanOpen(c: CompiledCalendar, from: number, visit: (start: number, end: number) => boolean): void {
  // Start a day early: yesterday's overnight interval may still be open at `from`.
  let d = localDayOf(c, from) - 1;
  let ps = 0;
  let pe = 0;
  let pending = false;
  let closedDays = 0;
  for (;;) {
    const rec = dayRecord(c, d);
    const iv = rec.open;
    if (iv.length === 0) {
      if (++closedDays > MAX_CLOSED_DAYS) {
        throw new InvalidCalendar(`The calendar stays closed for more than ${MAX_CLOSED_DAYS} days.`, {
          from: new Date(from).toISOString(),
        });
      }
    } else closedDays = 0;
    for (let i = 0; i < iv.length; i += 2) {
      const s = iv[i]!;
      const e = iv[i + 1]!;
      if (e <= from) continue;
      if (pending && s <= pe) {
        if (e > pe) pe = e;
        continue;
      }
      if (pending && visit(Math.max(ps, from), pe)) return;
      ps = s;
      pe = e;
      pending = true;
    }
    // Tomorrow's intervals start at or after rec.end, so everything before it is final: emit it
    // now (a site open round the clock would otherwise never flush) and carry the rest over.
    if (pending) {
      if (pe <= rec.end) {
        if (visit(Math.max(ps, from), pe)) return;
        pending = false;
      } else if (rec.end > from && rec.end > ps) {
        if (visit(Math.max(ps, from), rec.end)) return;
        ps = rec.end;
      }
    }
    d++;
  }
}

export function toEpochMs(at: Instant): EpochMs {
  const t = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(t))
    throw new InvalidStandardInput('standards.invalid_instant', 'Not a valid instant.', {});
  return t;
}

/**
 * The earliest instant T ≥ start with `durationMs` of business time in [start, T).
 * So a target that uses up the last minute of the day lands exactly at closing time (not at
 * the next opening), a zero duration returns `start` itself, and a start outside hours
 * counts from the next opening.
 */
export function addBusinessTime(start: Instant, durationMs: number, calendar: BusinessCalendar): EpochMs {
  const from = toEpochMs(start);
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new InvalidStandardInput('standards.invalid_duration', 'A duration must be zero or more ms.', {
      durationMs,
    });
  }
  const c = compile(calendar);
  if (c.alwaysOpen || durationMs === 0) return from + durationMs;
  return spend(c, from, Number.POSITIVE_INFINITY, durationMs).exhaustedAt ?? from;
}

/** Business time from `a` to `b`, negative when `b` is before `a` (time left past a deadline). */
export function businessTimeBetween(a: Instant, b: Instant, calendar: BusinessCalendar): number {
  const from = toEpochMs(a);
  const to = toEpochMs(b);
  if (to < from) return -businessTimeBetween(to, from, calendar);
  const c = compile(calendar);
  if (c.alwaysOpen || to === from) return to - from;
  return spend(c, from, to, Number.POSITIVE_INFINITY).elapsedMs;
}

/**
 * Business time in [from, to) and, if `budgetMs` of it runs out by `to`, the instant it does
 * (same rule as addBusinessTime). One scan instead of businessTimeBetween + addBusinessTime:
 * the SLA sweep does this for every target of every open case.
 */
export function spendBusinessTime(
  from: EpochMs,
  to: EpochMs,
  budgetMs: number,
  calendar: BusinessCalendar,
): { elapsedMs: number; exhaustedAt: EpochMs | null } {
  if (to <= from) return { elapsedMs: 0, exhaustedAt: budgetMs <= 0 ? from : null };
  const c = compile(calendar);
  if (c.alwaysOpen)
    return { elapsedMs: to - from, exhaustedAt: budgetMs <= to - from ? from + budgetMs : null };
  const r = spend(c, from, to, budgetMs);
  return { elapsedMs: r.elapsedMs, exhaustedAt: r.exhaustedAt };
}

// The sweep calls the functions above several times per case. A closure per call showed up as
// garbage-collection time, so they share one module-level visitor; scanOpen never re-enters.
const spending = { to: 0, budget: 0, elapsedMs: 0, exhaustedAt: null as number | null };

function spendVisit(s: number, e: number): boolean {
  const st = spending;
  if (s >= st.to) return true;
  const end = Math.min(e, st.to);
  if (st.exhaustedAt === null && st.elapsedMs + (end - s) >= st.budget) {
    st.exhaustedAt = s + (st.budget - st.elapsedMs);
    // With no end to measure up to, the landing instant is all that was asked.
    if (st.to === Number.POSITIVE_INFINITY) return true;
  }
  st.elapsedMs += end - s;
  return e >= st.to;
}

/** Business time in [from, to) and where `budget` of it runs out; read the result at once. */
function spend(c: CompiledCalendar, from: number, to: number, budget: number): typeof spending {
  spending.to = to;
  spending.budget = budget;
  spending.elapsedMs = 0;
  spending.exhaustedAt = budget <= 0 ? from : null;
  if (to > from) scanOpen(c, from, spendVisit);
  return spending;
}

/** Open at `at`: opening instants count as open, closing instants as closed. */
export function isOpen(at: Instant, calendar: BusinessCalendar): boolean {
  const t = toEpochMs(at);
  const c = compile(calendar);
  if (c.alwaysOpen) return true;
  let open = false;
  scanOpen(c, t, (s) => {
    open = s <= t;
    return true;
  });
  return open;
}

/** `at` itself when the site is open, otherwise the start of the next opening. */
export function nextOpening(at: Instant, calendar: BusinessCalendar): EpochMs {
  const t = toEpochMs(at);
  const c = compile(calendar);
  if (c.alwaysOpen) return t;
  let next = t;
  scanOpen(c, t, (s) => {
    next = s;
    return true;
  });
  return next;
}

/** Validates a calendar up front (zone, hours, holidays) so bad data fails at save time. */
export function validateCalendar(calendar: BusinessCalendar): void {
  compile(calendar);
}
