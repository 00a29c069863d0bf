/** Keyboard read-out of chart panels (web/lib/readoutTarget.ts). */
import { describe, expect, it } from 'vitest';
import { readoutTarget } from '../../web/lib/readoutTarget.ts';

describe('the read-out month of a line panel', () => {
  const at = (key: string, current: number | undefined) => readoutTarget('months', key, current, 120);

  it('moves a month with the arrow keys, a year with Page Up / Page Down, to the ends with Home / End', () => {
    expect([at('ArrowLeft', 50), at('ArrowDown', 50), at('ArrowRight', 50), at('ArrowUp', 50)]).toEqual([49, 49, 51, 51]);
    expect([at('PageDown', 50), at('PageUp', 50)]).toEqual([38, 62]);
    expect([at('Home', 50), at('End', 50)]).toEqual([0, 119]);
  });

  it('counts from the last month when nothing is read out yet, and stops at the first and last month', () => {
    expect(at('ArrowLeft', undefined)).toBe(118);
    expect(at('ArrowRight', undefined)).toBe(119);
    expect(at('PageDown', 5)).toBe(0);
    expect(at('PageUp', 115)).toBe(119);
  });

  it('leaves other keys alone', () => {
    expect(at('Tab', 50)).toBeUndefined();
    expect(at('a', 50)).toBeUndefined();
    expect(at('toString', 50)).toBeUndefined();
  });
});

describe('the read-out row of a dot panel', () => {
  const at = (key: string, current: number | undefined) => readoutTarget('rows', key, current, 4);

  it('goes down the rows with ↓ and →, up with ↑ and ←, to the ends with Home / End', () => {
    expect([at('ArrowDown', 1), at('ArrowRight', 1), at('ArrowUp', 1), at('ArrowLeft', 1)]).toEqual([2, 2, 0, 0]);
    expect([at('Home', 2), at('End', 0)]).toEqual([0, 3]);
  });

  it('starts at the first row when nothing is read out yet, and stops at the first and last row', () => {
    expect(at('ArrowDown', undefined)).toBe(0);
    expect(at('ArrowUp', undefined)).toBe(0);
    expect(at('ArrowDown', 3)).toBe(3);
  });

  it('has no page keys', () => {
    expect(at('PageDown', 1)).toBeUndefined();
  });
});
