import { describe, expect, it } from 'vitest';
import { type AttainmentInput, buildAttainmentReport } from './attainment-report.ts';
import type { SlaState, SlaTargetState } from './sla-state.ts';

const target = (
  metric: SlaTargetState['metric'],
  status: SlaTargetState['status'],
  elapsedMs = 0,
): SlaTargetState => ({
  metric,
  targetMs: 1000,
  startedAt: 0,
  dueAt: 1000,
  elapsedMs,
  timeLeftMs: 1000 - elapsedMs,
  status,
  paused: false,
  metAt: status === 'met' || (status === 'breached' && elapsedMs > 0) ? elapsedMs : null,
  breachedAt: status === 'breached' ? 1000 : null,
  ownerAtDue: null,
});
const state = (...targets: SlaTargetState[]): SlaState => ({
  caseId: 'c',
  policyId: 'p',
  policyVersion: 1,
  computedAt: 0,
  targets,
});
const input = (over: Partial<AttainmentInput>, s: SlaState): AttainmentInput => ({
  siteId: 'berlin',
  teamId: 't1',
  channel: 'email',
  priority: 'normal',
  state: s,
  ...over,
});

const inputs = [
  input({}, state(target('first_response', 'met', 100), target('resolution', 'met', 500))),
  input({}, state(target('first_response', 'met', 300), target('resolution', 'ok'))),
  input(
    { siteId: 'sydney', channel: 'chat' },
    state(target('first_response', 'breached', 1200), target('resolution', 'breached')),
  ),
  input({ siteId: 'sydney', teamId: null, priority: 'urgent' }, state(target('first_response', 'at_risk'))),
];

describe('buildAttainmentReport', () => {
  const report = buildAttainmentReport(inputs);

  it('counts settled targets into % met and leaves running ones out', () => {
    expect(report.overall).toEqual({
      key: 'all',
      met: 3,
      breached: 2,
      open: 2,
      metPct: 60,
      medianFirstResponseMs: 300,
    });
  });

  it('groups by site, sorted by key', () => {
    expect(report.bySite.map((r) => [r.key, r.met, r.breached, r.metPct])).toEqual([
      ['berlin', 3, 0, 100],
      ['sydney', 0, 2, 0],
    ]);
  });

  it('groups cases without a team under one row', () => {
    expect(report.byTeam.map((r) => r.key)).toEqual(['(no team)', 't1']);
  });

  it('takes the median first response over answered cases, late ones included', () => {
    expect(report.bySite.find((r) => r.key === 'sydney')!.medianFirstResponseMs).toBe(1200);
    expect(report.byChannel.find((r) => r.key === 'email')!.medianFirstResponseMs).toBe(200);
  });

  it('has no percentage when nothing has settled', () => {
    expect(report.byPriority.find((r) => r.key === 'urgent')!.metPct).toBeNull();
  });

  it('narrows the counts to one metric on request', () => {
    expect(buildAttainmentReport(inputs, { metric: 'first_response' }).overall).toMatchObject({
      met: 2,
      breached: 1,
      open: 1,
    });
  });

  it('reports an empty input as all nulls', () => {
    expect(buildAttainmentReport([]).overall).toEqual({
      key: 'all',
      met: 0,
      breached: 0,
      open: 0,
      metPct: null,
      medianFirstResponseMs: null,
    });
  });
});
