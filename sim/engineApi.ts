/**
 * The part of the engine's worker API that takes resolved, validated parameters: what the
 * CLI's pool of worker threads serves (sim/cli/parallel/workerThread.ts). It leaves out the
 * scenario-text entry points of sim/worker.ts, and with them the scenario schema and its
 * validation library, which were three quarters of a pool worker's code: the bundled worker
 * loads in about a third of the time (bench/RESULTS.md). Pure, as sim/worker.ts.
 */
import { transfer } from 'comlink';
import type { Params } from './model/params.ts';
import { packedBuffers, packResult, type PackedResult } from './run/result.ts';
import { simulate } from './run/simulate.ts';

/** Called with (months done, total months); across comlink pass `Comlink.proxy(fn)`. */
export type ProgressCallback = (done: number, total: number) => unknown;

/** Simulates `params` with `seed` to the end; the result packed, its buffer marked for transfer. */
export function runPacked(params: Params, seed: number, onProgress?: ProgressCallback, agents?: number): PackedResult {
  const packed = packResult(
    simulate(params, seed, { ...(onProgress ? { onMonth: (d: number, t: number) => void onProgress(d, t) } : {}), ...(agents ? { agents } : {}) }),
  );
  return transfer(packed, packedBuffers(packed));
}

export const engineApi = {
  /** Runs resolved, validated parameters with one seed (and a sample of `agents` engineers, when given). */
  run(params: Params, seed: number, onProgress?: ProgressCallback, agents?: number): PackedResult {
    return runPacked(params, seed, onProgress, agents);
  },
};

export type EngineApi = typeof engineApi;
