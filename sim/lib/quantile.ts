/**
 * Quantiles with numpy's default linear interpolation: h = (n − 1)·q, value = x₍⌊h⌋₎ +
 * (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) over the order statistics x₍k₎ (ranks from 0).
 *
 * Two ways to find order statistics, which give the same values:
 * - selection (selectInPlace, quantilesInPlace): quickselect on one array, reordering it;
 * - OrderStats (orderStats.ts): a bucket histogram over many groups at once (metrics use it
 *   every month), which needs no copy of the values per group; groupQuantiles and
 *   rankQuartiles build on it.
 *
 * Why results are bit for bit the same whichever method (or pivot, or arrangement) is used: an
 * order statistic is a value determined by the multiset alone, up to the sign of zero (−0 and
 * +0 compare equal, so either may be picked). The interpolation x₀ + f·(x₁ − x₀), f ≥ 0, never
 * depends on that sign: if x₁ ≠ 0, x₁ − (±0) = x₁ and ±0 + f·x₁ agree (f·x₁ is +0 or non-zero);
 * if both are zeros, x₁ − x₀ is −0 only when x₀ = +0, so the sum is +0 in every case. Rank
 * quartiles compare values with <, > and ===, for which ±0 are equal too. NaN has no order; an
 * input holding NaN falls back to the selection method on the original arrangement, which
 * reproduces the earlier results exactly.
 */

/** From a sorted array. NaN when empty. */
export function quantileSorted(a: Float64Array, q: number): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return a[lo] + (h - lo) * (a[hi] - a[lo]);
}

/**
 * Rearranges a[lo..hi] (inclusive) so that a[k] holds the k-th smallest value, with no larger
 * value before it and no smaller after it (Hoare quickselect, median-of-three pivot). The value
 * at k is the exact order statistic, whatever the pivots.
 */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const x = a[lo];
    const y = a[(lo + hi) >> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The k-th smallest value of a[lo..hi] (inclusive), reordering it: quickselect with a
 * three-way partition (below, equal to, above the pivot), so that many equal values, common
 * in the buckets of OrderStats, are settled in one pass. No NaN allowed.
 */
export function selectWithTies(a: Float64Array, lo: number, hi: number, k: number): number {
  for (;;) {
    const x = a[lo];
    const y = a[(lo + hi) >> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // a[lo..lt) < pivot, a[lt..i) === pivot, a(gt..hi] > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
}

/**
 * Quantiles `qs` (ascending) of `a`, in O(n) by successive selection; reorders `a`. Equal to
 * quantileSorted on the sorted array, bit for bit. Writes into `out`; NaN when `a` is empty.
 */
export function quantilesInPlace(a: Float64Array, qs: readonly number[], out: Float64Array): Float64Array {
  const n = a.length;
  let from = 0;
  for (let j = 0; j < qs.length; j++) {
    if (n === 0) {
      out[j] = Number.NaN;
      continue;
    }
    const h = (n - 1) * qs[j];
    const lo = Math.floor(h);
    if (lo >= from) {
      selectInPlace(a, from, n - 1, lo);
      from = lo;
    }
    const v0 = a[lo];
    let v1 = v0;
    if (lo + 1 < n) {
      v1 = a[lo + 1];
      for (let i = lo + 2; i < n; i++) if (a[i] < v1) v1 = a[i];
    }
    out[j] = v0 + (h - lo) * (v1 - v0);
  }
  return out;
}
