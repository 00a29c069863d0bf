/**
 * summary.csv: the across-seed statistics of one scenario (sim/research/ensemble.ts), one row per
 * (metric, group, month) — `scenario,metric,group,month,mean,lo95,hi95,n` — in the same
 * metric and group order as series.csv, months 1-based. `lo95`/`hi95` bound the Student-t
 * 95 % interval of the mean; with one seed both equal the mean. Numbers use `String(value)`.
 */
import type { Summary } from '../../research/ensemble.ts';
import { CSV_CHUNK_CHARS, csvField, orderSeries } from './seriesCsv.ts';

export const SUMMARY_CSV_COLUMNS = ['scenario', 'metric', 'group', 'month', 'mean', 'lo95', 'hi95', 'n'] as const;

export const SUMMARY_CSV_HEADER = SUMMARY_CSV_COLUMNS.join(',') + '\n';

/** Number of data rows (header excluded) summary.csv holds for this summary (only `months` when given). */
export function countSummaryRows(summary: Summary, months?: readonly number[]): number {
  return summary.series.length * (months === undefined ? summary.months : months.filter((m) => m <= summary.months).length);
}

/** The whole file, header first, in chunks of about `chunkChars` characters; only `months` (1-based, ascending) when given. */
export function* summaryCsvChunks(summary: Summary, chunkChars = CSV_CHUNK_CHARS, months?: readonly number[]): Generator<string> {
  let buffer = SUMMARY_CSV_HEADER;
  const scenario = csvField(summary.scenario);
  const n = String(summary.n);
  for (const s of orderSeries(summary.series)) {
    const head = `${scenario},${csvField(s.metric)},${csvField(s.group)},`;
    const count = months === undefined ? summary.months : months.length;
    for (let k = 0; k < count; k++) {
      const m = months === undefined ? k : months[k] - 1;
      if (m >= summary.months) break;
      // With one seed (and wherever the interval is empty) lo95 = hi95 = mean: the mean's text
      // is reused rather than formatted three times (equal numbers give equal text, ±0 included).
      const mean = s.mean[m];
      const meanText = String(mean);
      const lo = s.lo95[m];
      const hi = s.hi95[m];
      buffer += `${head}${m + 1},${meanText},${lo === mean ? meanText : String(lo)},${hi === mean ? meanText : String(hi)},${n}\n`;
      if (buffer.length >= chunkChars) {
        yield buffer;
        buffer = '';
      }
    }
  }
  if (buffer.length > 0) yield buffer;
}
