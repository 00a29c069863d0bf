/**
 * The engine in a browser Web Worker: the shared worker API (sim/worker.ts) exposed with
 * comlink. `runScenario` passes progress on once a simulated year (and at the end) rather than
 * every month: each report is a message round trip to the page, and twelve a run are plenty
 * for a progress bar.
 */
import { expose } from 'comlink';
import { workerApi, type ProgressCallback } from '../sim/worker.ts';

const yearly =
  (onProgress?: ProgressCallback): ProgressCallback | undefined =>
  onProgress && ((done, total) => (done % 12 === 0 || done === total ? onProgress(done, total) : undefined));

const api: typeof workerApi = {
  run: (params, seed, onProgress) => workerApi.run(params, seed, yearly(onProgress)),
  runScenario: (text, seed, source, onProgress) => workerApi.runScenario(text, seed, source, yearly(onProgress)),
};

expose(api);
