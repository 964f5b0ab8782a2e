import { describe, expect, it } from 'vitest';
import {
  dayNumberOfIsoDate,
  isoDateOfDayNumber,
  localToEpoch,
  weekdayOf,
  zoneOffsetMs,
} from './time-zone.ts';

const day = (iso: string) => dayNumberOfIsoDate(iso)!;
const at = (zone: string, date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(localToEpoch(zone, day(date), h! * 60 + m!)).toISOString();
};

describe('localToEpoch', () => {
  it.each([
    [
      'reads an ordinary winter time in Berlin',
      'Europe/Berlin',
      '2026-01-15',
      '09:00',
      '2026-01-15T08:00:00.000Z',
    ],
    [
      'reads an ordinary summer time in Berlin',
      'Europe/Berlin',
      '2026-07-15',
      '09:00',
      '2026-07-15T07:00:00.000Z',
    ],
    [
      'moves a time in the spring-forward gap forward by the gap',
      'Europe/Berlin',
      '2026-03-29',
      '02:30',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'takes the first of a repeated fall-back time',
      'Europe/Berlin',
      '2026-10-25',
      '02:30',
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'moves New York 02:30 on spring-forward day to 03:30 EDT',
      'America/New_York',
      '2026-03-08',
      '02:30',
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'takes New York 01:30 EDT on fall-back day',
      'America/New_York',
      '2026-11-01',
      '01:30',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'takes Sydney 02:30 AEDT when daylight time ends',
      'Australia/Sydney',
      '2026-04-05',
      '02:30',
      '2026-04-04T15:30:00.000Z',
    ],
    [
      'keeps the half-hour offset of Kolkata',
      'Asia/Kolkata',
      '2026-03-29',
      '02:30',
      '2026-03-28T21:00:00.000Z',
    ],
    [
      'starts a Santiago day at 01:00 when midnight is skipped',
      'America/Santiago',
      '2026-09-06',
      '00:00',
      '2026-09-06T04:00:00.000Z',
    ],
    [
      'spills minutes past 24:00 into the next day',
      'Europe/Berlin',
      '2026-01-15',
      '25:00',
      '2026-01-16T00:00:00.000Z',
    ],
  ])('%s', (_name, zone, date, time, expected) => {
    expect(at(zone, date, time)).toBe(expected);
  });
});

describe('zoneOffsetMs', () => {
  it.each([
    ['Berlin in winter', 'Europe/Berlin', '2026-01-15T12:00:00Z', 60],
    ['Berlin in summer', 'Europe/Berlin', '2026-07-15T12:00:00Z', 120],
    ['New York in winter', 'America/New_York', '2026-01-15T12:00:00Z', -300],
    ['Kolkata', 'Asia/Kolkata', '2026-01-15T12:00:00Z', 330],
    ['Sydney in January (summer)', 'Australia/Sydney', '2026-01-15T12:00:00Z', 660],
  ])('%s', (_name, zone, instant, minutes) => {
    expect(zoneOffsetMs(zone, Date.parse(instant))).toBe(minutes * 60_000);
  });

  it('rejects an unknown zone with a typed error', () => {
    expect(() => zoneOffsetMs('Nowhere/Special', 0)).toThrow(
      expect.objectContaining({ code: 'standards.invalid_calendar' }),
    );
  });
});

describe('local dates', () => {
  it('numbers days from 1970-01-01 and back', () => {
    expect([day('1970-01-01'), isoDateOfDayNumber(day('2026-11-27'))]).toEqual([0, '2026-11-27']);
  });

  it('knows 2026-11-27 is a Friday and 1970-01-01 a Thursday', () => {
    expect([weekdayOf(day('2026-11-27')), weekdayOf(0), weekdayOf(-1)]).toEqual([5, 4, 3]);
  });

  it.each(['2026-02-29', '2026-13-01', '26-01-01', '2026-1-1'])('rejects %s', (iso) => {
    expect(dayNumberOfIsoDate(iso)).toBeNull();
  });
});
