/**
 * The two uses the metrics make of OrderStats every month: quantiles by group
 * (groupQuantiles) and rank quartiles (rankQuartiles), bit for bit the values of sorting each
 * group (quantile.ts).
 */
import { quantilesInPlace, selectInPlace } from './quantile.ts';
import { NO_GROUP, OrderStats } from './orderStats.ts';
import type { ValueRange } from './orderStats.ts';

const NO_COLUMNS: readonly Uint8Array[] = [];

/**
 * Quantiles `qs` of every group g < `groups` of an OrderStats round (see OrderStats for members
 * and columns): out[g·qs.length + j] = quantile qs[j] of group g, NaN for an empty group, and
 * sizes[g] = the group's members. Equal bit for bit to quantileSorted on each group's sorted
 * values. With NaN among the values, each group's members are copied in index order and go
 * through quantilesInPlace, exactly as a per-group array would. `known`: the members' range,
 * if the caller has it (see ValueRange).
 */
export function groupQuantiles(
  stats: OrderStats,
  values: Float64Array,
  n: number,
  columns: readonly Uint8Array[],
  groups: number,
  qs: readonly number[],
  out: Float64Array,
  sizes: Int32Array,
  known?: ValueRange,
): void {
  roundQuantiles(stats.count(values, n, columns, groups, known), stats, values, n, columns, groups, qs, out, sizes);
}

/**
 * groupQuantiles of a round `stats` has already counted with these values, columns and groups
 * (count() or begin()/end()); `counted` false (count() found NaN) takes the selection route.
 */
export function roundQuantiles(
  counted: boolean,
  stats: OrderStats,
  values: Float64Array,
  n: number,
  columns: readonly Uint8Array[],
  groups: number,
  qs: readonly number[],
  out: Float64Array,
  sizes: Int32Array,
): void {
  const nq = qs.length;
  if (!counted) {
    groupQuantilesBySelection(stats.scratch, values, n, columns, groups, qs, out, sizes);
    return;
  }
  // Ask for x₍lo₎ and x₍lo+1₎ of every quantile, then read them back in the same order.
  for (let g = 0; g < groups; g++) {
    const m = stats.size(g);
    sizes[g] = m;
    for (let j = 0; j < nq && m > 0; j++) {
      const lo = Math.floor((m - 1) * qs[j]);
      stats.ask(g, lo);
      if (lo + 1 < m) stats.ask(g, lo + 1);
    }
  }
  stats.resolve(values, n, columns);
  let q = 0;
  for (let g = 0; g < groups; g++) {
    const m = sizes[g];
    for (let j = 0; j < nq; j++) {
      if (m === 0) {
        out[g * nq + j] = Number.NaN;
        continue;
      }
      const h = (m - 1) * qs[j];
      const lo = Math.floor(h);
      const v0 = stats.value(q++);
      const v1 = lo + 1 < m ? stats.value(q++) : v0;
      out[g * nq + j] = v0 + (h - lo) * (v1 - v0);
    }
  }
}

/** groupQuantiles by copying each group (members in index order) and quantilesInPlace. */
function groupQuantilesBySelection(
  scratch: Float64Array,
  values: Float64Array,
  n: number,
  columns: readonly Uint8Array[],
  groups: number,
  qs: readonly number[],
  out: Float64Array,
  sizes: Int32Array,
): void {
  const member = columns.length > 0 ? columns[0] : null;
  const part = new Float64Array(qs.length);
  for (let g = 0; g < groups; g++) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (member !== null && member[i] === NO_GROUP) continue;
      let inGroup = g === 0;
      for (let c = 0; c < columns.length && !inGroup; c++) inGroup = columns[c][i] === g;
      if (inGroup) scratch[m++] = values[i];
    }
    sizes[g] = m;
    quantilesInPlace(scratch.subarray(0, m), qs, part);
    out.set(part, g * qs.length);
  }
}

/**
 * Rank quartile of each value, in O(n): quartile = ⌊4·rank/n⌋ where equal values are ranked
 * in index order, so no quartile is empty when n ≥ 4. Quartile j + 1 starts at rank
 * r_j = ⌈(j + 1)·n/4⌉; with s_j the order statistic at r_j and c_j = #(values < s_j), a value
 * below s_j ranks before r_j, above it after, and equal to it at c_j + its tie index.
 * `stats` needs capacity ≥ n; `out[k]` receives the quartile (0–3) of values[k], for the
 * first `n` values (all of them unless given).
 *
 * s_j and c_j come from the bucket histogram (c_j = members of earlier buckets + members of
 * s_j's bucket below s_j; earlier buckets hold only smaller values). Fewer than 4 values, or
 * NaN, take the selection route, which also counts c_j by brute force. `known`: the values'
 * range, if the caller has it (see ValueRange); when it shows every value the same (budgets
 * often are), ranks follow index order and quartile j is the index range [r_{j−1}, r_j): what
 * assignQuartiles gives with s_j = that value and c_j = 0, filled in without a pass.
 */
export function rankQuartiles(values: Float64Array, stats: OrderStats, out: Uint8Array, known?: ValueRange, n = values.length): void {
  // r_j, s_j and c_j (see above) in this module's scratch, not arrays made at every call (the
  // month's budget quartiles). Both routes below set every s_j; c_j is counted up from 0.
  const r = quartileRanks;
  const s = quartileValues;
  const c = quartileBelow;
  for (let j = 0; j < 3; j++) {
    r[j] = Math.ceil(((j + 1) * n) / 4);
    c[j] = 0;
  }
  if (n >= 4 && known !== undefined && known.min === known.max && !known.nan) {
    out.fill(0, 0, r[0]);
    out.fill(1, r[0], r[1]);
    out.fill(2, r[1], r[2]);
    out.fill(3, r[2], n);
    return;
  }
  if (n >= 4 && stats.count(values, n, NO_COLUMNS, 1, known)) {
    // n ≥ 4, so every r_j < n.
    const q0 = stats.ask(0, r[0], true);
    stats.ask(0, r[1], true);
    stats.ask(0, r[2], true);
    stats.resolve(values, n, NO_COLUMNS);
    for (let j = 0; j < 3; j++) {
      s[j] = stats.value(q0 + j);
      c[j] = stats.below(q0 + j);
    }
  } else {
    const a = stats.scratch.subarray(0, n);
    a.set(values.subarray(0, n));
    let from = 0;
    for (let j = 0; j < 3; j++) {
      if (r[j] >= n) {
        s[j] = Infinity;
        continue;
      }
      selectInPlace(a, from, n - 1, r[j]);
      from = r[j];
      s[j] = a[r[j]];
    }
    for (let k = 0; k < n; k++) for (let j = 0; j < 3; j++) if (values[k] < s[j]) c[j] += 1;
  }
  assignQuartiles(values, n, out, s[0], s[1], s[2], c[0], c[1], c[2], r[0], r[1], r[2]);
}

/** rankQuartiles' r_j, s_j and c_j (ranks and counts are integers below 2^31: read back as small integers, never boxed). */
const quartileRanks = new Int32Array(3);
const quartileValues = new Float64Array(3);
const quartileBelow = new Int32Array(3);

/**
 * out[k] = the rank quartile of values[k] from the thresholds s_j, the counts c_j of values below
 * them and their ranks r_j (rankQuartiles), in one loop with the thresholds in locals.
 */
function assignQuartiles(values: Float64Array, n: number, out: Uint8Array, s0: number, s1: number, s2: number, c0: number, c1: number, c2: number, r0: number, r1: number, r2: number): void {
  // Ties share one counter per distinct value: the first threshold holding that value.
  let seen0 = 0;
  let seen1 = 0;
  let seen2 = 0;
  for (let k = 0; k < n; k++) {
    const x = values[k];
    let q = 0;
    const holder = x === s0 ? 0 : x === s1 ? 1 : x === s2 ? 2 : -1;
    const tie = holder === 0 ? seen0 : holder === 1 ? seen1 : holder === 2 ? seen2 : 0;
    if (x > s0) q += 1;
    else if (x === s0 && c0 + tie >= r0) q += 1;
    if (x > s1) q += 1;
    else if (x === s1 && c1 + tie >= r1) q += 1;
    if (x > s2) q += 1;
    else if (x === s2 && c2 + tie >= r2) q += 1;
    if (holder === 0) seen0 += 1;
    else if (holder === 1) seen1 += 1;
    else if (holder === 2) seen2 += 1;
    out[k] = q;
  }
}
