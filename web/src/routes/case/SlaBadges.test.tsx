// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SlaTarget } from '../../api/standards.ts';
import { formatSpan } from '../../lib/format.ts';
import { mockFetch, renderWithProviders } from '../../test/render.tsx';
import { SlaBadges, slaBadge } from './SlaBadges.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const target = (over: Partial<SlaTarget>): SlaTarget => ({
  metric: 'first_response',
  status: 'ok',
  targetMs: 3_600_000,
  startedAt: '2026-11-27T09:00:00Z',
  dueAt: '2026-11-27T10:00:00Z',
  elapsedMs: 0,
  timeLeftMs: 3_600_000,
  atRisk: false,
  breached: false,
  paused: false,
  metAt: null,
  ...over,
});

describe('SLA badges', () => {
  it('formats time left, at risk, breached, paused and met', () => {
    expect(formatSpan(45 * 60_000)).toBe('45 min');
    expect(formatSpan(125 * 60_000)).toBe('2 h 5 min');
    expect(formatSpan(28 * 3_600_000)).toBe('1 d 4 h');
    expect(slaBadge(target({ timeLeftMs: 7_200_000 })).text).toBe('2 h left');
    expect(slaBadge(target({ status: 'at_risk', timeLeftMs: 600_000 }))).toEqual({
      text: 'at risk · 10 min left',
      color: 'orange',
    });
    expect(slaBadge(target({ status: 'breached', timeLeftMs: -1_800_000 })).text).toBe('breached 30 min ago');
    expect(slaBadge(target({ paused: true, timeLeftMs: 600_000 })).text).toBe('paused · 10 min left');
    expect(slaBadge(target({ status: 'met' })).text).toBe('met');
  });

  it('shows each target of the case as a badge', async () => {
    mockFetch((call) =>
      call === 'GET /api/v1/cases/c1/sla'
        ? {
            body: {
              caseId: 'c1',
              policy: { id: 'p', name: 'Standard', version: 1, hours: 'business' },
              computedAt: '2026-11-27T09:30:00Z',
              targets: [
                target({ status: 'at_risk', timeLeftMs: 600_000 }),
                target({ metric: 'resolution', status: 'breached', timeLeftMs: -3_600_000 }),
              ],
            },
          }
        : undefined,
    );
    renderWithProviders(<SlaBadges caseId="c1" timeZone="UTC" />);
    expect(await screen.findByText('First response: at risk · 10 min left')).toBeTruthy();
    expect(screen.getByText('Resolution: breached 1 h ago')).toBeTruthy();
  });

  it('says when the case has no SLA target, and shows errors', async () => {
    mockFetch((call) =>
      call === 'GET /api/v1/cases/c1/sla'
        ? { body: { caseId: 'c1', policy: null, computedAt: null, targets: [] } }
        : { status: 500, body: { title: 'Internal Server Error', status: 500, detail: 'SLA down.' } },
    );
    renderWithProviders(
      <>
        <SlaBadges caseId="c1" timeZone="UTC" />
        <SlaBadges caseId="c2" timeZone="UTC" />
      </>,
    );
    expect(await screen.findByText('No SLA target')).toBeTruthy();
    expect(await screen.findByText('SLA down.')).toBeTruthy();
  });
});
