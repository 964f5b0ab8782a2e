import { describe, expect, it } from 'vitest';
import type { EscalationPolicy } from './escalation.ts';
import { sweepCase } from './sla-sweep.ts';
import { utc, weekdayCalendar } from './test-calendars.ts';
import { buildSlaFacts, standardPolicy } from './test-sla.ts';

const berlin = weekdayCalendar('Europe/Berlin');
const ladder: EscalationPolicy = {
  id: 'l',
  levels: [{ level: 1, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] }],
};
const none = { breaches: new Set<string>(), escalations: new Set<string>() };

describe('sweepCase', () => {
  it('returns the state, the new breach and the escalation it triggers', () => {
    const r = sweepCase(buildSlaFacts(), [standardPolicy], berlin, ladder, none, utc('2026-11-23T14:00:00Z'));
    expect([r.state?.policyId, r.breaches.map((b) => b.metric), r.escalations.map((e) => e.level)]).toEqual([
      'standard',
      ['first_response'],
      [1],
    ]);
  });

  it('returns nothing new when run again with what it recorded', () => {
    const now = utc('2026-11-23T14:00:00Z');
    const first = sweepCase(buildSlaFacts(), [standardPolicy], berlin, ladder, none, now);
    const records = {
      breaches: new Set(first.breaches.map((b) => b.key)),
      escalations: new Set(first.escalations.map((e) => e.key)),
    };
    const second = sweepCase(buildSlaFacts(), [standardPolicy], berlin, ladder, records, now);
    expect([second.breaches, second.escalations]).toEqual([[], []]);
  });

  it('reports no state when no policy matches', () => {
    const onlyUrgent = { ...standardPolicy, conditions: { priority: ['urgent'] } };
    expect(sweepCase(buildSlaFacts(), [onlyUrgent], berlin, null, none, 0)).toEqual({
      state: null,
      breaches: [],
      escalations: [],
    });
  });
});
