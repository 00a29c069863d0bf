/**
 * Runs many (parameters, seed) jobs on a pool and hands each result on in a fixed order,
 * whatever order the workers finish in: within a stream (one scenario), job k is delivered
 * as soon as jobs 1..k of that stream are done. Output built from the deliveries is
 * therefore the same bytes for any number of workers, and is written while later runs go on.
 */
import type { Params } from '../../model/params.ts';
import { unpackResult, type Result } from '../../run/result.ts';
import type { Pool } from './pool.ts';
import { WriteAbortedError } from '../output/atomicOutput.ts';

export interface RunJob {
  params: Params;
  seed: number;
  /** Jobs of the same stream are delivered in the order they appear in the job list. */
  stream: number;
  /** Follow a sample of this many engineers (Result.agents). */
  agents?: number;
}

export interface RunOrderedOptions {
  /** Aborting rejects with WriteAbortedError at once (close the pool to stop the workers). */
  signal?: AbortSignal;
  /** Called as each run finishes, in finishing order: (runs done, runs in all). */
  onRunDone?: (done: number, total: number) => void;
}

/** Names the run in a failure message: `baseline seed 3: <why>`. */
function runFailure(job: RunJob, err: unknown): Error {
  const why = err instanceof Error ? err.message : String(err);
  return new Error(`${job.params.name} seed ${job.seed}: ${why}`);
}

/**
 * Submits every job to `pool` (which queues them first in, first out) and calls `deliver`
 * for each result in stream order, one call at a time per stream (awaiting it when it returns
 * a promise). Resolves when every result has been delivered; rejects on the first failed run,
 * failed delivery or abort, after which nothing more is delivered.
 */
export function runOrdered(
  pool: Pool,
  jobs: readonly RunJob[],
  deliver: (job: RunJob, index: number, result: Result) => void | Promise<void>,
  options: RunOrderedOptions = {},
): Promise<void> {
  const { signal, onRunDone } = options;
  return new Promise<void>((resolve, reject) => {
    let stopped = false;
    const finish = (err?: Error): void => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => finish(new WriteAbortedError('interrupted'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (jobs.length === 0) return finish();

    // Per stream: its job indexes in order, the next to deliver, and the delivery chain.
    const streams = new Map<number, { order: number[]; next: number; chain: Promise<void> }>();
    jobs.forEach((job, index) => {
      const s = streams.get(job.stream) ?? { order: [], next: 0, chain: Promise.resolve() };
      s.order.push(index);
      streams.set(job.stream, s);
    });
    const ready = new Map<number, Result>();
    let finished = 0;
    let delivered = 0;

    const flush = (key: number): void => {
      const s = streams.get(key)!;
      while (s.next < s.order.length && ready.has(s.order[s.next])) {
        const index = s.order[s.next++];
        const result = ready.get(index)!;
        ready.delete(index);
        s.chain = s.chain
          .then(() => (stopped ? undefined : deliver(jobs[index], index, result)))
          .then(() => {
            delivered += 1;
            if (delivered === jobs.length) finish();
          })
          .catch((err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
      }
    };

    jobs.forEach((job, index) => {
      pool.run(job.params, job.seed, job.agents).then(
        (packed) => {
          if (stopped) return;
          finished += 1;
          onRunDone?.(finished, jobs.length);
          ready.set(index, unpackResult(packed));
          flush(job.stream);
        },
        (err: unknown) => finish(runFailure(job, err)),
      );
    });
  });
}

/** Every (scenario, seed) pair, scenario by scenario, seeds in the order given; stream = scenario index. */
export function jobsFor(scenarios: readonly { params: Params }[], seeds: readonly number[], agents?: number): RunJob[] {
  return scenarios.flatMap((s, stream) => seeds.map((seed) => ({ params: s.params, seed, stream, ...(agents ? { agents } : {}) })));
}
