import { readFileSync } from 'node:fs';
import type * as Ort from 'onnxruntime-web';
import { type ModelFiles, readModelDir } from './model-dir.ts';
import type { Encoding } from './wordpiece.ts';

/** Turns texts into unit-length sentence vectors. */
export interface SentenceEmbedder {
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export type RuntimeModule = typeof Ort;

/**
 * The ONNX runtime is loaded only here, by a dynamic import, and only when an admin configured a
 * model: a default start never pays for the WebAssembly module.
 */
export const importRuntime = (): Promise<RuntimeModule> => import('onnxruntime-web');

/** Texts per inference run (padded to the longest of the batch). */
const BATCH = 16;

/**
 * Runs a local sentence model with onnxruntime-web (WebAssembly, one thread) on the calling thread:
 * tokenize, run, mean-pool the last hidden state over the attention mask (or take the model's own
 * `sentence_embedding` output), L2-normalise. The server runs this inside a worker thread.
 */
export async function loadSentenceEmbedder(
  dir: string | ModelFiles,
  runtime: () => Promise<RuntimeModule> = importRuntime,
): Promise<SentenceEmbedder> {
  const files = typeof dir === 'string' ? readModelDir(dir) : dir;
  const ort = await runtime();
  ort.env.wasm.numThreads = 1; // a shared 2-core machine: never spawn wasm threads
  ort.env.logLevel = 'error';
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(readFileSync(files.model), {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
  } catch (err) {
    throw new Error(`${files.model} is not a model this runtime can load: ${firstLine(err)}`);
  }
  if (!session.inputNames.includes('input_ids')) {
    throw new Error(`${files.model} takes no input_ids input (inputs: ${session.inputNames.join(', ')})`);
  }
  const output = session.outputNames.includes('sentence_embedding')
    ? 'sentence_embedding'
    : session.outputNames.includes('last_hidden_state')
      ? 'last_hidden_state'
      : session.outputNames[0];
  if (!output) throw new Error(`${files.model} has no outputs`);
  const tokenizer = files.tokenizer;

  const runBatch = async (encodings: Encoding[]): Promise<Float32Array[]> => {
    const seq = Math.max(...encodings.map((e) => e.ids.length));
    const n = encodings.length;
    const ids = new BigInt64Array(n * seq).fill(BigInt(tokenizer.padId));
    const mask = new BigInt64Array(n * seq);
    const types = new BigInt64Array(n * seq);
    encodings.forEach((e, b) => {
      e.ids.forEach((id, i) => {
        ids[b * seq + i] = BigInt(id);
        mask[b * seq + i] = BigInt(e.attentionMask[i]!);
        types[b * seq + i] = BigInt(e.tokenTypeIds[i]!);
      });
    });
    const feeds: Record<string, Ort.Tensor> = {};
    const tensor = (data: BigInt64Array) => new ort.Tensor('int64', data, [n, seq]);
    for (const name of session.inputNames) {
      if (name === 'input_ids') feeds[name] = tensor(ids);
      else if (name === 'attention_mask') feeds[name] = tensor(mask);
      else if (name === 'token_type_ids') feeds[name] = tensor(types);
      else throw new Error(`${files.model} wants an input Casebook does not know: ${name}`);
    }
    const result = await session.run(feeds, [output]);
    const out = result[output];
    if (out?.type !== 'float32') throw new Error(`output ${output} is not float32`);
    const data = out.data as Float32Array;
    const dims = out.dims;
    if (dims.length === 2 && dims[0] === n) {
      const d = dims[1]!;
      return encodings.map((_, b) => normalise(data.slice(b * d, (b + 1) * d)));
    }
    if (dims.length !== 3 || dims[0] !== n || dims[1] !== seq) {
      throw new Error(`output ${output} has shape [${dims.join(', ')}], expected [${n}, ${seq}, dim]`);
    }
    return encodings.map((e, b) => normalise(meanPool(data, b, seq, dims[2]!, e.attentionMask)));
  };

  return {
    async embed(texts) {
      const vectors: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        vectors.push(...(await runBatch(texts.slice(i, i + BATCH).map((t) => tokenizer.encode(t)))));
      }
      return vectors;
    },
    async close() {
      await session.release();
    },
  };
}

/** Mean of the token vectors of batch row `b` whose attention mask is 1. */
export function meanPool(
  hidden: Float32Array,
  b: number,
  seq: number,
  dim: number,
  mask: readonly number[],
): Float32Array {
  const sum = new Float32Array(dim);
  let count = 0;
  for (let t = 0; t < seq; t++) {
    if (!mask[t]) continue;
    count++;
    const at = (b * seq + t) * dim;
    for (let k = 0; k < dim; k++) sum[k]! += hidden[at + k]!;
  }
  if (count > 0) for (let k = 0; k < dim; k++) sum[k]! /= count;
  return sum;
}

/** Unit length (a zero vector stays zero). */
export function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < v.length; k++) v[k]! /= norm;
  return v;
}

/** Cosine similarity of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) dot += a[k]! * b[k]!;
  return dot;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
}
