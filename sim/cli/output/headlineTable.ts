/**
 * The short table `tokensim run` prints: headline metrics for the group `all` at the end of
 * years 1, 5 and 10 (those within the horizon) — one run's values, or with several seeds the
 * mean and its 95 % interval. Formatting is locale-independent so the table reads the same
 * on every machine: dollars with thousands separators, shares as %. Every row names its unit,
 * and a note under the table says that money is nominal US dollars.
 */
import type { Summary } from '../../research/ensemble.ts';
import { findSeries, type Result } from '../../run/result.ts';
import { METRIC_DEFS, type MetricName } from '../../run/metricDefs.ts';
import { groupThousands } from './groupThousands.ts';

/** How a headline value is shown. */
/** `number`: any other unit, four significant digits (thousands grouped from 1,000 up). */
export type ValueFormat = 'usd' | 'usdPrice' | 'percent' | 'count' | 'number';

export interface HeadlineMetric {
  metric: MetricName;
  format: ValueFormat;
}

/** The metrics in the table, in the order printed. */
export const HEADLINE_METRICS: readonly HeadlineMetric[] = [
  { metric: 'cash_base_median', format: 'usd' },
  { metric: 'total_comp_mean', format: 'usd' },
  { metric: 'token_share_of_comp', format: 'percent' },
  { metric: 'headcount', format: 'count' },
  { metric: 'unemployment_rate', format: 'percent' },
  { metric: 'token_spend_to_payroll', format: 'percent' },
  { metric: 'compute_share_of_output', format: 'percent' },
  { metric: 'quit_rate_annual', format: 'percent' },
  { metric: 'poaching_premium_median', format: 'usd' },
  { metric: 'wealth_median', format: 'usd' },
  { metric: 'token_price_retail', format: 'usdPrice' },
];

/** The note under every headline table: what the dollars are. */
export const MONEY_NOTE = 'Money is nominal US dollars (not adjusted for inflation).';

/**
 * The unit of a headline row, from the metric's declared unit as its values are shown:
 * shares as % (`share` → `%`, `probability per year` → `% per year`).
 */
export function headlineUnit(metric: MetricName, format: ValueFormat): string {
  const unit = METRIC_DEFS.find((d) => d.name === metric)?.unit ?? '';
  return format === 'percent' ? unit.replace(/^(share|probability)\b/, '%') : unit;
}

/** Years shown in the table: 1, 5 and 10, keeping those whose last month is within the run. */
export function headlineYears(months: number): number[] {
  return [1, 5, 10].filter((y) => 12 * y <= months);
}

/** Rounds half away from zero to `decimals` places and groups thousands: 1234.5 → "1,235". */
function fixedGrouped(v: number, decimals: number): string {
  const text = Math.abs(v).toFixed(decimals);
  const [int, frac] = text.split('.');
  const sign = v < 0 && Number(text) !== 0 ? '-' : '';
  return sign + groupThousands(Number(int)) + (frac === undefined ? '' : '.' + frac);
}

/** Formats one value; NaN and ±Infinity (e.g. a median over nobody) show as `n/a`. */
export function formatValue(value: number, format: ValueFormat): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (format) {
    case 'usd': {
      const s = fixedGrouped(value, 0);
      return s.startsWith('-') ? '-$' + s.slice(1) : '$' + s;
    }
    case 'usdPrice': {
      const decimals = Math.abs(value) >= 0.1 || value === 0 ? 2 : 4;
      const s = fixedGrouped(value, decimals);
      return s.startsWith('-') ? '-$' + s.slice(1) : '$' + s;
    }
    case 'percent':
      return fixedGrouped(value * 100, 1) + '%';
    case 'count':
      return fixedGrouped(value, 0);
    case 'number':
      return Math.abs(value) >= 1000 ? fixedGrouped(value, 0) : String(Number(value.toPrecision(4)));
  }
}

/** The value of `metric` (group `all`) at the end of year `year`: month 12·year, index 12·year − 1. */
export function valueAtYear(result: Result, metric: MetricName, year: number): number | undefined {
  const values = findSeries(result, metric, 'all');
  const index = 12 * year - 1;
  return values && index < values.length ? values[index] : undefined;
}

/** Left-aligns the first `left` columns (default 1) and right-aligns the rest, two spaces apart. */
export function alignColumns(rows: readonly (readonly string[])[], left = 1): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, k) => (k < left ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ').trimEnd())
    .join('\n');
}

/**
 * The headline table as text (no trailing newline). Metrics the result does not report show
 * as `–`; a run shorter than a year gives a one-line note instead of a table.
 */
export function formatHeadlineTable(result: Result, metrics: readonly HeadlineMetric[] = HEADLINE_METRICS): string {
  return headlineTable(result.months, metrics, (metric, y, format) => {
    const v = valueAtYear(result, metric, y);
    return v === undefined ? '–' : formatValue(v, format);
  });
}

/**
 * The rows of a headline table — metric, unit, one cell per headline year — aligned, with the
 * note on money under them; a run shorter than a year gives a one-line note instead.
 */
function headlineTable(months: number, metrics: readonly HeadlineMetric[], cell: (metric: HeadlineMetric['metric'], year: number, format: ValueFormat) => string, note = ''): string {
  const years = headlineYears(months);
  if (years.length === 0) return `(no headline table: the run is shorter than a year)`;
  const rows: string[][] = [['metric (all engineers)', 'unit', ...years.map((y) => `year ${y}`)]];
  for (const { metric, format } of metrics) rows.push([metric, headlineUnit(metric, format), ...years.map((y) => cell(metric, y, format))]);
  return `${note}${alignColumns(rows, 2)}\n${MONEY_NOTE}`;
}

/** Mean and 95 % interval of a headline metric (group `all`) at the end of year `year`. */
export interface IntervalValue {
  mean: number;
  lo95: number;
  hi95: number;
}

/** The summary of `metric` (group `all`) at month 12·year; undefined when not reported or past the horizon. */
export function summaryAtYear(summary: Summary, metric: string, year: number): IntervalValue | undefined {
  const s = summary.series.find((x) => x.metric === metric && x.group === 'all');
  const index = 12 * year - 1;
  if (!s || index >= summary.months) return undefined;
  return { mean: s.mean[index], lo95: s.lo95[index], hi95: s.hi95[index] };
}

/** `mean [lo – hi]`, e.g. `$152,340 [$150,100 – $154,500]`; one seed gives the mean alone. */
export function formatInterval(v: IntervalValue, format: ValueFormat, n: number): string {
  const mean = formatValue(v.mean, format);
  if (n < 2) return mean;
  return `${mean} [${formatValue(v.lo95, format)} – ${formatValue(v.hi95, format)}]`;
}

/**
 * A difference of two values: signed, shares in percentage points (`+1.2 pp`), dollars as
 * `+$1,234` / `-$1,234`. Zero after rounding shows without a sign.
 */
export function formatDifference(diff: number, format: ValueFormat): string {
  if (!Number.isFinite(diff)) return 'n/a';
  const magnitude = format === 'percent' ? fixedGrouped(Math.abs(diff) * 100, 1) + ' pp' : formatValue(Math.abs(diff), format);
  const zero = !/[1-9]/.test(magnitude);
  return (zero ? '' : diff < 0 ? '-' : '+') + magnitude;
}

/**
 * The headline table across seeds: mean [95 % interval] at years 1, 5 and 10 within the
 * horizon, under a line saying so. With one seed it is the single-run table.
 */
export function formatSummaryTable(summary: Summary, metrics: readonly HeadlineMetric[] = HEADLINE_METRICS): string {
  const note = summary.n > 1 ? `mean [95% interval of the mean] over ${summary.n} seeds\n` : '';
  return headlineTable(
    summary.months,
    metrics,
    (metric, y, format) => {
      const v = summaryAtYear(summary, metric, y);
      return v === undefined ? '–' : formatInterval(v, format, summary.n);
    },
    note,
  );
}
