import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  alwaysOpenCalendar,
  type BusinessCalendar,
  businessTimeBetween,
  isOpen,
  nextOpening,
  spendBusinessTime,
  validateCalendar,
} from './business-calendar.ts';
import { everyDayCalendar, HOUR, MIN, utc, weekdayCalendar } from './test-calendars.ts';

const berlin = weekdayCalendar('Europe/Berlin', ['2026-12-24', '2026-12-25']);
const newYork = weekdayCalendar('America/New_York');
const sydney = weekdayCalendar('Australia/Sydney');
const kolkata = weekdayCalendar('Asia/Kolkata', [], [{ start: '09:30', end: '18:00' }]);
const nightShift = weekdayCalendar('Europe/Berlin', [], [{ start: '22:00', end: '06:00' }]);
const splitShift = weekdayCalendar(
  'Europe/Berlin',
  [],
  [
    { start: '13:00', end: '17:00' },
    { start: '09:00', end: '12:00' },
  ],
);
const berlinAllDay = everyDayCalendar('Europe/Berlin', [{ start: '00:00', end: '24:00' }]);

const iso = (t: number) => new Date(t).toISOString();

describe('addBusinessTime', () => {
  const cases: [string, BusinessCalendar, string, number, string][] = [
    ['counts within one working day', berlin, '2026-11-23T09:00:00Z', 2 * HOUR, '2026-11-23T11:00:00.000Z'],
    [
      'lands exactly at closing time, not at the next opening',
      berlin,
      '2026-11-23T14:00:00Z',
      2 * HOUR,
      '2026-11-23T16:00:00.000Z',
    ],
    [
      'rolls one second past closing into the next morning',
      berlin,
      '2026-11-23T14:00:00Z',
      2 * HOUR + 1000,
      '2026-11-24T08:00:01.000Z',
    ],
    [
      'starts counting next morning when started exactly at closing',
      berlin,
      '2026-11-23T16:00:00Z',
      HOUR,
      '2026-11-24T09:00:00.000Z',
    ],
    [
      'counts from the opening instant itself',
      berlin,
      '2026-11-23T08:00:00Z',
      8 * HOUR,
      '2026-11-23T16:00:00.000Z',
    ],
    [
      'lands at Friday closing, not on Monday',
      berlin,
      '2026-11-27T08:00:00Z',
      8 * HOUR,
      '2026-11-27T16:00:00.000Z',
    ],
    [
      'starts counting at opening when started before hours',
      berlin,
      '2026-11-23T06:00:00Z',
      HOUR,
      '2026-11-23T09:00:00.000Z',
    ],
    [
      'starts counting next morning when started after hours',
      berlin,
      '2026-11-23T17:00:00Z',
      HOUR,
      '2026-11-24T09:00:00.000Z',
    ],
    ['skips the weekend', berlin, '2026-11-27T15:00:00Z', 2 * HOUR, '2026-11-30T09:00:00.000Z'],
    [
      'started on a holiday, counts from the next working day',
      berlin,
      '2026-12-24T09:00:00Z',
      HOUR,
      '2026-12-28T09:00:00.000Z',
    ],
    [
      'crosses the Berlin spring-forward weekend',
      berlin,
      '2026-03-27T15:00:00Z',
      2 * HOUR,
      '2026-03-30T08:00:00.000Z',
    ],
    [
      'crosses the Berlin fall-back weekend',
      berlin,
      '2026-10-23T14:00:00Z',
      2 * HOUR,
      '2026-10-26T09:00:00.000Z',
    ],
    [
      'crosses the New York spring-forward weekend',
      newYork,
      '2026-03-06T21:00:00Z',
      2 * HOUR,
      '2026-03-09T14:00:00.000Z',
    ],
    [
      'crosses the New York fall-back weekend',
      newYork,
      '2026-10-30T20:00:00Z',
      2 * HOUR,
      '2026-11-02T15:00:00.000Z',
    ],
    [
      'crosses the Sydney end of daylight time in April',
      sydney,
      '2026-04-03T05:00:00Z',
      2 * HOUR,
      '2026-04-06T00:00:00.000Z',
    ],
    [
      'crosses the Sydney start of daylight time in October',
      sydney,
      '2026-10-02T06:00:00Z',
      2 * HOUR,
      '2026-10-04T23:00:00.000Z',
    ],
    [
      'works in a half-hour zone without DST (Kolkata)',
      kolkata,
      '2026-11-27T11:30:00Z',
      2 * HOUR,
      '2026-11-30T05:00:00.000Z',
    ],
    [
      'counts an overnight shift across midnight',
      nightShift,
      '2026-11-23T22:00:00Z',
      3 * HOUR,
      '2026-11-24T01:00:00.000Z',
    ],
    [
      'lands at the 06:00 end of an overnight shift',
      nightShift,
      '2026-11-23T22:00:00Z',
      7 * HOUR,
      '2026-11-24T05:00:00.000Z',
    ],
    [
      'keeps the Friday night shift into Saturday, then waits for Monday night',
      nightShift,
      '2026-11-27T21:00:00Z',
      9 * HOUR,
      '2026-11-30T22:00:00.000Z',
    ],
    [
      'jumps the lunch break of a split shift',
      splitShift,
      '2026-11-23T10:00:00Z',
      2 * HOUR,
      '2026-11-23T13:00:00.000Z',
    ],
    [
      'sees a 23-hour day when the clocks spring forward',
      berlinAllDay,
      '2026-03-27T23:00:00Z',
      47 * HOUR,
      '2026-03-29T22:00:00.000Z',
    ],
    [
      'sees a 25-hour day when the clocks fall back',
      berlinAllDay,
      '2026-10-23T22:00:00Z',
      49 * HOUR,
      '2026-10-25T23:00:00.000Z',
    ],
    [
      'returns the start itself for a zero duration outside hours',
      berlin,
      '2026-11-28T12:00:00Z',
      0,
      '2026-11-28T12:00:00.000Z',
    ],
    [
      'adds plain elapsed time in calendar-hours mode',
      alwaysOpenCalendar('Europe/Berlin'),
      '2026-11-28T12:00:00Z',
      36 * HOUR,
      '2026-11-30T00:00:00.000Z',
    ],
  ];
  it.each(cases)('%s', (_name, calendar, start, duration, expected) => {
    expect(iso(addBusinessTime(utc(start), duration, calendar))).toBe(expected);
  });

  it('accepts a Date as well as epoch ms', () => {
    expect(addBusinessTime(new Date('2026-11-23T09:00:00Z'), HOUR, berlin)).toBe(utc('2026-11-23T10:00:00Z'));
  });

  it('rejects a negative duration with a typed error', () => {
    expect(() => addBusinessTime(0, -1, berlin)).toThrow(
      expect.objectContaining({ code: 'standards.invalid_duration' }),
    );
  });

  it('is the inverse of businessTimeBetween over many starts and durations', () => {
    for (const calendar of [berlin, newYork, sydney, kolkata, nightShift, splitShift, berlinAllDay]) {
      for (
        let start = utc('2026-03-01T00:00:00Z');
        start < utc('2026-04-15T00:00:00Z');
        start += 7 * HOUR + 13 * MIN
      ) {
        for (const duration of [MIN, 3 * HOUR, 8 * HOUR, 30 * HOUR]) {
          const due = addBusinessTime(start, duration, calendar);
          expect(businessTimeBetween(start, due, calendar)).toBe(duration);
        }
      }
    }
  });
});

describe('businessTimeBetween', () => {
  const sundayEarly = (timeZone: string, hours = [{ start: '00:00', end: '06:00' }]): BusinessCalendar => ({
    timeZone,
    mode: 'business',
    weeklyHours: { sun: hours },
    holidays: [],
  });
  const cases: [string, BusinessCalendar, string, string, number][] = [
    [
      'counts one working day as eight hours',
      berlin,
      '2026-11-23T00:00:00Z',
      '2026-11-24T00:00:00Z',
      8 * HOUR,
    ],
    ['counts a full week as five days', berlin, '2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z', 40 * HOUR],
    ['counts nothing over a holiday', berlin, '2026-12-24T00:00:00Z', '2026-12-26T00:00:00Z', 0],
    [
      'is negative when the end is before the start',
      berlin,
      '2026-11-23T11:00:00Z',
      '2026-11-23T09:00:00Z',
      -2 * HOUR,
    ],
    [
      'loses the skipped hour of a Berlin spring-forward night shift',
      sundayEarly('Europe/Berlin', [{ start: '01:00', end: '05:00' }]),
      '2026-03-27T12:00:00Z',
      '2026-03-31T12:00:00Z',
      3 * HOUR,
    ],
    [
      'gains the repeated hour of a Berlin fall-back night shift',
      sundayEarly('Europe/Berlin', [{ start: '01:00', end: '05:00' }]),
      '2026-10-23T12:00:00Z',
      '2026-10-27T12:00:00Z',
      5 * HOUR,
    ],
    [
      'loses an hour on the New York spring-forward Sunday',
      sundayEarly('America/New_York'),
      '2026-03-06T12:00:00Z',
      '2026-03-10T12:00:00Z',
      5 * HOUR,
    ],
    [
      'gains an hour on the New York fall-back Sunday',
      sundayEarly('America/New_York'),
      '2026-10-30T12:00:00Z',
      '2026-11-03T12:00:00Z',
      7 * HOUR,
    ],
    [
      'gains an hour on the Sydney April Sunday',
      sundayEarly('Australia/Sydney'),
      '2026-04-02T12:00:00Z',
      '2026-04-06T12:00:00Z',
      7 * HOUR,
    ],
    [
      'loses an hour on the Sydney October Sunday',
      sundayEarly('Australia/Sydney'),
      '2026-10-01T12:00:00Z',
      '2026-10-05T12:00:00Z',
      5 * HOUR,
    ],
    [
      'keeps six hours every Sunday in Kolkata',
      sundayEarly('Asia/Kolkata'),
      '2026-03-06T12:00:00Z',
      '2026-03-10T12:00:00Z',
      6 * HOUR,
    ],
    [
      'counts a Saturday-night shift that crosses the Berlin spring-forward',
      everyDayCalendar('Europe/Berlin', [{ start: '22:00', end: '06:00' }]),
      '2026-03-28T20:00:00Z',
      '2026-03-29T05:00:00Z',
      7 * HOUR,
    ],
    [
      'counts elapsed time in calendar-hours mode',
      alwaysOpenCalendar(),
      '2026-03-28T20:00:00Z',
      '2026-03-29T05:00:00Z',
      9 * HOUR,
    ],
    [
      'starts the day at 01:00 where midnight is skipped (Santiago, September)',
      everyDayCalendar('America/Santiago', [{ start: '00:00', end: '24:00' }]),
      '2026-09-05T04:00:00Z',
      '2026-09-07T03:00:00Z',
      47 * HOUR,
    ],
    [
      'repeats the last hour of the day where midnight falls back (Santiago, April)',
      everyDayCalendar('America/Santiago', [{ start: '00:00', end: '24:00' }]),
      '2026-04-04T03:00:00Z',
      '2026-04-06T04:00:00Z',
      49 * HOUR,
    ],
  ];
  it.each(cases)('%s', (_name, calendar, a, b, expected) => {
    expect(businessTimeBetween(utc(a), utc(b), calendar)).toBe(expected);
  });
});

describe('special hours', () => {
  const withSpecials: BusinessCalendar = {
    ...berlin,
    holidays: ['2026-12-25'],
    specialHours: {
      '2026-12-23': [{ start: '09:00', end: '12:00' }],
      '2026-12-25': [{ start: '09:00', end: '17:00' }],
      '2026-12-27': [{ start: '10:00', end: '14:00' }],
    },
  };
  it.each([
    ['replace the weekday hours on that date', '2026-12-23T10:00:00Z', 2 * HOUR, '2026-12-24T09:00:00.000Z'],
    ['lose to a holiday on the same date', '2026-12-25T08:00:00Z', HOUR, '2026-12-27T10:00:00.000Z'],
    ['open a Sunday that is normally closed', '2026-12-27T08:00:00Z', 4 * HOUR, '2026-12-27T13:00:00.000Z'],
  ])('%s', (_name, start, duration, expected) => {
    expect(iso(addBusinessTime(utc(start), duration, withSpecials))).toBe(expected);
  });

  it('close a date when given no hours', () => {
    const closed: BusinessCalendar = { ...berlin, specialHours: { '2026-11-23': [] } };
    expect(isOpen(utc('2026-11-23T10:00:00Z'), closed)).toBe(false);
  });

  it('reject a malformed date', () => {
    expect(() => validateCalendar({ ...berlin, specialHours: { '23/12/2026': [] } })).toThrow(
      expect.objectContaining({ code: 'standards.invalid_calendar' }),
    );
  });
});

describe('isOpen', () => {
  const cases: [string, BusinessCalendar, string, boolean][] = [
    ['is open at the opening instant', berlin, '2026-11-23T08:00:00Z', true],
    ['is closed one millisecond before opening', berlin, '2026-11-23T07:59:59.999Z', false],
    ['is open one millisecond before closing', berlin, '2026-11-23T15:59:59.999Z', true],
    ['is closed at the closing instant', berlin, '2026-11-23T16:00:00Z', false],
    ['is closed on a Saturday', berlin, '2026-11-28T10:00:00Z', false],
    ['is closed on a holiday weekday', berlin, '2026-12-24T10:00:00Z', false],
    ['is open after midnight in an overnight shift', nightShift, '2026-11-24T02:00:00Z', true],
    ['is open on Saturday morning in the Friday night shift', nightShift, '2026-11-28T04:00:00Z', true],
    ['is closed on Sunday night when no Sunday shift starts', nightShift, '2026-11-29T23:00:00Z', false],
    ['is closed over the lunch break', splitShift, '2026-11-23T11:30:00Z', false],
    ['is always open in calendar-hours mode', alwaysOpenCalendar(), '2026-12-25T03:00:00Z', true],
  ];
  it.each(cases)('%s', (_name, calendar, at, expected) => {
    expect(isOpen(utc(at), calendar)).toBe(expected);
  });
});

describe('nextOpening', () => {
  const cases: [string, BusinessCalendar, string, string][] = [
    ['is the instant itself when open', berlin, '2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z'],
    ['is the next morning after closing', berlin, '2026-11-23T16:00:00Z', '2026-11-24T08:00:00.000Z'],
    ['is Monday on a Saturday', berlin, '2026-11-28T10:00:00Z', '2026-11-30T08:00:00.000Z'],
    ['skips holidays', berlin, '2026-12-23T17:00:00Z', '2026-12-28T08:00:00.000Z'],
    ['is after the lunch break', splitShift, '2026-11-23T11:30:00Z', '2026-11-23T12:00:00.000Z'],
    [
      'uses the summer offset after spring forward',
      berlin,
      '2026-03-28T10:00:00Z',
      '2026-03-30T07:00:00.000Z',
    ],
  ];
  it.each(cases)('%s', (_name, calendar, at, expected) => {
    expect(iso(nextOpening(utc(at), calendar))).toBe(expected);
  });
});

describe('validateCalendar', () => {
  const bad: [string, BusinessCalendar][] = [
    ['rejects an unknown time zone', { ...berlin, timeZone: 'Mars/Olympus' }],
    ['rejects malformed hours', weekdayCalendar('UTC', [], [{ start: '9:00', end: '17:00' }])],
    ['rejects hours past 24:00', weekdayCalendar('UTC', [], [{ start: '09:00', end: '24:30' }])],
    ['rejects a malformed holiday', weekdayCalendar('UTC', ['2026-02-30'])],
    [
      'rejects a calendar that never opens',
      { timeZone: 'UTC', mode: 'business', weeklyHours: {}, holidays: [] },
    ],
  ];
  it.each(bad)('%s', (_name, calendar) => {
    expect(() => validateCalendar(calendar)).toThrow(
      expect.objectContaining({ code: 'standards.invalid_calendar' }),
    );
  });
});

describe('spendBusinessTime', () => {
  const cases: [
    string,
    BusinessCalendar,
    string,
    string,
    number,
    { elapsedMs: number; exhaustedAt: string | null },
  ][] = [
    [
      'reports where the budget runs out inside the window',
      berlin,
      '2026-11-23T08:00:00Z',
      '2026-11-24T12:00:00Z',
      10 * HOUR,
      { elapsedMs: 12 * HOUR, exhaustedAt: '2026-11-24T10:00:00.000Z' },
    ],
    [
      'reports closing time when the budget ends exactly there',
      berlin,
      '2026-11-23T08:00:00Z',
      '2026-11-24T12:00:00Z',
      8 * HOUR,
      { elapsedMs: 12 * HOUR, exhaustedAt: '2026-11-23T16:00:00.000Z' },
    ],
    [
      'reports no instant when the budget outlasts the window',
      berlin,
      '2026-11-23T08:00:00Z',
      '2026-11-23T12:00:00Z',
      5 * HOUR,
      { elapsedMs: 4 * HOUR, exhaustedAt: null },
    ],
    [
      'runs out at the start for a zero budget',
      berlin,
      '2026-11-28T08:00:00Z',
      '2026-11-28T12:00:00Z',
      0,
      { elapsedMs: 0, exhaustedAt: '2026-11-28T08:00:00.000Z' },
    ],
    [
      'counts elapsed time in calendar-hours mode',
      alwaysOpenCalendar(),
      '2026-11-28T08:00:00Z',
      '2026-11-28T12:00:00Z',
      HOUR,
      { elapsedMs: 4 * HOUR, exhaustedAt: '2026-11-28T09:00:00.000Z' },
    ],
  ];
  it.each(cases)('%s', (_name, calendar, from, to, budget, expected) => {
    const r = spendBusinessTime(utc(from), utc(to), budget, calendar);
    expect({
      elapsedMs: r.elapsedMs,
      exhaustedAt: r.exhaustedAt === null ? null : iso(r.exhaustedAt),
    }).toEqual(expected);
  });
});
