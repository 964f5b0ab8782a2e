import { InvalidInput } from '../../core/errors.ts';

const DAY_MS = 86_400_000;

/** The last `days` days up to now, inclusive of now. */
export function period(now: Date, days: number) {
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new InvalidInput('authority.invalid_period', 'A report covers 1 to 366 days.', { days });
  }
  return { from: new Date(now.getTime() - days * DAY_MS), to: new Date(now.getTime() + 1) };
}
