// Trains the classifier (and calibrates the abstention rule) off the event loop. Plain JavaScript so
// that it starts in any host (tsx, vitest, node): it registers tsx itself, then imports the pure code.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { trainClassifier } = await import('../core/reasoning/classifier.ts');
const { calibrateOnHistory } = await import('./calibrate.ts');

parentPort.on('message', (request) => {
  try {
    const started = performance.now();
    const model = trainClassifier(request.examples, request.options ?? {});
    const calibration = request.calibrate
      ? calibrateOnHistory(request.examples, { trainOptions: request.options ?? {} })
      : undefined;
    parentPort.postMessage({ id: request.id, model, calibration, ms: performance.now() - started }, [
      model.weights.buffer,
      model.bias.buffer,
    ]);
  } catch (err) {
    parentPort.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
});
