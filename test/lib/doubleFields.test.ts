import { describe, expect, it } from 'vitest';
import { storeAsDoubles } from '../../sim/lib/doubleFields.ts';

describe('storeAsDoubles', () => {
  it('leaves every listed field and every other field with its value, whatever it is', () => {
    const o = { a: 0, b: -0, c: 1, d: Number.NaN, e: -Infinity, f: 2.5, g: 7, name: 'x' };
    const same = storeAsDoubles(o, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(same).toBe(o);
    expect(Object.is(o.a, 0)).toBe(true);
    expect(Object.is(o.b, -0)).toBe(true);
    expect(o.c).toBe(1);
    expect(o.d).toBeNaN();
    expect(o.e).toBe(-Infinity);
    expect(o.f).toBe(2.5);
    expect(o.g).toBe(7);
    expect(Object.keys(o)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'name']);
  });
});
