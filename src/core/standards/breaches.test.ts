import { describe, expect, it } from 'vitest';
import { breachKey, detectBreaches } from './breaches.ts';
import { computeSlaState } from './sla-state.ts';
import { utc, weekdayCalendar } from './test-calendars.ts';
import { buildSlaFacts, standardPolicy } from './test-sla.ts';

const berlin = weekdayCalendar('Europe/Berlin');
const stateAt = (now: string, over = {}) =>
  computeSlaState(buildSlaFacts(over), standardPolicy, berlin, utc(now));

describe('detectBreaches', () => {
  it('reports nothing before the deadline', () => {
    expect(detectBreaches(stateAt('2026-11-23T13:00:00Z'), new Set())).toEqual([]);
  });

  it('reports a breach with the case, the policy and the owner at the deadline', () => {
    const events = detectBreaches(
      stateAt('2026-11-23T13:00:01Z', {
        ownerHistory: [
          { at: utc('2026-11-23T09:00:00Z'), ownerId: 'ana' },
          { at: utc('2026-11-23T13:00:01Z'), ownerId: 'ben' },
        ],
      }),
      new Set(),
    );
    expect(events).toEqual([
      {
        type: 'sla.breached',
        key: 'case-1:first_response:1795424400000',
        caseId: 'case-1',
        policyId: 'standard',
        policyVersion: 3,
        metric: 'first_response',
        startedAt: utc('2026-11-23T09:00:00Z'),
        dueAt: utc('2026-11-23T13:00:00Z'),
        detectedAt: utc('2026-11-23T13:00:01Z'),
        ownerId: 'ana',
        actor: { kind: 'system', id: 'sla' },
      },
    ]);
  });

  it('records each breach once across repeated sweeps', () => {
    const recorded = new Set<string>();
    const first = detectBreaches(stateAt('2026-11-23T14:00:00Z'), recorded);
    for (const e of first) recorded.add(e.key);
    expect(first).toHaveLength(1);
    expect(detectBreaches(stateAt('2026-11-23T15:00:00Z'), recorded)).toEqual([]);
    // Resolution breaches later, as a new event.
    expect(detectBreaches(stateAt('2026-11-25T15:00:00Z'), recorded).map((e) => e.metric)).toEqual([
      'resolution',
    ]);
  });

  it('reports a late reply as a breach, and never a met target', () => {
    expect(
      detectBreaches(
        stateAt('2026-11-23T15:00:00Z', { firstResponseAt: utc('2026-11-23T14:00:00Z') }),
        new Set(),
      ),
    ).toHaveLength(1);
    expect(
      detectBreaches(
        stateAt('2026-11-23T15:00:00Z', { firstResponseAt: utc('2026-11-23T12:00:00Z') }),
        new Set(),
      ),
    ).toEqual([]);
  });

  it('keys each next-response cycle separately', () => {
    expect(breachKey('c', 'next_response', 1)).not.toBe(breachKey('c', 'next_response', 2));
  });
});
