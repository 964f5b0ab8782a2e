import type { BusinessCalendar, OpeningInterval } from './business-calendar.ts';

/** Fixtures shared by the standards tests; not exported from index.ts. */
const nineToFive: readonly OpeningInterval[] = [{ start: '09:00', end: '17:00' }];

export function weekdayCalendar(
  timeZone: string,
  holidays: string[] = [],
  hours: readonly OpeningInterval[] = nineToFive,
): BusinessCalendar {
  return {
    id: `weekdays-${timeZone}`,
    timeZone,
    mode: 'business',
    weeklyHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
    holidays,
  };
}

export function everyDayCalendar(timeZone: string, hours: readonly OpeningInterval[]): BusinessCalendar {
  return {
    timeZone,
    mode: 'business',
    weeklyHours: { sun: hours, mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours },
    holidays: [],
  };
}

export const utc = (iso: string): number => Date.parse(iso);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
