import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Records whether anything imports the ONNX runtime: the factory runs only on the first import.
const runtime = vi.hoisted(() => ({ imported: false }));
vi.mock('onnxruntime-web', () => {
  runtime.imported = true;
  return { env: { wasm: {} }, InferenceSession: {}, Tensor: class {} };
});

describe('the ONNX runtime is loaded only when a model is configured', () => {
  it('is never imported by a service without CASEBOOK_EMBEDDINGS_MODEL', async () => {
    const { ReasoningService } = await import('../service.ts');
    await import('../../http/app.ts'); // the server's whole import graph
    const s = new ReasoningService({
      db: {} as never,
      trainer: 'inline',
      syncEverySeconds: 0,
      catalogue: false,
    });
    expect(s.status().reranker).toBeNull();
    expect(runtime.imported).toBe(false);
    const { importRuntime } = await import('./embedder.ts');
    await importRuntime(); // positive control: the dynamic import is what loads it
    expect(runtime.imported).toBe(true);
  });

  it('is referenced by no static import anywhere in src', () => {
    const statics: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          const text = readFileSync(path, 'utf8');
          if (/^import\s+(?!type\b)[^;]*from\s+'onnxruntime-web'/m.test(text)) statics.push(path);
        }
      }
    };
    walk(new URL('../..', import.meta.url).pathname);
    expect(statics).toEqual([]);
  });
});
