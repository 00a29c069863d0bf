/**
 * Exact order statistics of many groups at once from a bucket histogram (OrderStats); its two
 * uses by the metrics every month are in groupStats.ts. Same values, bit for bit, as the
 * selection route of quantile.ts; the argument is at the top of that file.
 */
import { selectWithTies } from './quantile.ts';
import { bucketOf, countNoColumns, countOneColumn, countThreeColumns, countTwoColumns, gatherColumns, gatherNoColumns, NO_GROUP } from './bucketPasses.ts';
import type { GatherTargets } from './bucketPasses.ts';

export { NO_GROUP, bucketOf };
/** OrderStats uses 2^bits buckets, about a quarter of its capacity, from 2^MIN_BITS to 2^MAX_BITS. */
const MIN_BITS = 6;
const MAX_BITS = 10;
/** Queries per group OrderStats has room for (on average over the groups); groupQuantiles asks two per quantile. */
const QUERIES_PER_GROUP = 8;

/**
 * The range [min, max] of a round's member values and whether one of them is NaN: what
 * OrderStats.count() would find in its first pass. A caller that has just computed the values
 * in its own pass over them can gather this there (same members, same order, same comparisons:
 * `x < min`, `x > max`, `x !== x`) and hand it to count(), which then skips that pass.
 */
export class ValueRange {
  min = Infinity;
  max = -Infinity;
  nan = false;
  set(min: number, max: number, nan: boolean): this {
    this.min = min;
    this.max = max;
    this.nan = nan;
    return this;
  }
}

/**
 * Exact order statistics of many groups of one array of values, in a few linear passes and no
 * copy of the values per group. Members are indices i < n with `columns[0][i] !== NO_GROUP`
 * (all i < n when there are no columns). Every member is in group 0, and in group
 * `columns[c][i]` of each column c where that is not NO_GROUP. Column ids are ≥ 1 (group 0 is
 * everyone) and below the round's `groups`; up to 3 columns.
 *
 * A round: count() finds the members' range [min, max] and counts members by group and bucket
 * b(x) = 0 for x = min, else min(B − 1, 1 + ⌊(x − min)·s⌋) with s = (B − 1)/(max − min)
 * (bucketOf); ask() locates a rank's bucket from the counts; resolve() copies the members of
 * the buckets asked for into `scratch` (one more pass) and selects within each. Exactness: b is
 * non-decreasing in x (rounded subtraction, rounded multiplication by s ≥ 0, floor and min are
 * all monotone, and every x > min maps to ≥ 1), so b(x) < b(y) implies x < y: every value of an
 * earlier bucket is smaller than every value of a later one, and the value of rank r is the
 * value of rank r − (members of earlier buckets) within its bucket. Bucket 0 holds only the
 * minimum, so a rank in it is answered without gathering, as is every rank of a round whose
 * members all have one value.
 * Skewed data or ties only make buckets larger (slower), never results different; if the
 * buckets asked for hold more than `capacity` values, resolve() takes them in turns. A caller may also count a round
 * in a loop of its own (begin(), end()), e.g. several rounds over the same indices in one.
 */
export class OrderStats {
  /** Values gathered from the buckets asked for; free for callers between rounds. */
  readonly scratch: Float64Array;
  private readonly capacity: number;
  private readonly maxGroups: number;
  readonly bits: number;
  /** Members by group and bucket, at (group << bits) | bucket. */
  readonly counts: Int32Array;
  /** 1 + target id of each (group, bucket) asked for this round, else 0. */
  private readonly slot: Int32Array;
  /** 1 for buckets holding a target this round (a cheap test before the groups'); entry B, for non-members, stays 0. */
  private readonly hot: Uint8Array;
  /** Each index's bucket this round (B for an index that is no member), kept by count() for gathering. */
  readonly bucket: Uint16Array;
  private readonly sizes: Int32Array;
  /** Scratch for count(): 1 for the group ids found in column 0. */
  private readonly isCol0: Uint8Array;
  private min = 0;
  private scale = 0;
  /** Every member has the same value (min === max): every member is in bucket 0. */
  private constant = false;
  /** Values copied into the scratch by the last resolve() (what answering cost; for tests and benches). */
  gathered = 0;
  private groups = 0;
  // Targets: (group, bucket) cells whose members resolve() gathers.
  private nTargets = 0;
  private readonly tCell: Int32Array;
  private readonly tCount: Int32Array;
  private readonly tStart: Int32Array;
  private readonly tFill: Int32Array;
  // Queries: rank within a target's bucket, and members of the group in earlier buckets.
  private nQueries = 0;
  private readonly qTarget: Int32Array;
  private readonly qRank: Int32Array;
  private readonly qBefore: Int32Array;
  private readonly qWantBelow: Uint8Array;
  private readonly qValue: Float64Array;
  private readonly qBelow: Int32Array;
  // ask()'s scan position: first bucket not yet passed in group cursorGroup, and the members before it.
  private cursorGroup = -1;
  private cursorBucket = 0;
  private cursorCount = 0;
  /** What gather() hands to the gathering pass (the arrays above, the round's bucket map, a turn's targets). */
  private readonly targets: GatherTargets;

  /**
   * For up to `capacity` indices and `maxGroups` group ids (< NO_GROUP). Memory: the scratch
   * (8 bytes per index, or `scratch` shared with other OrderStats used one round at a time), the
   * buckets (2 bytes per index) and two tables of maxGroups × B int32.
   */
  constructor(capacity: number, maxGroups: number, scratch?: Float64Array) {
    if (maxGroups > NO_GROUP) throw new RangeError(`OrderStats: at most ${NO_GROUP} groups`);
    let bits = MIN_BITS;
    while (bits < MAX_BITS && 1 << (bits + 2) < capacity) bits++;
    this.bits = bits;
    this.capacity = capacity;
    this.maxGroups = maxGroups;
    if (scratch !== undefined && scratch.length < capacity) throw new RangeError('OrderStats: scratch below capacity');
    this.scratch = scratch ?? new Float64Array(capacity);
    this.counts = new Int32Array(maxGroups << bits);
    this.slot = new Int32Array(maxGroups << bits);
    this.hot = new Uint8Array((1 << bits) + 1);
    this.bucket = new Uint16Array(capacity);
    this.sizes = new Int32Array(maxGroups);
    this.isCol0 = new Uint8Array(NO_GROUP + 1);
    const maxQueries = QUERIES_PER_GROUP * maxGroups;
    this.tCell = new Int32Array(maxQueries);
    this.tCount = new Int32Array(maxQueries);
    this.tStart = new Int32Array(maxQueries);
    this.tFill = new Int32Array(maxQueries);
    this.qTarget = new Int32Array(maxQueries);
    this.qRank = new Int32Array(maxQueries);
    this.qBefore = new Int32Array(maxQueries);
    this.qWantBelow = new Uint8Array(maxQueries);
    this.qValue = new Float64Array(maxQueries);
    this.qBelow = new Int32Array(maxQueries);
    this.targets = { bits, bucket: this.bucket, slot: this.slot, hot: this.hot, fill: this.tFill, scratch: this.scratch, t0: 0, t1: 0 };
  }

  /**
   * Starts a round: counts members by group and bucket. Returns false (and leaves the round
   * unusable for ask) when a member's value is NaN, which has no order. With `known` (the
   * members' range as ValueRange describes it) the pass that finds it is skipped.
   */
  count(values: Float64Array, n: number, columns: readonly Uint8Array[], groups: number, known?: ValueRange): boolean {
    if (n > this.capacity || groups > this.maxGroups) throw new RangeError('OrderStats: over capacity');
    if (columns.length > 3) throw new RangeError('OrderStats: at most 3 columns');
    this.groups = groups;
    this.nTargets = 0;
    this.nQueries = 0;
    this.cursorGroup = -1;
    const c0 = columns.length > 0 ? columns[0] : null;
    const c1 = columns.length > 1 ? columns[1] : null;
    const c2 = columns.length > 2 ? columns[2] : null;
    const isCol0 = this.isCol0;
    isCol0.fill(0);
    let min = Infinity;
    let max = -Infinity;
    let nan = false;
    if (known !== undefined) {
      min = known.min;
      max = known.max;
      nan = known.nan;
    } else {
      for (let i = 0; i < n; i++) {
        if (c0 !== null && c0[i] === NO_GROUP) continue;
        const x = values[i];
        if (x < min) min = x;
        if (x > max) max = x;
        if (x !== x) nan = true;
      }
    }
    this.setRange(min, max);
    const { bits, counts, bucket, scale } = this;
    const last = (1 << bits) - 1;
    // Group 0 (every member) is counted below as the sum of column 0's groups, when there is one.
    // With one value and no columns every index is in bucket 0 and there is nothing to count
    // (the budgets' rank quartiles when every budget is the same); ask() then answers without
    // gathering, so the buckets are not needed.
    if (c0 === null && this.constant) counts[0] = n;
    else if (c0 === null) countNoColumns(values, n, counts, min, scale, last, bucket);
    else if (c1 === null) countOneColumn(values, n, counts, min, scale, bits, c0, isCol0, bucket);
    else if (c2 === null) countTwoColumns(values, n, counts, min, scale, bits, c0, c1, isCol0, bucket);
    else countThreeColumns(values, n, counts, min, scale, bits, c0, c1, c2, isCol0, bucket);
    if (c0 !== null && isCol0[0] === 1) throw new RangeError('OrderStats: group 0 in a column');
    this.tally(c0 !== null);
    return !nan;
  }

  /**
   * Starts a round that the caller counts in its own loop (so that several rounds over the same
   * indices can share one; see sim/run/metricRounds.ts): the round count() would make of
   * `groups` groups whose members have the range `range`, which must hold no NaN. For each
   * index i < n the caller sets bucket[i] to the bucket of a member with value x,
   * bucketOf(x, roundMin, roundScale, 2^bits − 1) computed as count() does (2^bits for an index
   * that is no member), and adds 1 to counts[(g << bits) | bucket[i]] for each of its groups but group 0;
   * then calls end().
   */
  begin(groups: number, n: number, range: ValueRange): void {
    if (n > this.capacity || groups > this.maxGroups) throw new RangeError('OrderStats: over capacity');
    if (range.nan) throw new RangeError('OrderStats: NaN in a counted round');
    this.groups = groups;
    this.nTargets = 0;
    this.nQueries = 0;
    this.cursorGroup = -1;
    this.setRange(range.min, range.max);
  }

  /**
   * Ends a round started by begin(): group 0 is made of the groups from ≤ g < to (column 0's,
   * ids ≥ 1); with from = to (no columns) the caller has counted group 0 itself.
   */
  end(from: number, to: number): void {
    if (from < 1 && to > from) throw new RangeError('OrderStats: group 0 in a column');
    const isCol0 = this.isCol0;
    isCol0.fill(0);
    for (let g = from; g < to; g++) isCol0[g] = 1;
    this.tally(to > from);
  }

  /** The bucket map of the round (see begin()). */
  get roundMin(): number {
    return this.min;
  }

  get roundScale(): number {
    return this.scale;
  }

  /** A round's bucket map from its members' range [min, max]; the counts table zeroed. */
  private setRange(min: number, max: number): void {
    this.constant = min === max;
    // An empty or constant range puts everyone in bucket 0, an infinite one every value but the
    // minimum in bucket 1 (exact, if slow). Else 0 ≤ (x − min)·scale ≤ (max − min)·scale ≤
    // (B − 1)·(1 + 2⁻⁵¹), so `| 0` is an exact floor that never wraps, and the clamp to B − 1
    // keeps 1 + ⌊…⌋ in range (NaN, excluded, would give 1).
    const range = max - min;
    let scale = range > 0 ? ((1 << this.bits) - 1) / range : 0;
    if (!(scale < Infinity)) scale = 0;
    this.min = min;
    this.scale = scale;
    this.counts.fill(0, 0, this.groups << this.bits);
  }

  /** Sizes by group; then, with `col0`, group 0's counts from column 0's groups (isCol0; ids ≥ 1, as group 0 is everyone). */
  private tally(col0: boolean): void {
    const { bits, counts, sizes, isCol0, groups } = this;
    const B = 1 << bits;
    for (let g = 0; g < groups; g++) {
      let m = 0;
      for (let b = g << bits, end = b + B; b < end; b++) m += counts[b];
      sizes[g] = m;
    }
    if (col0) {
      let all = 0;
      for (let g = 1; g < groups; g++) {
        if (isCol0[g] === 0) continue;
        all += sizes[g];
        for (let b = 0, o = g << bits; b < B; b++) counts[b] += counts[o | b];
      }
      sizes[0] = all;
    }
  }

  /** Members of group g this round. */
  size(g: number): number {
    return this.sizes[g];
  }

  /**
   * Asks for the value of rank r (0 ≤ r < size(g)) in group g, and with `wantBelow` for the
   * number of the group's members below it; returns the query's id for value() and below().
   * Asking a group's ranks in ascending order scans its buckets once.
   */
  ask(g: number, r: number, wantBelow = false): number {
    if (!(r >= 0 && r < this.sizes[g]) || g >= this.groups) throw new RangeError(`OrderStats: no rank ${r} in group ${g}`);
    if (this.nQueries === this.qTarget.length) throw new RangeError('OrderStats: too many queries');
    if (g !== this.cursorGroup || r < this.cursorCount) {
      this.cursorGroup = g;
      this.cursorBucket = 0;
      this.cursorCount = 0;
    }
    const counts = this.counts;
    const base = g << this.bits;
    let b = this.cursorBucket;
    let before = this.cursorCount;
    while (before + counts[base | b] <= r) before += counts[base | b++];
    this.cursorBucket = b;
    this.cursorCount = before;
    const q = this.nQueries++;
    this.qRank[q] = r - before;
    this.qBefore[q] = before;
    this.qWantBelow[q] = wantBelow ? 1 : 0;
    if (b === 0) {
      // Bucket 0 holds only the round's minimum (and every member when all are equal): the
      // rank's value is the minimum, with nothing below it.
      this.qTarget[q] = -1;
      this.qValue[q] = this.min;
      this.qBelow[q] = 0;
      return q;
    }
    const cell = base | b;
    let t = this.slot[cell] - 1;
    if (t < 0) {
      t = this.nTargets++;
      this.tCell[t] = cell;
      this.tCount[t] = counts[cell];
      this.slot[cell] = t + 1;
      this.hot[b] = 1;
    }
    this.qTarget[q] = t;
    return q;
  }

  /**
   * Answers the round's queries. `values`, `n` and `columns` must be those given to count(),
   * unchanged. Gathers the targets' members (as many targets per pass as fit in the scratch)
   * and selects each query's rank within its target.
   */
  resolve(values: Float64Array, n: number, columns: readonly Uint8Array[]): void {
    const nt = this.nTargets;
    this.gathered = 0;
    let t0 = 0;
    while (t0 < nt) {
      // A target holds at most n ≤ capacity members, so each turn takes at least one.
      let t1 = t0;
      let total = 0;
      while (t1 < nt && total + this.tCount[t1] <= this.capacity) {
        this.tStart[t1] = total;
        this.tFill[t1] = total;
        total += this.tCount[t1++];
      }
      this.gather(values, n, columns, t0, t1);
      this.gathered += total;
      for (let q = 0; q < this.nQueries; q++) {
        const t = this.qTarget[q];
        if (t >= t0 && t < t1) this.answer(q, this.tStart[t], this.tCount[t]);
      }
      t0 = t1;
    }
    const mask = (1 << this.bits) - 1;
    for (let t = 0; t < nt; t++) {
      this.slot[this.tCell[t]] = 0;
      this.hot[this.tCell[t] & mask] = 0;
    }
    this.nTargets = 0;
    this.cursorGroup = -1;
  }

  /** The value of query q (after resolve). */
  value(q: number): number {
    return this.qValue[q];
  }

  /** Members of the query's group with a value below value(q) (if asked with wantBelow). */
  below(q: number): number {
    return this.qBelow[q];
  }

  /** Copies into the scratch the members of targets t0 ≤ t < t1, each at its own segment. */
  private gather(values: Float64Array, n: number, columns: readonly Uint8Array[], t0: number, t1: number): void {
    const g = this.targets;
    g.t0 = t0;
    g.t1 = t1;
    if (columns.length === 0) gatherNoColumns(values, n, g);
    else gatherColumns(values, n, g, columns[0], columns.length > 1 ? columns[1] : null, columns.length > 2 ? columns[2] : null);
  }

  /** Selects query q's rank within its target's segment [start, start + count) of the scratch. */
  private answer(q: number, start: number, count: number): void {
    const a = this.scratch;
    const v = selectWithTies(a, start, start + count - 1, start + this.qRank[q]);
    this.qValue[q] = v;
    if (this.qWantBelow[q] === 1) {
      let below = this.qBefore[q];
      for (let i = start; i < start + count; i++) if (a[i] < v) below++;
      this.qBelow[q] = below;
    }
  }
}

