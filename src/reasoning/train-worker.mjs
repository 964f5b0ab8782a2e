// Trains the classifier off the event loop. Plain JavaScript so that it starts in any host (tsx,
// vitest, node): it registers tsx itself, then imports the pure trainer from src/core/reasoning.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainClassifier } = await import('../core/reasoning/classifier.ts');

parentPort.on('message', (request) => {
  try {
    const started = performance.now();
    const model = trainClassifier(request.examples, request.options ?? {});
    parentPort.postMessage({ id: request.id, model, ms: performance.now() - started }, [
      model.weights.buffer,
      model.bias.buffer,
    ]);
  } catch (err) {
    parentPort.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
});
