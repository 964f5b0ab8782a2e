import { describe, expect, it } from 'vitest';
import { type Ability, abilitiesOf, can, type Role } from './roles.ts';

describe('roles and abilities', () => {
  it.each<[Role, Ability, boolean]>([
    ['ingest', 'message.ingest', true],
    ['ingest', 'case.read', false],
    ['agent', 'case.update', true],
    ['agent', 'customer.merge', false],
    ['agent', 'audit.read', false],
    ['lead', 'customer.merge', true],
    ['lead', 'customer.unmerge', false],
    ['manager', 'audit.read', true],
    ['admin', 'customer.unmerge', true],
    ['admin', 'token.create', true],
  ])('%s may %s: %s', (role, ability, expected) => {
    expect(can(role, ability)).toBe(expected);
  });

  it('gives the console a complete map of abilities', () => {
    const map = abilitiesOf('agent');
    expect(Object.values(map).every((v) => typeof v === 'boolean')).toBe(true);
    expect(map['case.reply']).toBe(true);
  });
});
