/**
 * The metrics' three quantile rounds counted in one loop (MetricRounds) against each round
 * counted on its own by OrderStats.count: same group sizes and the same quantiles, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { roundQuantiles, groupQuantiles } from '../../sim/lib/groupStats.ts';
import { bucketOf, NO_GROUP, OrderStats, ValueRange } from '../../sim/lib/orderStats.ts';
import { stream } from '../../sim/lib/rng.ts';
import type { Stream } from '../../sim/lib/rng.ts';
import { MetricRounds } from '../../sim/run/metricRounds.ts';

// Groups as the metrics lay them out: 0 all, 1–3 firm types, 4–7 levels, 8–11 budget quartiles.
const TYPES: [number, number] = [1, 4];
const LEVELS: [number, number] = [4, 8];
const TL = 8;
const G = 12;

/** Values of one shape: spread, heavy ties, signed zeros and infinities, or one value. */
function values(rng: Stream, n: number, kind: number): Float64Array {
  return Float64Array.from({ length: n }, () => {
    if (kind === 0) return 5e4 + rng.normal() * 2e4;
    if (kind === 1) return rng.int(4) * 1000;
    if (kind === 2) return [0, -0, 3, Infinity, -Infinity][rng.int(5)];
    return 2400;
  });
}

function rangeOf(a: Float64Array, member: (i: number) => boolean): ValueRange {
  const r = new ValueRange();
  for (let i = 0; i < a.length; i++) {
    if (!member(i)) continue;
    const x = a[i];
    if (x < r.min) r.min = x;
    if (x > r.max) r.max = x;
    if (x !== x) r.nan = true;
  }
  return r;
}

describe('MetricRounds', () => {
  it('counts the three rounds in one loop as three count() calls would: same sizes and quantiles, bit for bit', () => {
    const rng = stream(21, 'metric-rounds-test');
    for (let t = 0; t < 60; t++) {
      const n = 1 + rng.int(600);
      const typeCol = Uint8Array.from({ length: n }, () => (rng.next() < 0.1 ? NO_GROUP : TYPES[0] + rng.int(3)));
      const levelCol = Uint8Array.from({ length: n }, () => LEVELS[0] + rng.int(4));
      // Budget quartiles in engineer order of the employed, and the column they make.
      const quartile = Uint8Array.from({ length: n }, () => rng.int(4));
      const quartileCol = new Uint8Array(n).fill(NO_GROUP);
      for (let i = 0, k = 0; i < n; i++) if (typeCol[i] !== NO_GROUP) quartileCol[i] = TL + quartile[k++];
      const [base, wealth, premium] = [0, 1, 2].map(() => values(rng, n, rng.int(4)));
      const employed = (i: number) => typeCol[i] !== NO_GROUP;
      const rounds = new MetricRounds(n, TL, G);
      const roundsQuartileCol = new Uint8Array(n).fill(NO_GROUP);
      rounds.columns(typeCol, levelCol, roundsQuartileCol, ...TYPES, ...LEVELS);
      const counted = rounds.count(n, quartile, TL, base, rangeOf(base, employed), wealth, rangeOf(wealth, () => true), premium, rangeOf(premium, employed));
      expect(counted).toBe(true);
      expect(Array.from(roundsQuartileCol)).toEqual(Array.from(quartileCol));
      const cases: [OrderStats, Float64Array, Uint8Array[], number, number[]][] = [
        [rounds.cash, base, [typeCol, levelCol], TL, [0.1, 0.5, 0.9]],
        [rounds.wealth, wealth, [levelCol, typeCol], TL, [0.1, 0.5]],
        [rounds.premium, premium, [typeCol, levelCol, quartileCol], G, [0.5]],
      ];
      const reference = new OrderStats(n, G);
      for (const [stats, a, cols, groups, qs] of cases) {
        const got = new Float64Array(groups * qs.length);
        const want = new Float64Array(groups * qs.length);
        const gotSizes = new Int32Array(groups);
        const wantSizes = new Int32Array(groups);
        // Quantiles of the rounds counted together, read in turn (they share one scratch).
        roundQuantiles(true, stats, a, n, cols, groups, qs, got, gotSizes);
        groupQuantiles(reference, a, n, cols, groups, qs, want, wantSizes);
        expect(Array.from(gotSizes)).toEqual(Array.from(wantSizes));
        for (let k = 0; k < got.length; k++) if (!Object.is(got[k], want[k])) throw new Error(`case ${t}, entry ${k}: ${got[k]} ≠ ${want[k]}`);
      }
    }
  });

  it('OrderStats.begin/end: a round counted by the caller without columns (group 0 counted directly) gives count()\'s quantiles', () => {
    const rng = stream(22, 'counted-round-no-columns');
    for (let t = 0; t < 40; t++) {
      const n = 1 + rng.int(500);
      const a = values(rng, n, rng.int(4));
      const stats = new OrderStats(n, 1);
      stats.begin(1, n, rangeOf(a, () => true));
      const last = (1 << stats.bits) - 1;
      for (let i = 0; i < n; i++) {
        const b = bucketOf(a[i], stats.roundMin, stats.roundScale, last);
        stats.bucket[i] = b;
        stats.counts[b]++;
      }
      stats.end(0, 0);
      const qs = [0.1, 0.5, 0.9];
      const got = new Float64Array(qs.length);
      const want = new Float64Array(qs.length);
      const sizes = new Int32Array(1);
      roundQuantiles(true, stats, a, n, [], 1, qs, got, sizes);
      expect(sizes[0]).toBe(n);
      groupQuantiles(new OrderStats(n, 1), a, n, [], 1, qs, want, new Int32Array(1));
      for (let j = 0; j < qs.length; j++) expect(Object.is(got[j], want[j])).toBe(true);
    }
  });

  it('leaves rounds with NaN to count(): counts nothing and says so; setQuartiles then sets the quartile column', () => {
    const n = 8;
    const typeCol = new Uint8Array(n).fill(1);
    const levelCol = new Uint8Array(n).fill(4);
    const quartileCol = new Uint8Array(n);
    const quartile = Uint8Array.from({ length: n }, (_, k) => k % 4);
    const rounds = new MetricRounds(n, TL, G);
    rounds.columns(typeCol, levelCol, quartileCol, ...TYPES, ...LEVELS);
    const a = Float64Array.from({ length: n }, (_, i) => i);
    const withNaN = Float64Array.from(a);
    withNaN[3] = Number.NaN;
    const all = () => true;
    expect(rounds.count(n, quartile, TL, a, rangeOf(a, all), withNaN, rangeOf(withNaN, all), a, rangeOf(a, all))).toBe(false);
    rounds.setQuartiles(n, quartile, TL);
    expect(Array.from(quartileCol)).toEqual(Array.from(quartile, (q) => TL + q));
    expect(() => rounds.cash.begin(TL, n, rangeOf(withNaN, all))).toThrow(RangeError);
  });
});
