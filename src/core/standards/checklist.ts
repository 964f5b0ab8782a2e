import type { EpochMs } from './business-calendar.ts';

export interface ChecklistItem {
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
  /** Channels the item applies to; absent means all ("verify identity" may be phone-only). */
  readonly channels?: readonly string[];
}

/** The checklist for one case category; category `*` is the fallback for all others. */
export interface InteractionStandard {
  readonly id: string;
  readonly version: number;
  readonly category: string;
  readonly items: readonly ChecklistItem[];
}

/** Marks are append-only; the latest per item counts, so `cleared` undoes a mistaken tick. */
export interface CheckMark {
  readonly itemId: string;
  readonly state: 'done' | 'not_applicable' | 'cleared';
  readonly by: string;
  readonly at: EpochMs;
}

export interface ChecklistResult {
  readonly standardId: string;
  readonly standardVersion: number;
  readonly followed: readonly string[];
  /** Required items neither done nor marked not applicable. */
  readonly missed: readonly string[];
  /** Optional items not done. */
  readonly skipped: readonly string[];
  /** Marked not applicable by an agent, or outside the item's channels; listed for review. */
  readonly notApplicable: readonly string[];
  /** Marks for items the standard does not have (it changed since): ignored but reported. */
  readonly unknownMarks: readonly string[];
  readonly complete: boolean;
  /** Followed share of the applicable required items, 0–1; null when none apply. */
  readonly score: number | null;
}

export const DEFAULT_CATEGORY = '*';

export function standardForCategory(
  standards: readonly InteractionStandard[],
  category: string | null,
): InteractionStandard | null {
  return (
    standards.find((s) => category !== null && s.category === category) ??
    standards.find((s) => s.category === DEFAULT_CATEGORY) ??
    null
  );
}

export function evaluateChecklist(
  standard: InteractionStandard,
  marks: readonly CheckMark[],
  context: { readonly channel: string },
): ChecklistResult {
  const latest = new Map<string, CheckMark>();
  for (const m of marks) {
    const prev = latest.get(m.itemId);
    if (!prev || m.at >= prev.at) latest.set(m.itemId, m);
  }
  const followed: string[] = [];
  const missed: string[] = [];
  const skipped: string[] = [];
  const notApplicable: string[] = [];
  let applicableRequired = 0;
  let followedRequired = 0;
  for (const item of standard.items) {
    const state = latest.get(item.id)?.state;
    const outsideChannel = item.channels !== undefined && !item.channels.includes(context.channel);
    if (outsideChannel || state === 'not_applicable') {
      notApplicable.push(item.id);
      continue;
    }
    if (item.required) applicableRequired++;
    if (state === 'done') {
      followed.push(item.id);
      if (item.required) followedRequired++;
    } else if (item.required) missed.push(item.id);
    else skipped.push(item.id);
  }
  const known = new Set(standard.items.map((i) => i.id));
  return {
    standardId: standard.id,
    standardVersion: standard.version,
    followed,
    missed,
    skipped,
    notApplicable,
    unknownMarks: [...latest.keys()].filter((id) => !known.has(id)),
    complete: missed.length === 0,
    score: applicableRequired === 0 ? null : followedRequired / applicableRequired,
  };
}

export interface ChecklistItemRate {
  readonly itemId: string;
  readonly followed: number;
  readonly missed: number;
  readonly notApplicable: number;
  /** followed / (followed + missed); null when it never applied. */
  readonly rate: number | null;
}

/** Per item, how often it was followed across many evaluated cases: for coaching and QA. */
export function summarizeChecklists(results: readonly ChecklistResult[]): ChecklistItemRate[] {
  const rows = new Map<string, { followed: number; missed: number; notApplicable: number }>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) {
      r = { followed: 0, missed: 0, notApplicable: 0 };
      rows.set(id, r);
    }
    return r;
  };
  for (const result of results) {
    for (const id of result.followed) row(id).followed++;
    for (const id of result.missed) row(id).missed++;
    for (const id of result.skipped) row(id).missed++;
    for (const id of result.notApplicable) row(id).notApplicable++;
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([itemId, r]) => ({
      itemId,
      ...r,
      rate: r.followed + r.missed === 0 ? null : r.followed / (r.followed + r.missed),
    }));
}
