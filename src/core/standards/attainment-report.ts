import type { Priority, SlaMetric } from './sla-policy.ts';
import type { SlaState } from './sla-state.ts';

export interface AttainmentInput {
  readonly siteId: string;
  readonly teamId: string | null;
  readonly channel: string;
  readonly priority: Priority;
  readonly state: SlaState;
}

export interface AttainmentRow {
  readonly key: string;
  readonly met: number;
  readonly breached: number;
  /** Targets still running and not breached: outside the percentage until they settle. */
  readonly open: number;
  /** met / (met + breached) × 100, one decimal; null when nothing has settled. */
  readonly metPct: number | null;
  /** Median business time to first response over answered cases; null when none. */
  readonly medianFirstResponseMs: number | null;
}

export interface AttainmentReport {
  readonly overall: AttainmentRow;
  readonly bySite: readonly AttainmentRow[];
  readonly byTeam: readonly AttainmentRow[];
  readonly byChannel: readonly AttainmentRow[];
  readonly byPriority: readonly AttainmentRow[];
}

export const NO_TEAM = '(no team)';

class Tally {
  met = 0;
  breached = 0;
  open = 0;
  readonly firstResponses: number[] = [];

  row(key: string): AttainmentRow {
    const settled = this.met + this.breached;
    return {
      key,
      met: this.met,
      breached: this.breached,
      open: this.open,
      metPct: settled === 0 ? null : Math.round((this.met / settled) * 1000) / 10,
      medianFirstResponseMs: median(this.firstResponses),
    };
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Attainment from SLA states (computed at report time). A late reply counts as breached,
 * a breached target still open counts as breached. `metric` narrows the counts to one target;
 * the median first response is always over first-response targets that were answered.
 */
export function buildAttainmentReport(
  inputs: readonly AttainmentInput[],
  options: { readonly metric?: SlaMetric } = {},
): AttainmentReport {
  const overall = new Tally();
  const groups = {
    bySite: new Map<string, Tally>(),
    byTeam: new Map<string, Tally>(),
    byChannel: new Map<string, Tally>(),
    byPriority: new Map<string, Tally>(),
  };
  const tallyFor = (m: Map<string, Tally>, key: string) => {
    let t = m.get(key);
    if (!t) {
      t = new Tally();
      m.set(key, t);
    }
    return t;
  };
  for (const input of inputs) {
    const tallies = [
      overall,
      tallyFor(groups.bySite, input.siteId),
      tallyFor(groups.byTeam, input.teamId ?? NO_TEAM),
      tallyFor(groups.byChannel, input.channel),
      tallyFor(groups.byPriority, input.priority),
    ];
    for (const t of input.state.targets) {
      if (t.metric === 'first_response' && t.metAt !== null) {
        for (const tally of tallies) tally.firstResponses.push(t.elapsedMs);
      }
      if (options.metric && t.metric !== options.metric) continue;
      const field = t.status === 'met' ? 'met' : t.status === 'breached' ? 'breached' : 'open';
      for (const tally of tallies) tally[field]++;
    }
  }
  const rows = (m: Map<string, Tally>) =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, t]) => t.row(key));
  return {
    overall: overall.row('all'),
    bySite: rows(groups.bySite),
    byTeam: rows(groups.byTeam),
    byChannel: rows(groups.byChannel),
    byPriority: rows(groups.byPriority),
  };
}
