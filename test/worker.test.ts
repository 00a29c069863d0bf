import { MessageChannel } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { workerApi } from '../sim/worker.ts';
import type { WorkerApi } from '../sim/worker.ts';
import { packResult, unpackResult, findSeries } from '../sim/result.ts';
import { parseScenario } from '../sim/scenario.ts';
import { simulate } from '../sim/simulate.ts';

const text = (() => {
  const obj = JSON.parse(readFileSync('scenarios/tunguz-100k.json', 'utf8')) as Record<string, unknown>;
  obj.run = { engineers: 800, years: 1 };
  return JSON.stringify(obj);
})();

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

  it('passes a scenario error back with its path and reason', async () => {
    await expect(remote.runScenario('{"name":"x","description":"d","run":{"years":0}}', 1, 'x.json')).rejects.toThrow(
      /x\.json: run\.years: must be at least 1/,
    );
  });
});
