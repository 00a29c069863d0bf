/**
 * The engine's API for workers, the same in a browser Web Worker and a Node worker thread:
 * expose `workerApi` with comlink on the worker's endpoint (`self` in a browser,
 * `nodeEndpoint(parentPort)` in Node) and call it through `Comlink.wrap`. Results come back
 * packed, with their one buffer transferred rather than cloned. Pure: no DOM, no Node APIs
 * (only globals both have: MessageChannel, setTimeout, performance).
 *
 * Two ways to run:
 * - `run` / `runScenario` simulate to the end in one go (`run`, from sim/engineApi.ts, is all
 *   the CLI's worker pool serves).
 * - `runSliced` simulates in slices of a few milliseconds, giving the worker's event loop a
 *   turn between slices, so a `cancel(id)` sent meanwhile stops the run at the next slice
 *   boundary and the worker stays alive (and warm) for the next run. It can also send
 *   partial results — the months done so far — while it goes, for a page to draw early.
 */
import { transfer } from 'comlink';
import { engineApi, runPacked, type ProgressCallback } from './engineApi.ts';
import { packedBuffers, packResult } from './run/result.ts';
import type { PackedResult } from './run/result.ts';
import { parseScenario } from './input/scenario.ts';
import { startRun, type Run } from './run/simulate.ts';

export type { ProgressCallback } from './engineApi.ts';

/** What a sliced run reports while it goes. */
export interface RunReport {
  /** Months simulated so far. */
  done: number;
  /** Months in the whole run. */
  total: number;
  /**
   * The months done so far as a packed result (see `Run.result`: full-length series, NaN
   * after `done`, empty result hash), when this report is one of the requested `partialAt`.
   */
  partial?: PackedResult;
}

/** Across comlink pass `Comlink.proxy(fn)`; the run does not wait for it to return. */
export type ReportCallback = (report: RunReport) => unknown;

export interface SlicedRunOptions {
  /** Names the run for `cancel`; unique among the runs a caller has going on this worker. */
  id: number;
  /** Months after which to send a partial result (e.g. [6, 12, 36]); the final result is the return value. */
  partialAt?: readonly number[];
  /** Send a progress report every this many months (default 12; the last month is never reported: the result is). */
  progressEvery?: number;
  /**
   * Engineer-months of simulation between turns of the event loop, at least one month
   * (default 30,000: about 10–12 ms at the engine's measured 2.6–2.9 M engineer-months a second, or
   * 3 months a slice at the default 10,000 engineers). Measured in work, not time: the engine
   * never reads the clock.
   */
  sliceEngineerMonths?: number;
  /** Follow a sample of this many engineers (the final result's `agents`; partial results omit it). */
  agents?: number;
  /** File name for scenario error messages. */
  source?: string;
}

/** How a sliced run ended: with its result, or stopped by `cancel` after `monthsDone` months. */
export type SlicedOutcome = { status: 'done'; result: PackedResult } | { status: 'cancelled'; monthsDone: number };

/** Runs in progress on this worker, by id: `cancel` sets the flag, the run reads it between slices. */
const running = new Map<number, { cancelled: boolean }>();

/**
 * Gives the event loop a turn (so waiting messages, such as a `cancel`, are handled) and
 * resumes: a message to ourselves, whose handler sets a zero timeout. Neither alone will do.
 * A timeout set from the previous timeout's continuation is "nested", and browsers clamp
 * nested timeouts to 4 ms, which over the ~100 slices of a run adds up; set from a message
 * handler it is not nested. A message alone is not a fair turn in Node, which handles up to
 * a thousand messages of one port before looking at another (the port `cancel` comes on).
 * `close` releases the channel (an open port would keep a Node thread alive).
 */
function eventLoopTurns(): { next(): Promise<void>; close(): void } {
  if (typeof MessageChannel !== 'function') {
    return { next: () => new Promise<void>((resolve) => setTimeout(resolve, 0)), close: () => {} };
  }
  const channel = new MessageChannel();
  let wake: (() => void) | undefined;
  channel.port1.onmessage = () => {
    const w = wake;
    wake = undefined;
    if (w) setTimeout(w, 0);
  };
  return {
    next: () =>
      new Promise<void>((resolve) => {
        wake = resolve;
        channel.port2.postMessage(null);
      }),
    close: () => {
      channel.port1.close();
      channel.port2.close();
    },
  };
}

/** The run's result packed, its buffer marked for transfer. */
function packedForTransfer(run: Run): PackedResult {
  const packed = packResult(run.result());
  return transfer(packed, packedBuffers(packed));
}

/** Steps `run` to the end in slices of a fixed amount of work, reporting and checking for cancellation between slices. */
async function stepInSlices(run: Run, options: SlicedRunOptions, onReport: ReportCallback | undefined): Promise<SlicedOutcome> {
  const state = { cancelled: false };
  running.set(options.id, state);
  const turns = eventLoopTurns();
  const partialAt = new Set(options.partialAt ?? []);
  const every = Math.max(1, options.progressEvery ?? 12);
  const perSlice = Math.max(1, Math.floor((options.sliceEngineerMonths ?? 30_000) / Math.max(1, run.engineers)));
  // Not awaited, and a failed report (the page gone, its callback released) must not fail the run.
  const report = (r: RunReport) => void Promise.resolve(onReport?.(r)).catch(() => {});
  try {
    // A turn before the first month: a cancel sent right after the start is seen before any work.
    await turns.next();
    while (run.monthsDone < run.months) {
      if (state.cancelled) return { status: 'cancelled', monthsDone: run.monthsDone };
      for (let k = 0; k < perSlice; k++) {
        const done = run.step(1);
        if (done === run.months) break;
        if (partialAt.has(done)) report({ done, total: run.months, partial: packedForTransfer(run) });
        else if (done % every === 0) report({ done, total: run.months });
      }
      await turns.next();
    }
    if (state.cancelled) return { status: 'cancelled', monthsDone: run.monthsDone };
    const result = packResult(run.result());
    return transfer({ status: 'done', result }, [result.values.buffer]);
  } finally {
    turns.close();
    running.delete(options.id);
  }
}

export const workerApi = {
  ...engineApi,
  /** Validates scenario JSON text (throws with path and reason) and runs it with one seed. */
  runScenario(text: string, seed: number, source?: string, onProgress?: ProgressCallback): PackedResult {
    return runPacked(parseScenario(text, source), seed, onProgress);
  },
  /**
   * Validates scenario JSON text and runs it with one seed in slices, so the worker answers
   * `cancel` while it runs. Reports progress and the requested partial results through
   * `onReport`; resolves with the result, or with `cancelled` once `cancel(options.id)` took
   * effect. The result is bit for bit the one `runScenario` gives.
   */
  async runSliced(text: string, seed: number, options: SlicedRunOptions, onReport?: ReportCallback): Promise<SlicedOutcome> {
    return stepInSlices(startRun(parseScenario(text, options.source), seed, options.agents ? { agents: options.agents } : {}), options, onReport);
  },
  /** Asks the sliced run with this id to stop at its next slice boundary; false when no such run is going. */
  cancel(id: number): boolean {
    const state = running.get(id);
    if (state) state.cancelled = true;
    return state !== undefined;
  },
};

export type WorkerApi = typeof workerApi;
