/**
 * Quantiles with numpy's default linear interpolation: h = (n − 1)·q, value = x₍⌊h⌋₎ +
 * (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) over the order statistics x₍k₎.
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

/**
 * Rank quartile of each value, in O(n): quartile = ⌊4·rank/n⌋ where equal values are ranked
 * in index order, so no quartile is empty when n ≥ 4. Quartile j starts at rank r_j = ⌈j·n/4⌉;
 * with s_j the order statistic at r_j and c_j = #(values < s_j), a value below s_j ranks
 * before r_j, above it after, and equal to it at c_j + its tie index. `scratch` needs
 * values.length entries; `out[k]` receives the quartile (0–3) of values[k].
 */
export function rankQuartiles(values: Float64Array, scratch: Float64Array, out: Uint8Array): void {
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
    // Ties share one counter per distinct value: the first threshold holding that value.
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
