/**
 * Paired-seed differences: a scenario and its reference run with the same seeds, so each
 * seed's difference removes the draws the two share (common random numbers), and the
 * interval of the mean difference is a paired Student-t interval,
 * mean(d) ± t(0.975, n − 1)·sd(d)/√n over the seeds' differences d (meanInterval, shared with
 * `tokensim compare`). Pairs by seed number, in any order. Pure.
 */
import { meanInterval } from './pairedDifferences.ts';

/** One value per seed. */
export interface SeedSample {
  seeds: readonly number[];
  values: readonly number[];
}

/** The mean of the seeds' differences (scenario − reference) and its 95 % interval. */
export interface PairedDiff {
  /** Seeds paired. */
  n: number;
  mean: number;
  lo: number;
  hi: number;
}

/**
 * Pairs `scenario` and `reference` by seed (they must hold the same seeds, in any order) and
 * returns the mean difference scenario − reference with its paired t interval; with one seed
 * the interval collapses to the difference.
 */
export function pairedDiff(scenario: SeedSample, reference: SeedSample): PairedDiff {
  if (scenario.seeds.length !== scenario.values.length || reference.seeds.length !== reference.values.length) {
    throw new Error('pairedDiff: one value per seed');
  }
  const ref = new Map(reference.seeds.map((s, k) => [s, reference.values[k]]));
  if (ref.size !== reference.seeds.length || ref.size !== scenario.seeds.length || new Set(scenario.seeds).size !== scenario.seeds.length) {
    throw new Error('pairedDiff: both sides need the same seeds, each once');
  }
  const d = scenario.seeds.map((s, k) => {
    const r = ref.get(s);
    if (r === undefined) throw new Error(`pairedDiff: seed ${s} has no reference run`);
    return scenario.values[k] - r;
  });
  if (d.length === 0) throw new Error('pairedDiff: no seeds');
  const m = meanInterval(d);
  return m.n === 1 ? { n: 1, mean: m.mean, lo: m.mean, hi: m.mean } : { n: m.n, mean: m.mean, lo: m.lo95, hi: m.hi95 };
}
