/** Cells the page controller publishes into (web/lib/cells.ts). */
import { describe, expect, it } from 'vitest';
import { cellRecord, type Cell } from '../../web/lib/cells.ts';

describe('a record of cells', () => {
  it('reads each field through its own cell and sets every field from a new record', () => {
    const sets: unknown[] = [];
    const cell = <T>(initial: T): Cell<T> => {
      let v = initial;
      return {
        get: () => v,
        set: (x) => {
          sets.push(x);
          v = x;
        },
      };
    };
    const shared = [1, 2];
    const { state, assign } = cellRecord({ a: 1, b: 'x', c: shared }, cell);
    expect(state).toEqual({ a: 1, b: 'x', c: [1, 2] });
    assign({ a: 2, b: 'x', c: shared });
    expect(state.a).toBe(2);
    expect(state.c).toBe(shared);
    expect(sets).toEqual([2, 'x', shared]); // each cell decides whether an equal value is a change
  });

  it('is read-only to its readers', () => {
    const { state } = cellRecord({ a: 1 }, <T>(v: T): Cell<T> => ({ get: () => v, set: () => {} }));
    expect(() => ((state as { a: number }).a = 3)).toThrow(TypeError);
  });
});
