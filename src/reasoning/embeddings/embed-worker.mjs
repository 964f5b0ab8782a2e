// Runs the sentence model off the event loop: WebAssembly inference is synchronous once it starts, so
// on the main thread it would stall every request. Plain JavaScript so that it starts in any host
// (tsx, vitest, node): it registers tsx itself, then imports the embedder.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { loadSentenceEmbedder } = await import('./embedder.ts');

const loading = loadSentenceEmbedder(workerData.dir);
// Report a model that cannot load at once, so the server logs it and carries on without it.
loading.then(
  () => parentPort.postMessage({ id: 0, ready: true }),
  (err) => parentPort.postMessage({ id: 0, error: err instanceof Error ? err.message : String(err) }),
);

parentPort.on('message', async (request) => {
  try {
    const embedder = await loading;
    const vectors = await embedder.embed(request.texts);
    parentPort.postMessage(
      { id: request.id, vectors },
      vectors.map((v) => v.buffer),
    );
  } catch (err) {
    parentPort.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
});
