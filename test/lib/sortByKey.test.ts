/** sortIdsByKey gives the order of the comparator sort it replaces, ties by id included. */
import { describe, expect, it } from 'vitest';
import { sortIdsByKey } from '../../sim/lib/sortByKey.ts';
import { stream } from '../../sim/lib/rng.ts';

const reference = (ids: Int32Array, key: Float64Array): Int32Array => Int32Array.from(ids).sort((a, b) => key[a] - key[b] || a - b);

describe('sortIdsByKey', () => {
  it('matches the comparator sort on random keys with many ties, ±0 and infinities, at every length up to 300', () => {
    const rng = stream(3, 'sort-test');
    const key = new Float64Array(1000);
    for (let n = 0; n <= 300; n++) {
      for (let i = 0; i < key.length; i++) {
        const u = rng.next();
        // Few distinct values, so most keys tie; a few signed zeros and infinities.
        key[i] = u < 0.05 ? -0 : u < 0.1 ? 0 : u < 0.12 ? Infinity : u < 0.14 ? -Infinity : Math.floor(rng.next() * 7) / 4;
      }
      // Distinct ids in a random order (a sample of 0..999).
      const ids = new Int32Array(n);
      const used = new Set<number>();
      for (let j = 0; j < n; j++) {
        let id = rng.int(key.length);
        while (used.has(id)) id = (id + 1) % key.length;
        used.add(id);
        ids[j] = id;
      }
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
