import { existsSync, readFileSync } from 'node:fs';
import { retainResolvedCase } from '../commands/reasoning/retain-case.ts';
import { DomainError, NotFound } from '../core/errors.ts';
import {
  type ActionCatalogue,
  activeOfferRules,
  buildSuggestion,
  CaseBase,
  caseCategory,
  DEFAULT_ABSTAIN_BELOW,
  DEFAULT_CLASSIFIER_SHARE,
  DEFAULT_SUPPORT_MIX,
  DEFAULT_WEIGHTS,
  type OfferRule,
  type ResolvedCase,
  type Suggestion,
  type TrainOptions,
} from '../core/reasoning/index.ts';
import type { Database } from '../db/client.ts';
import { findLatestOfferRules, offerRulesStamp } from '../db/repositories/offer-rules.ts';
import {
  type CaseBaseRow,
  findCaseBaseRows,
  findUnretainedCases,
  loadReasoningSettings,
  type ReasoningSettings,
  type SuggestionContext,
} from '../db/repositories/reasoning.ts';
import type { Calibration } from './calibrate.ts';
import type { SentenceEmbedder } from './embeddings/embedder.ts';
import { readModelDir } from './embeddings/model-dir.ts';
import { EmbeddingReranker, type RerankerStats } from './embeddings/reranker.ts';
import { workerEmbedder } from './embeddings/worker-embedder.ts';
import { ruleOffers } from './offers.ts';
import { inlineTrainer, type Trainer, workerTrainer } from './trainer.ts';

/** Where the ABCD action-sequence catalogue is bundled (situation → ordered agent actions). */
export const DEFAULT_CATALOGUE_PATH = new URL('../../fixtures/datasets/abcd/kb.json', import.meta.url);

export type ReasoningLog = (
  level: 'debug' | 'info' | 'warn' | 'error',
  message: string,
  extra?: Record<string, unknown>,
) => void;

/**
 * Extension point for proactive offers ("a better-value plan for this customer"): a source looks at
 * the case and the suggestion and proposes offers for the agent to consider, never to send. None is
 * configured by default here; the server passes the rule-based source of src/reasoning/offers.ts.
 */
export interface ProactiveOffer {
  id: string;
  title: string;
  reason: string;
  /** Who allows this offer (see src/reasoning/offers.ts). */
  owner?: string;
}
export type ProactiveOfferSource = (context: SuggestionContext, suggestion: Suggestion) => ProactiveOffer[];

export interface ReasoningServiceOptions {
  db: Database;
  log?: ReasoningLog;
  /** Action catalogue, or a path to a JSON file of one; defaults to the bundled ABCD kb.json if present. */
  catalogue?: ActionCatalogue | URL | string | false;
  /** How often to pick up rows other processes wrote, settings changes and retrain requests (0: never). */
  syncEverySeconds?: number;
  /** Retrain once this many cases were retained or changed since the last training. */
  retrainAfterChanges?: number;
  /** `worker` (default) trains in a worker thread; `inline` on the event loop (tests). */
  trainer?: 'worker' | 'inline' | Trainer;
  trainOptions?: TrainOptions;
  /**
   * Tune the abstention rule and classifier share on held-out history at each training (default
   * true; needs ≥ 200 cases in ≥ 5 categories). An admin's stored values take precedence.
   */
  calibrate?: boolean;
  /**
   * CASEBOOK_EMBEDDINGS_MODEL: a local sentence-model directory (`model.onnx` or `onnx/model.onnx`,
   * `tokenizer.json` or `vocab.txt`) whose embeddings re-rank the similar cases. Never downloaded;
   * a missing or invalid directory is logged and the engine runs without it.
   */
  embeddingsModel?: string;
  /** How the model runs: in a worker thread (default), or a given embedder (tests). */
  embedder?: (dir: string) => SentenceEmbedder & { ready?: Promise<void> };
  /** Re-ranking time budget per suggestion in ms (default 250): past it, the engine's order stands. */
  rerankBudgetMs?: number;
  offers?: ProactiveOfferSource[];
  /** Retain resolved cases that have no case-base row yet, after start (default true). */
  backfill?: boolean;
}

export interface ReasoningStatus {
  ready: boolean;
  cases: number;
  tombstones: number;
  model: { examples: number; categories: number; trainedAt: string; trainingMs: number } | null;
  calibration: Calibration | null;
  training: boolean;
  lastSyncAt: string | null;
  /** The neural re-ranker, when CASEBOOK_EMBEDDINGS_MODEL is set. */
  reranker: (RerankerStats & { model: string; state: 'loading' | 'ready' | 'failed' }) | null;
}

const PAGE = 2000;
/** Rows written by slower transactions can become visible after the cursor passed them: re-read this window. */
const OVERLAP_MS = 30_000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Owns this process's in-memory CaseBase: builds it from `case_base` at start (in the background;
 * until then suggestions answer 503 `reasoning.warming_up`), keeps it in step with rows any process
 * writes, applies the admin's settings, and retrains the classifier off the event loop.
 */
export class ReasoningService {
  readonly db: Database;
  private readonly log: ReasoningLog;
  private base: CaseBase | undefined;
  private catalogue: ActionCatalogue = {};
  private readonly offers: ProactiveOfferSource[];
  private readonly trainer: Trainer;
  private readonly trainOptions: TrainOptions;
  private readonly retrainAfter: number;
  private readonly syncEveryMs: number;
  private cursor: Date | undefined;
  private readonly seen = new Map<string, number>();
  private settingsVersion = 0;
  private retrainRequestedAt = 0;
  private changesSinceTraining = 0;
  private training: Promise<void> | undefined;
  private modelInfo: ReasoningStatus['model'] = null;
  private calibration: Calibration | undefined;
  private settings: ReasoningSettings | undefined;
  private lastSyncAt: Date | undefined;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private stopped = false;
  private readonly pending = new Set<Promise<unknown>>();
  private reranker: EmbeddingReranker | undefined;
  /** Offer rules admins keep in the database (`offer_rule_versions`), beside `options.offers`. */
  private storedOfferRules: OfferRule[] = [];
  private offerRulesSeq = -1;
  private rerankerInfo:
    | { model: string; state: 'loading' | 'ready' | 'failed'; close: () => Promise<void> }
    | undefined;

  constructor(private readonly options: ReasoningServiceOptions) {
    this.db = options.db;
    this.log = options.log ?? (() => {});
    this.offers = options.offers ?? [];
    this.trainOptions = options.trainOptions ?? {};
    this.retrainAfter = options.retrainAfterChanges ?? 200;
    this.syncEveryMs = (options.syncEverySeconds ?? 10) * 1000;
    const t = options.trainer ?? 'worker';
    this.trainer = t === 'worker' ? workerTrainer() : t === 'inline' ? inlineTrainer() : t;
    if (options.embeddingsModel) this.startReranker(options.embeddingsModel);
  }

  /**
   * The optional neural re-ranker: a local ONNX sentence model, loaded in a worker thread. A missing or
   * invalid directory is one warning and the built-in engine carries on alone; nothing is downloaded.
   */
  private startReranker(dir: string): void {
    const fail = (why: string) =>
      this.log(
        'warn',
        `reasoning: CASEBOOK_EMBEDDINGS_MODEL ignored, continuing without the neural re-ranker (nothing is downloaded): ${why}`,
        { embeddingsModel: dir },
      );
    let embedder: SentenceEmbedder & { ready?: Promise<void> };
    try {
      const files = readModelDir(dir); // fail fast, with a clear message, on a wrong path
      embedder = (this.options.embedder ?? workerEmbedder)(files.dir);
    } catch (err) {
      fail((err as Error).message);
      return;
    }
    const info = {
      model: dir,
      state: 'loading' as 'loading' | 'ready' | 'failed',
      close: () => embedder.close(),
    };
    this.rerankerInfo = info;
    const reranker = new EmbeddingReranker({
      embedder,
      log: (level, message, extra) => this.log(level, message, extra),
      ...(this.options.rerankBudgetMs !== undefined ? { budgetMs: this.options.rerankBudgetMs } : {}),
    });
    this.reranker = reranker;
    const ready = embedder.ready ?? Promise.resolve();
    void ready.then(
      () => {
        info.state = 'ready';
        this.log('info', 'reasoning: neural re-ranker ready', { embeddingsModel: dir });
      },
      (err: Error) => {
        info.state = 'failed';
        reranker.disable(err.message);
        fail(err.message);
      },
    );
  }

  get ready(): boolean {
    return this.base !== undefined;
  }

  /** Builds the case base in the background; resolves when it can answer. Safe to call twice. */
  start(): Promise<void> {
    this.starting ??= this.build().catch((err: Error) => {
      this.log('error', `reasoning: building the case base failed: ${err.message}`);
      this.starting = undefined;
      throw err;
    });
    return this.starting;
  }

  private async build(): Promise<void> {
    const started = performance.now();
    this.catalogue = loadCatalogue(this.options.catalogue, this.log);
    const base = new CaseBase({ actionCatalogue: this.catalogue });
    const settings = await loadReasoningSettings(this.db.db);
    this.settings = settings;
    applySettings(base, settings, this.calibration);
    this.settingsVersion = settings.version;
    this.retrainRequestedAt = settings.retrainRequestedAt?.getTime() ?? 0;
    await this.reloadOfferRules();
    // Page by (updated_at, case_id), yielding between pages so requests keep flowing.
    let after: { updatedAt: Date; caseId: string } | undefined;
    for (;;) {
      const page = await findCaseBaseRows(this.db.db, after, PAGE);
      for (const row of page) this.applyTo(base, row);
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { updatedAt: last.updatedAt, caseId: last.caseId };
      await new Promise((r) => setImmediate(r));
    }
    if (this.stopped) return;
    this.base = base;
    this.changesSinceTraining = 0;
    this.log('info', 'reasoning: case base ready', {
      cases: base.size,
      ms: Math.round(performance.now() - started),
    });
    await this.sync(); // whatever was written while we loaded
    if (this.syncEveryMs > 0 && !this.stopped) {
      this.timer = setInterval(() => void this.sync().catch(() => {}), this.syncEveryMs);
      this.timer.unref();
    }
    this.track(this.retrain().catch(() => {}));
    if (this.options.backfill !== false) {
      this.track(
        this.backfill().catch((err: Error) => this.log('warn', `reasoning: backfill: ${err.message}`)),
      );
    }
  }

  /**
   * Retains resolved cases that have no case-base row (resolved before this feature, or loaded in bulk
   * without events, like the demo seeder). Idempotent; several processes may run it at once.
   */
  async backfill(batch = 200): Promise<number> {
    let retained = 0;
    const skipped = new Set<string>();
    while (!this.stopped) {
      const ids = (await findUnretainedCases(this.db.db, batch + skipped.size)).filter(
        (id) => !skipped.has(id),
      );
      if (ids.length === 0) break;
      const written = [];
      for (const id of ids) {
        const row = await retainResolvedCase(this.db, id);
        if (row) written.push(row);
        else skipped.add(id); // no customer text: nothing to learn from
      }
      this.applyRows(written);
      retained += written.length;
      if (skipped.size > 10_000) break; // a pathological history: the rest waits for the next start
    }
    if (retained > 0) {
      this.log('info', 'reasoning: retained earlier resolved cases', { cases: retained });
      await this.retrain();
    }
    return retained;
  }

  /** The engine, or 503 while it is still being built. */
  private requireBase(): CaseBase {
    if (!this.base) {
      throw new DomainError(
        'reasoning.warming_up',
        'The case base is still being loaded; try again in a few seconds.',
      );
    }
    return this.base;
  }

  /**
   * Suggestion for a case; the case itself (if it was resolved before and reopened) is never its own
   * evidence. With a neural re-ranker the similar cases are re-ordered first (within its time budget).
   */
  async suggest(
    context: SuggestionContext,
    k = 10,
  ): Promise<{ suggestion: Suggestion; offers: ProactiveOffer[] }> {
    const base = this.requireBase();
    const retrieval = base.retrieve(context.query, { k: k + 1 });
    let filtered = {
      ...retrieval,
      cases: retrieval.cases.filter((c) => c.case.id !== context.caseId).slice(0, k),
    };
    if (this.reranker && !filtered.abstained)
      filtered = await this.reranker.rerank(filtered, context.query.text);
    const suggestion = buildSuggestion(
      filtered,
      { query: context.query, customer: context.customer, actionsTaken: context.actionsTaken },
      this.catalogue,
    );
    const sources = [...this.offers, ruleOffers(this.storedOfferRules)];
    const offers = suggestion.abstained ? [] : sources.flatMap((source) => source(context, suggestion));
    return { suggestion, offers };
  }

  /**
   * Re-reads the offer rules admins keep (each rule's latest version unless retired). Called at start,
   * after this process saved a rule, and by the sync when another process did. A failure keeps the
   * rules already loaded (logged); the next sync tries again.
   */
  async reloadOfferRules(): Promise<void> {
    try {
      const seq = await offerRulesStamp(this.db.db);
      const latest = await findLatestOfferRules(this.db.db);
      this.storedOfferRules = activeOfferRules(latest);
      this.offerRulesSeq = seq;
    } catch (err) {
      this.log(
        'warn',
        `reasoning: cannot load the offer rules, keeping the previous ones: ${(err as Error).message}`,
      );
    }
  }

  /** The stored offer rules in force in this process (for status and tests). */
  offerRules(): readonly OfferRule[] {
    return this.storedOfferRules;
  }

  /**
   * Brings rows from the database into memory. A row whose problem and solution are unchanged only
   * updates outcome and feedback in place (no re-indexing); anything else is retained again.
   * Applying the same row twice changes nothing.
   */
  applyRows(rows: readonly (CaseBaseRow & { caseId?: string })[]): void {
    const base = this.base;
    for (const row of rows) {
      if (base) this.applyTo(base, row);
      if (!this.cursor || row.updatedAt > this.cursor) this.cursor = row.updatedAt;
    }
  }

  private applyTo(base: CaseBase, row: CaseBaseRow): void {
    const record = row.record;
    const stamp = row.updatedAt.getTime();
    if (this.seen.get(record.id) === stamp) return;
    this.seen.set(record.id, stamp);
    if (!this.cursor || row.updatedAt > this.cursor) this.cursor = row.updatedAt;
    let current: ResolvedCase | undefined;
    try {
      current = base.getCase(record.id);
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
    }
    if (current && sameCase(current, record)) {
      if (stableJson(current.outcome ?? {}) !== stableJson(record.outcome ?? {})) {
        base.updateOutcome(record.id, record.outcome ?? {});
      }
      const before = current.feedback ?? { accepted: 0, edited: 0, rejected: 0 };
      const after = record.feedback ?? { accepted: 0, edited: 0, rejected: 0 };
      const deltas = (['accepted', 'edited', 'rejected'] as const).map((v) => after[v] - before[v]);
      if (deltas.every((d) => d >= 0)) {
        (['accepted', 'edited', 'rejected'] as const).forEach((v, i) => {
          for (let n = 0; n < deltas[i]!; n++) base.recordFeedback([record.id], v);
        });
        return;
      }
    }
    base.retain(record);
    this.changesSinceTraining++;
  }

  /** Picks up rows other processes wrote, settings changes and retrain requests. Single-flight. */
  sync(): Promise<void> {
    this.syncing ??= this.syncOnce().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const base = this.base;
    if (!base || this.stopped) return;
    const from = new Date((this.cursor?.getTime() ?? 0) - OVERLAP_MS);
    let after: { updatedAt: Date; caseId: string } = { updatedAt: from, caseId: ZERO_UUID };
    for (;;) {
      const page = await findCaseBaseRows(this.db.db, after, PAGE);
      this.applyRows(page);
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { updatedAt: last.updatedAt, caseId: last.caseId };
    }
    const settings = await loadReasoningSettings(this.db.db);
    if (settings.version !== this.settingsVersion) this.applySettings(settings);
    if ((await offerRulesStamp(this.db.db)) !== this.offerRulesSeq) await this.reloadOfferRules();
    const requested = settings.retrainRequestedAt?.getTime() ?? 0;
    // Retrain when asked (the job), after `retrainAfter` changes, or sooner while the base is small
    // (a tenth of it changed, or no model yet): small trainings take milliseconds in the worker.
    const changes = this.changesSinceTraining;
    const wantRetrain =
      requested > this.retrainRequestedAt ||
      changes >= this.retrainAfter ||
      (changes > 0 && (changes >= base.size / 10 || this.modelInfo === null));
    this.retrainRequestedAt = Math.max(this.retrainRequestedAt, requested);
    if (base.tombstones > 1000 && base.tombstones > base.size / 10 && base.size <= 200_000) {
      const started = performance.now();
      base.compact(); // O(cases) on this thread: ~0.3 s per 10⁵ cases; larger bases wait for a restart
      this.log('info', 'reasoning: compacted the index', { ms: Math.round(performance.now() - started) });
    }
    this.lastSyncAt = new Date();
    if (wantRetrain) this.track(this.retrain().catch(() => {}));
  }

  applySettings(settings: ReasoningSettings): void {
    if (settings.version < this.settingsVersion) return;
    this.settings = settings;
    if (this.base) applySettings(this.base, settings, this.calibration);
    this.settingsVersion = settings.version;
  }

  /** Trains a new classifier off the event loop and swaps it in; single-flight. */
  retrain(): Promise<void> {
    this.training ??= this.trainOnce().finally(() => {
      this.training = undefined;
    });
    return this.training;
  }

  private async trainOnce(): Promise<void> {
    const base = this.base;
    if (!base || this.stopped) return;
    const examples: { text: string; label: string }[] = [];
    for (const r of base.records()) {
      const label = caseCategory(r);
      if (label !== undefined && r.text) examples.push({ text: r.text, label });
    }
    this.changesSinceTraining = 0;
    if (new Set(examples.map((e) => e.label)).size < 2) return; // the vote of similar cases suffices
    try {
      const { model, calibration, ms } = await this.trainer.train(
        examples,
        this.trainOptions,
        this.options.calibrate !== false,
      );
      if (this.stopped) return;
      base.setModel(model);
      if (calibration) {
        this.calibration = calibration;
        if (this.settings) applySettings(base, this.settings, calibration);
        this.log('info', 'reasoning: abstention calibrated on held-out history', { ...calibration });
      }
      this.modelInfo = {
        examples: model.examples,
        categories: model.labels.length,
        trainedAt: new Date().toISOString(),
        trainingMs: Math.round(ms),
      };
      this.log('info', 'reasoning: classifier retrained', this.modelInfo);
    } catch (err) {
      this.log('warn', `reasoning: training failed, keeping the previous model: ${(err as Error).message}`);
      throw err;
    }
  }

  /** Logs through the service's logger (reactions and jobs use it). */
  report(level: Parameters<ReasoningLog>[0], message: string, extra?: Record<string, unknown>): void {
    this.log(level, message, extra);
  }

  status(): ReasoningStatus {
    return {
      ready: this.ready,
      cases: this.base?.size ?? 0,
      tombstones: this.base?.tombstones ?? 0,
      model: this.modelInfo,
      calibration: this.calibration ?? null,
      training: this.training !== undefined,
      lastSyncAt: this.lastSyncAt?.toISOString() ?? null,
      reranker:
        this.reranker && this.rerankerInfo
          ? { model: this.rerankerInfo.model, state: this.rerankerInfo.state, ...this.reranker.status() }
          : null,
    };
  }

  /** Effective weights and abstention (admin settings over the engine's defaults). */
  effective() {
    const base = this.base;
    return {
      weights: base?.getWeights() ?? { ...DEFAULT_WEIGHTS },
      abstainBelow: base?.abstainBelow ?? DEFAULT_ABSTAIN_BELOW,
      supportMix: base?.supportMix ?? DEFAULT_SUPPORT_MIX,
      classifierShare: base?.classifierShare ?? DEFAULT_CLASSIFIER_SHARE,
    };
  }

  /** Keeps a background promise (an event reaction, a training) so tests and shutdown can wait for it. */
  track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p)).catch(() => {});
    return p;
  }

  /** Resolves when no reaction or training is in flight. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.pending]);
    await this.trainer.close();
    await this.rerankerInfo?.close().catch(() => {});
  }
}

/** Precedence: the admin's stored value, else what calibration chose on this history, else the engine default. */
function applySettings(base: CaseBase, s: ReasoningSettings, calibration: Calibration | undefined): void {
  base.setWeights({ ...DEFAULT_WEIGHTS, ...s.weights });
  base.configure({
    abstainBelow: s.abstainBelow ?? calibration?.threshold ?? DEFAULT_ABSTAIN_BELOW,
    supportMix: s.supportMix ?? calibration?.mix ?? DEFAULT_SUPPORT_MIX,
    classifierShare: s.classifierShare ?? calibration?.share ?? DEFAULT_CLASSIFIER_SHARE,
  });
}

function loadCatalogue(given: ReasoningServiceOptions['catalogue'], log: ReasoningLog): ActionCatalogue {
  if (given === false) return {};
  if (given && typeof given === 'object' && !(given instanceof URL)) return given;
  const path = given ?? DEFAULT_CATALOGUE_PATH;
  if (!existsSync(path)) return {};
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const catalogue: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(data)) {
      if (Array.isArray(v) && v.every((s) => typeof s === 'string')) catalogue[k] = v;
    }
    return catalogue;
  } catch (err) {
    log('warn', `reasoning: cannot read the action catalogue ${String(path)}: ${(err as Error).message}`);
    return {};
  }
}

/** Problem and solution equal (outcome and feedback aside), whatever the key order jsonb chose. */
function sameCase(a: ResolvedCase, b: ResolvedCase): boolean {
  const core = ({ outcome: _o, feedback: _f, ...rest }: ResolvedCase) => rest;
  return stableJson(core(a)) === stableJson(core(b));
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}
