import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles.ts';
import type { Case } from './case.ts';
import { CASE_STATUSES, type CaseStatus, canTransition } from './case-status.ts';
import { decideCaseUpdate } from './decide-case-update.ts';
import { decideAgentMessage, decideInbound, decideThread, type ThreadCandidate } from './decide-message.ts';

const NOW = new Date('2026-03-01T12:00:00Z');
const agent: Actor = { id: 'a1', name: 'Agent One', role: 'agent', kind: 'person' };
const bot: Actor = { id: 'i1', name: 'Mail bridge', role: 'ingest', kind: 'integration' };

function buildCase(over: Partial<Case> = {}): Case {
  return {
    id: 'c1',
    number: 1001,
    customerId: 'u1',
    siteId: null,
    teamId: null,
    ownerId: null,
    channel: 'email',
    threadKey: null,
    subject: 'Charged twice',
    status: 'new',
    priority: 'normal',
    category: null,
    tags: [],
    version: 3,
    reopenedCount: 0,
    messageCount: 1,
    createdAt: new Date('2026-03-01T09:00:00Z'),
    updatedAt: new Date('2026-03-01T09:00:00Z'),
    firstReplyAt: null,
    waitingSince: new Date('2026-03-01T09:00:00Z'),
    lastActivityAt: new Date('2026-03-01T09:00:00Z'),
    resolvedAt: null,
    closedAt: null,
    ...over,
  };
}

describe('the case state machine', () => {
  const allowed: Record<CaseStatus, CaseStatus[]> = {
    new: ['new', 'open', 'pending', 'resolved', 'closed'],
    open: ['open', 'pending', 'resolved', 'closed'],
    pending: ['pending', 'open', 'resolved', 'closed'],
    resolved: ['resolved', 'open', 'closed'],
    closed: ['closed'],
  };
  for (const from of CASE_STATUSES) {
    for (const to of CASE_STATUSES) {
      const expected = allowed[from].includes(to);
      it(`${expected ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(expected);
      });
    }
  }
});

describe('decideCaseUpdate', () => {
  it('refuses a stale version with a conflict naming both versions', () => {
    expect(() => decideCaseUpdate(buildCase(), { priority: 'high' }, agent, 2, NOW)).toThrowError(
      expect.objectContaining({
        code: 'case.version_conflict',
        details: expect.objectContaining({ expectedVersion: 2, actualVersion: 3 }),
      }),
    );
  });

  it('stamps resolvedAt when resolving and counts a reopen when a resolved case opens again', () => {
    expect(
      decideCaseUpdate(buildCase({ status: 'open' }), { status: 'resolved' }, agent, 3, NOW).changes,
    ).toMatchObject({
      status: 'resolved',
      resolvedAt: NOW,
    });
    const reopened = decideCaseUpdate(
      buildCase({ status: 'resolved', reopenedCount: 1, resolvedAt: NOW }),
      { status: 'open' },
      agent,
      3,
      NOW,
    );
    expect(reopened.changes).toMatchObject({ status: 'open', reopenedCount: 2, resolvedAt: null });
  });

  it('clears the waiting clock when a case waits on the customer', () => {
    expect(
      decideCaseUpdate(buildCase({ status: 'open' }), { status: 'pending' }, agent, 3, NOW).changes
        .waitingSince,
    ).toBeNull();
  });

  it('makes the first person who works a case its owner, but not an integration', () => {
    expect(decideCaseUpdate(buildCase(), { priority: 'high' }, agent, 3, NOW).changes.ownerId).toBe('a1');
    expect(decideCaseUpdate(buildCase(), { priority: 'high' }, bot, 3, NOW).changes.ownerId).toBeUndefined();
    expect(
      decideCaseUpdate(buildCase({ ownerId: 'a2' }), { priority: 'high' }, agent, 3, NOW).changes.ownerId,
    ).toBeUndefined();
  });

  it('refuses to remove an owner: a case is transferred, never dropped', () => {
    expect(() =>
      decideCaseUpdate(buildCase({ ownerId: 'a2' }), { ownerId: null }, agent, 3, NOW),
    ).toThrowError(expect.objectContaining({ code: 'case.owner_required' }));
  });

  it('normalises tags and reports no change when nothing differs', () => {
    expect(
      decideCaseUpdate(buildCase({ ownerId: 'a1' }), { tags: ['VIP', ' vip', 'Refund'] }, agent, 3, NOW)
        .changes.tags,
    ).toEqual(['refund', 'vip']);
    expect(
      decideCaseUpdate(buildCase({ ownerId: 'a1', tags: ['vip'] }), { tags: ['vip'] }, agent, 3, NOW).changed,
    ).toEqual([]);
  });
});

describe('decideThread', () => {
  const at = (iso: string) => new Date(iso);
  const candidates: ThreadCandidate[] = [
    {
      id: 'email-old',
      channel: 'email',
      threadKey: 'T-1',
      status: 'resolved',
      lastActivityAt: at('2026-02-01T00:00:00Z'),
    },
    {
      id: 'chat-active',
      channel: 'chat',
      threadKey: null,
      status: 'open',
      lastActivityAt: at('2026-02-27T00:00:00Z'),
    },
    {
      id: 'chat-older',
      channel: 'chat',
      threadKey: null,
      status: 'pending',
      lastActivityAt: at('2026-02-20T00:00:00Z'),
    },
    {
      id: 'closed',
      channel: 'email',
      threadKey: 'T-2',
      status: 'closed',
      lastActivityAt: at('2026-02-28T00:00:00Z'),
    },
  ];
  it.each([
    [
      'a known thread continues its case, even when resolved',
      'email',
      'T-1',
      { kind: 'append', caseId: 'email-old' },
    ],
    ['a closed thread starts a new case', 'email', 'T-2', { kind: 'open' }],
    ['an unknown thread starts a new case', 'email', 'T-9', { kind: 'open' }],
    ['email without a thread key starts a new case', 'email', undefined, { kind: 'open' }],
    [
      'chat continues the most recent active chat',
      'chat',
      undefined,
      { kind: 'append', caseId: 'chat-active' },
    ],
    ['phone without an active phone case starts a new case', 'phone', undefined, { kind: 'open' }],
  ] as const)('%s', (_name, channel, threadKey, expected) => {
    expect(decideThread(channel, threadKey, candidates)).toEqual(expected);
  });
});

describe('decideInbound', () => {
  it('reopens a pending case and keeps the customer waiting since the first unanswered message', () => {
    const since = new Date('2026-03-01T10:00:00Z');
    expect(decideInbound(buildCase({ status: 'pending', waitingSince: since }), NOW)).toMatchObject({
      status: 'open',
      waitingSince: since,
      lastActivityAt: NOW,
      messageCount: 2,
    });
  });

  it('counts a reopen when the customer writes on a resolved case', () => {
    expect(decideInbound(buildCase({ status: 'resolved', waitingSince: null }), NOW)).toMatchObject({
      status: 'open',
      reopenedCount: 1,
      waitingSince: NOW,
    });
  });
});

describe('decideAgentMessage', () => {
  it('a reply answers the customer: first reply time, no longer waiting, open, owned', () => {
    expect(decideAgentMessage(buildCase(), agent, 'reply', NOW)).toMatchObject({
      firstReplyAt: NOW,
      waitingSince: null,
      status: 'open',
      ownerId: 'a1',
    });
  });

  it('an internal note neither answers the customer nor changes the status', () => {
    const changes = decideAgentMessage(buildCase(), agent, 'note', NOW);
    expect(changes.firstReplyAt).toBeUndefined();
    expect(changes.status).toBeUndefined();
  });

  it('a reply can set the next status, and a closed case takes only notes', () => {
    expect(decideAgentMessage(buildCase({ status: 'open' }), agent, 'reply', NOW, 'pending').status).toBe(
      'pending',
    );
    expect(() => decideAgentMessage(buildCase({ status: 'closed' }), agent, 'reply', NOW)).toThrowError(
      expect.objectContaining({ code: 'case.closed' }),
    );
    expect(() => decideAgentMessage(buildCase({ status: 'closed' }), agent, 'note', NOW)).not.toThrow();
  });
});
