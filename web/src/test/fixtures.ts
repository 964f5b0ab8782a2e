import type { CaseDetail, CaseListItem, CustomerProfile } from '../api/types.ts';

export function caseFixture(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: 'c0000000-0000-4000-8000-000000000001',
    number: 1001,
    customerId: 'cu000000-0000-4000-8000-000000000001',
    siteId: 'site-1',
    teamId: 'team-1',
    ownerId: null,
    channel: 'email',
    subject: 'Charged twice',
    status: 'open',
    priority: 'normal',
    category: 'billing',
    tags: [],
    version: 1,
    reopenedCount: 0,
    messageCount: 1,
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-20T09:00:00.000Z',
    firstReplyAt: null,
    waitingSince: '2026-11-20T09:00:00.000Z',
    lastActivityAt: '2026-11-20T09:00:00.000Z',
    resolvedAt: null,
    closedAt: null,
    timeline: [
      {
        id: 'm1',
        caseId: 'c0000000-0000-4000-8000-000000000001',
        customerId: 'cu000000-0000-4000-8000-000000000001',
        siteId: 'site-1',
        channel: 'email',
        direction: 'inbound',
        kind: 'message',
        authorId: null,
        authorName: null,
        from: 'ada@example.com',
        subject: 'Charged twice',
        body: 'I was charged twice.',
        metadata: {},
        occurredAt: '2026-11-20T09:00:00.000Z',
        createdAt: '2026-11-20T09:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

export function listItem(n: number, overrides: Partial<CaseListItem> = {}): CaseListItem {
  const { timeline: _t, ...base } = caseFixture();
  return {
    ...base,
    id: `c0000000-0000-4000-8000-00000000000${n}`,
    number: 1000 + n,
    subject: `Case subject ${n}`,
    customerName: `Customer ${n}`,
    ownerName: null,
    ...overrides,
  };
}

export function profileFixture(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id: 'cu000000-0000-4000-8000-000000000001',
    displayName: 'Ada Lovelace',
    householdId: null,
    tier: 'gold',
    lifetimeValue: { amountMinor: 1249000, currency: 'GBP' },
    preferences: { contact: 'email' },
    specialNeeds: ['Hard of hearing'],
    attributes: {},
    language: null,
    homeSiteId: null,
    mergedInto: null,
    version: 1,
    redirectedFrom: null,
    identities: [],
    household: null,
    purchases: [],
    cases: [],
    recentMessages: [],
    ...overrides,
  };
}
