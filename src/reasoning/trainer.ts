import { Worker } from 'node:worker_threads';
import { type ClassifierModel, type TrainOptions, trainClassifier } from '../core/reasoning/index.ts';
import { type Calibration, calibrateOnHistory, type TrainingExample } from './calibrate.ts';

export interface TrainingResult {
  model: ClassifierModel;
  /** Present when asked for and the history is large enough. */
  calibration?: Calibration | undefined;
  ms: number;
}

export interface Trainer {
  train(examples: TrainingExample[], options?: TrainOptions, calibrate?: boolean): Promise<TrainingResult>;
  close(): Promise<void>;
}

/**
 * Trains in a worker thread: `trainClassifier` is pure and synchronous and takes seconds on large
 * case bases, so on the main thread it would stall every request. The model comes back by
 * structured clone (a Map and two typed arrays, the arrays transferred, not copied).
 */
export function workerTrainer(): Trainer {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (r: TrainingResult) => void; reject: (e: Error) => void }>();

  const start = () => {
    const w = new Worker(new URL('./train-worker.mjs', import.meta.url));
    w.unref();
    w.on('message', (m: Partial<TrainingResult> & { id: number; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.model) p.resolve({ model: m.model, calibration: m.calibration, ms: m.ms ?? 0 });
      else p.reject(new Error(m.error ?? 'training failed'));
    });
    const failAll = (err: Error) => {
      worker = undefined;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`training worker exited (${code})`)));
    return w;
  };

  return {
    train(examples, options = {}, calibrate = false) {
      worker ??= start();
      const id = ++next;
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, examples, options, calibrate });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

/** Trains on the calling thread: for tests and tiny case bases, where a worker's start-up costs more. */
export function inlineTrainer(): Trainer {
  return {
    async train(examples, options = {}, calibrate = false) {
      const started = performance.now();
      const model = trainClassifier(examples, options);
      const calibration = calibrate ? calibrateOnHistory(examples, { trainOptions: options }) : undefined;
      return { model, calibration, ms: performance.now() - started };
    },
    async close() {},
  };
}
