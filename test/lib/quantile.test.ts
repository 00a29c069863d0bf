import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../sim/run/metrics.ts';

const q = (xs: number[], p: number) => quantileSorted(Float64Array.from(xs), p);

/**
 * Expected values worked by hand with numpy's default ('linear', type 7) rule:
 *   h = (n − 1)·q, result = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * Confirmed independently with numpy 2.4.6: np.quantile(xs, qs) printed the same numbers.
 */
describe('quantileSorted', () => {
  it('matches numpy linear on [1, 2, 3, 4]', () => {
    // n − 1 = 3. q 0 → h 0 → 1; q 0.1 → h 0.3 → 1 + 0.3 = 1.3; q 0.25 → h 0.75 → 1.75;
    // q 0.5 → h 1.5 → 2.5; q 0.9 → h 2.7 → 3 + 0.7 = 3.7; q 1 → h 3 → 4.
    const xs = [1, 2, 3, 4];
    const cases: [number, number][] = [[0, 1], [0.1, 1.3], [0.25, 1.75], [0.5, 2.5], [0.9, 3.7], [1, 4]];
    for (const [p, want] of cases) expect(q(xs, p)).toBeCloseTo(want, 12);
  });

  it('matches numpy linear on a geometric series [10, 20, 40, 80, 160]', () => {
    // n − 1 = 4. q 0.1 → h 0.4 → 10 + 0.4·10 = 14; q 0.3 → h 1.2 → 20 + 0.2·20 = 24;
    // q 0.5 → h 2 → 40; q 0.75 → h 3 → 80; q 0.9 → h 3.6 → 80 + 0.6·80 = 128.
    const xs = [10, 20, 40, 80, 160];
    const cases: [number, number][] = [[0.1, 14], [0.3, 24], [0.5, 40], [0.75, 80], [0.9, 128]];
    for (const [p, want] of cases) expect(q(xs, p)).toBeCloseTo(want, 11);
  });

  it('matches numpy linear with negatives and ties [−3, −1, 2, 2, 5, 11]', () => {
    // n − 1 = 5. q 0.2 → h 1 → −1; q 0.5 → h 2.5 → 2 + 0.5·0 = 2; q 0.95 → h 4.75 → 5 + 0.75·6 = 9.5.
    const xs = [-3, -1, 2, 2, 5, 11];
    const cases: [number, number][] = [[0.2, -1], [0.5, 2], [0.95, 9.5]];
    for (const [p, want] of cases) expect(q(xs, p)).toBeCloseTo(want, 12);
  });

  it('the median of an even-length array is the mean of the middle two', () => {
    expect(q([1, 3, 8, 100], 0.5)).toBe(5.5);
  });

  it('is NaN for an empty array', () => {
    expect(Number.isNaN(q([], 0.5))).toBe(true);
    expect(Number.isNaN(q([], 0))).toBe(true);
  });

  it('returns the only element of a one-element array at every q', () => {
    for (const p of [0, 0.1, 0.5, 0.9, 1]) expect(q([7], p)).toBe(7);
  });

  it('is non-decreasing in q and stays between the minimum and the maximum', () => {
    const xs = [-5, -5, 0.5, 2, 9, 9, 9, 40];
    let prev = -Infinity;
    for (let k = 0; k <= 100; k++) {
      const v = q(xs, k / 100);
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(v).toBeGreaterThanOrEqual(-5);
      expect(v).toBeLessThanOrEqual(40);
      prev = v;
    }
    expect(q(xs, 0)).toBe(-5);
    expect(q(xs, 1)).toBe(40);
  });
});
