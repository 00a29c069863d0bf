/** selectLowestByKey picks the same ids as the first k of sortIdsByKey's order, ties by id included. */
import { describe, expect, it } from 'vitest';
import { selectLowestByKey } from '../../sim/lib/lowestByKey.ts';
import { sortIdsByKey } from '../../sim/lib/sortByKey.ts';
import { stream } from '../../sim/lib/rng.ts';

describe('selectLowestByKey', () => {
  it('moves the sort’s first k ids to the front (any order) and keeps every id, on keys with many ties, ±0 and infinities', () => {
    const rng = stream(5, 'select-test');
    const key = new Float64Array(1000);
    let cases = 0;
    for (let n = 0; n <= 200; n += 7) {
      for (let i = 0; i < key.length; i++) {
        const u = rng.next();
        key[i] = u < 0.05 ? -0 : u < 0.1 ? 0 : u < 0.12 ? Infinity : u < 0.14 ? -Infinity : Math.floor(rng.next() * 7) / 4;
      }
      const ids = new Int32Array(n);
      const used = new Set<number>();
      for (let j = 0; j < n; j++) {
        let id = rng.int(key.length);
        while (used.has(id)) id = (id + 1) % key.length;
        used.add(id);
        ids[j] = id;
      }
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
});
