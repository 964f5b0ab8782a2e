import { describe, expect, it } from 'vitest';
import type { Agent } from '../../api/types.ts';
import { describeScope, directoryFrom } from './describe.ts';

const person = (id: string, name: string, teamId: string): Agent => ({
  id,
  kind: 'person',
  name,
  email: null,
  role: 'agent',
  teamId,
  siteId: null,
  timeZone: 'UTC',
  active: true,
});

describe('directoryFrom', () => {
  const sites = [
    { id: 's1', code: 'LON', name: 'London Store', timeZone: 'Europe/London' },
    { id: 's2', code: 'NYC', name: 'New York', timeZone: 'America/New_York' },
  ];

  it('names teams as GET /teams does, telling same-named teams apart by site code', () => {
    const dir = directoryFrom([person('a1', 'Ann', 't1')], sites, [
      { id: 't1', name: 'Front desk', siteId: 's1' },
      { id: 't2', name: 'Front desk', siteId: 's2' },
      { id: 't3', name: 'Billing', siteId: null },
    ]);
    expect([...dir.teams.entries()]).toEqual([
      ['t1', 'Front desk (LON)'],
      ['t2', 'Front desk (NYC)'],
      ['t3', 'Billing'],
    ]);
    expect(describeScope({ role: 'agent', teamId: 't3', siteId: 's1' }, dir)).toBe(
      'agents · Billing · at London Store',
    );
  });

  it('falls back to members for a team the list does not hold (teams not loaded yet)', () => {
    const dir = directoryFrom([person('a1', 'Ann', 't1'), person('a2', 'Ben', 't1')], sites, undefined);
    expect(dir.teams.get('t1')).toBe('Team of Ann, Ben');
  });
});
