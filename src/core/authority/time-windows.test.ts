import { describe, expect, it } from 'vitest';
import { dayWindow, isWithin, rollingWindow } from './time-windows.ts';

const d = (iso: string) => new Date(iso);

describe('dayWindow', () => {
  it.each([
    [
      'Paris in winter',
      '2026-03-10T14:00:00Z',
      'Europe/Paris',
      '2026-03-09T23:00:00Z',
      '2026-03-10T23:00:00Z',
    ],
    [
      'Paris one second before local midnight',
      '2026-03-10T22:59:59Z',
      'Europe/Paris',
      '2026-03-09T23:00:00Z',
      '2026-03-10T23:00:00Z',
    ],
    [
      'Paris exactly at local midnight',
      '2026-03-10T23:00:00Z',
      'Europe/Paris',
      '2026-03-10T23:00:00Z',
      '2026-03-11T23:00:00Z',
    ],
    [
      'Paris on the 23-hour spring-forward day',
      '2026-03-29T12:00:00Z',
      'Europe/Paris',
      '2026-03-28T23:00:00Z',
      '2026-03-29T22:00:00Z',
    ],
    [
      'Paris on the 25-hour fall-back day',
      '2026-10-25T12:00:00Z',
      'Europe/Paris',
      '2026-10-24T22:00:00Z',
      '2026-10-25T23:00:00Z',
    ],
    [
      'New York late in the evening',
      '2026-03-11T03:30:00Z',
      'America/New_York',
      '2026-03-10T04:00:00Z',
      '2026-03-11T04:00:00Z',
    ],
    [
      'Kolkata at a half-hour offset',
      '2026-03-10T18:29:59Z',
      'Asia/Kolkata',
      '2026-03-09T18:30:00Z',
      '2026-03-10T18:30:00Z',
    ],
    ['UTC', '2026-03-10T00:00:00Z', 'UTC', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'],
    [
      'Santiago where DST skips midnight',
      '2026-09-06T12:00:00Z',
      'America/Santiago',
      '2026-09-06T04:00:00Z',
      '2026-09-07T03:00:00Z',
    ],
  ])('follows the local calendar day: %s', (_, now, zone, from, to) => {
    expect(dayWindow(d(now), zone)).toEqual({ from: d(from), to: d(to) });
  });

  it('refuses an unknown time zone', () => {
    expect(() => dayWindow(d('2026-03-10T00:00:00Z'), 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'authority.invalid_time_zone' }),
    );
  });
});

describe('rollingWindow', () => {
  const now = d('2026-03-31T12:00:00Z');
  const window = rollingWindow(now, 30);

  it.each([
    ['exactly 30 days before now', '2026-03-01T12:00:00Z', true],
    ['one second more than 30 days before now', '2026-03-01T11:59:59Z', false],
    ['now itself', '2026-03-31T12:00:00Z', true],
    ['one second in the future', '2026-03-31T12:00:01Z', false],
  ])('%s is inside: %s', (_, at, inside) => {
    expect(isWithin(d(at), window)).toBe(inside);
  });
});
