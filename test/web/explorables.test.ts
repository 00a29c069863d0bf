import { describe, expect, it } from 'vitest';
import { emptySample } from '../../sim/run/agentSample.ts';
import type { Result } from '../../sim/run/result.ts';
import type { SlotRun } from '../../web/lib/catalogue.ts';
import { MAX_SAMPLES, mapSettings, SampleStore } from '../../web/lib/explorables.ts';
import { jobKey } from '../../web/lib/jobs.ts';

const result = (seed: number, agents = true): Result => ({
  scenario: 's',
  seed,
  months: 2,
  paramsHash: '',
  resultHash: '',
  firmTypes: ['bigtech'],
  series: [],
  ...(agents ? { agents: emptySample(3, 2) } : {}),
});

describe('the samples of engineers the page keeps', () => {
  it('takes the sample off the cached result and finds it by the run’s first seed', () => {
    const store = new SampleStore();
    const r = result(4);
    store.take(jobKey('A', 4), r);
    expect(r.agents).toBeUndefined();
    const run = { text: 'A', label: 'A' } as SlotRun;
    expect(store.of(run, [4, 5])?.seed).toBe(4);
    expect(store.of(run, [5])).toBeUndefined();
    // The same object each time, so the view is not redrawn for nothing.
    expect(store.of(run, [4])).toBe(store.of(run, [4]));
    store.take(jobKey('B', 4), result(4, false));
    expect(store.of({ text: 'B' } as SlotRun, [4])).toBeUndefined();
  });

  it('drops, once, a cached first seed that has no sample, so it runs again with one', () => {
    const store = new SampleStore();
    const run = { text: 'A' } as SlotRun;
    const cache = new Map([[jobKey('A', 2), result(2, false)]]);
    store.take(jobKey('A', 2), cache.get(jobKey('A', 2))!, false);
    store.refresh(run, [2, 3], cache);
    expect(cache.size).toBe(0);
    cache.set(jobKey('A', 2), result(2, false));
    store.refresh(run, [2, 3], cache);
    expect(cache.size).toBe(1);
    // A run asked for a sample stays, whether or not one came.
    const asked = new Map([[jobKey('A', 7), result(7, false)]]);
    store.take(jobKey('A', 7), asked.get(jobKey('A', 7))!, true);
    store.refresh(run, [7], asked);
    expect(asked.size).toBe(1);
    // A first seed with its sample stays.
    const withSample = new Map([[jobKey('A', 5), result(5)]]);
    store.take(jobKey('A', 5), withSample.get(jobKey('A', 5))!);
    store.refresh(run, [5], withSample);
    expect(withSample.size).toBe(1);
  });

  it('keeps only the latest few, and runs an evicted first seed again for its sample', () => {
    const store = new SampleStore();
    for (let s = 1; s <= MAX_SAMPLES + 2; s++) store.take(jobKey('A', s), result(s));
    const run = { text: 'A' } as SlotRun;
    expect(store.of(run, [1])).toBeUndefined();
    expect(store.of(run, [MAX_SAMPLES + 2])).toBeDefined();
    const cache = new Map([[jobKey('A', 1), result(1, false)]]);
    store.refresh(run, [1], cache);
    expect(cache.size).toBe(0);
  });

  it('reads σ and long-run autonomy growth from the edited run', () => {
    const run = { label: 'x', params: { production: { sigma: 2.5 }, market: { autonomyGrowthLongRun: 1.4 } } } as unknown as SlotRun;
    expect(mapSettings(run)).toEqual({ sigma: 2.5, autonomyGrowth: 1.4, label: 'x' });
    expect(mapSettings(undefined)).toBeUndefined();
  });
});
