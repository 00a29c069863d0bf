/**
 * The table of `tokensim compare`: chosen metrics (group `all`) at the chosen years, with
 * every scenario's mean and 95 % interval across seeds, and for each later scenario its
 * paired difference from the first (the reference) — the mean of the per-seed differences
 * and its paired t-interval (sim/research/reports/pairedDifferences.ts). The same rows are
 * printed as text, or saved with --out as CSV or JSON.
 */
import type { Result } from '../../run/result.ts';
import { METRIC_DEFS, type MetricName } from '../../run/metricDefs.ts';
import { meanInterval, pairedDifferenceAt, valuesAt, type MeanInterval, type PairedDifference } from '../../research/reports/pairedDifferences.ts';
import { alignColumns, formatDifference, formatValue, HEADLINE_METRICS, headlineUnit, type ValueFormat } from './headlineTable.ts';
import { csvField } from './seriesCsv.ts';

export interface CompareEntry {
  /** Column heading: the scenario name (or file, when two share a name). */
  label: string;
  /** One result per seed, every scenario on the same seeds. */
  results: readonly Result[];
}

/** One metric at one year: every scenario's mean and interval, and each later one's paired difference. */
export interface CompareRow {
  metric: MetricName;
  /** The metric's declared unit (metricDefs.ts). */
  unit: string;
  format: ValueFormat;
  year: number;
  /** 12·year: the month read. */
  month: number;
  /** Per scenario, in the order given; undefined where it does not report the metric. */
  values: (MeanInterval | undefined)[];
  /** Per scenario after the first: other − first, paired by seed. */
  differences: (PairedDifference | undefined)[];
}

/** How a metric's values are shown: the headline table's choice, else from its unit. */
export function formatFor(metric: MetricName): ValueFormat {
  const headline = HEADLINE_METRICS.find((h) => h.metric === metric);
  if (headline) return headline.format;
  const unit = METRIC_DEFS.find((d) => d.name === metric)?.unit ?? '';
  if (unit.startsWith('$ per million tokens')) return 'usdPrice';
  if (unit.startsWith('$')) return 'usd';
  if (/^(share|probability)\b/.test(unit)) return 'percent';
  return 'number';
}

/** The rows, metric by metric and year by year. */
export function compareRows(entries: readonly CompareEntry[], years: readonly number[], metrics: readonly MetricName[] = HEADLINE_METRICS.map((h) => h.metric)): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const metric of metrics) {
    const unit = METRIC_DEFS.find((d) => d.name === metric)?.unit ?? '';
    for (const year of years) {
      const month = 12 * year;
      const values = entries.map((e) => {
        const v = valuesAt(e.results, metric, 'all', month);
        return v === undefined ? undefined : meanInterval(v);
      });
      const differences = entries.slice(1).map((e) => pairedDifferenceAt(entries[0].results, e.results, metric, 'all', month));
      rows.push({ metric, unit, format: formatFor(metric), year, month, values, differences });
    }
  }
  return rows;
}

/** `mean [lo – hi]`; the mean alone with fewer than two seeds. */
function intervalCell(v: MeanInterval | undefined, format: ValueFormat): string {
  if (v === undefined) return '–';
  const mean = formatValue(v.mean, format);
  return v.n < 2 ? mean : `${mean} [${formatValue(v.lo95, format)} – ${formatValue(v.hi95, format)}]`;
}

/** `+Δ [lo, hi]` with signs; the mean difference alone with fewer than two seeds. */
function differenceCell(d: PairedDifference | undefined, format: ValueFormat): string {
  if (d === undefined) return '–';
  const mean = formatDifference(d.mean, format);
  return d.n < 2 ? mean : `${mean} [${formatDifference(d.lo95, format)}, ${formatDifference(d.hi95, format)}]`;
}

/** The table as text (no trailing newline); `–` where a scenario does not report a value. */
export function formatCompareTable(labels: readonly string[], rows: readonly CompareRow[]): string {
  const header = ['metric (all engineers)', 'unit', 'year', ...labels, ...labels.slice(1).map((l) => `Δ ${l}`)];
  const lines: string[][] = [header];
  for (const row of rows) {
    lines.push([
      row.metric,
      headlineUnit(row.metric, row.format),
      String(row.year),
      ...row.values.map((v) => intervalCell(v, row.format)),
      ...row.differences.map((d) => differenceCell(d, row.format)),
    ]);
  }
  return alignColumns(lines, 2);
}

/** Columns of compare's CSV (--out <file>.csv): one row per metric, year and scenario. */
export const COMPARE_CSV_COLUMNS = [
  'metric',
  'unit',
  'group',
  'year',
  'month',
  'scenario',
  'reference',
  'n',
  'mean',
  'lo95',
  'hi95',
  'diff_mean',
  'diff_sd',
  'diff_lo95',
  'diff_hi95',
] as const;

/** A CSV number: '' when absent, `NaN` when undefined (String writes it so). */
const num = (v: number | undefined): string => (v === undefined ? '' : String(v));

/**
 * The rows as CSV: each scenario's mean and 95 % interval, and for every scenario but the
 * reference its paired difference from it (empty diff_* on the reference's rows). NaN where a
 * value is undefined (an empty group, or an interval from one seed).
 */
export function compareCsv(labels: readonly string[], rows: readonly CompareRow[]): string {
  const out = [COMPARE_CSV_COLUMNS.join(',')];
  for (const row of rows) {
    row.values.forEach((v, k) => {
      const d = k === 0 ? undefined : row.differences[k - 1];
      out.push(
        [
          row.metric,
          csvField(row.unit),
          'all',
          row.year,
          row.month,
          csvField(labels[k]),
          csvField(labels[0]),
          v?.n ?? '',
          num(v?.mean),
          num(v?.lo95),
          num(v?.hi95),
          num(d?.mean),
          num(d?.sd),
          num(d?.lo95),
          num(d?.hi95),
        ].join(','),
      );
    });
  }
  return out.join('\n') + '\n';
}

/** What `--out <file>.json` records besides the rows. */
export interface CompareJsonHead {
  reference: string;
  scenarios: { label: string; source: string; scenario: string; paramsHash: string }[];
  seeds: number[];
  interval: string;
  package: { name: string; version: string };
  command: string;
}

/** JSON cannot hold NaN: non-finite numbers become null. */
const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The rows as JSON, with the per-seed differences; non-finite numbers as null. */
export function compareJson(head: CompareJsonHead, labels: readonly string[], rows: readonly CompareRow[]): string {
  const stat = (v: MeanInterval | undefined) =>
    v === undefined ? null : { n: v.n, mean: finiteOrNull(v.mean), sd: finiteOrNull(v.sd), lo95: finiteOrNull(v.lo95), hi95: finiteOrNull(v.hi95) };
  const body = {
    ...head,
    rows: rows.map((row) => ({
      metric: row.metric,
      unit: row.unit,
      group: 'all',
      year: row.year,
      month: row.month,
      scenarios: row.values.map((v, k) => ({ label: labels[k], ...(stat(v) ?? { n: 0 }) })),
      differences: row.differences.map((d, k) => ({
        label: labels[k + 1],
        ...(d === undefined
          ? { n: 0 }
          : { ...stat(d)!, perSeed: d.differences.map((x) => ({ seed: x.seed, difference: finiteOrNull(x.difference) })) }),
      })),
    })),
  };
  return JSON.stringify(body, null, 2) + '\n';
}

/** Column labels: scenario names, or the files as given when two scenarios share a name. */
export function compareLabels(scenarios: readonly { name: string; source: string }[]): string[] {
  const names = scenarios.map((s) => s.name);
  return new Set(names).size === names.length ? names : scenarios.map((s) => s.source);
}
