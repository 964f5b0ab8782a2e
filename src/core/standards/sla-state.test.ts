import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-calendar.ts';
import type { SlaPolicy } from './sla-policy.ts';
import { computeSlaState, pendingPeriods, type SlaCaseFacts, type SlaTargetState } from './sla-state.ts';
import { HOUR, MIN, utc, weekdayCalendar } from './test-calendars.ts';
import { buildSlaFacts, standardPolicy } from './test-sla.ts';

const berlin = weekdayCalendar('Europe/Berlin', ['2026-12-24', '2026-12-25']);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function target(
  facts: SlaCaseFacts,
  now: string,
  metric: SlaTargetState['metric'] = 'first_response',
  policy: SlaPolicy = standardPolicy,
  calendar: BusinessCalendar = berlin,
): SlaTargetState | undefined {
  return computeSlaState(facts, policy, calendar, utc(now)).targets.find((t) => t.metric === metric);
}

describe('computeSlaState: first response deadline (4 business hours, Berlin 09–17)', () => {
  // Created Monday 23 Nov 2026 10:00 Berlin (09:00Z): due 14:00 Berlin (13:00Z).
  const cases: [
    string,
    Partial<SlaCaseFacts>,
    string,
    { status: string; dueAt: string; timeLeftMs: number },
  ][] = [
    [
      'is ok right after creation',
      {},
      '2026-11-23T09:00:00Z',
      { status: 'ok', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: 4 * HOUR },
    ],
    [
      'is ok with 49 minutes left (margin is 48)',
      {},
      '2026-11-23T12:11:00Z',
      { status: 'ok', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: 49 * MIN },
    ],
    [
      'is at risk with exactly 48 minutes (20%) left',
      {},
      '2026-11-23T12:12:00Z',
      { status: 'at_risk', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: 48 * MIN },
    ],
    [
      'is at risk, not breached, exactly at the deadline',
      {},
      '2026-11-23T13:00:00Z',
      { status: 'at_risk', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: 0 },
    ],
    [
      'is breached one second after the deadline',
      {},
      '2026-11-23T13:00:01Z',
      { status: 'breached', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: -1000 },
    ],
    [
      'is met by a reply exactly at the deadline',
      { firstResponseAt: utc('2026-11-23T13:00:00Z') },
      '2026-11-23T15:00:00Z',
      { status: 'met', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: 0 },
    ],
    [
      'is breached by a reply one second late',
      { firstResponseAt: utc('2026-11-23T13:00:01Z') },
      '2026-11-23T15:00:00Z',
      { status: 'breached', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: -1000 },
    ],
    [
      'ignores a reply recorded after now',
      { firstResponseAt: utc('2026-11-23T12:00:00Z') },
      '2026-11-23T11:00:00Z',
      { status: 'ok', dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: 2 * HOUR },
    ],
    [
      'carries over midnight into the next morning',
      { createdAt: utc('2026-11-23T14:00:00Z') },
      '2026-11-23T17:00:00Z',
      { status: 'ok', dueAt: '2026-11-24T10:00:00.000Z', timeLeftMs: 2 * HOUR },
    ],
    [
      'carries a Friday afternoon case over the weekend',
      { createdAt: utc('2026-11-27T14:00:00Z') },
      '2026-11-28T12:00:00Z',
      { status: 'ok', dueAt: '2026-11-30T10:00:00.000Z', timeLeftMs: 2 * HOUR },
    ],
    [
      'starts a Saturday case on Monday morning',
      { createdAt: utc('2026-11-28T10:00:00Z') },
      '2026-11-29T10:00:00Z',
      { status: 'ok', dueAt: '2026-11-30T12:00:00.000Z', timeLeftMs: 4 * HOUR },
    ],
    [
      'starts a case created on a holiday after the holidays',
      { createdAt: utc('2026-12-24T09:00:00Z') },
      '2026-12-25T10:00:00Z',
      { status: 'ok', dueAt: '2026-12-28T12:00:00.000Z', timeLeftMs: 4 * HOUR },
    ],
    [
      'lands exactly at closing time and is breached once closed',
      { createdAt: utc('2026-11-23T12:00:00Z') },
      '2026-11-23T16:30:00Z',
      { status: 'breached', dueAt: '2026-11-23T16:00:00.000Z', timeLeftMs: 0 },
    ],
    [
      'crosses the spring-forward weekend at the summer offset',
      { createdAt: utc('2026-03-27T14:00:00Z') },
      '2026-03-28T12:00:00Z',
      { status: 'ok', dueAt: '2026-03-30T09:00:00.000Z', timeLeftMs: 2 * HOUR },
    ],
  ];
  it.each(cases)('%s', (_name, over, now, expected) => {
    const t = target(buildSlaFacts(over), now)!;
    expect({ status: t.status, dueAt: iso(t.dueAt), timeLeftMs: t.timeLeftMs }).toEqual(expected);
  });

  it('counts every hour under a calendar-hours policy', () => {
    const t = target(
      buildSlaFacts({ createdAt: utc('2026-11-28T10:00:00Z') }),
      '2026-11-28T11:00:00Z',
      'first_response',
      {
        ...standardPolicy,
        hours: 'calendar',
      },
    )!;
    expect([iso(t.dueAt), t.timeLeftMs]).toEqual(['2026-11-28T14:00:00.000Z', 3 * HOUR]);
  });

  it('uses a fixed at-risk margin when the policy gives minutes', () => {
    const policy = { ...standardPolicy, atRisk: { withinMs: 15 * MIN } };
    expect(target(buildSlaFacts(), '2026-11-23T12:44:00Z', 'first_response', policy)!.status).toBe('ok');
    expect(target(buildSlaFacts(), '2026-11-23T12:45:00Z', 'first_response', policy)!.status).toBe('at_risk');
  });

  it('records the breach at the deadline, not when it was noticed', () => {
    expect(target(buildSlaFacts(), '2026-11-24T12:00:00Z')!.breachedAt).toBe(utc('2026-11-23T13:00:00Z'));
  });
});

describe('computeSlaState: pauses while pending', () => {
  const pending = (...changes: [string, string][]) =>
    changes.map(([at, status]) => ({ at: utc(at), status }));
  const cases: [
    string,
    Partial<SlaCaseFacts>,
    string,
    { status: string; paused: boolean; dueAt: string; timeLeftMs: number },
  ][] = [
    [
      'freezes time left while pending and projects the due time from now',
      { statusHistory: pending(['2026-11-23T10:00:00Z', 'pending']) },
      '2026-11-23T11:00:00Z',
      { status: 'ok', paused: true, dueAt: '2026-11-23T14:00:00.000Z', timeLeftMs: 3 * HOUR },
    ],
    [
      'moves the deadline by the paused business time on resume',
      { statusHistory: pending(['2026-11-23T10:00:00Z', 'pending'], ['2026-11-23T12:00:00Z', 'open']) },
      '2026-11-23T12:00:00Z',
      { status: 'ok', paused: false, dueAt: '2026-11-23T15:00:00.000Z', timeLeftMs: 3 * HOUR },
    ],
    [
      'adds up several pauses',
      {
        statusHistory: pending(
          ['2026-11-23T10:00:00Z', 'pending'],
          ['2026-11-23T11:00:00Z', 'open'],
          ['2026-11-23T12:00:00Z', 'pending'],
          ['2026-11-23T12:30:00Z', 'open'],
        ),
      },
      '2026-11-23T13:00:00Z',
      { status: 'ok', paused: false, dueAt: '2026-11-23T14:30:00.000Z', timeLeftMs: 90 * MIN },
    ],
    [
      'stays breached when the deadline passed before the pause',
      { statusHistory: pending(['2026-11-23T14:00:00Z', 'pending']) },
      '2026-11-23T15:00:00Z',
      { status: 'breached', paused: true, dueAt: '2026-11-23T13:00:00.000Z', timeLeftMs: -HOUR },
    ],
    [
      'is never breached while paused, however long',
      { statusHistory: pending(['2026-11-23T10:00:00Z', 'pending']) },
      '2026-12-07T10:00:00Z',
      { status: 'ok', paused: true, dueAt: '2026-12-07T13:00:00.000Z', timeLeftMs: 3 * HOUR },
    ],
    [
      'treats a pause over the night as costing only the business hours in it',
      { statusHistory: pending(['2026-11-23T11:00:00Z', 'pending'], ['2026-11-24T09:00:00Z', 'open']) },
      '2026-11-24T09:00:00Z',
      { status: 'ok', paused: false, dueAt: '2026-11-24T11:00:00.000Z', timeLeftMs: 2 * HOUR },
    ],
  ];
  it.each(cases)('%s', (_name, over, now, expected) => {
    const t = target(buildSlaFacts(over), now)!;
    expect({ status: t.status, paused: t.paused, dueAt: iso(t.dueAt), timeLeftMs: t.timeLeftMs }).toEqual(
      expected,
    );
  });

  it('keeps the clock running when the policy does not pause', () => {
    const facts = buildSlaFacts({ statusHistory: pending(['2026-11-23T10:00:00Z', 'pending']) });
    const t = target(facts, '2026-11-23T11:00:00Z', 'first_response', {
      ...standardPolicy,
      pauseWhilePending: false,
    })!;
    expect([t.paused, t.timeLeftMs]).toEqual([false, 2 * HOUR]);
  });

  it('counts a reply sent while pending as met', () => {
    const facts = buildSlaFacts({
      statusHistory: pending(['2026-11-23T10:00:00Z', 'pending']),
      firstResponseAt: utc('2026-11-23T10:30:00Z'),
    });
    expect(target(facts, '2026-11-23T11:00:00Z')).toMatchObject({
      status: 'met',
      paused: false,
      elapsedMs: HOUR,
    });
  });

  it('derives pending periods from an unordered history, ignoring repeated pending marks', () => {
    expect(
      pendingPeriods([
        { at: 30, status: 'open' },
        { at: 10, status: 'pending' },
        { at: 20, status: 'pending' },
        { at: 40, status: 'pending' },
      ]),
    ).toEqual([
      { from: 10, to: 30 },
      { from: 40, to: Number.POSITIVE_INFINITY },
    ]);
  });

  it('measures resolution across a pause that spans closing time', () => {
    // 6 h Monday, pending 16:00–10:00 Berlin, then 10 h more: Tuesday 7 h, Wednesday 3 h.
    const facts = buildSlaFacts({
      statusHistory: pending(['2026-11-23T15:00:00Z', 'pending'], ['2026-11-24T09:00:00Z', 'open']),
    });
    expect(iso(target(facts, '2026-11-24T10:00:00Z', 'resolution')!.dueAt)).toBe('2026-11-25T11:00:00.000Z');
  });
});

describe('computeSlaState: targets measured', () => {
  it('measures next response only after the first response, from the oldest unanswered message', () => {
    const before = buildSlaFacts({ nextResponse: { since: utc('2026-11-23T10:00:00Z'), repliedAt: null } });
    expect(target(before, '2026-11-23T11:00:00Z', 'next_response')).toBeUndefined();
    const after = buildSlaFacts({
      firstResponseAt: utc('2026-11-23T09:30:00Z'),
      nextResponse: { since: utc('2026-11-23T15:00:00Z'), repliedAt: null },
    });
    expect(iso(target(after, '2026-11-23T15:30:00Z', 'next_response')!.dueAt)).toBe(
      '2026-11-24T09:00:00.000Z',
    );
  });

  it('stops the reply clocks when the case is resolved without a reply', () => {
    const facts = buildSlaFacts({ resolvedAt: utc('2026-11-23T10:00:00Z') });
    const state = computeSlaState(facts, standardPolicy, berlin, utc('2026-11-25T10:00:00Z'));
    expect(state.targets.map((t) => [t.metric, t.status, t.metAt])).toEqual([
      ['first_response', 'met', utc('2026-11-23T10:00:00Z')],
      ['resolution', 'met', utc('2026-11-23T10:00:00Z')],
    ]);
  });

  it('omits metrics the policy does not target', () => {
    const state = computeSlaState(
      buildSlaFacts(),
      { ...standardPolicy, targets: { resolution: HOUR } },
      berlin,
      utc('2026-11-23T09:30:00Z'),
    );
    expect(state.targets.map((t) => t.metric)).toEqual(['resolution']);
  });

  it('carries the policy id and version for the breach record', () => {
    const state = computeSlaState(buildSlaFacts(), standardPolicy, berlin, utc('2026-11-23T09:30:00Z'));
    expect(state).toMatchObject({ caseId: 'case-1', policyId: 'standard', policyVersion: 3 });
  });

  it('charges a breach to the owner at the deadline, not the current one', () => {
    const facts = buildSlaFacts({
      ownerHistory: [
        { at: utc('2026-11-23T09:00:00Z'), ownerId: 'ana' },
        { at: utc('2026-11-23T14:00:00Z'), ownerId: 'ben' },
      ],
    });
    expect(target(facts, '2026-11-23T15:00:00Z')!.ownerAtDue).toBe('ana');
  });
});

describe('computeSlaState: a Friday 15:00 case is due Monday 11:00 local across each DST weekend', () => {
  const cases: [string, string, string, string][] = [
    ['Berlin, spring forward', 'Europe/Berlin', '2026-03-27T14:00:00Z', '2026-03-30T09:00:00.000Z'],
    ['Berlin, fall back', 'Europe/Berlin', '2026-10-23T13:00:00Z', '2026-10-26T10:00:00.000Z'],
    ['New York, spring forward', 'America/New_York', '2026-03-06T20:00:00Z', '2026-03-09T15:00:00.000Z'],
    ['New York, fall back', 'America/New_York', '2026-10-30T19:00:00Z', '2026-11-02T16:00:00.000Z'],
    ['Sydney, daylight time ends', 'Australia/Sydney', '2026-04-03T04:00:00Z', '2026-04-06T01:00:00.000Z'],
    ['Sydney, daylight time starts', 'Australia/Sydney', '2026-10-02T05:00:00Z', '2026-10-05T00:00:00.000Z'],
    ['Kolkata, no DST', 'Asia/Kolkata', '2026-03-27T09:30:00Z', '2026-03-30T05:30:00.000Z'],
  ];
  it.each(cases)('%s', (_name, zone, created, due) => {
    const calendar = weekdayCalendar(zone);
    const facts = buildSlaFacts({ createdAt: utc(created) });
    const atDue = target(facts, due, 'first_response', standardPolicy, calendar)!;
    expect([iso(atDue.dueAt), atDue.status, atDue.timeLeftMs]).toEqual([due, 'at_risk', 0]);
    const oneSecondLate = target(facts, iso(utc(due) + 1000)!, 'first_response', standardPolicy, calendar)!;
    expect(oneSecondLate.status).toBe('breached');
  });
});
