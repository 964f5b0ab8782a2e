import { Worker } from 'node:worker_threads';
import type { SentenceEmbedder } from './embedder.ts';

/**
 * The sentence model in a worker thread (embed-worker.mjs): requests are answered in order; the
 * vectors come back transferred, not copied. `ready` settles once the model has loaded or failed.
 */
export function workerEmbedder(dir: string): SentenceEmbedder & { ready: Promise<void> } {
  const worker = new Worker(new URL('./embed-worker.mjs', import.meta.url), { workerData: { dir } });
  worker.unref();
  let next = 0;
  let failed: Error | undefined;
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let settleReady: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  ready.catch(() => {});
  const failAll = (err: Error) => {
    failed ??= err;
    settleReady?.reject(err);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (m: { id: number; ready?: boolean; vectors?: Float32Array[]; error?: string }) => {
    if (m.id === 0) {
      if (m.ready) settleReady?.resolve();
      else failAll(new Error(m.error ?? 'the model did not load'));
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.vectors) p.resolve(m.vectors);
    else p.reject(new Error(m.error ?? 'embedding failed'));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`embedding worker exited (${code})`)));
  return {
    ready,
    embed(texts) {
      if (failed) return Promise.reject(failed);
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, texts });
      });
    },
    async close() {
      failed ??= new Error('embedding worker closed');
      await worker.terminate();
    },
  };
}
