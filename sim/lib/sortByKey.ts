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

/** a before b: key[a] − key[b] < 0, or neither < 0 nor > 0 (equal or NaN) and a < b. */
function before(key: Float64Array, a: number, b: number): boolean {
  const ka = key[a];
  const kb = key[b];
  return ka < kb || (!(ka > kb) && a < b);
}

/** Restores the max-heap (by `before`) below `root` within ids[0 .. end). */
function siftDown(ids: Int32Array, key: Float64Array, root: number, end: number): void {
  let r = root;
  const id = ids[r];
  for (;;) {
    let child = 2 * r + 1;
    if (child >= end) break;
    if (child + 1 < end && before(key, ids[child], ids[child + 1])) child += 1;
    if (!before(key, id, ids[child])) break;
    ids[r] = ids[child];
    r = child;
  }
  ids[r] = id;
}
