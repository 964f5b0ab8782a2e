import type { OpeningInterval, SiteHours, SiteHoursInput, Weekday } from '../../api/standards.ts';
import { WEEKDAYS } from '../../api/standards.ts';

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** What the hours form edits: every weekday present (an empty list = closed), holidays as rows. */
export interface HoursDraft {
  mode: 'business' | 'always_open';
  week: Record<Weekday, OpeningInterval[]>;
  holidays: string[];
  specialHours: Record<string, OpeningInterval[]>;
}

export function draftFrom(hours: SiteHours): HoursDraft {
  const week = Object.fromEntries(
    WEEKDAYS.map((d) => [d, (hours.weeklyHours[d] ?? []).map((i) => ({ ...i }))]),
  ) as Record<Weekday, OpeningInterval[]>;
  // A site still on the 24×7 default starts the form from office hours, ready to adjust.
  if (!hours.configured) {
    for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const)
      week[d] = [{ start: '09:00', end: '17:00' }];
  }
  return {
    mode: hours.configured ? hours.mode : 'business',
    week,
    holidays: [...hours.holidays],
    specialHours: hours.specialHours ?? {},
  };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Field errors keyed like `mon.0.start`, `holidays.2`, or `form` for the whole calendar. */
export type HoursErrors = Record<string, string>;

export function validateHours(draft: HoursDraft): HoursErrors {
  const errors: HoursErrors = {};
  if (draft.mode === 'business') {
    for (const day of WEEKDAYS) {
      draft.week[day].forEach((interval, i) => {
        if (!HHMM.test(interval.start)) errors[`${day}.${i}.start`] = 'Enter a time as HH:MM';
        if (!HHMM.test(interval.end)) errors[`${day}.${i}.end`] = 'Enter a time as HH:MM';
        if (interval.start === interval.end && HHMM.test(interval.start))
          errors[`${day}.${i}.end`] = 'Closing time must differ from opening time';
      });
    }
    if (WEEKDAYS.every((d) => draft.week[d].length === 0))
      errors.form = 'Open the site on at least one day, or choose “Open 24×7”.';
  }
  const seen = new Set<string>();
  draft.holidays.forEach((date, i) => {
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      errors[`holidays.${i}`] = 'Pick a date';
    else if (seen.has(date)) errors[`holidays.${i}`] = 'This date is already listed';
    seen.add(date);
  });
  return errors;
}

export function toInput(draft: HoursDraft): SiteHoursInput {
  const weeklyHours: SiteHoursInput['weeklyHours'] = {};
  if (draft.mode === 'business') {
    for (const d of WEEKDAYS) if (draft.week[d].length > 0) weeklyHours[d] = draft.week[d];
  }
  return {
    mode: draft.mode,
    weeklyHours,
    holidays: [...draft.holidays].sort(),
    specialHours: draft.specialHours,
  };
}

/** Whether an interval runs past midnight into the next day (22:00–06:00). */
export const overnight = (i: OpeningInterval) => HHMM.test(i.start) && HHMM.test(i.end) && i.end <= i.start;

/** "Mon–Fri 08:00–18:00 · Sat 09:00–13:00": a calendar at a glance. */
export function summarizeHours(hours: Pick<SiteHours, 'mode' | 'weeklyHours' | 'configured'>): string {
  if (!hours.configured) return 'Not set (counts 24×7)';
  if (hours.mode === 'always_open') return 'Open 24×7';
  const label = (d: Weekday) => WEEKDAY_LABELS[d].slice(0, 3);
  const spans: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const day = WEEKDAYS[i]!;
    const text = (hours.weeklyHours[day] ?? []).map((x) => `${x.start}–${x.end}`).join(', ');
    let j = i;
    while (
      j + 1 < WEEKDAYS.length &&
      (hours.weeklyHours[WEEKDAYS[j + 1]!] ?? []).map((x) => `${x.start}–${x.end}`).join(', ') === text
    )
      j++;
    if (text) spans.push(`${label(day)}${j > i ? `–${label(WEEKDAYS[j]!)}` : ''} ${text}`);
    i = j + 1;
  }
  return spans.join(' · ') || 'Closed every day';
}
