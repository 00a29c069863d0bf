import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compilesOnOwnThread, createPool, createPoolWithEntry, defaultWorkers, POOL_TRACE_HEADER, WORKER_READY } from '../../sim/cli/parallel/pool.ts';
// @ts-expect-error a plain .mjs bench script without declarations
import { readTrace, summarise } from '../../bench/pool-trace.mjs';
import type { Params } from '../../sim/model/params.ts';
import { packResult } from '../../sim/run/result.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { simulate } from '../../sim/run/simulate.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-pool-test-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The baseline scenario at a small size. */
function small(engineers: number, years: number): Params {
  const p = parseScenario(readFileSync('scenarios/baseline.json', 'utf8'), 'baseline.json');
  p.run.engineers = engineers;
  p.run.years = years;
  return p;
}

/** A worker entry written for the test: `body` runs in the thread with `parentPort` in scope. */
function entry(name: string, body: string): URL {
  const file = path.join(TMP, `${name}.mjs`);
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}

const READY = `parentPort.postMessage({ type: ${JSON.stringify(WORKER_READY)} });`;

describe('worker pool', () => {
  it('a pool of two gives the same packed results as an in-process simulation', async () => {
    const params = small(600, 1);
    const pool = createPool(2);
    try {
      expect(pool.size).toBe(2);
      const [a, b] = await Promise.all([pool.run(params, 1), pool.run(params, 2)]);
      for (const [seed, got] of [
        [1, a],
        [2, b],
      ] as const) {
        const want = packResult(simulate(params, seed));
        expect(got.resultHash).toBe(want.resultHash);
        expect(got.metrics).toEqual(want.metrics);
        expect(got.groups).toEqual(want.groups);
        expect(got.values).toBeInstanceOf(Float64Array);
        expect(Array.from(got.values)).toEqual(Array.from(want.values));
      }
    } finally {
      await pool.close();
    }
  });

  it('runs jobs first in, first out on one worker, and side by side on two', async () => {
    // Side by side is about order, not speed: the big job is large enough (≈ 2–5 s) that the
    // second worker starts and finishes both tiny ones first even on a loaded machine (at 3,000
    // engineers × 2 years it sometimes did not).
    const big = small(6000, 8);
    const tiny = small(100, 1);
    const order = async (workers: number): Promise<string[]> => {
      const pool = createPool(workers);
      const done: string[] = [];
      try {
        await Promise.all([
          pool.run(big, 1).then(() => done.push('big')),
          pool.run(tiny, 1).then(() => done.push('tiny-1')),
          pool.run(tiny, 2).then(() => done.push('tiny-2')),
        ]);
      } finally {
        await pool.close();
      }
      return done;
    };
    expect(await order(1)).toEqual(['big', 'tiny-1', 'tiny-2']);
    // The second worker takes both tiny jobs, in order, while the first simulates the big one.
    expect(await order(2)).toEqual(['tiny-1', 'tiny-2', 'big']);
  });

  it('an invalid job rejects with the error message from the worker, and the pool goes on', async () => {
    const pool = createPool(1);
    try {
      let inProcess = '';
      try {
        simulate({} as Params, 1);
      } catch (err) {
        inProcess = (err as Error).message;
      }
      expect(inProcess).not.toBe('');
      await expect(pool.run({} as Params, 1)).rejects.toThrow(inProcess);
      const ok = await pool.run(small(100, 1), 3);
      expect(ok.seed).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('close rejects queued and running jobs, terminates the workers, and refuses new jobs', async () => {
    // A worker that says it is ready and then never answers: only terminating it ends its job.
    const pool = createPoolWithEntry(1, entry('silent', `${READY}\nparentPort.on('message', () => undefined);`));
    const failure = (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: unknown) => (e as Error).message);
    const running = failure(pool.run(small(100, 1), 1));
    const queued = failure(pool.run(small(100, 1), 2));
    await new Promise((r) => setTimeout(r, 200));
    await pool.close();
    expect(await running).toBe('seed 1 did not finish: the pool was closed');
    expect(await queued).toBe('seed 2 did not run: the pool was closed');
    await expect(pool.run(small(100, 1), 3)).rejects.toThrow('the pool is closed');
  });

  it('a worker that dies fails its job with a clear message instead of hanging, and is replaced', async () => {
    const exits = createPoolWithEntry(1, entry('exits', `${READY}\nparentPort.on('message', () => process.exit(3));`));
    try {
      await expect(exits.run(small(100, 1), 7)).rejects.toThrow('seed 7 did not finish: its worker thread exited with code 3');
      await expect(exits.run(small(100, 1), 8)).rejects.toThrow('seed 8 did not finish: its worker thread exited with code 3');
    } finally {
      await exits.close();
    }
    const broken = createPoolWithEntry(2, entry('broken', `throw new Error('engine failed to load');`));
    try {
      await expect(broken.run(small(100, 1), 1)).rejects.toThrow('seed 1 did not finish: its worker thread failed: engine failed to load');
    } finally {
      await broken.close();
    }
  });

  it('writes a trace of its jobs when it closes, if asked: a line a job, times in order', async () => {
    const file = path.join(TMP, 'trace.csv');
    const params = small(200, 1);
    const pool = createPool(2, file);
    try {
      await Promise.all([1, 2, 3].map((seed) => pool.run(params, seed)));
    } finally {
      await pool.close();
    }
    const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    expect(header).toBe(POOL_TRACE_HEADER);
    const rows = lines.map((l) => l.split(',').map(Number));
    expect(rows.map((r) => r[1]).sort()).toEqual([0, 1, 2]); // the jobs, in the order asked for
    expect(rows.map((r) => [r[1], r[2]]).sort()).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    for (const [worker, , , spawned, ready, assigned, started, ended] of rows) {
      expect([0, 1]).toContain(worker);
      expect(spawned).toBeLessThanOrEqual(ready);
      expect(ready).toBeLessThanOrEqual(started);
      expect(assigned).toBeLessThanOrEqual(started);
      expect(started).toBeLessThan(ended);
    }
    // The bench's summary reads it back: three runs on two workers, one of them a hand-over.
    const s = summarise(readTrace(readFileSync(file, 'utf8')));
    expect(s.runs).toBe(3);
    expect(s.workers).toBe(2);
    expect(s.firstRuns).toHaveLength(2);
    expect(s.laterRuns).toHaveLength(1);
    expect(s.gaps[0]).toBeGreaterThanOrEqual(0);
  });

  it('defaults to one worker per available core and needs at least one', () => {
    expect(defaultWorkers()).toBe(os.availableParallelism());
    expect(() => createPool(0)).toThrow(RangeError);
    expect(() => createPool(1.5)).toThrow(RangeError);
  });
});

describe('where workers compile their hot code', () => {
  it('on their own threads only when there is a worker for every core (and more than one core)', () => {
    expect(compilesOnOwnThread(2, 2)).toBe(true);
    expect(compilesOnOwnThread(16, 16)).toBe(true);
    expect(compilesOnOwnThread(20, 16)).toBe(true);
    expect(compilesOnOwnThread(8, 16)).toBe(false);
    expect(compilesOnOwnThread(1, 2)).toBe(false);
    expect(compilesOnOwnThread(1, 1)).toBe(false);
    // node started with the flag either way keeps what it was given
    expect(compilesOnOwnThread(16, 16, ['--concurrent-recompilation'])).toBe(false);
    expect(compilesOnOwnThread(16, 16, ['--v8-pool-size=16', '--no-concurrent-recompilation'])).toBe(false);
    expect(compilesOnOwnThread(16, 16, ['--v8-pool-size=16'])).toBe(true);
  });
});
