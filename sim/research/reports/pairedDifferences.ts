/**
 * Paired differences between two scenarios run on the same seeds (common random numbers):
 * per seed, the other scenario's value minus the reference's; then the mean of those
 * differences and its Student-t 95 % interval, mean ± t(0.975, n − 1)·s_d/√n, where s_d is the
 * sample standard deviation of the per-seed differences (the paired t-interval). Pairing
 * removes the seed-to-seed noise both scenarios share, so this interval is usually much
 * narrower than one built from the two scenarios' separate intervals. An interval needs at
 * least two seeds; with one, lo95 and hi95 are NaN. A non-finite value in either run (a
 * statistic over an empty group) makes that seed's difference, and so the mean, NaN.
 * Pure, for `tokensim compare` and for findings.
 */
import { findSeries, type Result } from '../../run/result.ts';
import type { MetricName } from '../../run/metricDefs.ts';
import { tQuantile975 } from '../ensemble.ts';

/** Mean of a sample and the Student-t 95 % interval of that mean. */
export interface MeanInterval {
  /** Number of values. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); NaN with one value. */
  sd: number;
  /** Bounds of the 95 % t-interval of the mean; NaN with fewer than two values. */
  lo95: number;
  hi95: number;
}

/** One seed's difference: other − reference. */
export interface SeedDifference {
  seed: number;
  difference: number;
}

/** The paired difference of one quantity between two scenarios over shared seeds. */
export interface PairedDifference extends MeanInterval {
  /** Per seed, in the reference's seed order. */
  differences: SeedDifference[];
}

/** Mean, standard deviation and the 95 % t-interval of the mean of `values` (at least one). */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) throw new Error('meanInterval needs at least one value');
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: Number.NaN, lo95: Number.NaN, hi95: Number.NaN };
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const sd = Math.sqrt(squares / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, lo95: mean - half, hi95: mean + half };
}

/**
 * Pairs `other[k]` with `reference[k]` (the same seed) and summarises other − reference.
 * The three arrays must have the same length, at least one.
 */
export function pairedDifference(seeds: readonly number[], reference: readonly number[], other: readonly number[]): PairedDifference {
  if (reference.length !== seeds.length || other.length !== seeds.length) {
    throw new Error(`paired difference: ${seeds.length} seeds, ${reference.length} reference and ${other.length} other values`);
  }
  const differences = seeds.map((seed, k) => ({ seed, difference: other[k] - reference[k] }));
  return { ...meanInterval(differences.map((d) => d.difference)), differences };
}

/**
 * The value of `metric` for `group` at `month` (1-based: the end of that month) of each
 * result, in order; undefined when a result does not report that series or is shorter.
 */
export function valuesAt(results: readonly Result[], metric: MetricName, group: string, month: number): number[] | undefined {
  const out: number[] = [];
  for (const r of results) {
    const s = findSeries(r, metric, group);
    if (!s || month < 1 || month > s.length) return undefined;
    out.push(s[month - 1]);
  }
  return out;
}

/**
 * The paired difference of `metric` (`group`, `month`) between two scenarios' results, matched
 * by seed: every seed of the reference must appear once in `other`. Undefined when either side
 * does not report the series at that month.
 */
export function pairedDifferenceAt(
  reference: readonly Result[],
  other: readonly Result[],
  metric: MetricName,
  group: string,
  month: number,
): PairedDifference | undefined {
  const bySeed = new Map(other.map((r) => [r.seed, r]));
  if (bySeed.size !== other.length || other.length !== reference.length || reference.some((r) => !bySeed.has(r.seed))) {
    throw new Error(`paired difference: the scenarios were not run on the same seeds (${reference.map((r) => r.seed).join(',')} vs ${other.map((r) => r.seed).join(',')})`);
  }
  const paired = reference.map((r) => bySeed.get(r.seed)!);
  const a = valuesAt(reference, metric, group, month);
  const b = valuesAt(paired, metric, group, month);
  if (a === undefined || b === undefined) return undefined;
  return pairedDifference(
    reference.map((r) => r.seed),
    a,
    b,
  );
}
