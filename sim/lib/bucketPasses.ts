/**
 * The two passes over the values of an OrderStats round (orderStats.ts), one loop per number
 * of columns: a loop with no column tests left in it is several times faster for no columns,
 * and somewhat faster for two or three, than one general loop.
 *
 * A member's bucket is bucketOf(x, min, scale, 2^bits − 1): bucket 0 holds exactly the
 * members whose value is the round's minimum, buckets 1 … 2^bits − 1 the others by
 * 1 + ⌊(x − min)·scale⌋, clamped (see bucketOf). Its groups are column 0's group
 * (or group 0 when there are no columns) and those of columns 1 and 2 where not NO_GROUP.
 * Counting adds 1 to counts[(g << bits) | b] for each of them, marks column 0's groups in
 * isCol0 and keeps b in bucket[i] (2^bits for an index that is no member), so that gathering
 * need not compute it again: gathering reads bucket[i], skips the index unless that bucket
 * holds a target (most do not; `hot` has an entry 2^bits, always 0, for non-members), and
 * copies x into the scratch segment of every target t0 ≤ t < t1 that is one of the member's
 * (group, bucket) cells, and of group 0's cell, in index order.
 */
/** Column entry: the index is in no group of this column (re-exported by orderStats.ts). */
export const NO_GROUP = 255;

/**
 * The bucket of value x in a round with minimum `min` and `scale` = (2^bits − 1)/(max − min)
 * (0 for an empty, constant or infinite range), `last` = 2^bits − 1: 0 when x is the minimum,
 * else min(last, 1 + ⌊(x − min)·scale⌋), which is ≥ 1. Non-decreasing in x, so an earlier
 * bucket holds only smaller values; and bucket 0 holds only the minimum, so a rank that falls
 * in it is the minimum with nothing below it, and needs no gathering. Skewed values often have
 * many at the minimum (poaching premiums at 0: 20–55 % of the employed), which a bucket of
 * width (max − min)/2^bits starting at the minimum would have mixed with the smallest others.
 * The passes below compute the same thing written out in their loops.
 */
export function bucketOf(x: number, min: number, scale: number, last: number): number {
  let b = 1 + (((x - min) * scale) | 0);
  if (b > last) b = last;
  return x === min ? 0 : b;
}

/** Counts by bucket for group 0 only (no columns: every index is a member). */
export function countNoColumns(values: Float64Array, n: number, counts: Int32Array, min: number, scale: number, last: number, bucket: Uint16Array): void {
  for (let i = 0; i < n; i++) {
    const x = values[i];
    let b = 1 + (((x - min) * scale) | 0);
    if (b > last) b = last;
    if (x === min) b = 0;
    bucket[i] = b;
    counts[b]++;
  }
}

export function countOneColumn(values: Float64Array, n: number, counts: Int32Array, min: number, scale: number, bits: number, c0: Uint8Array, isCol0: Uint8Array, bucket: Uint16Array): void {
  const last = (1 << bits) - 1;
  for (let i = 0; i < n; i++) {
    const g0 = c0[i];
    if (g0 === NO_GROUP) {
      bucket[i] = last + 1;
      continue;
    }
    isCol0[g0] = 1;
    const x = values[i];
    let b = 1 + (((x - min) * scale) | 0);
    if (b > last) b = last;
    if (x === min) b = 0;
    bucket[i] = b;
    counts[(g0 << bits) | b]++;
  }
}

export function countTwoColumns(
  values: Float64Array,
  n: number,
  counts: Int32Array,
  min: number,
  scale: number,
  bits: number,
  c0: Uint8Array,
  c1: Uint8Array,
  isCol0: Uint8Array,
  bucket: Uint16Array,
): void {
  const last = (1 << bits) - 1;
  for (let i = 0; i < n; i++) {
    const g0 = c0[i];
    if (g0 === NO_GROUP) {
      bucket[i] = last + 1;
      continue;
    }
    isCol0[g0] = 1;
    const x = values[i];
    let b = 1 + (((x - min) * scale) | 0);
    if (b > last) b = last;
    if (x === min) b = 0;
    bucket[i] = b;
    counts[(g0 << bits) | b]++;
    const g1 = c1[i];
    if (g1 !== NO_GROUP) counts[(g1 << bits) | b]++;
  }
}

export function countThreeColumns(
  values: Float64Array,
  n: number,
  counts: Int32Array,
  min: number,
  scale: number,
  bits: number,
  c0: Uint8Array,
  c1: Uint8Array,
  c2: Uint8Array,
  isCol0: Uint8Array,
  bucket: Uint16Array,
): void {
  const last = (1 << bits) - 1;
  for (let i = 0; i < n; i++) {
    const g0 = c0[i];
    if (g0 === NO_GROUP) {
      bucket[i] = last + 1;
      continue;
    }
    isCol0[g0] = 1;
    const x = values[i];
    let b = 1 + (((x - min) * scale) | 0);
    if (b > last) b = last;
    if (x === min) b = 0;
    bucket[i] = b;
    counts[(g0 << bits) | b]++;
    const g1 = c1[i];
    if (g1 !== NO_GROUP) counts[(g1 << bits) | b]++;
    const g2 = c2[i];
    if (g2 !== NO_GROUP) counts[(g2 << bits) | b]++;
  }
}

/** The targets' state that gathering reads and advances (OrderStats's own arrays). */
export interface GatherTargets {
  bits: number;
  /** Each index's bucket this round, 2^bits for non-members (from counting). */
  bucket: Uint16Array;
  /** 1 + target id of each (group, bucket) cell asked for, else 0. */
  slot: Int32Array;
  /** 1 for buckets holding a target (2^bits + 1 entries, the last always 0). */
  hot: Uint8Array;
  /** Next free position of each target's segment in the scratch. */
  fill: Int32Array;
  scratch: Float64Array;
  t0: number;
  t1: number;
}

export function gatherNoColumns(values: Float64Array, n: number, g: GatherTargets): void {
  const { bucket, slot, hot, fill, scratch, t0, t1 } = g;
  for (let i = 0; i < n; i++) {
    const b = bucket[i];
    if (hot[b] === 0) continue;
    const t = slot[b] - 1;
    if (t >= t0 && t < t1) scratch[fill[t]++] = values[i];
  }
}

/** Gathering with one to three columns (c1, c2 null when absent). Non-members are in no hot bucket. */
export function gatherColumns(values: Float64Array, n: number, g: GatherTargets, c0: Uint8Array, c1: Uint8Array | null, c2: Uint8Array | null): void {
  const { bits, bucket, slot, hot, fill, scratch, t0, t1 } = g;
  for (let i = 0; i < n; i++) {
    const b = bucket[i];
    if (hot[b] === 0) continue;
    const x = values[i];
    let t = slot[b] - 1;
    if (t >= t0 && t < t1) scratch[fill[t]++] = x;
    t = slot[(c0[i] << bits) | b] - 1;
    if (t >= t0 && t < t1) scratch[fill[t]++] = x;
    if (c1 !== null) {
      const g1 = c1[i];
      t = g1 === NO_GROUP ? -1 : slot[(g1 << bits) | b] - 1;
      if (t >= t0 && t < t1) scratch[fill[t]++] = x;
    }
    if (c2 !== null) {
      const g2 = c2[i];
      t = g2 === NO_GROUP ? -1 : slot[(g2 << bits) | b] - 1;
      if (t >= t0 && t < t1) scratch[fill[t]++] = x;
    }
  }
}
