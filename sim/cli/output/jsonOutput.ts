/**
 * series.json and summary.json (`tokensim run --format json`): the same numbers as the CSV
 * files, grouped per series so a reader gets whole monthly arrays. One series per line, so
 * the files can be written as runs finish and read line by line as well as with any JSON
 * parser. Numbers are written as in the CSV (shortest round-trip text); a value that is not
 * finite, which JSON cannot hold, is written as null.
 *
 * series.json:
 *   {"scenario":"baseline","months":120,"seeds":[1,2,3],"runs":[
 *   {"seed":1,"resultHash":"…","series":[
 *   {"metric":"cash_base_mean","group":"all","values":[v1,…,v120]},
 *   …]},
 *   {"seed":2,…}]}
 * summary.json:
 *   {"scenario":"baseline","months":120,"seeds":[1,2,3],"n":3,"series":[
 *   {"metric":"cash_base_mean","group":"all","mean":[…],"lo95":[…],"hi95":[…]},
 *   …]}
 * Runs follow the seeds' order; series follow series.csv's metric and group order; month m
 * is array index m − 1. When only some months are written (`run --every`), both files say
 * which in `"monthsWritten":[12,24,…]` after `"months"`, and value k is month monthsWritten[k].
 */
import type { Summary } from '../../research/ensemble.ts';
import type { Result } from '../../run/result.ts';
import { orderSeries } from './seriesCsv.ts';

/** A number array as JSON text, non-finite values as null; only the 1-based `months` when given. */
export function jsonNumbers(values: ArrayLike<number>, months?: readonly number[]): string {
  let out = '[';
  const count = months === undefined ? values.length : months.length;
  for (let i = 0; i < count; i++) {
    const v = months === undefined ? values[i] : values[months[i] - 1];
    out += (i > 0 ? ',' : '') + (Number.isFinite(v) ? String(v) : 'null');
  }
  return out + ']';
}

/** `,"monthsWritten":[…]` when only some months are written, else ''. */
const monthsWritten = (months: readonly number[] | undefined): string => (months === undefined ? '' : `,"monthsWritten":${JSON.stringify(months)}`);

/** The opening of series.json, up to the first run. */
export function seriesJsonHead(scenario: string, months: number, seeds: readonly number[], written?: readonly number[]): string {
  return `{"scenario":${JSON.stringify(scenario)},"months":${months}${monthsWritten(written)},"seeds":${JSON.stringify(seeds)},"runs":[\n`;
}

/** One run's entry of series.json; `first` is false for every run after the first; only `months` when given. */
export function* seriesJsonRun(result: Result, first: boolean, months?: readonly number[]): Generator<string> {
  yield `${first ? '' : ',\n'}{"seed":${result.seed},"resultHash":${JSON.stringify(result.resultHash)},"series":[\n`;
  const ordered = orderSeries(result.series);
  for (let k = 0; k < ordered.length; k++) {
    const s = ordered[k];
    yield `${k > 0 ? ',\n' : ''}{"metric":${JSON.stringify(s.metric)},"group":${JSON.stringify(s.group)},"values":${jsonNumbers(s.values, months)}}`;
  }
  yield ']}';
}

/** The end of series.json, after the last run. */
export const SERIES_JSON_TAIL = ']}\n';

/** The whole of summary.json; only `months` when given. */
export function* summaryJsonChunks(summary: Summary, months?: readonly number[]): Generator<string> {
  yield `{"scenario":${JSON.stringify(summary.scenario)},"months":${summary.months}${monthsWritten(months)},"seeds":${JSON.stringify(summary.seeds)},"n":${summary.n},"series":[\n`;
  const ordered = orderSeries(summary.series);
  for (let k = 0; k < ordered.length; k++) {
    const s = ordered[k];
    yield `${k > 0 ? ',\n' : ''}{"metric":${JSON.stringify(s.metric)},"group":${JSON.stringify(s.group)},"mean":${jsonNumbers(s.mean, months)},"lo95":${jsonNumbers(s.lo95, months)},"hi95":${jsonNumbers(s.hi95, months)}}`;
  }
  yield ']}\n';
}
