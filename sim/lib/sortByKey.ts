/**
 * Sorts ids in place by key[id] ascending, ties by id ascending: the order of
 * `ids.sort((a, b) => key[a] - key[b] || a - b)` without a comparator call per comparison
 * (whose numbers the engine would box on the heap). Heapsort: no recursion, no scratch. The
 * order is total (ids are distinct), so it is the same whatever the sorting algorithm.
 */
export function sortIdsByKey(ids: Int32Array, key: Float64Array): void {
  const n = ids.length;
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(ids, key, start, n);
  for (let end = n - 1; end > 0; end--) {
    const top = ids[0];
    ids[0] = ids[end];
    ids[end] = top;
    siftDown(ids, key, 0, end);
  }
}

/**
 * The k ids that come first in sortIdsByKey's order (key ascending, ties by id ascending),
 * moved to ids[0 .. k) in no particular order, the rest after them: for a caller that needs
 * only which ids are lowest (the CFO's layoffs, a few per cent of a firm), in O(n log k)
 * rather than the whole sort's O(n log n). A max-heap of the k lowest so far, by the sort's
 * comparison; each later id that comes before the heap's top replaces it. Without NaN keys the
 * order is total, so the k lowest are the same ids as the sort's first k. With `from` and `to`,
 * the same within ids[from .. to) (the k lowest to ids[from .. from + k)), without a subarray.
 */
export function selectLowestByKey(ids: Int32Array, k: number, key: Float64Array, from = 0, to = ids.length): void {
  const n = to - from;
  if (k <= 0 || k >= n) return;
  for (let start = (k >> 1) - 1; start >= 0; start--) siftDown(ids, key, start, k, from);
  for (let j = from + k; j < to; j++) {
    const id = ids[j];
    if (!before(key, id, ids[from])) continue;
    ids[j] = ids[from];
    ids[from] = id;
    siftDown(ids, key, 0, k, from);
  }
}

/** a before b: key[a] − key[b] < 0, or neither < 0 nor > 0 (equal or NaN) and a < b. */
function before(key: Float64Array, a: number, b: number): boolean {
  const ka = key[a];
  const kb = key[b];
  return ka < kb || (!(ka > kb) && a < b);
}

/** Restores the max-heap (by `before`) below `root` within ids[base .. base + end), positions counted from base. */
function siftDown(ids: Int32Array, key: Float64Array, root: number, end: number, base = 0): void {
  let r = root;
  const id = ids[base + r];
  for (;;) {
    let child = 2 * r + 1;
    if (child >= end) break;
    if (child + 1 < end && before(key, ids[base + child], ids[base + child + 1])) child += 1;
    if (!before(key, id, ids[base + child])) break;
    ids[base + r] = ids[base + child];
    r = child;
  }
  ids[base + r] = id;
}
