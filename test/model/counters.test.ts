import { describe, expect, it } from 'vitest';
import { count, countFrom, Groups, NUM_LEVELS } from '../../sim/model/world.ts';

describe('countFrom', () => {
  it('adds the array value as count adds v: the same bits in every group, with and without a firm type', () => {
    const g = new Groups(['a', 'b', 'c']);
    const byCount = new Float64Array(g.count);
    const byFrom = new Float64Array(g.count);
    // Values whose sums round differently in a different order.
    const values = Float64Array.from([0.1, 1e16, 0.3, -1e16, 2 / 3, 1e-9, 123456.789, 0.7]);
    for (let k = 0; k < 64; k++) {
      const at = (k * 5) % values.length;
      const t = (k % 4) - 1; // −1: no firm type
      const level = (k * 3) % NUM_LEVELS;
      count(byCount, g, t, level, values[at]);
      countFrom(byFrom, g, t, level, values, at);
    }
    expect(Array.from(byFrom)).toEqual(Array.from(byCount));
    expect(byCount.some((v) => v !== 0 && !Number.isInteger(v))).toBe(true);
  });
});
