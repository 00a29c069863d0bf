/**
 * The table `tokensim compare` prints: each headline metric (group `all`) at the chosen
 * years, with every scenario's mean and 95 % interval across seeds, and the difference of
 * each later scenario's mean from the first scenario's.
 */
import type { Summary } from '../../research/ensemble.ts';
import {
  alignColumns,
  formatDifference,
  formatInterval,
  HEADLINE_METRICS,
  summaryAtYear,
  type HeadlineMetric,
} from './headlineTable.ts';

export interface CompareEntry {
  /** Column heading: the scenario name (or file, when two share a name). */
  label: string;
  summary: Summary;
}

/** The table as text (no trailing newline); `–` where a scenario does not report a value. */
export function formatCompareTable(
  entries: readonly CompareEntry[],
  years: readonly number[],
  metrics: readonly HeadlineMetric[] = HEADLINE_METRICS,
): string {
  const rest = entries.slice(1);
  const rows: string[][] = [['metric (all engineers)', 'year', ...entries.map((e) => e.label), ...rest.map((e) => `Δ ${e.label}`)]];
  for (const { metric, format } of metrics) {
    for (const year of years) {
      const values = entries.map((e) => summaryAtYear(e.summary, metric, year));
      const base = values[0];
      rows.push([
        metric,
        String(year),
        ...values.map((v, k) => (v === undefined ? '–' : formatInterval(v, format, entries[k].summary.n))),
        ...values.slice(1).map((v) => (v === undefined || base === undefined ? '–' : formatDifference(v.mean - base.mean, format))),
      ]);
    }
  }
  return alignColumns(rows);
}

/** Column labels: scenario names, or the files as given when two scenarios share a name. */
export function compareLabels(scenarios: readonly { name: string; source: string }[]): string[] {
  const names = scenarios.map((s) => s.name);
  return new Set(names).size === names.length ? names : scenarios.map((s) => s.source);
}
