import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseBase } from '../../core/reasoning/index.ts';
import { loadSentenceEmbedder, type SentenceEmbedder } from './embedder.ts';
import { readModelDir } from './model-dir.ts';
import { lookupModel, tokenizerJson } from './onnx-model.test-support.ts';
import { EmbeddingReranker, Lru } from './reranker.ts';
import { workerEmbedder } from './worker-embedder.ts';

// A hand-built "sentence model": each token's hidden state is its row of this table, so the mean-pooled
// embedding of a text is computable by hand. Dimensions: 0 = lateness, 1 = damage, 2 = parcel.
const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'parcel',
  'late',
  'arrived',
  'damaged',
  'not',
  'box',
  'still',
];
const TABLE: Record<string, number[]> = {
  parcel: [0, 0, 1],
  late: [1, 0, 0],
  arrived: [1, 0, 0],
  damaged: [0, 1, 0],
  box: [0, 1, 0],
};
const table = VOCAB.map((t) => TABLE[t] ?? [0, 0, 0]);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function modelDir(layout: 'flat' | 'hf' = 'flat', opts: { tokenTypes?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-model-'));
  dirs.push(dir);
  const modelPath = layout === 'hf' ? join(dir, 'onnx', 'model.onnx') : join(dir, 'model.onnx');
  if (layout === 'hf') mkdirSync(join(dir, 'onnx'));
  writeFileSync(modelPath, lookupModel(table, opts));
  writeFileSync(join(dir, 'tokenizer.json'), tokenizerJson(VOCAB));
  return dir;
}

/** 1/√2 to the 4 decimals `close` compares at. */
const R = Math.round(Math.SQRT1_2 * 1e4) / 1e4;
const close = (v: Float32Array, expected: number[]) =>
  expect(Array.from(v).map((x) => Math.round(x * 1e4) / 1e4)).toEqual(expected);

describe('sentence embeddings from a local ONNX model', () => {
  it('mean-pools the last hidden state over the attention mask and L2-normalises it', async () => {
    const embedder = await loadSentenceEmbedder(modelDir('flat', { tokenTypes: true }));
    // [CLS] parcel late [SEP]: (0,0,0)+(0,0,1)+(1,0,0)+(0,0,0) / 4 = (.25, 0, .25) → unit length.
    const [one, padded] = await embedder.embed(['parcel late', 'parcel late parcel late parcel late']);
    close(one!, [R, 0, R]);
    close(padded!, [R, 0, R]);
    // In a batch with a longer text the padding is masked out: the same vector as alone.
    const [alone] = await embedder.embed(['damaged']);
    const [inBatch] = await embedder.embed(['damaged', 'parcel still not arrived late late']);
    close(alone!, [0, 1, 0]);
    close(inBatch!, [0, 1, 0]);
    await embedder.close();
  });

  it('finds onnx/model.onnx (the Hugging Face layout) and refuses a missing or corrupt model in one line', async () => {
    const hf = modelDir('hf');
    expect(readModelDir(hf).model).toBe(join(hf, 'onnx', 'model.onnx'));
    expect(() => readModelDir(join(hf, 'nope'))).toThrow(/is not a directory/);
    const empty = mkdtempSync(join(tmpdir(), 'casebook-model-'));
    dirs.push(empty);
    expect(() => readModelDir(empty)).toThrow(/has no model\.onnx/);
    const corrupt = modelDir();
    writeFileSync(join(corrupt, 'model.onnx'), 'not a protobuf at all');
    await expect(loadSentenceEmbedder(corrupt)).rejects.toThrow(/is not a model this runtime can load/);
    const noTokenizer = modelDir();
    rmSync(join(noTokenizer, 'tokenizer.json'));
    expect(() => readModelDir(noTokenizer)).toThrow(/no tokenizer\.json nor vocab\.txt/);
    const lengths = modelDir();
    writeFileSync(join(lengths, 'tokenizer.json'), tokenizerJson(VOCAB, { maxLength: 128 }));
    expect(readModelDir(lengths).tokenizer.options.maxLength).toBe(128);
    // sentence-transformers' own length wins over the tokenizer's default truncation, capped by the model.
    writeFileSync(join(lengths, 'sentence_bert_config.json'), JSON.stringify({ max_seq_length: 256 }));
    expect(readModelDir(lengths).tokenizer.options.maxLength).toBe(256);
    writeFileSync(join(lengths, 'config.json'), JSON.stringify({ max_position_embeddings: 200 }));
    expect(readModelDir(lengths).tokenizer.options.maxLength).toBe(200);
    writeFileSync(join(noTokenizer, 'vocab.txt'), VOCAB.join('\n'));
    expect(readModelDir(noTokenizer).tokenizer.vocabSize).toBe(VOCAB.length);
  });

  it('re-ranks similar cases toward the semantically closer one', async () => {
    const base = CaseBase.fromRecords([
      { id: 'damaged', text: 'parcel damaged box parcel', solution: { category: 'delivery' } },
      { id: 'missing', text: 'parcel still not arrived', solution: { category: 'delivery' } },
    ]);
    const before = base.retrieve({ text: 'parcel late' });
    expect(before.cases.map((c) => c.case.id)).toEqual(['damaged', 'missing']);
    const embedder = await loadSentenceEmbedder(modelDir());
    const reranker = new EmbeddingReranker({ embedder, share: 0.8 });
    const after = await reranker.rerank(before, 'parcel late');
    // cos(q, missing) = (.25,0,.25)·(.25,0,.25)/… = 1 against cos(q, damaged) ≈ 0.67: "late" ≈ "not arrived".
    expect(after.cases.map((c) => c.case.id)).toEqual(['missing', 'damaged']);
    expect(after.categories).toEqual(before.categories);
    const sims = await reranker.similarities(
      'parcel late',
      before.cases.map((c) => ({ id: c.case.id, text: c.case.text })),
    );
    expect(sims[1]).toBeCloseTo(1, 4);
    expect(reranker.status()).toMatchObject({ reranked: 1, cached: 2, fellBack: 0 });
    await embedder.close();
  });

  it('caches case embeddings by id (re-embedding a case only when its text changed)', async () => {
    const seen: string[][] = [];
    const counting: SentenceEmbedder = {
      embed: async (texts) => {
        seen.push([...texts]);
        return texts.map((t) => Float32Array.from([t.length % 2, 1, 0]));
      },
      close: async () => {},
    };
    const r = new EmbeddingReranker({ embedder: counting });
    await r.similarities('q', [
      { id: 'a', text: 'one' },
      { id: 'b', text: 'two' },
    ]);
    await r.similarities('q2', [
      { id: 'a', text: 'one' },
      { id: 'b', text: 'two, edited' },
    ]);
    expect(seen).toEqual([
      ['q', 'one', 'two'],
      ['q2', 'two, edited'],
    ]);
    const lru = new Lru<number>(2);
    lru.set('x', 1);
    lru.set('y', 2);
    lru.get('x');
    lru.set('z', 3);
    expect([lru.get('x'), lru.get('y'), lru.get('z')]).toEqual([1, undefined, 3]);
  });

  it('keeps the engine order, logging once, when the model fails or exceeds its budget', async () => {
    const base = CaseBase.fromRecords([
      { id: 'a', text: 'parcel damaged box parcel', solution: { category: 'delivery' } },
      { id: 'b', text: 'parcel still not arrived', solution: { category: 'delivery' } },
    ]);
    const before = base.retrieve({ text: 'parcel late' });
    const logged: string[] = [];
    const log = (_l: string, m: string) => logged.push(m);
    const failing = new EmbeddingReranker({
      embedder: { embed: async () => Promise.reject(new Error('model exploded')), close: async () => {} },
      log,
    });
    expect(await failing.rerank(before, 'parcel late')).toBe(before);
    expect(await failing.rerank(before, 'parcel late')).toBe(before);
    const slow = new EmbeddingReranker({
      embedder: {
        embed: (texts) =>
          new Promise((r) => setTimeout(() => r(texts.map(() => Float32Array.from([1]))), 200)),
        close: async () => {},
      },
      log,
      budgetMs: 20,
    });
    expect(await slow.rerank(before, 'parcel late')).toBe(before);
    expect(logged).toEqual([
      "reasoning: neural re-ranker skipped, keeping the engine's order: model exploded",
      "reasoning: neural re-ranker skipped, keeping the engine's order: took longer than 20 ms",
    ]);
    expect(failing.status()).toMatchObject({ fellBack: 2, reranked: 0 });
  });

  it('runs the model in a worker thread, and reports a model that cannot load', async () => {
    const good = workerEmbedder(modelDir('hf'));
    await good.ready;
    const [v] = await good.embed(['parcel late']);
    close(v!, [R, 0, R]);
    await good.close();
    const corrupt = modelDir();
    writeFileSync(join(corrupt, 'model.onnx'), Uint8Array.from([8, 1, 0xff, 0xff]));
    const bad = workerEmbedder(corrupt);
    await expect(bad.ready).rejects.toThrow(/cannot load|not a model/);
    await expect(bad.embed(['x'])).rejects.toThrow();
    await bad.close();
  });
});
