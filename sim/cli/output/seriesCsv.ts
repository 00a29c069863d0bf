/**
 * series.csv: every value of a Result in tidy long format, one row per (metric, group, month).
 * Rows follow metric declaration order, then the group order of `result.series`, then month;
 * numbers are written with `String(value)` (shortest round-trip text, the same on every
 * platform), so the same run always gives the same bytes. Rows are produced in chunks so a
 * million-row file is never held as one string.
 */
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import type { Result, Series } from '../../run/result.ts';

export const SERIES_CSV_COLUMNS = ['scenario', 'seed', 'month', 'metric', 'group', 'value'] as const;

export const SERIES_CSV_HEADER = SERIES_CSV_COLUMNS.join(',') + '\n';

/** Quotes a CSV field only when it must be (comma, quote, CR or LF inside), per RFC 4180. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** One CSV line, newline included. `month` is 1-based: month 1 is the state at the end of the first month. */
export function formatCsvRow(scenario: string, seed: number, month: number, metric: string, group: string, value: number): string {
  return `${csvField(scenario)},${seed},${month},${csvField(metric)},${csvField(group)},${String(value)}\n`;
}

/**
 * The series in output order: by the metric's position in METRIC_DEFS (metrics the defs do
 * not know go last, in their original order), keeping the result's group order within a metric.
 */
export function orderSeries<S extends Pick<Series, 'metric'>>(series: readonly S[]): S[] {
  const rank = new Map<string, number>(METRIC_DEFS.map((d, k) => [d.name, k]));
  const keyed = series.map((s, k) => ({ s, k, r: rank.get(s.metric) ?? METRIC_DEFS.length }));
  keyed.sort((a, b) => a.r - b.r || a.k - b.k);
  return keyed.map((x) => x.s);
}

/** Number of data rows (header excluded) series.csv will hold for this result (only `months`, 1-based, when given). */
export function countSeriesRows(result: Result, months?: readonly number[]): number {
  let n = 0;
  for (const s of result.series) n += months === undefined ? s.values.length : months.filter((m) => m <= s.values.length).length;
  return n;
}

/**
 * Default chunk size in characters (≈ 256 kB of ASCII): few writes, bounded memory, and rows
 * that mostly die young (a default run with 1 MB chunks spent ≈ 10 ms more collecting them).
 */
export const CSV_CHUNK_CHARS = 1 << 18;

/**
 * Rows gathered into chunks of about `chunkChars` characters. Rows are kept in a list and joined
 * once a chunk is full, so each chunk is one flat string: appending rows to a string with `+=`
 * builds a chain of pieces that V8 flattens when the chunk is encoded, which cost as much as
 * formatting the rows (a default run's series.csv and summary.csv, 5 MB: 16 ms of encoding
 * against 3 ms for joined chunks). The rows of a series are added by a plain function and the
 * generators only hand on the chunks (`drain`): a generator is entered once per chunk, so V8
 * would run its row loop in unoptimised code nearly throughout.
 */
export class RowChunks {
  private rows: string[] = [];
  private chars = 0;
  private ready: string[] = [];

  constructor(private readonly chunkChars: number) {}

  add(row: string): void {
    this.rows.push(row);
    this.chars += row.length;
    if (this.chars >= this.chunkChars) this.close();
  }

  /** The chunks completed so far (all of them, the last partial one included, when `end`), each once. */
  *drain(end = false): Generator<string> {
    if (end && this.rows.length > 0) this.close();
    const ready = this.ready;
    this.ready = [];
    yield* ready;
  }

  private close(): void {
    this.ready.push(this.rows.join(''));
    this.rows = [];
    this.chars = 0;
  }
}

const monthTextCache: string[] = [];

/** The texts of months 1 … `count` ("1", "2", …), made once: rows reuse them instead of converting each month number again. */
export function monthTexts(count: number): readonly string[] {
  for (let m = monthTextCache.length; m < count; m++) monthTextCache.push(String(m + 1));
  return monthTextCache;
}

/**
 * Yields the whole file (header first) as strings of about `chunkChars` characters each;
 * joined, they are the file.
 */
export function* seriesCsvChunks(result: Result, chunkChars = CSV_CHUNK_CHARS): Generator<string> {
  yield SERIES_CSV_HEADER;
  yield* seriesCsvRowChunks(result, chunkChars);
}

/**
 * The data rows of one result (no header), in chunks of about `chunkChars` characters: a
 * multi-seed series.csv is the header followed by these rows for each seed in turn. Row text
 * is built per series with its constant parts hoisted. With `months` (1-based, ascending),
 * only those months are written.
 */
export function* seriesCsvRowChunks(result: Result, chunkChars = CSV_CHUNK_CHARS, months?: readonly number[]): Generator<string> {
  const chunks = new RowChunks(chunkChars);
  const head = `${csvField(result.scenario)},${result.seed},`;
  for (const s of orderSeries(result.series)) {
    seriesRows(chunks, head, `,${csvField(s.metric)},${csvField(s.group)},`, s.values, months);
    yield* chunks.drain();
  }
  yield* chunks.drain(true);
}

/** Adds the rows of one series to `chunks`: `head` month `middle` value, newline (months 1-based; only `months` when given). */
export function seriesRows(chunks: RowChunks, head: string, middle: string, values: Float64Array, months: readonly number[] | undefined): void {
  const monthText = monthTexts(values.length);
  const count = months === undefined ? values.length : months.length;
  for (let k = 0; k < count; k++) {
    const m = months === undefined ? k : months[k] - 1;
    if (m >= values.length) break;
    chunks.add(head + monthText[m] + middle + String(values[m]) + '\n');
  }
}
