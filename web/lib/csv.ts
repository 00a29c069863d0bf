/**
 * CSV of the series the page shows: one row per (scenario, metric, group, month) with the
 * mean and 95 % interval across seeds, in the tidy long format of `tokensim run`'s
 * series.csv (month 1 is the end of the first month), plus the seeds behind each value.
 */
import type { SummarySeries } from '../../sim/research/ensemble.ts';
import { seriesKey, unitOf, type SeriesRef } from './chartSpecs.ts';

export const SUMMARY_CSV_COLUMNS = ['scenario', 'label', 'seeds', 'metric', 'group', 'unit', 'month', 'mean', 'lo95', 'hi95'] as const;

export interface CsvSlot {
  /** Scenario name as run (`tunguz-100k` or `tunguz-100k-custom`). */
  name: string;
  /** Legend text, with changed levers. */
  label: string;
  seeds: readonly number[];
  series: ReadonlyMap<string, SummarySeries>;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The CSV text, header first; numbers as the shortest text that reads back to the same double. */
export function summaryCsv(slots: readonly CsvSlot[], refs: readonly SeriesRef[]): string {
  const lines = [SUMMARY_CSV_COLUMNS.join(',')];
  for (const slot of slots) {
    const seeds = slot.seeds.join(' ');
    for (const ref of refs) {
      const s = slot.series.get(seriesKey(ref));
      if (!s) continue;
      const head = `${csvField(slot.name)},${csvField(slot.label)},${seeds},${ref.metric},${ref.group},${csvField(unitOf(ref.metric))}`;
      for (let k = 0; k < s.mean.length; k++) {
        lines.push(`${head},${k + 1},${String(s.mean[k])},${String(s.lo95[k])},${String(s.hi95[k])}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
