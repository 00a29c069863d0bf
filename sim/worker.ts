/**
 * The engine's API for workers, the same in a browser Web Worker and a Node worker thread:
 * expose `workerApi` with comlink on the worker's endpoint (`self` in a browser,
 * `nodeEndpoint(parentPort)` in Node) and call it through `Comlink.wrap`. Results come back
 * packed, with their one buffer transferred rather than cloned. Pure: no DOM, no Node APIs.
 */
import { transfer } from 'comlink';
import type { Params } from './params.ts';
import { packResult } from './result.ts';
import type { PackedResult } from './result.ts';
import { parseScenario } from './scenario.ts';
import { simulate } from './simulate.ts';

/** Called with (months done, total months); across comlink pass `Comlink.proxy(fn)`. */
export type ProgressCallback = (done: number, total: number) => unknown;

function runPacked(params: Params, seed: number, onProgress?: ProgressCallback): PackedResult {
  const packed = packResult(simulate(params, seed, onProgress ? { onMonth: (d, t) => void onProgress(d, t) } : {}));
  return transfer(packed, [packed.values.buffer]);
}

export const workerApi = {
  /** Runs resolved, validated parameters with one seed. */
  run(params: Params, seed: number, onProgress?: ProgressCallback): PackedResult {
    return runPacked(params, seed, onProgress);
  },
  /** Validates scenario JSON text (throws with path and reason) and runs it with one seed. */
  runScenario(text: string, seed: number, source?: string, onProgress?: ProgressCallback): PackedResult {
    return runPacked(parseScenario(text, source), seed, onProgress);
  },
};

export type WorkerApi = typeof workerApi;
