import { humanize } from '../../lib/format.ts';

/** "4 h", "15 min", "1 d 2 h" from a target in ms; exact (no rounding beyond minutes). */
export function formatTarget(ms: number | undefined | null): string {
  if (ms === undefined || ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}

export const METRIC_LABELS: Record<string, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

/** "priority: high, urgent · channel: email" or "Any case" for a list of condition values. */
export function formatConditions(
  conditions: Record<string, string[] | undefined>,
  names: Record<string, (value: string) => string> = {},
): string {
  const order = Object.keys(CONDITION_LABELS);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const parts = Object.entries(conditions)
    .sort(([a], [b]) => rank(a) - rank(b))
    .filter(([, values]) => values && values.length > 0)
    .map(([key, values]) => {
      const name = names[key] ?? humanize;
      return `${CONDITION_LABELS[key] ?? humanize(key)}: ${(values ?? []).map(name).join(', ')}`;
    });
  return parts.length ? parts.join(' · ') : 'Any case';
}

export const CONDITION_LABELS: Record<string, string> = {
  customerTier: 'Tier',
  priority: 'Priority',
  siteId: 'Site',
  channel: 'Channel',
  category: 'Category',
  language: 'Language',
  skills: 'Skills',
};

/** A select option per value, with a readable label. */
export const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: humanize(v) }));
