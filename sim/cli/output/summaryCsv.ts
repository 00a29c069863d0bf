/**
 * summary.csv: the across-seed statistics of one scenario (sim/research/ensemble.ts), one row per
 * (metric, group, month) — `scenario,metric,group,month,mean,lo95,hi95,n` — in the same
 * metric and group order as series.csv, months 1-based. `lo95`/`hi95` bound the Student-t
 * 95 % interval of the mean; with one seed both equal the mean. Numbers use `String(value)`.
 */
import type { Summary, SummarySeries } from '../../research/ensemble.ts';
import { CSV_CHUNK_CHARS, csvField, monthTexts, orderSeries, RowChunks } from './seriesCsv.ts';

export const SUMMARY_CSV_COLUMNS = ['scenario', 'metric', 'group', 'month', 'mean', 'lo95', 'hi95', 'n'] as const;

export const SUMMARY_CSV_HEADER = SUMMARY_CSV_COLUMNS.join(',') + '\n';

/** Number of data rows (header excluded) summary.csv holds for this summary (only `months` when given). */
export function countSummaryRows(summary: Summary, months?: readonly number[]): number {
  return summary.series.length * (months === undefined ? summary.months : months.filter((m) => m <= summary.months).length);
}

/** The whole file, header first, in chunks of about `chunkChars` characters; only `months` (1-based, ascending) when given. */
export function* summaryCsvChunks(summary: Summary, chunkChars = CSV_CHUNK_CHARS, months?: readonly number[]): Generator<string> {
  yield SUMMARY_CSV_HEADER;
  const chunks = new RowChunks(chunkChars);
  const scenario = csvField(summary.scenario);
  const n = `,${summary.n}\n`;
  for (const s of orderSeries(summary.series)) {
    summaryRows(chunks, `${scenario},${csvField(s.metric)},${csvField(s.group)},`, s, summary.months, n, months);
    yield* chunks.drain();
  }
  yield* chunks.drain(true);
}

/** Adds the rows of one series to `chunks`: `head` month, mean, lo95, hi95, then `tail` (n and the newline); only `months` when given. */
export function summaryRows(chunks: RowChunks, head: string, s: SummarySeries, length: number, tail: string, months: readonly number[] | undefined): void {
  const monthText = monthTexts(length);
  const count = months === undefined ? length : months.length;
  for (let k = 0; k < count; k++) {
    const m = months === undefined ? k : months[k] - 1;
    if (m >= length) break;
    // With one seed (and wherever the interval is empty) lo95 = hi95 = mean: the mean's text
    // is reused rather than formatted three times (equal numbers give equal text, ±0 included).
    const mean = s.mean[m];
    const meanText = String(mean);
    const lo = s.lo95[m];
    const hi = s.hi95[m];
    chunks.add(head + monthText[m] + ',' + meanText + ',' + (lo === mean ? meanText : String(lo)) + ',' + (hi === mean ? meanText : String(hi)) + tail);
  }
}
