/**
 * A pool of worker threads running the engine through comlink (sim/engineApi.ts's `engineApi`),
 * for the commands that run many scenarios and seeds (`run`, `compare`, `sweep`).
 *
 * Jobs queue first in, first out; each `run` resolves with its own packed result (the buffer
 * transferred, not cloned) whatever order the workers finish in. Workers start lazily, up to
 * `size`, and stay for the next job; `close()` releases the comlink proxies and terminates
 * them. A job whose simulation throws rejects with that error's message; a job whose worker
 * dies (a crash, running out of memory, `close()`) rejects with a message saying so, and the
 * pool starts a fresh worker for the jobs still queued — nothing waits forever.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Params } from '../../model/params.ts';
import type { PackedResult } from '../../run/result.ts';
import type { EngineApi } from '../../engineApi.ts';

export interface Pool {
  /** Most workers running at once. */
  readonly size: number;
  /** Simulates `params` with `seed` on the next free worker (following a sample of `agents` engineers, when given). */
  run(params: Params, seed: number, agents?: number): Promise<PackedResult>;
  /** Rejects queued and running jobs, releases the proxies and terminates every worker. */
  close(): Promise<void>;
}

/** One worker per available core (`os.availableParallelism()`). */
export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

/** The message a worker thread posts once the engine is loaded and exposed (see workerThread.ts). */
export const WORKER_READY = 'tokensim-worker-ready';

/** The thread's entry: a plain .mjs, since Node 20 cannot start a worker from a .ts file. */
const WORKER_URL = new URL('./worker.mjs', import.meta.url);

interface Job {
  /** Its number in the order jobs were asked for (for the trace). */
  index: number;
  params: Params;
  seed: number;
  agents?: number;
  resolve: (result: PackedResult) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  remote: Comlink.Remote<EngineApi>;
  /** Resolves when the worker has posted WORKER_READY. */
  ready: Promise<void>;
  /** The job this worker is running (or waiting to start), if any. */
  job: Job | undefined;
  /** The worker's uncaught error, reported when it exits. */
  error: Error | undefined;
  /** Its number in start order (0, 1, …), and when it was started and became ready (ms from the pool's creation), for the trace. */
  index: number;
  spawnedMs: number;
  readyMs: number;
}

/**
 * The environment variable naming a file to which a pool writes, when it closes, one CSV line
 * per job it ran: which worker ran it, the job's number in the order jobs were asked for (0,
 * 1, …; a sweep asks in its runs' order), its seed, when that worker was started and became
 * ready, and when the job was handed to it, began and ended (ms since the pool was made). It
 * shows where a sweep's wall time goes: workers' start-up, their first (compiling) runs,
 * hand-over gaps and the tail when the last runs finish (`node bench/pool-trace.mjs <file>`
 * summarises it).
 */
export const POOL_TRACE_ENV = 'TOKENSIM_POOL_TRACE';
export const POOL_TRACE_HEADER = 'worker,job,seed,spawned_ms,ready_ms,assigned_ms,started_ms,ended_ms';

function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (typeof err === 'object' && err !== null && 'message' in err) return new Error(String((err as { message: unknown }).message));
  return new Error(String(err));
}

/**
 * Whether a pool of `workers` threads on `cores` cores has its threads compile their hot code
 * themselves rather than on V8's background threads: when there is a worker for every core,
 * a background compile has no idle core to run on and only takes turns with the engines it is
 * compiling for, while they wait in slower code. A 64-run sweep at 2,000 engineers on 2 workers
 * and 2 cores: 6.37 → 6.15 s (runs 5.8 → 5.5 s); at 10,000 engineers no difference; on 1 worker,
 * with a core to spare, background compiling is faster (bench/RESULTS.md, fifth stop). On 16
 * cores, 16 workers, 10,000 engineers: 5.4–5.9 s against 6.1–6.6 s in the background (ninth stop).
 */
export function compilesOnOwnThread(workers: number, cores: number, execArgv: readonly string[] = []): boolean {
  // Node started with either form of the flag (`node --concurrent-recompilation …`) keeps it.
  if (execArgv.some((a) => /^--(no-)?concurrent-recompilation$/.test(a))) return false;
  return workers >= cores && cores > 1;
}

/** A pool of at most `workers` threads (an integer ≥ 1); traced to the file named by TOKENSIM_POOL_TRACE, if set. */
export function createPool(workers: number, trace: string | undefined = process.env[POOL_TRACE_ENV] || undefined): Pool {
  // V8 reads the flag when an isolate starts: the workers started from here on, not this thread.
  if (compilesOnOwnThread(workers, os.availableParallelism(), process.execArgv)) setFlagsFromString('--no-concurrent-recompilation');
  return createPoolWithEntry(workers, WORKER_URL, trace);
}

/**
 * createPool with another thread entry (tests use one that crashes or never answers). The
 * entry must post `{ type: WORKER_READY }` once it serves the worker API on its parent port.
 * With `trace`, the pool writes that file when it closes (see POOL_TRACE_ENV).
 */
export function createPoolWithEntry(workers: number, entry: URL, trace?: string): Pool {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`a pool needs at least one worker (got ${workers})`);
  const queue: Job[] = [];
  const slots = new Set<Slot>();
  let closed = false;
  const t0 = performance.now();
  const ms = (): number => performance.now() - t0;
  const traced: string[] = [];
  let started = 0;
  let asked = 0;

  function startSlot(): Slot {
    const spawnedMs = ms();
    const worker = new Worker(entry);
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const onReady = (message: unknown): void => {
      if ((message as { type?: unknown } | null)?.type !== WORKER_READY) return;
      worker.off('message', onReady);
      slot.readyMs = ms();
      markReady();
    };
    worker.on('message', onReady);
    const slot: Slot = {
      worker,
      remote: Comlink.wrap<EngineApi>(nodeEndpoint(worker)),
      ready,
      job: undefined,
      error: undefined,
      index: started++,
      spawnedMs,
      readyMs: Number.NaN,
    };
    worker.on('error', (err) => (slot.error = asError(err)));
    worker.on('exit', (code) => {
      slots.delete(slot);
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        const why = closed
          ? 'the pool was closed'
          : slot.error
            ? `its worker thread failed: ${slot.error.message}`
            : `its worker thread exited with code ${code}`;
        job.reject(new Error(`seed ${job.seed} did not finish: ${why}`));
      }
      pump();
    });
    slots.add(slot);
    return slot;
  }

  async function runOn(slot: Slot, job: Job): Promise<void> {
    slot.job = job;
    const assignedMs = ms();
    let startedMs = Number.NaN;
    let outcome: { ok: true; value: PackedResult } | { ok: false; error: Error };
    try {
      await slot.ready;
      startedMs = ms();
      outcome = { ok: true, value: await slot.remote.run(job.params, job.seed, undefined, job.agents) };
    } catch (err) {
      outcome = { ok: false, error: asError(err) };
    }
    if (slot.job !== job) return; // the worker died and the job was already rejected
    slot.job = undefined;
    if (trace !== undefined && outcome.ok) {
      traced.push([slot.index, job.index, job.seed, slot.spawnedMs, slot.readyMs, assignedMs, startedMs, ms()].map((v, k) => (k < 3 ? String(v) : v.toFixed(1))).join(','));
    }
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
    pump();
  }

  /** Hands queued jobs to idle workers, starting workers up to the pool's size. */
  function pump(): void {
    if (closed) return;
    while (queue.length > 0) {
      let slot = [...slots].find((s) => s.job === undefined);
      if (!slot && slots.size < workers) slot = startSlot();
      if (!slot) return;
      void runOn(slot, queue.shift()!);
    }
  }

  return {
    size: workers,
    run(params, seed, agents) {
      if (closed) return Promise.reject(new Error('the pool is closed'));
      return new Promise<PackedResult>((resolve, reject) => {
        queue.push({ index: asked++, params, seed, agents, resolve, reject });
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error(`seed ${job.seed} did not run: the pool was closed`));
      await Promise.all(
        [...slots].map(async (slot) => {
          slot.remote[Comlink.releaseProxy]();
          await slot.worker.terminate();
        }),
      );
      if (trace !== undefined) writeFileSync(trace, [POOL_TRACE_HEADER, ...traced].join('\n') + '\n');
    },
  };
}
