import type { SlaPolicy } from './sla-policy.ts';
import type { SlaCaseFacts } from './sla-state.ts';
import { HOUR } from './test-calendars.ts';

/** Test fixtures: a standard policy and a case factory filling in sensible parents. */
export const standardPolicy: SlaPolicy = {
  id: 'standard',
  version: 3,
  name: 'Standard',
  conditions: {},
  targets: { first_response: 4 * HOUR, next_response: 2 * HOUR, resolution: 16 * HOUR },
  hours: 'business',
  atRisk: { fraction: 0.2 },
  pauseWhilePending: true,
};

export function buildSlaFacts(overrides: Partial<SlaCaseFacts> = {}): SlaCaseFacts {
  return {
    caseId: 'case-1',
    siteId: 'berlin',
    priority: 'normal',
    channel: 'email',
    customerTier: 'standard',
    createdAt: Date.parse('2026-11-23T09:00:00Z'),
    firstResponseAt: null,
    nextResponse: null,
    resolvedAt: null,
    statusHistory: [],
    ownerHistory: [{ at: Date.parse('2026-11-23T09:00:00Z'), ownerId: 'ana' }],
    ...overrides,
  };
}
