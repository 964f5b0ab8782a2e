import { describe, expect, it } from 'vitest';
import { caseQueryString } from '../../api/cases.ts';
import { filtersFrom, filtersToParams, queueQuery, sortByWaiting } from './queues.ts';

describe('inbox queues', () => {
  it('sorts the longest waiting first and cases nobody waits on last, most recent first', () => {
    const sorted = sortByWaiting([
      { id: 'replied-old', waitingSince: null, lastActivityAt: '2026-11-01T00:00:00Z' },
      { id: 'waiting-1h', waitingSince: '2026-11-27T11:00:00Z', lastActivityAt: '2026-11-27T11:00:00Z' },
      { id: 'replied-new', waitingSince: null, lastActivityAt: '2026-11-20T00:00:00Z' },
      { id: 'waiting-2d', waitingSince: '2026-11-25T12:00:00Z', lastActivityAt: '2026-11-25T12:00:00Z' },
    ]);
    expect(sorted.map((c) => c.id)).toEqual(['waiting-2d', 'waiting-1h', 'replied-new', 'replied-old']);
  });

  it('round-trips filters through the URL and leaves defaults out', () => {
    const f = filtersFrom(new URLSearchParams('queue=all&channel=chat&tag=vip'));
    expect(f).toMatchObject({
      queue: 'all',
      status: ['new', 'open', 'pending'],
      channel: 'chat',
      tag: 'vip',
    });
    expect(filtersToParams(f).toString()).toBe('queue=all&channel=chat&tag=vip');
    expect(filtersToParams(filtersFrom(new URLSearchParams())).toString()).toBe('');
  });

  it('maps queues to server filters', () => {
    const me = { siteId: 'site-1', teamId: 'team-1' } as Parameters<typeof queueQuery>[1];
    const base = filtersFrom(new URLSearchParams());
    expect(queueQuery(base, me).owner).toBe('me');
    expect(queueQuery({ ...base, queue: 'unassigned' }, me).owner).toBe('none');
    expect(queueQuery({ ...base, queue: 'site' }, me).site).toBe('site-1');
    expect(queueQuery({ ...base, queue: 'all' }, me)).not.toHaveProperty('owner');
    // My team is the server's filter (routed to the team or owned by a member), not a client one.
    expect(queueQuery({ ...base, queue: 'team' }, me)).toMatchObject({ team: 'me' });
    expect(queueQuery({ ...base, queue: 'team' }, me)).not.toHaveProperty('owner');
    // The server sorts by waiting time, so the 200 rows are the longest-waiting ones.
    expect(caseQueryString(queueQuery(base, me))).toContain('sort=waiting');
    expect(caseQueryString(queueQuery({ ...base, queue: 'team' }, me))).toContain('team=me');
  });

  it('keeps the sort and the SLA filter in the URL and passes them to the server', () => {
    const f = filtersFrom(new URLSearchParams('sort=time_left&sla=breached'));
    expect(f).toMatchObject({ sort: 'time_left', sla: 'breached' });
    expect(filtersToParams(f).toString()).toBe('sla=breached&sort=time_left');
    const qs = caseQueryString(queueQuery(f, undefined));
    expect(qs).toContain('sort=time_left');
    expect(qs).toContain('sla=breached');
    // Unknown values fall back to the defaults, which stay out of the URL.
    const bad = filtersFrom(new URLSearchParams('sort=bogus&sla=late'));
    expect(bad).toMatchObject({ sort: 'waiting', sla: '' });
    expect(filtersToParams(bad).toString()).toBe('');
  });
});
