/**
 * Invariants the engine keeps every month, checked behind a flag (SimulateOptions.checkInvariants)
 * and in tests: finite state, non-negative headcount, consistent employer counts, and Euler
 * attribution (individual outputs plus the agents' output Y_C·X add up to each firm's output).
 */
import { UNEMPLOYED } from '../model/world.ts';
import type { World } from '../model/world.ts';

export class InvariantError extends Error {}

/** Relative tolerance for the Euler identity Σ y_i = Y. */
export const EULER_TOLERANCE = 1e-9;

/** Throws InvariantError describing the first breach found. */
export function checkInvariants(w: World): void {
  const e = w.eng;
  const heads = new Int32Array(w.firms.length);
  const fields: [string, Float64Array][] = [
    ['skill', e.skill],
    ['base', e.base],
    ['budget', e.budget],
    ['wealth', e.wealth],
    ['rating', e.rating],
    ['phiP', e.phiP],
    ['phiF', e.phiF],
  ];
  for (const [name, arr] of fields) {
    for (let i = 0; i < e.n; i++) {
      if (!Number.isFinite(arr[i])) throw new InvariantError(`month ${w.month}: engineer ${i} ${name} is ${arr[i]}`);
    }
  }
  for (let i = 0; i < e.n; i++) {
    if (e.base[i] < 0 || e.budget[i] < 0) throw new InvariantError(`month ${w.month}: engineer ${i} has negative pay`);
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) continue;
    if (!w.firms[slot].alive) throw new InvariantError(`month ${w.month}: engineer ${i} works at closed firm ${slot}`);
    heads[slot] += 1;
  }
  for (const f of w.firms) {
    if (f.n < 0 || f.target < 0) throw new InvariantError(`month ${w.month}: firm ${f.slot} has negative headcount or target`);
    if (f.alive && heads[f.slot] !== f.n) {
      throw new InvariantError(`month ${w.month}: firm ${f.slot} counts ${f.n} engineers but employs ${heads[f.slot]}`);
    }
    if (f.alive && Math.abs(f.outputSum + f.YC * f.X - f.Y) > EULER_TOLERANCE * Math.max(1, f.Y)) {
      throw new InvariantError(`month ${w.month}: firm ${f.slot} engineers' and agents' outputs sum to ${f.outputSum + f.YC * f.X}, firm output is ${f.Y}`);
    }
    for (const [k, v] of Object.entries({ Y: f.Y, Z: f.Z, cash: f.cash, revenue: f.revenue, C: f.C, X: f.X, target: f.target })) {
      if (!Number.isFinite(v)) throw new InvariantError(`month ${w.month}: firm ${f.slot} ${k} is ${v}`);
    }
  }
}
