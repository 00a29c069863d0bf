import { describe, expect, it } from 'vitest';
import { NO_GROUP, OrderStats, ValueRange } from '../../sim/lib/orderStats.ts';
import { groupQuantiles, rankQuartiles } from '../../sim/lib/groupStats.ts';
import { quantileSorted, quantilesInPlace, selectInPlace } from '../../sim/lib/quantile.ts';
import { stream } from '../../sim/lib/rng.ts';
import type { Stream } from '../../sim/lib/rng.ts';

/** A value drawn from one of several shapes: few distinct values (ties), wide normals, signed zeros, infinities. */
function draw(rng: Stream, kind: number, distinct: number): number {
  switch (kind) {
    case 0:
      return rng.int(distinct) * 1000;
    case 1:
      return rng.normal() * 1e5;
    case 2:
      return (rng.int(distinct) - 2) * 0.25; // negatives, zeros and ties
    case 3:
      return [0, -0, 1, -1][rng.int(4)];
    case 4:
      return rng.next() < 0.02 ? [Infinity, -Infinity][rng.int(2)] : rng.int(distinct);
    default:
      return rng.next() < 0.9 ? 2400 : 2400 + rng.int(3) * 100; // one dominant value
  }
}

/** Random arrays with heavy ties (few distinct values) and without, and small edge cases. */
function arrays(seed = 5, count = 300): Float64Array[] {
  const rng = stream(seed, 'quantile-select-test');
  const out: Float64Array[] = [];
  for (let t = 0; t < count; t++) {
    const n = t < 30 ? 1 + (t % 5) : 1 + rng.int(400);
    const kind = rng.int(6);
    const distinct = 1 + rng.int(5);
    out.push(Float64Array.from({ length: n }, () => draw(rng, kind, distinct)));
  }
  out.push(new Float64Array([7, 7, 7, 7]), new Float64Array([-3]), new Float64Array([5, 5]), new Float64Array(300).fill(-0.5));
  return out;
}

/** The range of the members (column 0 not NO_GROUP, or all) as a caller would track it. */
function memberRange(a: Float64Array, cols: readonly Uint8Array[]): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  let nan = false;
  for (let i = 0; i < a.length; i++) {
    if (cols.length > 0 && cols[0][i] === NO_GROUP) continue;
    const x = a[i];
    if (x < min) min = x;
    if (x > max) max = x;
    if (x !== x) nan = true;
  }
  return new ValueRange().set(min, max, nan);
}

/** Finite, non-NaN arrays only (for comparisons with the brute-force references that use a − b). */
const finite = (a: Float64Array) => a.every((x) => Number.isFinite(x));

/** The pre-OrderStats rankQuartiles, verbatim: the reference for inputs holding NaN. */
function legacyRankQuartiles(values: Float64Array, scratch: Float64Array, out: Uint8Array): void {
  const n = values.length;
  const a = scratch.subarray(0, n);
  a.set(values);
  const r = [0, 0, 0];
  const s = [0, 0, 0];
  const c = [0, 0, 0];
  const seen = [0, 0, 0];
  let from = 0;
  for (let j = 0; j < 3; j++) {
    r[j] = Math.ceil(((j + 1) * n) / 4);
    if (r[j] >= n) {
      s[j] = Infinity;
      continue;
    }
    selectInPlace(a, from, n - 1, r[j]);
    from = r[j];
    s[j] = a[r[j]];
  }
  for (let k = 0; k < n; k++) for (let j = 0; j < 3; j++) if (values[k] < s[j]) c[j] += 1;
  for (let k = 0; k < n; k++) {
    const x = values[k];
    let q = 0;
    const holder = x === s[0] ? 0 : x === s[1] ? 1 : x === s[2] ? 2 : -1;
    const tie = holder >= 0 ? seen[holder] : 0;
    for (let j = 0; j < 3; j++) {
      if (x > s[j]) q += 1;
      else if (x === s[j] && c[j] + tie >= r[j]) q += 1;
    }
    if (holder >= 0) seen[holder] += 1;
    out[k] = q;
  }
}

/** Three group columns for n indices: firm-type-like (with NO_GROUP), level-like, quartile-like. */
function columns(rng: Stream, n: number, noneShare: number): Uint8Array[] {
  const c0 = Uint8Array.from({ length: n }, () => (rng.next() < noneShare ? NO_GROUP : 1 + rng.int(3)));
  const c1 = Uint8Array.from({ length: n }, () => 4 + rng.int(4));
  const c2 = Uint8Array.from({ length: n }, () => (rng.next() < 0.3 ? NO_GROUP : 8 + rng.int(4)));
  return [c0, c1, c2];
}

/** Group g's values in index order: the way a per-group array would be filled. */
function groupValues(values: Float64Array, cols: Uint8Array[], g: number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (cols.length > 0 && cols[0][i] === NO_GROUP) continue;
    if (g === 0 || cols.some((c) => c[i] === g)) out.push(values[i]);
  }
  return Float64Array.from(out);
}

describe('selection-based quantiles', () => {
  it('selectInPlace puts the exact order statistic at k with no larger value before it', () => {
    for (const a of arrays().filter(finite)) {
      const sorted = Float64Array.from(a).sort();
      const k = Math.floor(a.length / 3);
      const b = Float64Array.from(a);
      selectInPlace(b, 0, b.length - 1, k);
      // The order statistic up to the sign of zero (−0 === +0 for selection).
      expect(b[k] === sorted[k]).toBe(true);
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

describe('groupQuantiles (bucket histogram)', () => {
  const QS = [
    [0.1, 0.5, 0.9],
    [0.1, 0.5],
    [0.5],
    [0, 0.25, 0.75, 1],
  ];

  it('equals quantileSorted of every group bit for bit, with ties, signed zeros, infinities and tiny groups', () => {
    const rng = stream(11, 'group-quantiles-test');
    const stats = new OrderStats(400, 12);
    const out = new Float64Array(12 * 4);
    const sizes = new Int32Array(12);
    let checked = 0;
    for (const a of arrays(7)) {
      const n = a.length;
      const nCols = rng.int(4);
      const cols = columns(rng, n, rng.next() < 0.5 ? 0 : 0.2).slice(0, nCols);
      const qs = QS[rng.int(QS.length)];
      const groups = nCols === 3 ? 12 : nCols > 0 ? 8 : 1;
      groupQuantiles(stats, a, n, cols, groups, qs, out, sizes);
      for (let g = 0; g < groups; g++) {
        const sorted = groupValues(a, cols, g).sort();
        expect(sizes[g]).toBe(sorted.length);
        qs.forEach((q, j) => {
          const want = quantileSorted(sorted, q);
          if (!Object.is(out[g * qs.length + j], want)) throw new Error(`group ${g} q ${q}: ${out[g * qs.length + j]} ≠ ${want} (n ${n}, ${cols.length} columns)`);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('takes the gathered buckets in turns when they exceed the capacity', () => {
    // Two values above a lone minimum, half each: every group's median bucket holds half the
    // group, and the buckets of the 12 groups together hold about twice the capacity.
    const rng = stream(3, 'group-quantiles-turns');
    const n = 1000;
    const a = Float64Array.from({ length: n }, () => 1 + rng.int(2) * 4);
    a[0] = 0;
    const cols = columns(rng, n, 0);
    const stats = new OrderStats(n, 12);
    const out = new Float64Array(12);
    const sizes = new Int32Array(12);
    groupQuantiles(stats, a, n, cols, 12, [0.5], out, sizes);
    expect(stats.gathered).toBeGreaterThan(n);
    for (let g = 0; g < 12; g++) expect(Object.is(out[g], quantileSorted(groupValues(a, cols, g).sort(), 0.5))).toBe(true);
  });

  it('answers a rank at the minimum without gathering, however many share it', () => {
    // Most values at the minimum (as poaching premiums are often 0), the rest spread above it.
    const rng = stream(4, 'group-quantiles-minimum');
    for (const share of [0.3, 0.6, 0.9]) {
      const n = 2000;
      const a = Float64Array.from({ length: n }, () => (rng.next() < share ? 0 : 1 + 1000 * rng.next() ** 3));
      const cols = columns(rng, n, 0.2);
      const stats = new OrderStats(n, 12);
      const qs = [0.1, 0.5, 0.9];
      const out = new Float64Array(12 * qs.length);
      const sizes = new Int32Array(12);
      groupQuantiles(stats, a, n, cols, 12, qs, out, sizes);
      let atMinimum = 0;
      for (let g = 0; g < 12; g++) {
        const sorted = groupValues(a, cols, g).sort();
        qs.forEach((q, j) => {
          const want = quantileSorted(sorted, q);
          if (want === 0) atMinimum++;
          expect(Object.is(out[g * qs.length + j], want)).toBe(true);
        });
      }
      // The values gathered are those of the buckets above the minimum asked for: far fewer
      // than the members at the minimum, which a bucket shared with the smallest others held.
      expect(atMinimum).toBeGreaterThan(0);
      expect(stats.gathered).toBeLessThan(0.1 * n);
    }
  });

  it('gives NaN and size 0 for empty groups, and one round does not leak into the next', () => {
    const stats = new OrderStats(10, 12);
    const out = new Float64Array(12);
    const sizes = new Int32Array(12);
    const a = Float64Array.from([5, 1, 4, 2, 3, 9, 8, 7, 6, 0]);
    const c0 = new Uint8Array(10).fill(1);
    const c1 = new Uint8Array(10).fill(NO_GROUP);
    c1[3] = 5;
    groupQuantiles(stats, a, 10, [c0, c1], 8, [0.5], out, sizes);
    expect(Array.from(sizes.subarray(0, 8))).toEqual([10, 10, 0, 0, 0, 1, 0, 0]);
    expect(out[0]).toBe(4.5);
    expect(out[5]).toBe(2);
    expect(out[2]).toBeNaN();
    const none = new Uint8Array(10).fill(NO_GROUP);
    groupQuantiles(stats, a, 10, [none], 8, [0.5], out, sizes);
    expect(sizes[0]).toBe(0);
    expect(out[0]).toBeNaN();
    groupQuantiles(stats, a, 10, [], 1, [0.1], out, sizes);
    expect(out[0]).toBe(quantileSorted(Float64Array.from(a).sort(), 0.1));
  });

  it('with NaN among the values, equals quantilesInPlace on per-group arrays in index order', () => {
    const rng = stream(9, 'group-quantiles-nan');
    const stats = new OrderStats(300, 12);
    const out = new Float64Array(12 * 3);
    const sizes = new Int32Array(12);
    const want = new Float64Array(3);
    for (let t = 0; t < 50; t++) {
      const n = 1 + rng.int(300);
      const a = Float64Array.from({ length: n }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(20)));
      const cols = columns(rng, n, 0.1);
      groupQuantiles(stats, a, n, cols, 12, [0.1, 0.5, 0.9], out, sizes);
      for (let g = 0; g < 12; g++) {
        quantilesInPlace(groupValues(a, cols, g), [0.1, 0.5, 0.9], want);
        for (let j = 0; j < 3; j++) expect(Object.is(out[g * 3 + j], want[j])).toBe(true);
      }
    }
  });

  it('given the members\' range (ValueRange) gives the same bits as finding it, NaN included', () => {
    const rng = stream(13, 'group-quantiles-known-range');
    const stats = new OrderStats(400, 12);
    const out = new Float64Array(12 * 4);
    const sizes = new Int32Array(12);
    const want = new Float64Array(12 * 4);
    const wantSizes = new Int32Array(12);
    const inputs = arrays(12, 150);
    for (let t = 0; t < 30; t++) inputs.push(Float64Array.from({ length: 1 + rng.int(300) }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(20))));
    for (const a of inputs) {
      const n = a.length;
      const nCols = rng.int(4);
      const cols = columns(rng, n, rng.next() < 0.5 ? 0 : 0.2).slice(0, nCols);
      const qs = QS[rng.int(QS.length)];
      const groups = nCols === 3 ? 12 : nCols > 0 ? 8 : 1;
      groupQuantiles(stats, a, n, cols, groups, qs, want, wantSizes);
      groupQuantiles(stats, a, n, cols, groups, qs, out, sizes, memberRange(a, cols));
      for (let g = 0; g < groups; g++) {
        expect(sizes[g]).toBe(wantSizes[g]);
        for (let j = 0; j < qs.length; j++) expect(Object.is(out[g * qs.length + j], want[g * qs.length + j])).toBe(true);
      }
    }
  });

  it('rejects group 0 inside a column and more columns than it supports', () => {
    const stats = new OrderStats(4, 4);
    const a = new Float64Array(4);
    expect(() => stats.count(a, 4, [new Uint8Array(4)], 4)).toThrow(RangeError);
    expect(() => stats.count(a, 4, [1, 2, 3, 4].map(() => new Uint8Array(4).fill(1)), 4)).toThrow(RangeError);
  });
});

describe('rank quartiles', () => {
  it('match ⌊4·rank/n⌋ with ties ranked by index (brute force)', () => {
    const stats = new OrderStats(400, 1);
    for (const a of arrays().filter(finite)) {
      const n = a.length;
      const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x] - a[y] || x - y);
      const expected = new Uint8Array(n);
      order.forEach((i, rank) => (expected[i] = Math.min(3, Math.floor((4 * rank) / n))));
      const got = new Uint8Array(n);
      rankQuartiles(a, stats, got);
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
  });

  it('equal the selection-based version on every input, infinities and NaN included', () => {
    const stats = new OrderStats(400, 1);
    const rng = stream(4, 'rank-quartiles-nan');
    const inputs = arrays(8);
    for (let t = 0; t < 40; t++) inputs.push(Float64Array.from({ length: 1 + rng.int(200) }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(6))));
    for (const a of inputs) {
      const want = new Uint8Array(a.length);
      legacyRankQuartiles(a, new Float64Array(a.length), want);
      const got = new Uint8Array(a.length);
      rankQuartiles(a, stats, got);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });

  it('given the values\' range (ValueRange) give the same quartiles as finding it', () => {
    const stats = new OrderStats(400, 1);
    const rng = stream(6, 'rank-quartiles-known-range');
    const inputs = arrays(9, 150);
    for (let t = 0; t < 30; t++) inputs.push(Float64Array.from({ length: 1 + rng.int(200) }, () => (rng.next() < 0.05 ? Number.NaN : rng.int(6))));
    for (const a of inputs) {
      const want = new Uint8Array(a.length);
      rankQuartiles(a, stats, want);
      const got = new Uint8Array(a.length);
      rankQuartiles(a, stats, got, memberRange(a, []));
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });

  it('of the first n values equal those of the subarray of n (the rest untouched)', () => {
    const stats = new OrderStats(400, 1);
    for (const a of arrays(10, 150)) {
      for (const n of [0, 1, 3, 4, Math.floor(a.length / 2), a.length]) {
        if (n > a.length) continue;
        const known = memberRange(a.subarray(0, n), []);
        for (const range of [undefined, known]) {
          const want = new Uint8Array(a.length).fill(9);
          rankQuartiles(a.subarray(0, n), stats, want, range);
          const got = new Uint8Array(a.length).fill(9);
          rankQuartiles(a, stats, got, range, n);
          expect(Array.from(got)).toEqual(Array.from(want));
        }
      }
    }
  });

  it('puts a quarter of the engineers in each quartile even when every budget is equal', () => {
    const got = new Uint8Array(8);
    const budgets = new Float64Array(8).fill(2400);
    rankQuartiles(budgets, new OrderStats(8, 1), got);
    expect(Array.from(got)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    // The same with the range known to be one value (filled in without a pass).
    got.fill(9);
    rankQuartiles(budgets, new OrderStats(8, 1), got, memberRange(budgets, []));
    expect(Array.from(got)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
