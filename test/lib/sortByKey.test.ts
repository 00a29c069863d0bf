/**
 * sortIdsByKey gives the order of the comparator sort it replaces, ties by id included; and
 * selectLowestByKey picks the same ids as the first k of that order.
 */
import { describe, expect, it } from 'vitest';
import { selectLowestByKey, sortIdsByKey } from '../../sim/lib/sortByKey.ts';
import { stream } from '../../sim/lib/rng.ts';
import type { Stream } from '../../sim/lib/rng.ts';

/** Keys with few distinct values (so most tie), a few signed zeros and infinities. */
function tiedKeys(rng: Stream, key: Float64Array): void {
  for (let i = 0; i < key.length; i++) {
    const u = rng.next();
    key[i] = u < 0.05 ? -0 : u < 0.1 ? 0 : u < 0.12 ? Infinity : u < 0.14 ? -Infinity : Math.floor(rng.next() * 7) / 4;
  }
}

/** n distinct ids in a random order (a sample of 0 … size − 1). */
function distinctIds(rng: Stream, n: number, size: number): Int32Array {
  const ids = new Int32Array(n);
  const used = new Set<number>();
  for (let j = 0; j < n; j++) {
    let id = rng.int(size);
    while (used.has(id)) id = (id + 1) % size;
    used.add(id);
    ids[j] = id;
  }
  return ids;
}

const reference = (ids: Int32Array, key: Float64Array): Int32Array => Int32Array.from(ids).sort((a, b) => key[a] - key[b] || a - b);

describe('sortIdsByKey', () => {
  it('matches the comparator sort on random keys with many ties, ±0 and infinities, at every length up to 300', () => {
    const rng = stream(3, 'sort-test');
    const key = new Float64Array(1000);
    for (let n = 0; n <= 300; n++) {
      tiedKeys(rng, key);
      const ids = distinctIds(rng, n, key.length);
      const want = reference(ids, key);
      sortIdsByKey(ids, key);
      expect(Array.from(ids)).toEqual(Array.from(want));
    }
  });

  it('sorts a subarray in place and leaves the rest alone', () => {
    const key = new Float64Array([5, 4, 3, 2, 1, 0]);
    const ids = new Int32Array([0, 1, 2, 3, 4, 5]);
    sortIdsByKey(ids.subarray(1, 5), key);
    expect(Array.from(ids)).toEqual([0, 4, 3, 2, 1, 5]);
  });
});

describe('selectLowestByKey', () => {
  it('moves the sort’s first k ids to the front (any order) and keeps every id, on keys with many ties, ±0 and infinities', () => {
    const rng = stream(5, 'select-test');
    const key = new Float64Array(1000);
    let cases = 0;
    for (let n = 0; n <= 200; n += 7) {
      tiedKeys(rng, key);
      const ids = distinctIds(rng, n, key.length);
      const sorted = Int32Array.from(ids);
      sortIdsByKey(sorted, key);
      for (const k of [0, 1, 2, 3, Math.floor(n / 20), Math.floor(n / 2), n - 1, n, n + 3]) {
        if (k < 0) continue;
        const got = Int32Array.from(ids);
        selectLowestByKey(got, k, key);
        const m = Math.min(Math.max(k, 0), n);
        expect([...got.subarray(0, m)].sort((a, b) => a - b)).toEqual([...sorted.subarray(0, m)].sort((a, b) => a - b));
        expect([...got].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(200);
  });

  it('within ids[from .. to) does what it does on that subarray, and leaves the rest alone', () => {
    const rng = stream(6, 'select-range-test');
    const key = new Float64Array(1000);
    let cases = 0;
    for (let n = 0; n <= 120; n += 11) {
      tiedKeys(rng, key);
      const ids = distinctIds(rng, n + 20, key.length);
      const from = rng.int(11);
      const to = from + n;
      for (const k of [0, 1, 2, Math.floor(n / 3), n - 1, n, n + 2]) {
        const want = Int32Array.from(ids);
        selectLowestByKey(want.subarray(from, to), k, key);
        const got = Int32Array.from(ids);
        selectLowestByKey(got, k, key, from, to);
        expect(Array.from(got)).toEqual(Array.from(want));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(70);
  });
});
