import { InvalidInput, NotFound } from '../errors.ts';
import {
  type CaseOutcome,
  caseCategory,
  type FeedbackVerdict,
  type ResolvedCase,
  reliabilityBoost,
} from './case-record.ts';
import {
  type ClassifierModel,
  predictProbabilities,
  type TrainOptions,
  trainClassifier,
} from './classifier.ts';
import { type Bm25Params, DEFAULT_BM25, InvertedIndex } from './inverted-index.ts';
import { type ActionCatalogue, buildSuggestion, type SuggestInput, type Suggestion } from './suggest.ts';
import { indexTerms, surfaceWords } from './text.ts';

/** Admin-settable weights of the hybrid similarity (see docs/reasoning.md). */
export interface SimilarityWeights {
  /** BM25 text similarity, normalised to 0..1 per query. */
  text: number;
  /** The classifier's probability for the case's category. */
  classifier: number;
  product: number;
  category: number;
  channel: number;
  tier: number;
  /** Per matching free-form attribute. */
  attribute: number;
}

export const DEFAULT_WEIGHTS: SimilarityWeights = {
  text: 1,
  classifier: 0.5,
  product: 0.2,
  category: 0.2,
  channel: 0.05,
  tier: 0.05,
  attribute: 0.05,
};

export interface CaseBaseOptions {
  weights?: Partial<SimilarityWeights>;
  bm25?: Bm25Params;
  /** Abstain ("no similar case") when the support score is below this. Tune with `tuneAbstention`. */
  abstainBelow?: number;
  /** Weight of category confidence against text closeness in the support score (0..1). */
  supportMix?: number;
  /** BM25 candidates re-scored by the hybrid formula. */
  candidatePool?: number;
  /** Nearest cases that vote on the category. */
  voters?: number;
  /** Share of the classifier in the category distribution (the rest is the neighbours' vote). */
  classifierShare?: number;
  /** Ordered actions per situation (category), used by `suggest`. */
  actionCatalogue?: ActionCatalogue;
}

/**
 * Default abstention rule, derived from the calibration splits `casebook eval` runs (a fifth of the
 * labels held out of training): on banking77 it chose support < 0.345–0.395 at mix 0.75, on
 * bitext-intent 0.58–0.64. The default takes the lower, so an untuned deployment errs on the side of
 * answering. Tune per deployment with `tuneAbstention` on its own history (docs/reasoning.md).
 */
export const DEFAULT_ABSTAIN_BELOW = 0.35;
export const DEFAULT_SUPPORT_MIX = 0.75;

/**
 * Share of the classifier in the category distribution when nothing has been tuned. The classifier
 * alone beat the neighbours' vote alone on both bundled sets (docs/reasoning.md), and an even blend is
 * the cautious middle; `tuneClassifierShare` picks it on held-out cases.
 */
export const DEFAULT_CLASSIFIER_SHARE = 0.5;

export interface CaseQuery {
  /** The customer's words. */
  text: string;
  channel?: string;
  product?: string;
  tier?: string;
  /** A category already chosen by triage, if any. */
  category?: string;
  attributes?: Record<string, string>;
}

export interface RetrieveOptions {
  k?: number;
}

export interface RetrievedCase {
  case: ResolvedCase;
  /** Hybrid score used for ranking. */
  score: number;
  /** Normalised BM25 similarity (0..1). */
  textSimilarity: number;
  /** Why it matched. */
  sharedTerms: string[];
  matchingAttributes: string[];
}

export interface CategoryScore {
  category: string;
  /** Combined probability (classifier and neighbours' vote). */
  probability: number;
}

export interface Retrieval {
  cases: RetrievedCase[];
  /** Categories best first. */
  categories: CategoryScore[];
  /** Probability of the best category (0..1). */
  confidence: number;
  /** Normalised text similarity of the closest case (0..1). */
  closeness: number;
  /** Evidence that the best category is right and that something similar exists (0..1). */
  support: number;
  /** True when nothing is close enough: say "no similar case" rather than guess. */
  abstained: boolean;
}

interface Entry {
  record: ResolvedCase;
  slot: number;
}

/**
 * The in-memory case base: retain → retrieve. Cases can be added, updated and removed one at a time
 * (the server replays persisted `records()` at start); the classifier is trained on demand into an
 * immutable snapshot and installed with `setModel`, so retrieval never waits for training.
 */
export class CaseBase {
  private index: InvertedIndex;
  private readonly bm25: Bm25Params;
  private readonly byId = new Map<string, Entry>();
  private bySlot: (ResolvedCase | undefined)[] = [];
  private weights: SimilarityWeights;
  private model: ClassifierModel | undefined;
  private readonly options: Required<Omit<CaseBaseOptions, 'weights' | 'bm25' | 'actionCatalogue'>>;
  private catalogue: ActionCatalogue;

  constructor(options: CaseBaseOptions = {}) {
    this.bm25 = options.bm25 ?? DEFAULT_BM25;
    this.index = new InvertedIndex(this.bm25);
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    this.catalogue = options.actionCatalogue ?? {};
    this.options = {
      abstainBelow: options.abstainBelow ?? DEFAULT_ABSTAIN_BELOW,
      supportMix: options.supportMix ?? DEFAULT_SUPPORT_MIX,
      candidatePool: options.candidatePool ?? 50,
      voters: options.voters ?? 10,
      classifierShare: options.classifierShare ?? DEFAULT_CLASSIFIER_SHARE,
    };
  }

  static fromRecords(records: Iterable<ResolvedCase>, options: CaseBaseOptions = {}): CaseBase {
    const base = new CaseBase(options);
    for (const r of records) base.retain(r);
    return base;
  }

  get size(): number {
    return this.byId.size;
  }

  get abstainBelow(): number {
    return this.options.abstainBelow;
  }

  get supportMix(): number {
    return this.options.supportMix;
  }

  get classifierShare(): number {
    return this.options.classifierShare;
  }

  /** Installs a tuned abstention rule (see `tuneAbstention`). */
  setAbstention(rule: { threshold: number; mix: number }): void {
    this.configure({ abstainBelow: rule.threshold, supportMix: rule.mix });
  }

  /** Changes tuning knobs at run time (admin settings, or values chosen on held-out data). */
  configure(
    options: Partial<Pick<CaseBaseOptions, 'abstainBelow' | 'supportMix' | 'classifierShare'>>,
  ): void {
    for (const [k, v] of Object.entries(options)) {
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw new InvalidInput('reasoning.invalid_setting', `${k} must be a number from 0 to 1.`, {
          setting: k,
        });
      }
      this.options[k as 'abstainBelow' | 'supportMix' | 'classifierShare'] = v;
    }
  }

  getWeights(): SimilarityWeights {
    return { ...this.weights };
  }

  setWeights(weights: Partial<SimilarityWeights>): void {
    for (const [k, v] of Object.entries(weights)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new InvalidInput('reasoning.invalid_weight', `Weight ${k} must be a number ≥ 0.`, {
          weight: k,
        });
      }
    }
    this.weights = { ...this.weights, ...weights };
  }

  /** Adds a resolved case, or replaces the case with the same id. */
  retain(record: ResolvedCase): void {
    if (!record.id || typeof record.text !== 'string') {
      throw new InvalidInput('reasoning.invalid_case', 'A case needs an id and the customer’s text.');
    }
    if (this.byId.has(record.id)) this.remove(record.id);
    const slot = this.index.add(indexTerms(record.text));
    this.bySlot[slot] = record;
    this.byId.set(record.id, { record, slot });
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) throw new NotFound('case', id);
    // Terms are recomputed rather than stored: analysis is deterministic and this keeps memory flat.
    this.index.remove(entry.slot, indexTerms(entry.record.text));
    this.bySlot[entry.slot] = undefined;
    this.byId.delete(id);
  }

  /** Slots left behind by removed or replaced cases; `compact()` reclaims them. */
  get tombstones(): number {
    return this.bySlot.length - this.byId.size;
  }

  /**
   * Rebuilds the index from the live cases, dropping tombstoned postings. O(cases) — run it in a
   * quiet moment (or rebuild from `records()` elsewhere and swap), never on the request path.
   */
  compact(): void {
    const index = new InvertedIndex(this.bm25);
    const bySlot: (ResolvedCase | undefined)[] = [];
    for (const entry of this.byId.values()) {
      entry.slot = index.add(indexTerms(entry.record.text));
      bySlot[entry.slot] = entry.record;
    }
    this.index = index;
    this.bySlot = bySlot;
  }

  getCase(id: string): ResolvedCase {
    const entry = this.byId.get(id);
    if (!entry) throw new NotFound('case', id);
    return entry.record;
  }

  /** Every live case, for persistence or a rebuild. */
  records(): ResolvedCase[] {
    return [...this.byId.values()].map((e) => e.record);
  }

  updateOutcome(id: string, outcome: CaseOutcome): ResolvedCase {
    const entry = this.byId.get(id);
    if (!entry) throw new NotFound('case', id);
    const record = { ...entry.record, outcome: { ...entry.record.outcome, ...outcome } };
    this.replaceRecord(entry, record);
    return record;
  }

  /** An agent's verdict on a suggestion built from these cases; shifts their reliability. */
  recordFeedback(caseIds: readonly string[], verdict: FeedbackVerdict): void {
    for (const id of caseIds) {
      const entry = this.byId.get(id);
      if (!entry) continue; // the case may have been removed since the suggestion was made
      const feedback = { accepted: 0, edited: 0, rejected: 0, ...entry.record.feedback };
      feedback[verdict]++;
      this.replaceRecord(entry, { ...entry.record, feedback });
    }
  }

  /** Trains a classifier on the current labelled cases. Pure: install the result with `setModel`. */
  train(options: TrainOptions = {}): ClassifierModel | undefined {
    const examples: { text: string; label: string }[] = [];
    for (const { record } of this.byId.values()) {
      const label = caseCategory(record);
      if (label !== undefined) examples.push({ text: record.text, label });
    }
    if (new Set(examples.map((e) => e.label)).size < 2) return undefined;
    return trainClassifier(examples, options);
  }

  setModel(model: ClassifierModel | undefined): void {
    this.model = model;
  }

  get currentModel(): ClassifierModel | undefined {
    return this.model;
  }

  retrieve(query: CaseQuery, options: RetrieveOptions = {}): Retrieval {
    const k = options.k ?? 5;
    const terms = indexTerms(query.text);
    const pool = this.index.search(terms, Math.max(this.options.candidatePool, k));
    const classifier = this.model ? classifierDistribution(this.model, query.text) : undefined;

    // Category distribution: a similarity-weighted vote of the nearest cases, blended with the classifier.
    const vote = new Map<string, number>();
    let voteTotal = 0;
    for (const hit of pool.slice(0, this.options.voters)) {
      const record = this.bySlot[hit.slot]!;
      const category = caseCategory(record);
      if (category === undefined) continue;
      const w = hit.normalised * hit.normalised * reliabilityBoost(record);
      vote.set(category, (vote.get(category) ?? 0) + w);
      voteTotal += w;
    }
    const combined = new Map<string, number>();
    const share = classifier ? (voteTotal > 0 ? this.options.classifierShare : 1) : 0;
    if (classifier) for (const [c, p] of classifier) combined.set(c, share * p);
    if (voteTotal > 0) {
      for (const [c, w] of vote) combined.set(c, (combined.get(c) ?? 0) + ((1 - share) * w) / voteTotal);
    }
    const categories = [...combined.entries()]
      .map(([category, probability]) => ({ category, probability }))
      .sort((a, b) => b.probability - a.probability || a.category.localeCompare(b.category));

    const queryTerms = new Set(terms);
    const w = this.weights;
    const scored = pool.map((hit) => {
      const record = this.bySlot[hit.slot]!;
      const category = caseCategory(record);
      const matchingAttributes = matchAttributes(query, record);
      let score = w.text * hit.normalised;
      if (category !== undefined) score += w.classifier * (combined.get(category) ?? 0);
      for (const a of matchingAttributes) score += attributeWeight(w, a);
      return {
        record,
        score: score * reliabilityBoost(record),
        textSimilarity: hit.normalised,
        matchingAttributes,
      };
    });
    scored.sort((a, b) => b.score - a.score || a.record.id.localeCompare(b.record.id));
    const cases = scored.slice(0, k).map((s) => {
      const words = surfaceWords(s.record.text);
      return {
        case: s.record,
        score: s.score,
        textSimilarity: s.textSimilarity,
        // Shown to agents: the past case's own words ("charged twice"), not index stems.
        sharedTerms: indexTerms(s.record.text)
          .filter((t, i, all) => queryTerms.has(t) && all.indexOf(t) === i)
          .map((t) =>
            t
              .split('_')
              .map((part) => words.get(part) ?? part)
              .join(' '),
          ),
        matchingAttributes: s.matchingAttributes,
      };
    });

    const confidence = categories[0]?.probability ?? 0;
    const closeness = pool[0]?.normalised ?? 0;
    const support = supportScore(confidence, closeness, this.options.supportMix);
    return {
      cases,
      categories,
      confidence,
      closeness,
      support,
      abstained: support < this.options.abstainBelow,
    };
  }

  /** Retrieve, then propose category, actions, reply, next action and follow-up risk. */
  suggest(input: SuggestInput, options: RetrieveOptions = {}): Suggestion {
    return buildSuggestion(this.retrieve(input.query, { k: options.k ?? 10 }), input, this.catalogue);
  }

  setActionCatalogue(catalogue: ActionCatalogue): void {
    this.catalogue = catalogue;
  }

  private replaceRecord(entry: Entry, record: ResolvedCase): void {
    entry.record = record;
    this.bySlot[entry.slot] = record;
  }
}

/**
 * One number for "is there a case like this?": a weighted geometric mean of how sure we are of the
 * category and how close the nearest case's words are. Either alone can be fooled — a confident
 * classifier on an unseen topic, or a near-duplicate wording of a different problem — and which one
 * is the better witness depends on the domain, so `mix` is tuned on held-out data with the threshold.
 */
export function supportScore(confidence: number, closeness: number, mix = DEFAULT_SUPPORT_MIX): number {
  const c = Math.max(0, Math.min(1, confidence));
  const t = Math.max(0, Math.min(1, closeness));
  return c ** mix * t ** (1 - mix);
}

function classifierDistribution(model: ClassifierModel, text: string): Map<string, number> {
  const probs = predictProbabilities(model, text);
  const out = new Map<string, number>();
  model.labels.forEach((label, i) => {
    out.set(label, probs[i]!);
  });
  return out;
}

function matchAttributes(query: CaseQuery, record: ResolvedCase): string[] {
  const out: string[] = [];
  if (query.product !== undefined && query.product === record.product) out.push('product');
  if (query.category !== undefined && query.category === caseCategory(record)) out.push('category');
  if (query.channel !== undefined && query.channel === record.channel) out.push('channel');
  if (query.tier !== undefined && query.tier === record.tier) out.push('tier');
  // Prefixed so a free-form attribute called "product" cannot pass for the built-in one.
  for (const [k, v] of Object.entries(query.attributes ?? {})) {
    if (record.attributes?.[k] === v) out.push(`attributes.${k}`);
  }
  return out;
}

function attributeWeight(w: SimilarityWeights, attribute: string): number {
  switch (attribute) {
    case 'product':
      return w.product;
    case 'category':
      return w.category;
    case 'channel':
      return w.channel;
    case 'tier':
      return w.tier;
    default:
      return w.attribute;
  }
}
