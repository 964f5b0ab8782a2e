/** Formatting in the agent's time zone and locale, through Intl only. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(undefined, { ...options, ...(timeZone ? { timeZone } : {}) });
    } catch {
      f = new Intl.DateTimeFormat(undefined, options);
    }
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string, timeZone?: string): string {
  return formatter(timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string, timeZone?: string): string {
  // A plain date (warranty end) is a day, not an instant: show it as written.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso))
    return formatter('UTC', { dateStyle: 'medium' }).format(new Date(`${iso}T00:00:00Z`));
  return formatter(timeZone, { dateStyle: 'medium' }).format(new Date(iso));
}

const moneyFormatters = new Map<string, Intl.NumberFormat | null>();

/** Constructing an Intl formatter costs far more than formatting with one: one per currency. */
export function formatMoney(amountMinor: number, currency: string): string {
  let f = moneyFormatters.get(currency);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      f = null;
    }
    moneyFormatters.set(currency, f);
  }
  return f ? f.format(amountMinor / 100) : `${(amountMinor / 100).toFixed(2)} ${currency}`;
}

/** "3 min", "2 h", "4 d": how long something has waited, for the inbox. */
export function formatAge(iso: string | null, now: number = Date.now()): string {
  if (!iso) return '—';
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} s`;
  return s ? `${m} min ${s} s` : `${m} min`;
}

export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  const suffix = { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export function humanize(value: string): string {
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "2 h 5 min", "45 min", "3 d 4 h": a span of time as an agent reads it at a glance. */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
