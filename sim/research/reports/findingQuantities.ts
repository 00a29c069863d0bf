/**
 * What the findings report measures: quantities read from each seed's run (a metric of one
 * group, or one derived from metrics), over a span of months — one month (the horizon) or the
 * mean over a scenario's window — and how each is written in its unit.
 */
import { METRIC_DEFS, type MetricName } from '../../run/metricDefs.ts';
import { findSeries, type Result } from '../../run/result.ts';

/** A quantity of one run at month index m (0 = the first month). */
export interface Quantity {
  /** The row's name: the metric's, `metric/group` for a group, or a derived name. */
  key: string;
  unit: string;
  /** The metrics it reads (all groups of them are kept when runs are trimmed). */
  metrics: readonly MetricName[];
  /** Undefined where the run has no such series (a firm type it lacks). */
  at(r: Result, m: number): number | undefined;
}

export const metricQuantity = (metric: MetricName, group = 'all'): Quantity => ({
  key: group === 'all' ? metric : `${metric}/${group}`,
  unit: METRIC_DEFS.find((d) => d.name === metric)?.unit ?? '',
  metrics: [metric],
  at: (r, m) => findSeries(r, metric, group)?.[m],
});

/** Tokens used productively (consumed less waste), from tokens_consumed and token_waste_share. */
export const PRODUCTIVE_TOKENS: Quantity = {
  key: 'productive_tokens',
  unit: 'million tokens per month',
  metrics: ['tokens_consumed', 'token_waste_share'],
  at: (r, m) => {
    const consumed = findSeries(r, 'tokens_consumed')?.[m];
    const waste = findSeries(r, 'token_waste_share')?.[m];
    return consumed === undefined || waste === undefined ? undefined : consumed * (1 - waste);
  },
};

/** The outcomes reported for every scenario, in order. */
export const FINDING_METRICS = [
  'cash_base_median',
  'total_comp_mean',
  'token_share_of_comp',
  'headcount',
  'unemployment_rate',
  'junior_share_of_hires',
  'token_spend_to_payroll',
  'compute_share_of_output',
  'output_per_engineer',
  'quit_rate_annual',
  'poaching_premium_median',
  'firm_specific_leverage_mean',
  'wealth_median',
  'token_waste_share',
] as const satisfies readonly MetricName[];

export const FINDING_QUANTITIES: readonly Quantity[] = [...FINDING_METRICS.map((m) => metricQuantity(m)), PRODUCTIVE_TOKENS];

/** Months a value is read over: one month, or the mean over a window's months. */
export interface Span {
  /** What follows "At" or "In": "the end of year 10", "the window “shortage” (months 24–35, …)". */
  label: string;
  /** The window's name; undefined for one month. */
  window?: string;
  startMonth: number;
  months: number;
}

export const monthSpan = (label: string, m: number): Span => ({ label, startMonth: m, months: 1 });

/** A quantity's value in one run over a span (the mean of its months); undefined if any month lacks it. */
export function valueOver(r: Result, q: Quantity, span: Span): number | undefined {
  let sum = 0;
  for (let m = span.startMonth; m < span.startMonth + span.months; m++) {
    const v = q.at(r, m);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum / span.months;
}

/** Formats a value in a unit: dollars, shares as % (pp when signed), counts, else 3 significant digits. */
export function formatValue(unit: string, v: number, signed = false): string {
  const a = Math.abs(v);
  const share = unit.startsWith('share') || unit === 'probability per year';
  let text: string;
  if (unit.startsWith('$')) text = `$${Math.round(a).toLocaleString('en-US')}`;
  else if (share) text = (100 * a).toFixed(1);
  else if (a >= 1e6) text = a.toExponential(2).replace('e+', ' × 10^');
  else if (a >= 100) text = Math.round(a).toLocaleString('en-US');
  else text = a >= 10 || unit === 'engineers' ? a.toFixed(1) : a.toFixed(2);
  // No sign on a value that rounds to zero.
  const zero = !/[1-9]/.test(text.replace(/ × 10\^\d+$/, ''));
  const sign = zero ? '' : v < 0 ? '−' : signed && v > 0 ? '+' : '';
  return `${sign}${text}${share ? (signed ? ' pp' : ' %') : ''}`;
}

/** Formats a metric's value in its unit. */
export const formatMetric = (metric: MetricName, v: number, signed = false): string => formatValue(metricQuantity(metric).unit, v, signed);
