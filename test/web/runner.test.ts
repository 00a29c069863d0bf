/**
 * The page's worker pool (web/lib/runner.ts) in Node: a stand-in for the browser's Worker that
 * serves the engine's worker API (sim/worker.ts) over an in-process message channel, so
 * cancellation, partial results and the termination fallback are tested without a browser.
 */
import { readFileSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unpackResult, type PackedResult } from '../../sim/run/result.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { workerApi, type SlicedOutcome, type WorkerApi } from '../../sim/worker.ts';
import { jobKey, type Job } from '../../web/lib/jobs.ts';
import { EnsembleRunner, type RunnerEvents } from '../../web/lib/runner.ts';

function scenario(engineers: number, years: number): string {
  const obj = JSON.parse(readFileSync('scenarios/tunguz-100k.json', 'utf8')) as Record<string, unknown>;
  obj.run = { engineers, years };
  return JSON.stringify(obj);
}
const job = (text: string, seed: number, partials: boolean): Job => ({ key: jobKey(text, seed), text, seed, partials });

/** A Worker serving `FakeWorker.api()` on a message channel in this thread. */
class FakeWorker {
  static created: FakeWorker[] = [];
  static api: () => WorkerApi = () => workerApi;
  terminated = false;
  private readonly port: MessagePort;
  private readonly inside: MessagePort;
  private readonly onError: ((e: { message: string; preventDefault(): void }) => void)[] = [];

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.inside = port2;
    Comlink.expose(FakeWorker.api(), port2 as unknown as Comlink.Endpoint);
    FakeWorker.created.push(this);
  }
  postMessage(message: unknown, transfer?: Transferable[]) {
    this.port.postMessage(message, transfer as never);
  }
  addEventListener(type: string, fn: (e: never) => void) {
    if (type === 'error') this.onError.push(fn as (e: { message: string; preventDefault(): void }) => void);
    else this.port.addEventListener(type, fn as never);
  }
  removeEventListener(type: string, fn: (e: never) => void) {
    this.port.removeEventListener(type, fn as never);
  }
  start() {
    this.port.start();
  }
  terminate() {
    this.terminated = true;
    this.port.close();
    this.inside.close();
  }
  /** What the browser does when a worker dies. */
  die(message: string) {
    for (const fn of this.onError) fn({ message, preventDefault() {} });
  }
}

/** Runner events recorded, with a promise per awaited condition. */
function recorder() {
  const results: { job: Job; result: PackedResult }[] = [];
  const partials: { job: Job; months: number; partial: PackedResult }[] = [];
  const errors: { job: Job; message: string }[] = [];
  let wake = () => {};
  const events: RunnerEvents = {
    onResult: (j, result) => (results.push({ job: j, result }), wake()),
    onPartial: (j, partial, months) => (partials.push({ job: j, months, partial }), wake()),
    onError: (j, message) => (errors.push({ job: j, message }), wake()),
    onProgress: () => {},
  };
  /** Resolves once `ok()` holds (checked after every event). */
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (ok() ? resolve() : (wake = check));
      check();
    });
  return { events, results, partials, errors, until };
}

/** A worker API whose sliced runs never answer, not even a cancel. */
const stuck: WorkerApi = { ...workerApi, runSliced: () => new Promise<SlicedOutcome>(() => {}), cancel: () => true };

let runner: EnsembleRunner | undefined;
beforeEach(() => {
  FakeWorker.created = [];
  FakeWorker.api = () => workerApi;
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  runner?.dispose();
  runner = undefined;
  vi.unstubAllGlobals();
});

describe('the page’s worker pool', () => {
  const long = scenario(1500, 10);
  const small = scenario(600, 2);

  it('cancels a superseded run instead of replacing its worker, then runs the next job on it', async () => {
    const outcomes: string[] = [];
    FakeWorker.api = () => ({
      ...workerApi,
      async runSliced(...args: Parameters<WorkerApi['runSliced']>) {
        const outcome = await workerApi.runSliced(...args);
        outcomes.push(outcome.status);
        return outcome;
      },
    });
    const rec = recorder();
    runner = new EnsembleRunner(1, rec.events);
    const a = job(long, 1, true);
    const b = job(small, 2, false);
    runner.setWanted([a], new Set());
    await rec.until(() => rec.partials.length > 0);
    // A partial result: the first months, NaN after, no hash.
    expect(rec.partials[0]).toMatchObject({ job: a, months: 6 });
    const partial = unpackResult(rec.partials[0].partial);
    expect(partial.resultHash).toBe('');
    // (A statistic over an empty group may be NaN in a month done too; a count never is.)
    expect(partial.series.every((s) => s.values.subarray(6).every(Number.isNaN))).toBe(true);
    expect(partial.series.filter((s) => s.metric === 'headcount').every((s) => Number.isFinite(s.values[5]))).toBe(true);

    runner.setWanted([b], new Set()); // the slider moved
    await rec.until(() => rec.results.length > 0);
    await vi.waitFor(() => expect(outcomes).toContain('cancelled'));
    expect(rec.results.map((r) => r.job.key)).toEqual([b.key]);
    expect(unpackResult(rec.results[0].result).resultHash).toBe(simulate(parseScenario(small), 2).resultHash);
    expect(rec.partials.every((p) => p.job === a)).toBe(true); // b did not ask for partials
    expect(FakeWorker.created.length).toBe(1);
    expect(FakeWorker.created[0].terminated).toBe(false);
    expect(runner.workersStarted).toBe(1);
    expect(runner.runsCancelled).toBe(1);
  });

  it('replaces a worker that does not confirm a cancellation, and starts its current job again on the new one', async () => {
    FakeWorker.api = () => (FakeWorker.created.length === 0 ? stuck : workerApi);
    const rec = recorder();
    runner = new EnsembleRunner(1, rec.events, { stopTimeoutMs: 50 });
    runner.setWanted([job(long, 1, true)], new Set());
    const b = job(small, 3, false);
    runner.setWanted([b], new Set()); // cancel sent; the stuck worker never answers it (nor b)
    await rec.until(() => rec.results.length > 0);
    expect(FakeWorker.created.length).toBe(2);
    expect(FakeWorker.created[0].terminated).toBe(true);
    expect(rec.results.map((r) => r.job.key)).toEqual([b.key]);
    expect(unpackResult(rec.results[0].result).resultHash).toBe(simulate(parseScenario(small), 3).resultHash);
    expect(rec.errors).toEqual([]);
  });

  it('fails the run of a worker that dies and replaces the worker', async () => {
    FakeWorker.api = () => stuck;
    const rec = recorder();
    runner = new EnsembleRunner(1, rec.events);
    const a = job(small, 1, true);
    runner.setWanted([a], new Set());
    FakeWorker.created[0].die('out of memory');
    await rec.until(() => rec.errors.length > 0);
    expect(rec.errors).toEqual([{ job: a, message: 'the engine worker stopped (out of memory)' }]);
    expect(FakeWorker.created.length).toBe(2);
    expect(FakeWorker.created[0].terminated).toBe(true);
  });
});
