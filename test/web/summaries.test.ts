import { describe, expect, it } from 'vitest';
import type { SummarySeries } from '../../sim/research/ensemble.ts';
import { METRIC_DEFS } from '../../sim/run/metricDefs.ts';
import type { Result } from '../../sim/run/result.ts';
import { CHARTS, seriesKey, shownSeries, unitOf } from '../../web/lib/chartSpecs.ts';
import { csvField, summaryCsv, SUMMARY_CSV_COLUMNS } from '../../web/lib/csv.ts';
import { jobKey, planJobs, wantedJobs } from '../../web/lib/jobs.ts';
import { atHorizon, nearestIndex, summariseShown, valueDomain, yearTicks } from '../../web/lib/summaries.ts';

/** A made-up result: series (metric, group) with the given values. */
function result(seed: number, series: [string, string, number[]][]): Result {
  return {
    scenario: 'test',
    seed,
    months: series[0][2].length,
    paramsHash: 'p',
    resultHash: `r${seed}`,
    firmTypes: ['bigtech'],
    series: series.map(([metric, group, v]) => ({ metric, group, values: Float64Array.from(v) })),
  };
}

const summary = (mean: number[], lo: number[], hi: number[]): SummarySeries => ({
  metric: 'm',
  group: 'all',
  mean: Float64Array.from(mean),
  lo95: Float64Array.from(lo),
  hi95: Float64Array.from(hi),
});

describe('chart specs', () => {
  it('name only metrics of the public contract, with units', () => {
    const names = new Set(METRIC_DEFS.map((d) => d.name));
    for (const ref of shownSeries()) expect(names.has(ref.metric)).toBe(true);
    expect(unitOf('cash_base_median')).toBe('$ per year');
    expect(() => unitOf('nope')).toThrow('unknown metric nope');
  });

  it('are five charts, each with a caption, listing every shown series once', () => {
    expect(CHARTS.map((c) => c.id)).toEqual(['wages', 'substitution', 'handcuffs', 'market', 'wealth']);
    for (const c of CHARTS) expect(c.caption.length).toBeGreaterThan(80);
    const refs = shownSeries();
    expect(new Set(refs.map(seriesKey)).size).toBe(refs.length);
    expect(refs.map(seriesKey)).toContain('poaching_premium_median|budget_q4');
    expect(refs.map(seriesKey)).toContain('wealth_median|staff');
  });
});

describe('summaries of the shown series', () => {
  const a = result(1, [
    ['headcount', 'all', [10, 20]],
    ['wealth_mean', 'all', [1, 2]],
  ]);
  const b = result(2, [
    ['headcount', 'all', [14, 20]],
    ['wealth_mean', 'all', [3, 2]],
  ]);

  it('is undefined before the first seed', () => {
    expect(summariseShown([], shownSeries())).toBeUndefined();
  });

  it('keeps only the requested series that exist, with the mean and Student-t interval', () => {
    const s = summariseShown([a, b], [{ metric: 'headcount', group: 'all' }, { metric: 'headcount', group: 'junior' }])!;
    expect(s.n).toBe(2);
    expect(s.seeds).toEqual([1, 2]);
    expect([...s.series.keys()]).toEqual(['headcount|all']);
    const h = s.series.get('headcount|all')!;
    expect(Array.from(h.mean)).toEqual([12, 20]);
    // s.d. of (10, 14) = 2√2, t(0.975, 1) = 12.706, half-width = 12.706 · 2√2 / √2 = 25.412
    expect(h.lo95[0]).toBeCloseTo(12 - 25.412, 9);
    expect(h.hi95[0]).toBeCloseTo(12 + 25.412, 9);
    expect(h.lo95[1]).toBe(20);
  });

  it('reads the value at the horizon', () => {
    expect(atHorizon(summary([1, 2, 3], [0, 1, 2], [2, 3, 5]))).toEqual({ mean: 3, lo: 2, hi: 5 });
  });
});

describe('axis ranges and ticks', () => {
  it('starts a linear axis at 0 for non-negative means and pads the top', () => {
    expect(valueDomain([summary([1, 2], [-1, 1], [3, 9])], 'linear')).toEqual([0, 9.45]);
  });

  it('can follow the data instead of 0', () => {
    const [lo, hi] = valueDomain([summary([100, 110], [99, 105], [101, 120])], 'linear', false);
    expect(lo).toBeCloseTo(97.95, 9);
    expect(hi).toBeCloseTo(121.05, 9);
  });

  it('ignores values a log axis cannot show', () => {
    const [lo, hi] = valueDomain([summary([0, 1, 10], [-1, 1, 10], [0, 1, 10])], 'log');
    expect(lo).toBeCloseTo(1 / 1.1, 12);
    expect(hi).toBeCloseTo(11, 12);
  });

  it('has fallbacks for empty and flat data', () => {
    expect(valueDomain([], 'linear')).toEqual([0, 1]);
    expect(valueDomain([], 'log')).toEqual([1, 10]);
    // A flat 0 % line gets a 0–1 % axis when asked, not 0–100 %.
    expect(valueDomain([summary([0, 0], [0, 0], [0, 0])], 'linear', true, 0.01)).toEqual([0, 0.01]);
    expect(valueDomain([summary([0, 0], [0, 0], [0, 0])], 'linear')).toEqual([0, 1]);
    expect(valueDomain([summary([5, 5], [5, 5], [5, 5])], 'log')).toEqual([2.5, 10]);
  });

  it('bins a pointer position to the nearest month, clamped', () => {
    expect(nearestIndex(36.4, 120)).toBe(35);
    expect(nearestIndex(36.6, 120)).toBe(36);
    expect(nearestIndex(-3, 120)).toBe(0);
    expect(nearestIndex(500, 120)).toBe(119);
    expect(nearestIndex(Number.NaN, 120)).toBe(0);
  });

  it('puts year ticks every 1, 2, 5 … years to fit', () => {
    expect(yearTicks(120, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(yearTicks(120, 6)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(yearTicks(600, 6)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(yearTicks(12, 6)).toEqual([0, 1]);
  });
});

describe('CSV of the shown series', () => {
  it('writes one row per scenario, series and month with the interval and seeds', () => {
    const series = new Map([[seriesKey({ metric: 'headcount', group: 'all' }), summary([10, 11], [9, 10], [11, 12.5])]]);
    const text = summaryCsv(
      [{ name: 'tunguz-100k-custom', label: 'tunguz-100k · σ 3, λ 0.4', seeds: [1, 2], series }],
      [{ metric: 'headcount', group: 'all' }, { metric: 'wealth_mean', group: 'all' }],
    );
    expect(text).toBe(
      `${SUMMARY_CSV_COLUMNS.join(',')}\n` +
        'tunguz-100k-custom,"tunguz-100k · σ 3, λ 0.4",1 2,headcount,all,engineers,1,10,9,11\n' +
        'tunguz-100k-custom,"tunguz-100k · σ 3, λ 0.4",1 2,headcount,all,engineers,2,11,10,12.5\n',
    );
  });

  it('quotes fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a "b"')).toBe('"a ""b"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
  });
});

describe('planning the worker pool', () => {
  const jobs = wantedJobs(['A', 'B'], [1, 2]);

  it('orders jobs seed by seed so every scenario gets its first seed early, without duplicates', () => {
    expect(jobs.map((j) => `${j.text}${j.seed}`)).toEqual(['A1', 'B1', 'A2', 'B2']);
    expect(wantedJobs(['A', 'A'], [1]).length).toBe(1);
    expect(jobKey('A', 1)).not.toBe(jobKey('A', 2));
  });

  it('gives idle workers the first jobs that are neither done nor running', () => {
    const plan = planJobs(jobs, new Set([jobKey('A', 1)]), [undefined, jobKey('B', 1), undefined]);
    expect(plan.cancel).toEqual([]);
    expect(plan.start.map((s) => [s.worker, s.job.key])).toEqual([
      [0, jobKey('A', 2)],
      [2, jobKey('B', 2)],
    ]);
  });

  it('cancels a run that is no longer wanted and reuses its worker (a slider moved)', () => {
    const after = wantedJobs(['A', 'C'], [1, 2]);
    const plan = planJobs(after, new Set([jobKey('A', 1)]), [jobKey('B', 1), jobKey('A', 2)]);
    expect(plan.cancel).toEqual([0]);
    expect(plan.start.map((s) => [s.worker, s.job.key])).toEqual([[0, jobKey('C', 1)]]);
  });

  it('does nothing when all wanted runs are done', () => {
    expect(planJobs(jobs, new Set(jobs.map((j) => j.key)), [undefined])).toEqual({ cancel: [], start: [] });
  });
});
