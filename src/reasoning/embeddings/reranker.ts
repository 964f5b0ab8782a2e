import { type Retrieval, rerank } from '../../core/reasoning/index.ts';
import { cosine, type SentenceEmbedder } from './embedder.ts';

export type RerankLog = (level: 'info' | 'warn', message: string, extra?: Record<string, unknown>) => void;

export interface EmbeddingRerankerOptions {
  embedder: SentenceEmbedder;
  log?: RerankLog;
  /** Give up on re-ranking (engine order) after this long; the embeddings still land in the cache. */
  budgetMs?: number;
  /** Case-base entries whose embedding is kept (least recently used evicted). */
  cacheSize?: number;
  /** Weight of the model's similarity against the engine's score (see core `rerank`). */
  share?: number;
  /** Re-rankings waiting at once; beyond it requests keep the engine's order rather than queue. */
  maxInFlight?: number;
}

export interface RerankerStats {
  reranked: number;
  fellBack: number;
  lastMs: number | null;
  cached: number;
  disabled: string | null;
}

/**
 * Re-orders the retrieved similar cases by the cosine similarity of sentence embeddings of the open
 * case's text and each case's problem text, blended with the engine's score by core `rerank`.
 * Never in the way: over budget, busy, or failing, the engine's order stands (each reason logged once).
 */
export class EmbeddingReranker {
  private readonly embedder: SentenceEmbedder;
  private readonly log: RerankLog;
  private readonly budgetMs: number;
  private readonly share: number;
  private readonly maxInFlight: number;
  private readonly cache: Lru<{ text: string; vector: Float32Array }>;
  private readonly warned = new Set<string>();
  private inFlight = 0;
  private disabledBecause: string | undefined;
  private stats = { reranked: 0, fellBack: 0, lastMs: null as number | null };

  constructor(options: EmbeddingRerankerOptions) {
    this.embedder = options.embedder;
    this.log = options.log ?? (() => {});
    this.budgetMs = options.budgetMs ?? 250;
    this.share = options.share ?? 0.5;
    this.maxInFlight = options.maxInFlight ?? 4;
    this.cache = new Lru(options.cacheSize ?? 20_000);
  }

  /** Stops using the model for good (it failed to load). */
  disable(reason: string): void {
    this.disabledBecause ??= reason;
  }

  status(): RerankerStats {
    return { ...this.stats, cached: this.cache.size, disabled: this.disabledBecause ?? null };
  }

  async rerank(retrieval: Retrieval, queryText: string): Promise<Retrieval> {
    if (this.disabledBecause || retrieval.cases.length < 2 || !queryText.trim()) return retrieval;
    if (this.inFlight >= this.maxInFlight) {
      return this.fallBack(retrieval, 'busy', `${this.maxInFlight} re-rankings already waiting`);
    }
    const started = performance.now();
    this.inFlight++;
    const work = this.similarities(
      queryText,
      retrieval.cases.map((c) => ({ id: c.case.id, text: c.case.text })),
    ).finally(() => {
      this.inFlight--;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.budgetMs);
      timer.unref();
    });
    try {
      const scores = await Promise.race([work, timeout]);
      if (scores === 'timeout') {
        work.catch(() => {}); // it finishes in the background and fills the cache
        return this.fallBack(retrieval, 'budget', `took longer than ${this.budgetMs} ms`);
      }
      const reranked = await rerank(retrieval, queryText, { score: async () => scores }, this.share);
      this.stats.reranked++;
      this.stats.lastMs = Math.round((performance.now() - started) * 10) / 10;
      return reranked;
    } catch (err) {
      return this.fallBack(retrieval, `error:${(err as Error).message}`, (err as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Cosine of the query's embedding with each case's; case embeddings are cached by id (and text). */
  async similarities(query: string, cases: readonly { id: string; text: string }[]): Promise<number[]> {
    const vectors = new Map<string, Float32Array>();
    const missing: { id: string; text: string }[] = [];
    for (const c of cases) {
      const hit = this.cache.get(c.id);
      if (hit && hit.text === c.text) vectors.set(c.id, hit.vector);
      else if (!missing.some((m) => m.id === c.id)) missing.push(c);
    }
    const embedded = await this.embedder.embed([query, ...missing.map((m) => m.text)]);
    const q = embedded[0];
    if (!q || embedded.length !== missing.length + 1) throw new Error('the model returned too few vectors');
    missing.forEach((m, i) => {
      const vector = embedded[i + 1]!;
      this.cache.set(m.id, { text: m.text, vector });
      vectors.set(m.id, vector);
    });
    return cases.map((c) => cosine(q, vectors.get(c.id)!));
  }

  private fallBack(retrieval: Retrieval, key: string, why: string): Retrieval {
    this.stats.fellBack++;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.log('warn', `reasoning: neural re-ranker skipped, keeping the engine's order: ${why}`);
    }
    return retrieval;
  }
}

/** A bounded map that forgets the least recently used entry (Map keeps insertion order). */
export class Lru<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}
