import { describe, expect, it } from 'vitest';
import { CaseBase } from './case-base.ts';
import { type Reranker, rerank } from './reranker.ts';

describe('rerank', () => {
  it('re-orders the evidence by the re-ranker but keeps categories and abstention', async () => {
    const base = CaseBase.fromRecords([
      { id: 'a', text: 'card payment declined at shop', solution: { category: 'declined' } },
      { id: 'b', text: 'card payment declined online', solution: { category: 'declined' } },
    ]);
    const before = base.retrieve({ text: 'card payment declined at shop' });
    const prefersB: Reranker = {
      score: async (_q, texts) => texts.map((t) => (t.includes('online') ? 1 : 0)),
    };
    const after = await rerank(before, 'card payment declined at shop', prefersB, 0.9);
    expect(before.cases[0]!.case.id).toBe('a');
    expect(after.cases[0]!.case.id).toBe('b');
    expect(after.categories).toEqual(before.categories);
    expect(after.abstained).toBe(before.abstained);
  });
});
