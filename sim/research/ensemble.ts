/**
 * Many seeds → mean and 95 % confidence interval of the mean per metric, group and month
 * (docs/model.md). The interval is Student-t: mean ± t(0.975, n − 1)·s/√n; with one seed it
 * collapses to the value. Pure, so the browser can update it seed by seed as runs stream in.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Result } from '../run/result.ts';

export interface SummarySeries {
  metric: string;
  group: string;
  mean: Float64Array;
  lo95: Float64Array;
  hi95: Float64Array;
}

export interface Summary {
  scenario: string;
  months: number;
  /** Seeds in the order their results were given. */
  seeds: number[];
  /** Number of seeds behind every value. */
  n: number;
  series: SummarySeries[];
}

/** Two-sided 95 % critical values of Student's t for 1–30 degrees of freedom (standard tables). */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093,
  2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * t(0.975, df): the table up to 30, then the Cornish–Fisher expansion around z = 1.959964
 * (error below 1e-4 from df = 30 on).
 */
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T_975[Math.round(df) - 1];
  const z = 1.959963984540054;
  // Products, not **, so every JavaScript engine rounds the same way.
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
}

/** Summarises results of one scenario over several seeds; all must have the same series and months. */
export function summarize(results: Result[]): Summary {
  if (results.length === 0) throw new Error('summarize needs at least one result');
  const first = results[0];
  for (const r of results) {
    if (r.months !== first.months || r.series.length !== first.series.length) {
      throw new Error(`seed ${r.seed} of ${r.scenario} has a different shape from seed ${first.seed}`);
    }
  }
  const n = results.length;
  const t = n > 1 ? tQuantile975(n - 1) : 0;
  const sample = new Array<number>(n);
  const series = first.series.map((s, k) => {
    const out: SummarySeries = {
      metric: s.metric,
      group: s.group,
      mean: new Float64Array(first.months),
      lo95: new Float64Array(first.months),
      hi95: new Float64Array(first.months),
    };
    if (n === 1) {
      // One seed: simple-statistics' mean([x]) is its compensated sum x + 0 (−0 becomes +0)
      // divided by 1, and the interval is empty; the same numbers without a call per month.
      const values = s.values;
      for (let m = 0; m < first.months; m++) {
        const mu = (values[m] + 0) / 1;
        out.mean[m] = mu;
        out.lo95[m] = mu - 0;
        out.hi95[m] = mu + 0;
      }
      return out;
    }
    for (let m = 0; m < first.months; m++) {
      for (let j = 0; j < n; j++) sample[j] = results[j].series[k].values[m];
      const mu = mean(sample);
      const half = n > 1 ? (t * sampleStandardDeviation(sample)) / Math.sqrt(n) : 0;
      out.mean[m] = mu;
      out.lo95[m] = mu - half;
      out.hi95[m] = mu + half;
    }
    return out;
  });
  return { scenario: first.scenario, months: first.months, seeds: results.map((r) => r.seed), n, series };
}
