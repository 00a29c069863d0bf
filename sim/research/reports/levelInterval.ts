/**
 * The 95 % interval of a mean over seeds, by the percentile bootstrap: the 2.5 % and 97.5 %
 * quantiles of the means of resamples (with replacement) of the seeds' values. The interval
 * lies within the range of the values, so a quantity that cannot be negative never gets a
 * negative bound (a t interval of a quit rate near 0 can). With few seeds it is somewhat
 * narrower than a t interval. Resamples are drawn from a fixed named stream, so a report is
 * the same on every run. Pure.
 */
import { quantileSorted } from '../../lib/quantile.ts';
import { stream } from '../../lib/rng.ts';

/** Resamples per interval. */
export const BOOTSTRAP_RESAMPLES = 2000;

export interface LevelInterval {
  mean: number;
  lo: number;
  hi: number;
}

/** Mean of `values` with its percentile-bootstrap 95 % interval (collapsed for one value). */
export function levelInterval(values: readonly number[], resamples = BOOTSTRAP_RESAMPLES): LevelInterval {
  const n = values.length;
  if (n === 0) throw new Error('levelInterval: no values');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lo: mean, hi: mean };
  // The same resample indices for every quantity with n seeds: a fixed stream per n.
  const rng = stream(n, 'findings-bootstrap');
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += values[rng.int(n)];
    means[b] = s / n;
  }
  means.sort();
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Clamp away the last-bit rounding of a sum of equal values.
  const clamp = (x: number) => Math.min(max, Math.max(min, x));
  return { mean, lo: clamp(quantileSorted(means, 0.025)), hi: clamp(quantileSorted(means, 0.975)) };
}
