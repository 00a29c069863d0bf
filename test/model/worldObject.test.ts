/**
 * The world of a run is built by a constructor from the fields createWorld gathers (newWorld,
 * sim/model/world.ts): it must carry every field, and a field the constructor does not copy must
 * fail loudly rather than leave the world without it.
 */
import { describe, expect, it } from 'vitest';
import { cloneParams, DEFAULTS } from '../../sim/model/params.ts';
import { newWorld } from '../../sim/model/world.ts';
import type { World } from '../../sim/model/world.ts';
import { createWorld } from '../../sim/run/simulate.ts';

describe('newWorld', () => {
  const p = cloneParams(DEFAULTS);
  [p.run.engineers, p.run.firms] = [300, 6];
  const w = createWorld(p, 4);

  it('copies every field, each the same value', () => {
    const copy = newWorld(w);
    expect(Object.keys(copy)).toEqual(Object.keys(w));
    for (const k of Object.keys(w) as (keyof World)[]) expect(copy[k]).toBe(w[k]);
  });

  it('throws, naming it, for a field it does not copy', () => {
    expect(() => newWorld({ ...w, notAField: 1 } as unknown as World)).toThrow(/does not copy notAField/);
  });
});
