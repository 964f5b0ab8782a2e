import type { Retrieval } from './case-base.ts';

/**
 * Port for an optional neural re-ranker (a cross-encoder, an LLM judge). The engine never needs one:
 * the default path is BM25 + classifier + attributes with no model files. An adapter outside core
 * implements this and the server applies it to the top candidates when it is configured.
 */
export interface Reranker {
  /** Relevance of each candidate text to the query, higher is better; one number per candidate. */
  score(query: string, candidates: readonly string[]): Promise<readonly number[]>;
}

/**
 * Re-orders retrieved cases by `share` of the re-ranker's (min-max normalised) score blended with the
 * engine's own. Categories and abstention are left as they were: the re-ranker refines the order of
 * evidence, it does not overrule the calibrated decision.
 */
export async function rerank(
  retrieval: Retrieval,
  query: string,
  reranker: Reranker,
  share = 0.5,
): Promise<Retrieval> {
  if (retrieval.cases.length < 2) return retrieval;
  const scores = await reranker.score(
    query,
    retrieval.cases.map((c) => c.case.text),
  );
  const norm = minMax(retrieval.cases.map((_, i) => scores[i] ?? 0));
  const own = minMax(retrieval.cases.map((c) => c.score));
  const cases = retrieval.cases
    .map((c, i) => ({ c, blended: share * norm[i]! + (1 - share) * own[i]! }))
    .sort((a, b) => b.blended - a.blended)
    .map(({ c }) => c);
  return { ...retrieval, cases };
}

function minMax(xs: readonly number[]): number[] {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return xs.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0.5));
}
