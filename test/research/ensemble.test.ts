import { describe, expect, it } from 'vitest';
import { mean } from 'simple-statistics';
import { summarize, tQuantile975 } from '../../sim/research/ensemble.ts';
import type { Result } from '../../sim/run/result.ts';

const result = (seed: number, values: number[]): Result => ({
  scenario: 's',
  seed,
  months: values.length,
  paramsHash: 'p',
  resultHash: String(seed),
  firmTypes: [],
  series: [{ metric: 'm', group: 'all', values: Float64Array.from(values) }],
});

describe('Student t critical values', () => {
  it('match the tables at small and large degrees of freedom', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(9)).toBeCloseTo(2.262, 3);
    // Tables: df 40 → 2.021, 60 → 2.000, 120 → 1.980.
    expect(tQuantile975(40)).toBeCloseTo(2.021, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.98, 3);
    expect(tQuantile975(1e6)).toBeCloseTo(1.96, 3);
  });
});

describe('summarize', () => {
  it('gives the mean and the t interval of the mean across seeds (worked by hand)', () => {
    // Month 1 values 1, 2, 3: mean 2, s = 1, half-width = t(0.975, 2)·1/√3 = 4.303/1.7321 = 2.4843.
    const s = summarize([result(1, [1, 10]), result(2, [2, 10]), result(3, [3, 10])]);
    expect(s.n).toBe(3);
    expect(s.seeds).toEqual([1, 2, 3]);
    const m = s.series[0];
    expect(m.mean[0]).toBe(2);
    expect(m.lo95[0]).toBeCloseTo(2 - 2.4843, 4);
    expect(m.hi95[0]).toBeCloseTo(2 + 2.4843, 4);
    // Month 2 has no spread.
    expect(m.lo95[1]).toBe(10);
    expect(m.hi95[1]).toBe(10);
  });

  it('collapses the interval to the value with one seed', () => {
    const m = summarize([result(4, [5])]).series[0];
    expect([m.mean[0], m.lo95[0], m.hi95[0]]).toEqual([5, 5, 5]);
  });

  it('gives with one seed bit for bit what the general route gives (−0, NaN, infinities, subnormals)', () => {
    const values = [-0, 0, Number.NaN, Infinity, -Infinity, 5e-324, -1e-300, 1.7976931348623157e308, 0.1 + 0.2, -3];
    const m = summarize([result(7, values)]).series[0];
    values.forEach((v, i) => {
      const mu = mean([v]);
      // Object.is tells −0 from +0 and matches NaN with NaN.
      expect([Object.is(m.mean[i], mu), Object.is(m.lo95[i], mu - 0), Object.is(m.hi95[i], mu + 0)]).toEqual([true, true, true]);
    });
    expect(Object.is(m.mean[0], 0)).toBe(true); // mean([−0]) is +0: the compensated sum adds 0
  });

  it('refuses results of different shapes', () => {
    expect(() => summarize([result(1, [1, 2]), result(2, [1])])).toThrow(/different shape/);
    expect(() => summarize([])).toThrow();
  });
});
