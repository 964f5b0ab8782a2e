import { describe, expect, it } from 'vitest';
import type { CaseSummary, Message } from '../api/types.ts';
import { summarizeHistory } from './history-summary.ts';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number, extraMs = 0) => new Date(NOW - days * DAY - extraMs).toISOString();

function kase(id: string, overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    number: 1000,
    subject: id,
    status: 'resolved',
    priority: 'normal',
    channel: 'email',
    category: 'billing',
    siteId: 'lon',
    siteName: 'London',
    ownerId: null,
    ownerName: null,
    createdAt: ago(60),
    lastActivityAt: ago(1),
    ...overrides,
  };
}

let seq = 0;
function msg(caseId: string, occurredAt: string, overrides: Partial<Message> = {}): Message {
  seq += 1;
  return {
    id: `m${seq}`,
    caseId,
    customerId: 'cu',
    siteId: null,
    channel: 'email',
    direction: 'inbound',
    kind: 'message',
    authorId: null,
    authorName: null,
    from: null,
    subject: null,
    body: 'hi',
    metadata: {},
    occurredAt,
    createdAt: occurredAt,
    ...overrides,
  };
}

describe('summarizeHistory', () => {
  it('counts contacts per case per day and names the topic they were about', () => {
    const cases = [kase('a'), kase('b'), kase('c', { category: 'delivery' })];
    const recentMessages = [msg('a', ago(20)), msg('a', ago(10)), msg('b', ago(2)), msg('c', ago(1))];
    const s = summarizeHistory({ cases, recentMessages }, NOW);
    expect(s.contacts).toBe(4);
    expect(s.text).toBe('4th contact in 30 days about billing');
  });

  it('counts a chat of many messages on one day as one contact', () => {
    const cases = [kase('a', { status: 'open' })];
    const recentMessages = Array.from({ length: 10 }, (_, i) =>
      msg('a', ago(0, i * 60_000), { channel: 'chat' }),
    );
    expect(summarizeHistory({ cases, recentMessages }, NOW).text).toBe('First contact in 30 days (billing)');
  });

  it('ignores our own replies but counts calls and visits an agent logged', () => {
    const cases = [kase('a')];
    const recentMessages = [
      msg('a', ago(5), { direction: 'outbound' }),
      msg('a', ago(4), { direction: 'internal', kind: 'call', channel: 'phone' }),
      msg('a', ago(3), { direction: 'internal', kind: 'visit', channel: 'in_person' }),
      msg('a', ago(3), { direction: 'internal', kind: 'note' }),
    ];
    expect(summarizeHistory({ cases, recentMessages }, NOW).contacts).toBe(2);
  });

  it('counts a contact exactly 30 days ago and not one a second older', () => {
    const cases = [kase('a')];
    expect(summarizeHistory({ cases, recentMessages: [msg('a', ago(30))] }, NOW).contacts).toBe(1);
    expect(summarizeHistory({ cases, recentMessages: [msg('a', ago(30, 1000))] }, NOW).contacts).toBe(0);
  });

  it('says when there was no recent contact and how many cases are on record', () => {
    const s = summarizeHistory({ cases: [kase('a'), kase('b')], recentMessages: [msg('a', ago(45))] }, NOW);
    expect(s.text).toBe('No contact in 30 days · 2 cases on record');
  });

  it('counts a case opened in the window even when its messages are not in the recent list', () => {
    const s = summarizeHistory({ cases: [kase('a', { createdAt: ago(3) })], recentMessages: [] }, NOW);
    expect(s.contacts).toBe(1);
  });

  it('adds open cases and how many sites they are at', () => {
    const cases = [
      kase('a', { status: 'open', siteName: 'London' }),
      kase('b', { status: 'pending', siteName: 'Manchester', category: 'delivery' }),
    ];
    const recentMessages = [msg('a', ago(2)), msg('b', ago(1))];
    expect(summarizeHistory({ cases, recentMessages }, NOW, 'delivery').text).toBe(
      '2nd contact in 30 days about delivery · 2 open cases at 2 sites',
    );
  });

  it('leaves the topic out when no category is known', () => {
    const cases = [kase('a', { category: null }), kase('b', { category: null })];
    const recentMessages = [msg('a', ago(2)), msg('b', ago(1)), msg('b', ago(3))];
    expect(summarizeHistory({ cases, recentMessages }, NOW).text).toBe('3rd contact in 30 days');
  });
});
