import { describe, expect, it } from 'vitest';
import { meanInterval, pairedDifference, pairedDifferenceAt, valuesAt } from '../../../sim/research/reports/pairedDifferences.ts';
import type { Result } from '../../../sim/run/result.ts';

/** A one-series result (headcount, group all) with the given monthly values. */
const result = (seed: number, values: number[], scenario = 's'): Result => ({
  scenario,
  seed,
  months: values.length,
  paramsHash: 'p',
  resultHash: `r${seed}`,
  firmTypes: [],
  series: [{ metric: 'headcount', group: 'all', values: Float64Array.from(values) }],
});

describe('paired differences', () => {
  it('gives the mean of per-seed differences and its Student-t 95% interval', () => {
    // differences 1, 2, 3, 4: mean 2.5, sd √(5/3) = 1.29099; t(0.975, 3) = 3.182 (table);
    // half width 3.182 · 1.29099 / 2 = 2.05397 (confirmed by hand).
    const d = pairedDifference([1, 2, 3, 4], [10, 20, 30, 40], [11, 22, 33, 44]);
    expect(d.n).toBe(4);
    expect(d.mean).toBe(2.5);
    expect(d.sd).toBeCloseTo(1.29099, 5);
    expect(d.lo95).toBeCloseTo(2.5 - 2.05397, 5);
    expect(d.hi95).toBeCloseTo(2.5 + 2.05397, 5);
    expect(d.differences).toEqual([
      { seed: 1, difference: 1 },
      { seed: 2, difference: 2 },
      { seed: 3, difference: 3 },
      { seed: 4, difference: 4 },
    ]);
  });

  it('removes the noise the seeds share: far narrower than the unpaired intervals', () => {
    const reference = [100, 200, 300];
    const other = [103, 202, 303];
    const paired = pairedDifference([1, 2, 3], reference, other);
    const a = meanInterval(reference);
    expect(paired.hi95 - paired.lo95).toBeLessThan((a.hi95 - a.lo95) / 20);
    expect(paired.lo95).toBeGreaterThan(0);
  });

  it('has no interval with one seed, and a NaN value makes the mean NaN', () => {
    const one = pairedDifference([7], [1], [4]);
    expect(one.mean).toBe(3);
    expect(one.lo95).toBeNaN();
    expect(one.hi95).toBeNaN();
    expect(pairedDifference([1, 2], [1, NaN], [2, 3]).mean).toBeNaN();
    expect(() => pairedDifference([1, 2], [1], [2, 3])).toThrow('2 seeds, 1 reference and 2 other values');
  });

  it('pairs results by seed, not by position, at a 1-based month', () => {
    const ref = [result(1, [0, 10]), result(2, [0, 20])];
    const other = [result(2, [0, 26], 'o'), result(1, [0, 12], 'o')];
    expect(valuesAt(ref, 'headcount', 'all', 2)).toEqual([10, 20]);
    expect(valuesAt(ref, 'headcount', 'all', 3)).toBeUndefined();
    expect(valuesAt(ref, 'headcount', 'bigtech', 1)).toBeUndefined();
    const d = pairedDifferenceAt(ref, other, 'headcount', 'all', 2)!;
    expect(d.differences).toEqual([
      { seed: 1, difference: 2 },
      { seed: 2, difference: 6 },
    ]);
    expect(d.mean).toBe(4);
    expect(pairedDifferenceAt(ref, other, 'wealth_median', 'all', 2)).toBeUndefined();
    expect(() => pairedDifferenceAt(ref, [result(1, [0, 1]), result(3, [0, 1])], 'headcount', 'all', 2)).toThrow('not run on the same seeds');
  });
});
