/**
 * Simulated moments: a moment's value in one run (the mean of a metric's monthly values over a
 * window of years, or its value in the window's last month), the mean and across-seed
 * covariance over the seeds of a candidate, and the bounded-to-unbounded map the optimiser
 * works in (θ = lo + (hi − lo)·logistic(u)). Pure.
 */
import type { Result } from '../../run/result.ts';
import { findSeries } from '../../run/result.ts';
import type { CalibrationParameter, MomentSpec } from './calibrationSpec.ts';

/** First and one-past-last month (0-based) of a moment's window. */
export const windowMonths = (m: Pick<MomentSpec, 'window'>): [number, number] => [12 * (m.window[0] - 1), 12 * m.window[1]];

/**
 * The moment's value in one run. `mean` averages the finite monthly values in the window
 * (a rate with an empty denominator, such as the job-finding rate in a month without
 * unemployed, is skipped); NaN when there are none.
 */
export function momentValue(result: Result, m: MomentSpec): number {
  const series = findSeries(result, m.metric, m.group);
  if (!series) throw new Error(`the run has no ${m.metric} for group ${m.group}`);
  const [from, to] = windowMonths(m);
  if (to > series.length) throw new Error(`moment ${m.name}: year ${m.window[1]} is past the run's ${series.length / 12} years`);
  if (m.statistic === 'last') return series[to - 1];
  let sum = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(series[i])) {
      sum += series[i];
      n++;
    }
  }
  return n > 0 ? sum / n : Number.NaN;
}

export const momentValues = (result: Result, moments: readonly MomentSpec[]): number[] => moments.map((m) => momentValue(result, m));

/** Mean over seeds of each moment (rows: seeds). */
export function meanOverSeeds(perSeed: readonly (readonly number[])[]): number[] {
  const k = perSeed[0].length;
  return Array.from({ length: k }, (_, j) => perSeed.reduce((s, row) => s + row[j], 0) / perSeed.length);
}

/** Across-seed covariance of the moments (divisor S − 1). */
export function covarianceOverSeeds(perSeed: readonly (readonly number[])[]): number[][] {
  const mean = meanOverSeeds(perSeed);
  const S = perSeed.length;
  return mean.map((_, a) => mean.map((_, b) => perSeed.reduce((s, row) => s + (row[a] - mean[a]) * (row[b] - mean[b]), 0) / (S - 1)));
}

/** J = Σ ((m̂_j − m*_j)/s_j)²: the distance the optimiser minimises (W = diag(1/s²)). */
export function objectiveValue(mean: readonly number[], moments: readonly MomentSpec[]): number {
  let j = 0;
  for (let k = 0; k < moments.length; k++) {
    const z = (mean[k] - moments[k].target) / moments[k].width;
    j += z * z;
  }
  return Number.isFinite(j) ? j : Number.POSITIVE_INFINITY;
}

/** θ → u: the logit of θ's position within its bounds. */
export function toUnbounded(p: CalibrationParameter, theta: number): number {
  const t = (theta - p.lower) / (p.upper - p.lower);
  return Math.log(t / (1 - t));
}

/** u → θ, always strictly inside the bounds for finite u. */
export function toBounded(p: CalibrationParameter, u: number): number {
  return p.lower + (p.upper - p.lower) / (1 + Math.exp(-u));
}
