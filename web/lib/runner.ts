/**
 * A small pool of engine Web Workers that keeps the wanted runs going. `setWanted` replaces
 * the wanted list; a worker busy with a run that is no longer wanted is terminated and
 * replaced (the engine's run is synchronous, so stopping the worker is the only way to stop
 * it), which is how a slider change supersedes the computation in progress. Results arrive
 * one seed at a time through `onResult`; their buffers are transferred, not copied. A worker
 * that dies (e.g. out of memory) fails its run instead of leaving it pending forever.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { PackedResult } from '../../sim/result.ts';
import type { WorkerApi } from '../../sim/worker.ts';
import { planJobs, type Job } from './jobs.ts';

interface Slot {
  worker: Worker;
  remote: Remote<WorkerApi>;
  job: Job | undefined;
  /** Increases on every start, so a cancelled run's late answer is recognised and dropped. */
  ticket: number;
  /** Fails the run in progress (set while one runs). */
  fail?: (message: string) => void;
}

export interface RunnerEvents {
  /** A run finished; `ms` is its wall-clock time in the worker pool. */
  onResult(job: Job, result: PackedResult, ms: number): void;
  onError(job: Job, message: string): void;
  /** Months done of the runs in progress changed, or runs started or stopped. */
  onProgress(): void;
}

export interface RunProgress {
  job: Job | undefined;
  done: number;
  total: number;
}

export class EnsembleRunner {
  private readonly slots: Slot[] = [];
  private wanted: Job[] = [];
  private done = new Set<string>();
  private disposed = false;
  /** Months done / total of each worker's current run (for the progress bar). */
  readonly progress: RunProgress[] = [];

  constructor(
    size: number,
    private readonly events: RunnerEvents,
  ) {
    for (let i = 0; i < size; i++) {
      this.slots.push(this.spawn(i, 0));
      this.progress.push({ job: undefined, done: 0, total: 0 });
    }
  }

  get size(): number {
    return this.slots.length;
  }

  private spawn(i: number, ticket: number): Slot {
    const worker = new Worker(new URL('../engine.worker.ts', import.meta.url), { type: 'module', name: `tokensim-engine-${i}` });
    const slot: Slot = { worker, remote: wrap<WorkerApi>(worker), job: undefined, ticket };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      slot.fail?.(`the engine worker stopped (${e.message || 'it may have run out of memory'})`);
    });
    return slot;
  }

  private replace(i: number): void {
    const old = this.slots[i];
    old.fail = undefined;
    old.remote[releaseProxy]();
    old.worker.terminate();
    this.slots[i] = this.spawn(i, old.ticket + 1);
    this.progress[i] = { job: undefined, done: 0, total: 0 };
  }

  /** The wanted runs in priority order and the keys already cached; starts and cancels as needed. */
  setWanted(wanted: Job[], done: ReadonlySet<string>): void {
    if (this.disposed) return;
    this.wanted = wanted;
    this.done = new Set(done);
    this.pump();
  }

  private pump(): void {
    const plan = planJobs(
      this.wanted,
      this.done,
      this.slots.map((s) => s.job?.key),
    );
    for (const w of plan.cancel) this.replace(w);
    for (const { worker, job } of plan.start) this.start(worker, job);
    if (plan.cancel.length > 0 || plan.start.length > 0) this.events.onProgress();
  }

  private start(i: number, job: Job): void {
    const slot = this.slots[i];
    const ticket = ++slot.ticket;
    const started = performance.now();
    slot.job = job;
    this.progress[i] = { job, done: 0, total: 0 };
    const current = () => this.slots[i] === slot && slot.ticket === ticket && !this.disposed;
    let settled = false;
    const settle = (outcome: { result: PackedResult } | { error: string }) => {
      if (settled || !current()) return;
      settled = true;
      slot.job = undefined;
      slot.fail = undefined;
      this.progress[i] = { job: undefined, done: 0, total: 0 };
      // A failed run is not retried until the wanted list changes.
      this.done.add(job.key);
      if ('result' in outcome) this.events.onResult(job, outcome.result, performance.now() - started);
      else this.events.onError(job, outcome.error);
      if (!('result' in outcome)) this.replace(i);
      this.pump();
    };
    slot.fail = (message) => settle({ error: message });
    const onMonth = proxy((d: number, t: number) => {
      if (!current() || settled) return;
      this.progress[i] = { job, done: d, total: t };
      this.events.onProgress();
    });
    slot.remote.runScenario(job.text, job.seed, undefined, onMonth).then(
      (result) => settle({ result }),
      (e: unknown) => settle({ error: e instanceof Error ? e.message : String(e) }),
    );
  }

  /** Releases the comlink proxies and terminates every worker. */
  dispose(): void {
    this.disposed = true;
    for (const s of this.slots) {
      s.fail = undefined;
      s.remote[releaseProxy]();
      s.worker.terminate();
    }
  }
}
