import { MessageChannel } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { workerApi } from '../sim/worker.ts';
import type { RunReport, WorkerApi } from '../sim/worker.ts';
import { packResult, unpackResult, findSeries } from '../sim/run/result.ts';
import type { Result } from '../sim/run/result.ts';
import { parseScenario } from '../sim/input/scenario.ts';
import { simulate, startRun } from '../sim/run/simulate.ts';

const text = (() => {
  const obj = JSON.parse(readFileSync('scenarios/tunguz-100k.json', 'utf8')) as Record<string, unknown>;
  obj.run = { engineers: 800, years: 1 };
  return JSON.stringify(obj);
})();

/** The same scenario at another size. */
function sized(engineers: number, years: number): string {
  const obj = JSON.parse(text) as Record<string, unknown>;
  obj.run = { engineers, years };
  return JSON.stringify(obj);
}

/** Every series' values as plain arrays (NaN compares equal to NaN in toEqual). */
const valuesOf = (r: Result) => r.series.map((s) => [s.metric, s.group, Array.from(s.values)]);

describe('a stepped run (startRun)', () => {
  const params = parseScenario(sized(600, 2));

  it('gives bit for bit what simulate gives, however it is sliced', () => {
    const whole = simulate(params, 4);
    for (const slices of [[1], [5, 7], [13, 100], [24]]) {
      const run = startRun(params, 4);
      let k = 0;
      while (run.monthsDone < run.months) run.step(slices[k++ % slices.length]);
      const r = run.result();
      expect(r.resultHash).toBe(whole.resultHash);
      expect(valuesOf(r)).toEqual(valuesOf(whole));
      expect({ ...r, series: undefined }).toEqual({ ...whole, series: undefined });
    }
  });

  it('reports the months done so far: full-length series, NaN after, no hash, unchanged by later steps', () => {
    const whole = simulate(params, 4);
    const run = startRun(params, 4);
    expect(run.months).toBe(24);
    expect(run.step(0)).toBe(0);
    expect(run.step(10)).toBe(10);
    const partial = run.result();
    expect(partial.resultHash).toBe('');
    expect(partial.months).toBe(24);
    expect(partial.series.map((s) => [s.metric, s.group])).toEqual(whole.series.map((s) => [s.metric, s.group]));
    const before = valuesOf(partial);
    partial.series.forEach((s, k) => {
      expect(Array.from(s.values.subarray(0, 10))).toEqual(Array.from(whole.series[k].values.subarray(0, 10)));
      expect(Array.from(s.values.subarray(10)).every(Number.isNaN)).toBe(true);
    });
    expect(run.step(1000)).toBe(24);
    expect(valuesOf(partial)).toEqual(before);
    expect(run.result().resultHash).toBe(whole.resultHash);
  });
});

describe('packed results', () => {
  it('round-trip every series exactly, as views into one buffer', () => {
    const r = simulate(parseScenario(text), 3);
    const back = unpackResult(packResult(r));
    expect(back.resultHash).toBe(r.resultHash);
    expect(back.series.length).toBe(r.series.length);
    r.series.forEach((s, k) => {
      expect(back.series[k].metric).toBe(s.metric);
      expect(back.series[k].group).toBe(s.group);
      expect(Array.from(back.series[k].values)).toEqual(Array.from(s.values));
    });
    expect(new Set(back.series.map((s) => s.values.buffer)).size).toBe(1);
  });
});

describe('the worker API over comlink (the worker_threads adapter)', () => {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(workerApi, nodeEndpoint(port1));
  const remote = Comlink.wrap<WorkerApi>(nodeEndpoint(port2));
  afterAll(() => {
    remote[Comlink.releaseProxy]();
    port1.close();
    port2.close();
  });

  it('runs scenario text and returns what an in-process run returns', async () => {
    const direct = simulate(parseScenario(text), 5);
    const packed = await remote.runScenario(text, 5);
    const r = unpackResult(packed);
    expect(r.resultHash).toBe(direct.resultHash);
    expect(Array.from(findSeries(r, 'headcount')!)).toEqual(Array.from(findSeries(direct, 'headcount')!));
  });

  it('reports progress month by month through a proxied callback', async () => {
    const seen: number[] = [];
    await remote.run(parseScenario(text), 1, Comlink.proxy((done: number) => void seen.push(done)));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
  });

  it('runs in slices: the same bits as runScenario, with partial results at the months asked for', async () => {
    const small = sized(600, 2);
    const direct = simulate(parseScenario(small), 2);
    const reports: RunReport[] = [];
    const outcome = await remote.runSliced(small, 2, { id: 1, partialAt: [3, 12], progressEvery: 6, sliceEngineerMonths: 1 }, Comlink.proxy((r: RunReport) => void reports.push(r)));
    await new Promise((r) => setTimeout(r, 20));
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(unpackResult(outcome.result).resultHash).toBe(direct.resultHash);
    expect(reports.map((r) => [r.done, r.total, r.partial !== undefined])).toEqual([
      [3, 24, true],
      [6, 24, false],
      [12, 24, true],
      [18, 24, false],
    ]);
    const partial = unpackResult(reports[2].partial!);
    expect(partial.resultHash).toBe('');
    const head = findSeries(direct, 'headcount')!;
    const got = findSeries(partial, 'headcount')!;
    expect(Array.from(got.subarray(0, 12))).toEqual(Array.from(head.subarray(0, 12)));
    expect(Array.from(got.subarray(12)).every(Number.isNaN)).toBe(true);
  });

  it('stops a sliced run at its next slice when cancelled, and other runs go on unharmed', async () => {
    const long = sized(1500, 10);
    const other = sized(600, 2);
    let first: () => void = () => {};
    const started = new Promise<void>((r) => (first = r));
    const cancelled = remote.runSliced(long, 1, { id: 10, progressEvery: 1, sliceEngineerMonths: 1 }, Comlink.proxy(() => first()));
    const alongside = remote.runSliced(other, 3, { id: 11, sliceEngineerMonths: 1 });
    await started;
    expect(await remote.cancel(10)).toBe(true);
    const outcome = await cancelled;
    expect(outcome.status).toBe('cancelled');
    if (outcome.status === 'cancelled') {
      expect(outcome.monthsDone).toBeGreaterThan(0);
      expect(outcome.monthsDone).toBeLessThan(120);
    }
    // No longer running: a second cancel finds nothing.
    expect(await remote.cancel(10)).toBe(false);
    const done = await alongside;
    expect(done.status === 'done' && unpackResult(done.result).resultHash).toBe(simulate(parseScenario(other), 3).resultHash);
  });

  it('sees a cancel sent right after the start before simulating any month', async () => {
    const run = remote.runSliced(sized(600, 2), 1, { id: 20 });
    const ack = remote.cancel(20);
    expect(await ack).toBe(true);
    expect(await run).toEqual({ status: 'cancelled', monthsDone: 0 });
  });

  it('passes a scenario error back with its path and reason', async () => {
    await expect(remote.runScenario('{"name":"x","description":"d","run":{"years":0}}', 1, 'x.json')).rejects.toThrow(
      /x\.json: run\.years: must be at least 1/,
    );
    await expect(remote.runSliced('{"name":"x","description":"d","run":{"years":0}}', 1, { id: 30, source: 'x.json' })).rejects.toThrow(
      /x\.json: run\.years: must be at least 1/,
    );
  });
});
