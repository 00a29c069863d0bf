/**
 * A small pool of engine Web Workers that keeps the wanted runs going. `setWanted` replaces
 * the wanted list; a run that is no longer wanted is cancelled — the worker stops it at its
 * next slice boundary (a few milliseconds; see sim/worker.ts `runSliced`) — and the worker
 * takes the next wanted run at once. Workers therefore live for the whole page: a slider move
 * does not pay for a fresh worker loading the engine and warming it up again.
 *
 * Results arrive one seed at a time through `onResult`; a run asked for partial results (a
 * scenario's first seed) also sends the months done so far through `onPartial`, so a changed
 * scenario is drawn long before its first seed is complete. Buffers are transferred, not
 * copied.
 *
 * Termination stays as the fallback: a worker that dies (e.g. out of memory) fails its run
 * and is replaced, and a worker that does not confirm a cancellation within STOP_TIMEOUT_MS
 * is replaced and its current run started again on the new worker. Nothing waits forever.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { PackedResult } from '../../sim/run/result.ts';
import type { RunReport, SlicedOutcome, WorkerApi } from '../../sim/worker.ts';
import { AGENT_SAMPLE_SIZE } from './agentLayout.ts';
import { planJobs, type Job } from './jobs.ts';

/**
 * Months after which a run asked for partial results sends one. Month 6 gives the first answer
 * about a twentieth of a run in (under 150 ms at the default size on a warm worker); later
 * ones are spaced wider, since each is a redraw of five charts that competes with the engine
 * for the CPU: at the default ten years (120 months) partials come at months 6, 24 and 60,
 * and the complete seed follows (bench/web-latency.ts measured about 40 ms of main-thread
 * work per redraw, and six partials a run slowed the complete seed by about 10 % on 2 cores).
 */
export const PARTIAL_AT: readonly number[] = [6, 24, 60, 120, 240, 480];

/**
 * How long a worker may take to confirm a cancelled run stopped before it is replaced: a slice
 * is ~12 ms, but it ends only at a month's end, and one month of the largest run the page
 * allows (2 million engineers) takes about two seconds.
 */
export const STOP_TIMEOUT_MS = 5000;

interface Running {
  /** Names the run for the worker's `cancel`; unique across the runner. */
  id: number;
  job: Job;
  started: number;
}

interface Slot {
  worker: Worker;
  remote: Remote<WorkerApi>;
  /** The run the worker is doing for the page, if any. */
  current: Running | undefined;
  /** Cancelled runs the worker has not yet confirmed stopped, with their watchdog timers. */
  stopping: Map<number, ReturnType<typeof setTimeout>>;
}

export interface RunnerEvents {
  /** A run finished; `ms` is its wall-clock time in the worker pool. */
  onResult(job: Job, result: PackedResult, ms: number): void;
  /** A run asked for partial results sent the months done so far (NaN after `monthsDone`). */
  onPartial(job: Job, partial: PackedResult, monthsDone: number): void;
  onError(job: Job, message: string): void;
  /** Months done of the runs in progress changed, or runs started or stopped. */
  onProgress(): void;
}

export interface RunProgress {
  job: Job | undefined;
  done: number;
  total: number;
}

const IDLE: RunProgress = { job: undefined, done: 0, total: 0 };

export class EnsembleRunner {
  private readonly slots: Slot[] = [];
  private wanted: Job[] = [];
  private done = new Set<string>();
  private disposed = false;
  private nextId = 0;
  /** Months done / total of each worker's current run (for the progress bar). */
  readonly progress: RunProgress[] = [];
  /** Workers created so far, replacements included (a page hook for tests and the benchmark). */
  workersStarted = 0;
  /** Runs cancelled because they were no longer wanted. */
  runsCancelled = 0;

  /** `stopTimeoutMs` defaults to STOP_TIMEOUT_MS (tests shorten it). */
  constructor(
    size: number,
    private readonly events: RunnerEvents,
    private readonly options: { stopTimeoutMs?: number } = {},
  ) {
    for (let i = 0; i < size; i++) {
      this.slots.push(this.spawn(i));
      this.progress.push(IDLE);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  private spawn(i: number): Slot {
    const worker = new Worker(new URL('../engine.worker.ts', import.meta.url), { type: 'module', name: `tokensim-engine-${i}` });
    const slot: Slot = { worker, remote: wrap<WorkerApi>(worker), current: undefined, stopping: new Map() };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.workerDied(i, slot, `the engine worker stopped (${e.message || 'it may have run out of memory'})`);
    });
    this.workersStarted++;
    return slot;
  }

  /** Terminates slot i's worker and starts a fresh one; the run it was doing is no longer running. */
  private replace(i: number): void {
    const old = this.slots[i];
    for (const timer of old.stopping.values()) clearTimeout(timer);
    old.stopping.clear();
    old.current = undefined;
    old.remote[releaseProxy]();
    old.worker.terminate();
    this.slots[i] = this.spawn(i);
    this.progress[i] = IDLE;
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
      this.slots.map((s) => s.current?.job.key),
    );
    for (const w of plan.cancel) this.cancel(w);
    for (const { worker, job } of plan.start) this.start(worker, job);
    if (plan.cancel.length > 0 || plan.start.length > 0) this.events.onProgress();
  }

  /**
   * Asks slot i's worker to stop its run; the slot is free for the next run at once (the
   * worker starts it as soon as the cancelled run reaches its slice boundary). A watchdog
   * replaces the worker if it never confirms.
   */
  private cancel(i: number): void {
    const slot = this.slots[i];
    const run = slot.current;
    if (!run) return;
    slot.current = undefined;
    this.progress[i] = IDLE;
    this.runsCancelled++;
    slot.remote.cancel(run.id).catch(() => {});
    slot.stopping.set(
      run.id,
      setTimeout(() => this.unresponsive(i, slot), this.options.stopTimeoutMs ?? STOP_TIMEOUT_MS),
    );
  }

  /** A worker that did not confirm a cancellation: replace it; its current run starts again elsewhere. */
  private unresponsive(i: number, slot: Slot): void {
    if (this.disposed || this.slots[i] !== slot) return;
    this.replace(i);
    this.pump();
  }

  /** A worker that died: its run fails (not retried until the wanted list changes) and it is replaced. */
  private workerDied(i: number, slot: Slot, message: string): void {
    if (this.disposed || this.slots[i] !== slot) return;
    const run = slot.current;
    this.replace(i);
    if (run) {
      this.done.add(run.job.key);
      this.events.onError(run.job, message);
    }
    this.pump();
  }

  private start(i: number, job: Job): void {
    const slot = this.slots[i];
    const run: Running = { id: ++this.nextId, job, started: performance.now() };
    slot.current = run;
    this.progress[i] = { job, done: 0, total: 0 };
    const onReport = proxy((report: RunReport) => {
      if (!this.isCurrent(i, slot, run)) return;
      this.progress[i] = { job, done: report.done, total: report.total };
      if (report.partial) this.events.onPartial(job, report.partial, report.done);
      this.events.onProgress();
    });
    // A scenario's first seed also follows a sample of engineers, for the engineers view.
    const options = { id: run.id, partialAt: job.partials ? PARTIAL_AT : [], ...(job.partials ? { agents: AGENT_SAMPLE_SIZE } : {}) };
    slot.remote.runSliced(job.text, job.seed, options, onReport).then(
      (outcome) => this.settle(i, slot, run, outcome),
      (e: unknown) => this.settle(i, slot, run, { status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }

  private isCurrent(i: number, slot: Slot, run: Running): boolean {
    return !this.disposed && this.slots[i] === slot && slot.current === run;
  }

  /** A run's answer: a cancelled run's confirmation frees its watchdog; a current run's result or error is passed on. */
  private settle(i: number, slot: Slot, run: Running, outcome: SlicedOutcome | { status: 'error'; message: string }): void {
    const watchdog = slot.stopping.get(run.id);
    if (watchdog !== undefined) {
      clearTimeout(watchdog);
      slot.stopping.delete(run.id);
    }
    if (!this.isCurrent(i, slot, run)) return;
    slot.current = undefined;
    this.progress[i] = IDLE;
    if (outcome.status === 'cancelled') {
      // Only the page cancels runs, and it no longer counts this one as current: not expected.
      this.pump();
      return;
    }
    // A failed run is not retried until the wanted list changes.
    this.done.add(run.job.key);
    if (outcome.status === 'done') this.events.onResult(run.job, outcome.result, performance.now() - run.started);
    else {
      this.events.onError(run.job, outcome.message);
      // The engine threw; the worker is probably fine, but a fresh one costs little next to a failed run.
      this.replace(i);
    }
    this.pump();
  }

  /** Releases the comlink proxies and terminates every worker. */
  dispose(): void {
    this.disposed = true;
    for (const s of this.slots) {
      for (const timer of s.stopping.values()) clearTimeout(timer);
      s.remote[releaseProxy]();
      s.worker.terminate();
    }
  }
}
