/** A small default world and helpers for the engineer tests (engineers.test.ts, produceLearnSave.test.ts). */
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { CompPolicy, Params } from '../../sim/model/params.ts';
import type { Stream } from '../../sim/lib/rng.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { UNEMPLOYED } from '../../sim/model/world.ts';
import type { Firm, World } from '../../sim/model/world.ts';
/** A small default world (seed 1), after `change` has edited its parameters. */
export function smallWorld(change: (p: Params) => void = () => {}, engineers = 600): World {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  p.run.firms = 8;
  p.run.years = 1;
  change(p);
  return createWorld(p, 1);
}

export const ids = (w: World): number[] => [...Array(w.eng.n).keys()];
export const staff = (w: World, f: Firm): number[] => ids(w).filter((i) => w.eng.employer[i] === f.slot);
export const employed = (w: World): number[] => ids(w).filter((i) => w.eng.employer[i] !== UNEMPLOYED);
export const biggest = (w: World): Firm => w.firms.reduce((a, b) => (b.n > a.n ? b : a));
/** A stream whose uniform draws are always `x`. */
export const fixed = (x: number): Stream => ({
  next: () => x,
  normal: () => 0,
  normalInto: (out, at) => void (out[at] = 0),
  int: (n) => Math.floor(x * n),
});
export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Sets policy fields in every firm type. */
export const everyPolicy = (over: Partial<CompPolicy>) => (p: Params) => {
  for (const t of Object.values(p.firmTypes)) Object.assign(t.policy, over);
};

/** Gives every employed engineer a personal token budget of `dollars` a year. */
export function setBudgets(w: World, dollars: number): void {
  for (const i of employed(w)) w.eng.budget[i] = dollars;
}
