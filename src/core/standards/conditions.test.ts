import { describe, expect, it } from 'vitest';
import { type Conditions, compareSpecificity, matchesConditions } from './conditions.ts';

type D = 'a' | 'b';
const rank: D[] = ['a', 'b'];

describe('matchesConditions', () => {
  it.each([
    ['matches anything with no conditions', {}, { a: 'x', b: null }, true],
    ['treats an empty list as no condition', { a: [] }, { a: 'x', b: null }, true],
    ['matches a listed value', { a: ['x', 'y'] }, { a: 'y', b: null }, true],
    ['rejects an unlisted value', { a: ['x'] }, { a: 'z', b: null }, false],
    ['rejects a missing value', { b: ['x'] }, { a: 'x', b: null }, false],
    ['needs every condition to match', { a: ['x'], b: ['y'] }, { a: 'x', b: 'z' }, false],
  ] as [string, Conditions<D>, Record<D, string | null>, boolean][])(
    '%s',
    (_name, conditions, facts, expected) => {
      expect(matchesConditions(conditions, facts)).toBe(expected);
    },
  );
});

describe('compareSpecificity', () => {
  it.each([
    ['more dimensions first', { a: ['x'], b: ['y'] }, { a: ['x'] }, -1],
    ['then the higher-ranked dimension', { a: ['x'] }, { b: ['y'] }, -1],
    ['then fewer accepted values', { a: ['x', 'y'] }, { a: ['x'] }, 1],
    ['equal when nothing tells them apart', { b: ['x'] }, { b: ['y'] }, 0],
  ] as [string, Conditions<D>, Conditions<D>, number][])('orders %s', (_name, a, b, sign) => {
    expect(Math.sign(compareSpecificity(a, b, rank))).toBe(sign);
  });
});
