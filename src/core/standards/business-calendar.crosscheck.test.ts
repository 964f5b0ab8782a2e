import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, businessTimeBetween, isOpen, WEEKDAYS } from './business-calendar.ts';
import { everyDayCalendar as everyDay, MIN, weekdayCalendar } from './test-calendars.ts';

/**
 * Cross-checks the cached interval arithmetic against the dumbest possible oracle: ask Intl for
 * the wall time of every minute and look it up in the weekly hours. Only same-day intervals, so
 * the oracle needs no overnight or DST-boundary rules of its own.
 */
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
const oracleFormat = (timeZone: string) => {
  let f = oracleFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    oracleFormats.set(timeZone, f);
  }
  return f;
};

function oracleOpen(calendar: BusinessCalendar, t: number): boolean {
  const parts = oracleFormat(calendar.timeZone).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (calendar.holidays.includes(date)) return false;
  const weekday = WEEKDAYS[['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'))]!;
  const minute = `${get('hour')}:${get('minute')}`;
  return (calendar.weeklyHours[weekday] ?? []).some((iv) => iv.start <= minute && minute < iv.end);
}

function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const calendars: [string, BusinessCalendar][] = [
  ['Berlin weekdays with holidays', weekdayCalendar('Europe/Berlin', ['2026-03-30', '2026-10-26'])],
  [
    'New York split shift',
    weekdayCalendar(
      'America/New_York',
      [],
      [
        { start: '08:30', end: '12:00' },
        { start: '13:00', end: '17:45' },
      ],
    ),
  ],
  [
    'Sydney early Sunday across the changes',
    {
      timeZone: 'Australia/Sydney',
      mode: 'business',
      weeklyHours: { sun: [{ start: '00:00', end: '06:00' }], mon: [{ start: '07:15', end: '19:00' }] },
      holidays: [],
    },
  ],
  ['Kolkata weekdays', weekdayCalendar('Asia/Kolkata', ['2026-03-31'], [{ start: '09:30', end: '18:00' }])],
  [
    'New York early Sunday across the changes',
    {
      timeZone: 'America/New_York',
      mode: 'business',
      weeklyHours: { sun: [{ start: '00:00', end: '06:00' }], sat: [{ start: '10:00', end: '23:59' }] },
      holidays: [],
    },
  ],
  [
    'Santiago, where midnight itself is skipped or repeated',
    everyDay('America/Santiago', [
      { start: '00:00', end: '06:00' },
      { start: '20:00', end: '24:00' },
    ]),
  ],
  [
    'Lord Howe, with a half-hour DST shift',
    everyDay('Australia/Lord_Howe', [
      { start: '01:00', end: '03:00' },
      { start: '09:00', end: '17:00' },
    ]),
  ],
];
// Windows around each zone's 2026 transitions, where mistakes would show.
const anchors = [
  '2026-03-06T00:00:00Z',
  '2026-03-26T00:00:00Z',
  '2026-04-02T00:00:00Z',
  '2026-10-01T00:00:00Z',
  '2026-10-22T00:00:00Z',
  '2026-10-29T00:00:00Z',
].map(Date.parse);

describe('business calendar against a minute-by-minute Intl oracle', () => {
  it.each(calendars)('agrees on business time and openness: %s', (_name, calendar) => {
    const rand = seeded(calendar.timeZone.length);
    for (const anchor of anchors) {
      for (let i = 0; i < 2; i++) {
        const a = anchor + Math.floor(rand() * 3 * 24 * 60) * MIN;
        const b = a + Math.floor(rand() * 4 * 24 * 60) * MIN;
        let expected = 0;
        for (let t = a; t < b; t += MIN) if (oracleOpen(calendar, t)) expected += MIN;
        expect(businessTimeBetween(a, b, calendar)).toBe(expected);
        expect(isOpen(a, calendar)).toBe(oracleOpen(calendar, a));
      }
    }
  });
});
