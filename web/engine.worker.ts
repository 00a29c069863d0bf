/**
 * The engine in a browser Web Worker: the shared worker API (sim/worker.ts) exposed with
 * comlink. The page uses `runSliced` and `cancel`, so one worker serves run after run and
 * stays warm (its code loaded and optimised) instead of being replaced at every slider move.
 * `run` and `runScenario` pass progress on once a simulated year (and at the end) rather than
 * every month: each report is a message round trip to the page, and twelve a run are plenty
 * for a progress bar (`runSliced` reports yearly by itself).
 */
import { expose } from 'comlink';
import { workerApi, type ProgressCallback } from '../sim/worker.ts';

const yearly =
  (onProgress?: ProgressCallback): ProgressCallback | undefined =>
  onProgress && ((done, total) => (done % 12 === 0 || done === total ? onProgress(done, total) : undefined));

const api: typeof workerApi = {
  ...workerApi,
  run: (params, seed, onProgress) => workerApi.run(params, seed, yearly(onProgress)),
  runScenario: (text, seed, source, onProgress) => workerApi.runScenario(text, seed, source, yearly(onProgress)),
};

expose(api);
