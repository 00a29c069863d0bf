import { describe, expect, it } from 'vitest';
import { quantileSorted, quantilesInPlace, rankQuartiles, selectInPlace } from '../sim/quantile.ts';
import { stream } from '../sim/rng.ts';

/** Random arrays with heavy ties (few distinct values) and without. */
function arrays(): Float64Array[] {
  const rng = stream(5, 'quantile-select-test');
  const out: Float64Array[] = [];
  for (let t = 0; t < 300; t++) {
    const n = 1 + rng.int(400);
    const distinct = rng.next() < 0.5 ? 1 + rng.int(5) : 1e9;
    out.push(Float64Array.from({ length: n }, () => (distinct < 1e9 ? rng.int(distinct) * 1000 : rng.normal() * 1e5)));
  }
  out.push(new Float64Array([7, 7, 7, 7]));
  return out;
}

describe('selection-based quantiles', () => {
  it('selectInPlace puts the exact order statistic at k with no larger value before it', () => {
    for (const a of arrays()) {
      const sorted = Float64Array.from(a).sort();
      const k = Math.floor(a.length / 3);
      const b = Float64Array.from(a);
      selectInPlace(b, 0, b.length - 1, k);
      expect(b[k]).toBe(sorted[k]);
      for (let i = 0; i < k; i++) expect(b[i]).toBeLessThanOrEqual(b[k]);
      for (let i = k + 1; i < b.length; i++) expect(b[i]).toBeGreaterThanOrEqual(b[k]);
    }
  });

  it('quantilesInPlace equals quantileSorted bit for bit', () => {
    const qs = [0.1, 0.25, 0.5, 0.9];
    const out = new Float64Array(qs.length);
    for (const a of arrays()) {
      const sorted = Float64Array.from(a).sort();
      quantilesInPlace(Float64Array.from(a), qs, out);
      qs.forEach((q, j) => expect(Object.is(out[j], quantileSorted(sorted, q))).toBe(true));
    }
    quantilesInPlace(new Float64Array(0), [0.5], out);
    expect(out[0]).toBeNaN();
  });
});

describe('rank quartiles', () => {
  it('match ⌊4·rank/n⌋ with ties ranked by index (brute force)', () => {
    for (const a of arrays()) {
      const n = a.length;
      const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x] - a[y] || x - y);
      const expected = new Uint8Array(n);
      order.forEach((i, rank) => (expected[i] = Math.min(3, Math.floor((4 * rank) / n))));
      const got = new Uint8Array(n);
      rankQuartiles(a, new Float64Array(n), got);
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
  });

  it('puts a quarter of the engineers in each quartile even when every budget is equal', () => {
    const got = new Uint8Array(8);
    rankQuartiles(new Float64Array(8).fill(2400), new Float64Array(8), got);
    expect(Array.from(got)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
