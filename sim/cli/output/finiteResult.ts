/**
 * No run is written with a number the engine should never produce. The engine's series may
 * hold NaN only where a statistic has no one to describe — a median or mean over a group with
 * no engineers in it that month, a ratio whose denominator is empty — so before a run is
 * written:
 * - ±Infinity anywhere is an error;
 * - NaN is an error in a total (a count, a flow, a price, firms' revenue or cash), which is
 *   always defined, and in a statistic of employed engineers in a month when its group
 *   employs someone.
 * A failing run stops the command (exit 1) naming scenario, seed, metric, group and month, and
 * nothing is written (atomicOutput.ts).
 */
import type { MetricName } from '../../run/metricDefs.ts';
import type { Result } from '../../run/result.ts';

/** Totals: defined in every month whoever is employed. */
const TOTALS: ReadonlySet<MetricName> = new Set<MetricName>([
  'headcount',
  'hires',
  'layoffs',
  'labour_force',
  'entrants',
  'exits_to_other_occupations',
  'vacancies',
  'counteroffers',
  'job_to_job_moves',
  'headcount_target',
  'agent_tokens',
  'token_price_retail',
  'capability_index',
  'orchestration_cap',
  'tokens_consumed',
  'revenue',
  'firm_cash',
  'firm_exits',
]);

/** Statistics over a group's employed engineers: defined whenever the group's headcount is above 0. */
const EMPLOYED_STATISTICS: ReadonlySet<MetricName> = new Set<MetricName>([
  'cash_base_mean',
  'cash_base_median',
  'cash_base_p10',
  'cash_base_p90',
  'total_comp_mean',
  'token_pay_value_mean',
  'token_budget_mean',
  'output_per_engineer',
  'tenure_mean_months',
  'firm_specific_leverage_mean',
]);

/** The first value of a run that should be finite and is not. `month` is 1-based, as in series.csv. */
export interface NonFiniteValue {
  metric: string;
  group: string;
  month: number;
  value: number;
}

/** The first value of `result` that is not allowed to be non-finite, or undefined. */
export function nonFiniteValue(result: Result): NonFiniteValue | undefined {
  // Each group's headcount series (the first, as findSeries would give), looked up once rather than per series.
  const headcount = new Map<string, Float64Array>();
  for (const s of result.series) if (s.metric === 'headcount' && !headcount.has(s.group)) headcount.set(s.group, s.values);
  for (const s of result.series) {
    const metric = s.metric as MetricName;
    const total = TOTALS.has(metric);
    const employed = EMPLOYED_STATISTICS.has(metric) ? headcount.get(s.group) : undefined;
    for (let m = 0; m < s.values.length; m++) {
      const v = s.values[m];
      if (Number.isFinite(v)) continue;
      if (!Number.isNaN(v) || total || (employed !== undefined && employed[m] > 0)) {
        return { metric: s.metric, group: s.group, month: m + 1, value: v };
      }
    }
  }
  return undefined;
}

/** A run produced a value it should not have; the CLI exits 1 with this one line. */
export class NonFiniteResultError extends Error {
  override name = 'NonFiniteResultError';
}

/** Throws NonFiniteResultError naming the first value of `result` that should be finite and is not. */
export function assertFiniteResult(result: Result): void {
  const bad = nonFiniteValue(result);
  if (bad === undefined) return;
  throw new NonFiniteResultError(
    `scenario ${result.scenario}, seed ${result.seed}: ${bad.metric} (${bad.group}) is ${bad.value} in month ${bad.month}; ` +
      'the engine produced a value that should be finite, so nothing was written (please report it with the scenario file)',
  );
}
