import { describe, expect, it } from 'vitest';
import { InvertedIndex } from './inverted-index.ts';

function indexOf(docs: string[][]): InvertedIndex {
  const index = new InvertedIndex();
  for (const d of docs) index.add(d);
  return index;
}

describe('InvertedIndex', () => {
  it('ranks the document sharing the rarest terms first', () => {
    const index = indexOf([['card', 'arriv'], ['card', 'declin'], ['top', 'up'], ['card']]);
    expect(index.search(['card', 'declin'], 2)[0]!.slot).toBe(1);
  });

  it('normalises scores to 0..1 against the best a document could score', () => {
    const index = indexOf([['a', 'b'], ['c'], ['d']]);
    const [hit] = index.search(['a', 'b'], 1);
    expect(hit!.normalised).toBeGreaterThan(0.8);
    expect(hit!.normalised).toBeLessThanOrEqual(1);
    expect(index.search(['a', 'zzz'], 1)[0]!.normalised).toBeLessThan(hit!.normalised);
  });

  it('skips removed documents and forgets their document frequencies', () => {
    const index = indexOf([['x'], ['x', 'y'], ['y']]);
    index.remove(1, ['x', 'y']);
    expect(index.size).toBe(2);
    expect(
      index
        .search(['x', 'y'], 5)
        .map((h) => h.slot)
        .sort(),
    ).toEqual([0, 2]);
  });

  it('returns the same top k with pruning as a full scan would', () => {
    const docs: string[][] = [];
    for (let i = 0; i < 500; i++) docs.push([`t${i % 7}`, `t${i % 11}`, `t${i % 13}`, 'common']);
    const index = indexOf(docs);
    const query = ['t3', 't5', 'common'];
    const pruned = index.search(query, 5);
    const full = index.search(query, 500).slice(0, 5);
    expect(pruned.map((h) => h.score)).toEqual(full.map((h) => h.score));
  });

  it('applies an acceptance filter', () => {
    const index = indexOf([['a'], ['a'], ['a']]);
    expect(
      index
        .search(['a'], 5, (slot) => slot !== 1)
        .map((h) => h.slot)
        .sort(),
    ).toEqual([0, 2]);
  });

  it('drops the commonest query terms once a query would scan more postings than allowed', () => {
    const index = new InvertedIndex(undefined, 3);
    index.add(['rare', 'x']);
    index.add(['common', 'y']);
    index.add(['common', 'z']);
    index.add(['common', 'w']);
    // "common" (3 postings) would take the total to 4 > 3, so only "rare" is scored.
    expect(index.search(['rare', 'common'], 5).map((h) => h.slot)).toEqual([0]);
  });
});
