/**
 * A Pool (pool.ts) that runs the engine on this thread: for a lone run (`tokensim run` with one
 * scenario and one seed), where a worker thread would only add its start (a thread, a second
 * copy of the engine to load and compile) and the copy of the result back. The same engine and
 * the same parameters give the same result, so the same bytes are written.
 *
 * The run advances in slices of work with a turn of the event loop between them, so Ctrl-C
 * (withInterruptAbort) is noticed during the run: `close()` stops it at the next slice and the
 * job rejects. Jobs run one after another, first in, first out.
 */
import type { Params } from '../../model/params.ts';
import { packResult, type PackedResult } from '../../run/result.ts';
import { startRun } from '../../run/simulate.ts';
import type { Pool } from './pool.ts';

/**
 * Engineer-months between turns of the event loop: 30 months at the default size, about a
 * tenth of a second of a warm engine, so Ctrl-C is seen within a fraction of a second at any
 * size (one month a slice from 300,000 engineers up).
 */
const SLICE_ENGINEER_MONTHS = 300_000;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createInProcessPool(): Pool {
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();

  async function simulateSliced(params: Params, seed: number, agents?: number): Promise<PackedResult> {
    const run = startRun(params, seed, agents ? { agents } : {});
    const perSlice = Math.max(1, Math.floor(SLICE_ENGINEER_MONTHS / Math.max(1, run.engineers)));
    while (run.monthsDone < run.months) {
      await turn();
      if (closed) throw new Error(`seed ${seed} did not finish: the pool was closed`);
      run.step(perSlice);
    }
    return packResult(run.result());
  }

  return {
    size: 1,
    run(params, seed, agents) {
      if (closed) return Promise.reject(new Error('the pool is closed'));
      const job = chain.then(() => simulateSliced(params, seed, agents));
      chain = job.catch(() => undefined);
      return job;
    },
    async close() {
      closed = true;
      await chain;
    },
  };
}
