/**
 * An incremental BM25 index over integer term ids with postings in growable typed arrays.
 * Documents are integer slots; removal tombstones a slot (its postings are skipped and the
 * document frequencies corrected), so retain and remove never rebuild anything.
 */

export interface Bm25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation. */
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/**
 * Most postings one query may scan. Query terms are taken rarest first; a term that would push the
 * total past this is dropped for this query, like a stop word. In a large case base such terms
 * ("card", "account") occur in a good share of all cases, so they cost the most and separate the
 * least; without the cap a long message at a million cases scans about a million postings.
 */
export const DEFAULT_MAX_POSTINGS = 150_000;

export interface ScoredSlot {
  slot: number;
  /** Raw BM25 score. */
  score: number;
  /**
   * Score relative to an average-length document containing every query term once (capped at 1), so
   * it is comparable across queries: 1 means "all my words, none missing".
   */
  normalised: number;
}

class Postings {
  docs = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;
  /** Live documents containing the term (tombstoned ones are subtracted). */
  df = 0;

  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length] = Math.min(tf, 65535);
    this.length++;
    this.df++;
  }
}

export class InvertedIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
  private docLengths = new Float32Array(1024);
  private alive = new Uint8Array(1024);
  private slots = 0;
  private liveDocs = 0;
  private totalLength = 0;
  // Scratch space reused by every search so a query allocates almost nothing.
  private scores = new Float32Array(1024);
  private touched = new Int32Array(1024);

  constructor(
    private readonly params: Bm25Params = DEFAULT_BM25,
    private readonly maxPostings = DEFAULT_MAX_POSTINGS,
  ) {}

  get size(): number {
    return this.liveDocs;
  }

  get vocabularySize(): number {
    return this.termIds.size;
  }

  /** Adds a document and returns its slot. */
  add(terms: readonly string[]): number {
    const slot = this.slots++;
    this.ensureCapacity(this.slots);
    const counts = countTerms(terms);
    for (const [term, tf] of counts) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.postings.length;
        this.termIds.set(term, id);
        this.postings.push(new Postings());
      }
      this.postings[id]!.push(slot, tf);
    }
    this.docLengths[slot] = terms.length;
    this.alive[slot] = 1;
    this.liveDocs++;
    this.totalLength += terms.length;
    return slot;
  }

  /** Tombstones a slot; `terms` must be the ones it was added with. */
  remove(slot: number, terms: readonly string[]): void {
    if (slot >= this.slots || this.alive[slot] === 0) return;
    this.alive[slot] = 0;
    this.liveDocs--;
    this.totalLength -= this.docLengths[slot]!;
    for (const term of new Set(terms)) {
      const id = this.termIds.get(term);
      if (id !== undefined) this.postings[id]!.df--;
    }
  }

  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  idf(term: string): number {
    const id = this.termIds.get(term);
    const df = id === undefined ? 0 : this.postings[id]!.df;
    return Math.log(1 + (this.liveDocs - df + 0.5) / (df + 0.5));
  }

  /**
   * The `limit` best live slots for a query, term-at-a-time into a dense accumulator. Query terms are
   * visited rarest first; once the remaining terms' best possible contribution cannot lift a new
   * document into the top `limit`, later (common, long) postings only update documents already seen
   * (a MaxScore-style cut that skips most of the work on frequent words).
   */
  search(terms: readonly string[], limit: number, accept?: (slot: number) => boolean): ScoredSlot[] {
    if (this.liveDocs === 0 || limit <= 0) return [];
    const { k1, b } = this.params;
    const avgLength = this.totalLength / this.liveDocs || 1;
    const query: { postings: Postings; idf: number; qtf: number }[] = [];
    // BM25 of an average-length document with each query term once is exactly the sum of the idfs.
    let maxPossible = 0;
    for (const [term, qtf] of countTerms(terms)) {
      const id = this.termIds.get(term);
      // A term never seen still counts toward the best possible score: an unmatched word lowers confidence.
      const df = id === undefined ? 0 : this.postings[id]!.df;
      const idf = Math.log(1 + (this.liveDocs - df + 0.5) / (df + 0.5));
      maxPossible += idf;
      if (id !== undefined && df > 0) query.push({ postings: this.postings[id]!, idf, qtf });
    }
    if (query.length === 0) return [];
    query.sort((x, y) => x.postings.length - y.postings.length);
    let budget = 0;
    for (let i = 0; i < query.length; i++) {
      budget += query[i]!.postings.length;
      // The rarest term is always kept, however long its list.
      if (i > 0 && budget > this.maxPostings) {
        query.length = i;
        break;
      }
    }
    // Upper bound of what terms i.. can still add to one document.
    const remainingBound = new Float64Array(query.length + 1);
    for (let i = query.length - 1; i >= 0; i--)
      remainingBound[i] = remainingBound[i + 1]! + query[i]!.idf * (k1 + 1);

    const scores = this.scores;
    const touched = this.touched;
    let touchedCount = 0;
    const remainingPostings = new Float64Array(query.length + 1);
    for (let i = query.length - 1; i >= 0; i--)
      remainingPostings[i] = remainingPostings[i + 1]! + query[i]!.postings.length;
    const heap = new MinHeap(limit);
    // A filter may reject documents that the running top-k counts on, so pruning is only safe without one.
    let admitNew = true;
    for (let qi = 0; qi < query.length; qi++) {
      const { postings, idf } = query[qi]!;
      const { docs, tfs, length } = postings;
      // New documents may only enter while an unseen document could still beat the current k-th score.
      if (admitNew && !accept && heap.size === limit && remainingBound[qi]! <= heap.min()) admitNew = false;
      for (let p = 0; p < length; p++) {
        const doc = docs[p]!;
        if (this.alive[doc] === 0) continue;
        const previous = scores[doc]!;
        if (previous === 0) {
          if (!admitNew) continue;
          touched[touchedCount++] = doc;
        }
        const tf = tfs[p]!;
        const norm = k1 * (1 - b + (b * this.docLengths[doc]!) / avgLength);
        scores[doc] = previous + (idf * tf * (k1 + 1)) / (tf + norm);
      }
      // Refresh the running k-th best only when the postings still to come are long enough to repay it.
      if (admitNew && !accept && qi < query.length - 1 && remainingPostings[qi + 1]! > 2 * touchedCount) {
        heap.clear();
        for (let i = 0; i < touchedCount; i++) heap.offer(touched[i]!, scores[touched[i]!]!);
      }
    }
    heap.clear();
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const score = scores[doc]!;
      scores[doc] = 0;
      if (accept && !accept(doc)) continue;
      heap.offer(doc, score);
    }
    return heap.drain().map(({ slot, score }) => ({
      slot,
      score,
      normalised: maxPossible > 0 ? Math.min(1, score / maxPossible) : 0,
    }));
  }

  private ensureCapacity(n: number): void {
    if (n <= this.docLengths.length) return;
    const size = Math.max(n, this.docLengths.length * 2);
    const lengths = new Float32Array(size);
    lengths.set(this.docLengths);
    this.docLengths = lengths;
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    this.scores = new Float32Array(size);
    this.touched = new Int32Array(size);
  }
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Fixed-capacity min-heap keeping the best `capacity` (slot, score) pairs. */
class MinHeap {
  private readonly slots: Int32Array;
  private readonly values: Float64Array;
  size = 0;

  constructor(private readonly capacity: number) {
    this.slots = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  min(): number {
    return this.size === 0 ? Number.NEGATIVE_INFINITY : this.values[0]!;
  }

  offer(slot: number, value: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.values[parent]! <= value) break;
        this.values[i] = this.values[parent]!;
        this.slots[i] = this.slots[parent]!;
        i = parent;
      }
      this.values[i] = value;
      this.slots[i] = slot;
    } else if (value > this.values[0]!) {
      this.siftDown(slot, value);
    }
  }

  /** Entries best first; empties the heap. */
  drain(): { slot: number; score: number }[] {
    const out: { slot: number; score: number }[] = [];
    while (this.size > 0) {
      out.push({ slot: this.slots[0]!, score: this.values[0]! });
      const last = --this.size;
      if (last > 0) this.siftDown(this.slots[last]!, this.values[last]!);
    }
    return out.reverse();
  }

  private siftDown(slot: number, value: number): void {
    let i = 0;
    const n = this.size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.values[right]! < this.values[left]! ? right : left;
      if (this.values[child]! >= value) break;
      this.values[i] = this.values[child]!;
      this.slots[i] = this.slots[child]!;
      i = child;
    }
    this.values[i] = value;
    this.slots[i] = slot;
  }
}
