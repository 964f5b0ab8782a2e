import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  decideNewSite,
  decideNewTeam,
  decideSiteUpdate,
  decideTeamUpdate,
  normalizeSiteCode,
} from './sites.ts';

describe('site rules', () => {
  it('upper-cases and checks the code', () => {
    expect(normalizeSiteCode(' lon ')).toBe('LON');
    expect(normalizeSiteCode('ber-2')).toBe('BER-2');
    for (const bad of ['', 'L', 'LON DON', '-LON', 'ABCDEFGHIJKLMNOPQ']) {
      expect(() => normalizeSiteCode(bad), bad).toThrow(
        expect.objectContaining({ code: 'site.invalid_code' }),
      );
    }
  });

  it('accepts IANA zones as Intl names them and refuses others', () => {
    expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('europe/london')).toBe('Europe/London');
    for (const bad of ['Mars/Olympus', '', 'GMT+99']) {
      expect(() => canonicalTimeZone(bad), bad).toThrow(
        expect.objectContaining({ code: 'site.unknown_time_zone' }),
      );
    }
  });

  it('decides a new site and an edit, telling whether the zone moved', () => {
    const site = decideNewSite({ code: 'ber', name: '  Berlin  Store ', timeZone: 'Europe/Berlin' });
    expect(site).toEqual({ code: 'BER', name: 'Berlin Store', timeZone: 'Europe/Berlin' });
    expect(decideSiteUpdate(site, { name: 'Berlin Mitte' })).toEqual({
      site: { ...site, name: 'Berlin Mitte' },
      changed: true,
      timeZoneChanged: false,
    });
    expect(decideSiteUpdate(site, { timeZone: 'Europe/Paris' }).timeZoneChanged).toBe(true);
    expect(decideSiteUpdate(site, { timeZone: 'Europe/Berlin' }).changed).toBe(false);
    expect(() => decideSiteUpdate(site, { name: '  ' })).toThrow(
      expect.objectContaining({ code: 'site.invalid_name' }),
    );
  });

  it('decides a team and its edits', () => {
    const team = decideNewTeam({ name: ' Front desk ' });
    expect(team).toEqual({ name: 'Front desk', siteId: null });
    expect(decideTeamUpdate(team, { siteId: 's1' })).toEqual({
      team: { name: 'Front desk', siteId: 's1' },
      changed: true,
    });
    expect(decideTeamUpdate(team, {}).changed).toBe(false);
  });
});
