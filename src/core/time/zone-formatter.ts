/**
 * One cached Intl formatter per IANA zone, shared by every area that converts instants to a
 * zone's wall clock (SLA calendars, authority's "agent's day"). Building a formatter is the costly
 * part of a conversion; `undefined` means the zone is unknown, and each caller raises its own error.
 */
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

export function zoneFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
  if (formatters.has(timeZone)) return formatters.get(timeZone);
  let f: Intl.DateTimeFormat | undefined;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    f = undefined;
  }
  formatters.set(timeZone, f);
  return f;
}
