import type { CustomerProfile } from '../api/types.ts';
import { humanize, ordinal } from './format.ts';

const DAY = 86_400_000;
const WINDOW_DAYS = 30;

type ProfileHistory = Pick<CustomerProfile, 'cases' | 'recentMessages'>;

export interface HistorySummary {
  /** Contacts (the customer reaching out: a message, a call, a visit) in the window, counted per case per day. */
  contacts: number;
  /** The most frequent case category among those contacts, when one stands out. */
  topic: string | null;
  sites: number;
  openCases: number;
  text: string;
}

/**
 * One line that says how this customer has been treated lately, computed from the profile alone:
 * "4th contact in 30 days about billing · 2 open cases at 2 sites". A chat of ten messages on one
 * day is one contact; the same case raised again on another day is another.
 */
export function summarizeHistory(
  profile: ProfileHistory,
  now: number = Date.now(),
  currentCategory?: string | null,
): HistorySummary {
  const since = now - WINDOW_DAYS * DAY;
  const byCase = new Map(profile.cases.map((c) => [c.id, c]));
  const contactKeys = new Set<string>();
  const topicCount = new Map<string, number>();
  const sites = new Set<string>();

  const count = (caseId: string | null, at: number) => {
    const key = `${caseId ?? 'none'}|${Math.floor(at / DAY)}`;
    if (contactKeys.has(key)) return;
    contactKeys.add(key);
    const c = caseId ? byCase.get(caseId) : undefined;
    if (c?.category) topicCount.set(c.category, (topicCount.get(c.category) ?? 0) + 1);
    if (c?.siteId) sites.add(c.siteId);
  };

  for (const m of profile.recentMessages) {
    const at = new Date(m.occurredAt).getTime();
    if (at < since || at > now + DAY) continue;
    if (m.direction === 'inbound' || m.kind === 'call' || m.kind === 'visit') count(m.caseId, at);
  }
  // Cases opened in the window whose messages fell outside the recent list still count once.
  for (const c of profile.cases) {
    const at = new Date(c.createdAt).getTime();
    if (at < since) continue;
    const seen = [...contactKeys].some((k) => k.startsWith(`${c.id}|`));
    if (!seen) count(c.id, at);
  }

  const contacts = contactKeys.size;
  const openCases = profile.cases.filter((c) => ['new', 'open', 'pending'].includes(c.status)).length;
  const openSites = new Set(
    profile.cases
      .filter((c) => ['new', 'open', 'pending'].includes(c.status))
      .map((c) => c.siteName ?? c.siteId),
  ).size;
  const topic = pickTopic(topicCount, contacts, currentCategory);

  const parts: string[] = [];
  if (contacts === 0) parts.push(`No contact in ${WINDOW_DAYS} days`);
  else if (contacts === 1) parts.push(`First contact in ${WINDOW_DAYS} days${topic ? ` (${topic})` : ''}`);
  else parts.push(`${ordinal(contacts)} contact in ${WINDOW_DAYS} days${topic ? ` about ${topic}` : ''}`);
  if (openCases > 1) parts.push(`${openCases} open cases${openSites > 1 ? ` at ${openSites} sites` : ''}`);
  const reopened = profile.cases.length;
  if (contacts === 0 && reopened > 0) parts.push(`${reopened} case${reopened === 1 ? '' : 's'} on record`);

  return { contacts, topic, sites: sites.size, openCases, text: parts.join(' · ') };
}

function pickTopic(counts: Map<string, number>, contacts: number, current?: string | null): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [category, n] of counts) {
    if (n > bestCount || (n === bestCount && category === current)) {
      best = category;
      bestCount = n;
    }
  }
  if (best && (bestCount >= 2 || contacts <= 1 || best === current)) return humanize(best).toLowerCase();
  if (current) return humanize(current).toLowerCase();
  return null;
}
