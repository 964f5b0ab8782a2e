import { describe, expect, it } from 'vitest';
import { decideEscalations, type EscalationPolicy } from './escalation.ts';
import { computeSlaState } from './sla-state.ts';
import { MIN, utc, weekdayCalendar } from './test-calendars.ts';
import { buildSlaFacts, standardPolicy } from './test-sla.ts';

const berlin = weekdayCalendar('Europe/Berlin');
const ladder: EscalationPolicy = {
  id: 'default',
  levels: [
    { level: 1, trigger: 'at_risk', actions: [{ kind: 'notify', role: 'owner' }] },
    { level: 2, trigger: 'breached', actions: [{ kind: 'notify', role: 'lead' }] },
    {
      level: 3,
      trigger: 'breached',
      afterMs: 30 * MIN,
      actions: [
        { kind: 'notify', role: 'manager' },
        { kind: 'reassign', to: 'team_queue' },
      ],
    },
  ],
};
// First response due 2026-11-23T13:00:00Z; at risk from 12:12Z.
const levelsAt = (now: string, over = {}, done = new Set<string>()) =>
  decideEscalations(
    computeSlaState(
      buildSlaFacts(over),
      { ...standardPolicy, targets: { first_response: standardPolicy.targets.first_response! } },
      berlin,
      utc(now),
    ),
    ladder,
    done,
    utc(now),
  ).map((s) => s.level);

describe('decideEscalations', () => {
  it.each([
    ['does nothing while the target is ok', '2026-11-23T12:11:00Z', []],
    ['notifies the owner once the target is at risk', '2026-11-23T12:12:00Z', [1]],
    ['does not call the lead exactly at the deadline', '2026-11-23T13:00:00Z', [1]],
    ['notifies the lead one second after the deadline', '2026-11-23T13:00:01Z', [1, 2]],
    ['waits the full 30 minutes before level 3', '2026-11-23T13:29:59Z', [1, 2]],
    ['notifies the manager and reassigns 30 minutes after the breach', '2026-11-23T13:30:00Z', [1, 2, 3]],
  ])('%s', (_name, now, expected) => {
    expect(levelsAt(now)).toEqual(expected);
  });

  it('runs each step once across sweeps', () => {
    const done = new Set<string>();
    const state = (now: string) => computeSlaState(buildSlaFacts(), standardPolicy, berlin, utc(now));
    const first = decideEscalations(state('2026-11-23T13:00:01Z'), ladder, done, utc('2026-11-23T13:00:01Z'));
    for (const s of first) done.add(s.key);
    const second = decideEscalations(
      state('2026-11-23T13:40:00Z'),
      ladder,
      done,
      utc('2026-11-23T13:40:00Z'),
    );
    expect(second.map((s) => [s.metric, s.level])).toEqual([['first_response', 3]]);
    expect(second[0]).toMatchObject({
      key: `case-1:first_response:${utc('2026-11-23T09:00:00Z')}:L3`,
      ownerId: 'ana',
      policyId: 'default',
    });
  });

  it('never escalates a target already met, even late', () => {
    expect(levelsAt('2026-11-23T15:00:00Z', { firstResponseAt: utc('2026-11-23T14:00:00Z') })).toEqual([]);
  });

  it('holds escalation while the case waits on the customer', () => {
    expect(
      levelsAt('2026-11-23T15:00:00Z', {
        statusHistory: [{ at: utc('2026-11-23T14:00:00Z'), status: 'pending' }],
      }),
    ).toEqual([]);
  });

  it('limits a level to the metrics it names', () => {
    const onlyResolution: EscalationPolicy = {
      id: 'r',
      levels: [{ level: 1, trigger: 'at_risk', metrics: ['resolution'], actions: [] }],
    };
    const state = computeSlaState(buildSlaFacts(), standardPolicy, berlin, utc('2026-11-23T12:30:00Z'));
    expect(decideEscalations(state, onlyResolution, new Set(), utc('2026-11-23T12:30:00Z'))).toEqual([]);
  });
});
