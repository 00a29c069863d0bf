/**
 * The combined outputs of a finished sweep, made from its run files alone (runs/*.json) and
 * the plan, so a sweep run in one go and the same sweep merged from shards give the same
 * bytes:
 *   points.csv    point,<parameter paths…>: each point's values, in sweep order
 *   runs.csv      run,point,replicate,seed,params_hash,result_hash
 *   series.csv    point,<parameter paths…>,replicate,scenario,seed,month,metric,group,value
 *                 (tidy; months 1..; each row carries its point's parameter values)
 *   summary.csv   point,<parameter paths…>,metric,group,month,mean,lo95,hi95,n: across
 *                 replicates (Student-t)
 *   manifest.json the sweep, its base, the files' columns and rows, metric units
 * Files are produced in chunks and written atomically together (writeFilesAtomically). Each
 * run's record is read and checked once (RecordCache), not once for each file that needs it.
 */
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { HASH_PROVENANCE } from '../../lib/hash.ts';
import { summarize } from '../../research/ensemble.ts';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import type { Result } from '../../run/result.ts';
import { sweepToJson } from '../../research/sweep/sweep.ts';
import type { SweepPlan, SweepRun } from '../../research/sweep/sweepPlan.ts';
import type { PackageInfo } from '../commands/command.ts';
import { csvField, CSV_CHUNK_CHARS, RowChunks, seriesRows as addSeriesRows } from './seriesCsv.ts';
import { summaryRows as addSummaryRows } from './summaryCsv.ts';
import { parseRunRecord, runFilePath, type RunRecord } from './sweepFiles.ts';
import { writeFilesAtomically, type OutputFile } from './atomicOutput.ts';

export const POINTS_COLUMNS = ['point'];
export const RUNS_COLUMNS = ['run', 'point', 'replicate', 'seed', 'params_hash', 'result_hash'];
/** series.csv's columns after point and the parameter paths. */
export const SWEEP_SERIES_COLUMNS = ['replicate', 'scenario', 'seed', 'month', 'metric', 'group', 'value'];
/** summary.csv's columns after point and the parameter paths. */
export const SWEEP_SUMMARY_COLUMNS = ['metric', 'group', 'month', 'mean', 'lo95', 'hi95', 'n'];

/** series.csv's header: point, the varied parameter paths in file order, then the rest. */
export const sweepSeriesColumns = (plan: Pick<SweepPlan, 'paths'>): string[] => ['point', ...plan.paths, ...SWEEP_SERIES_COLUMNS];
/** summary.csv's header: point, the varied parameter paths in file order, then the statistics. */
export const sweepSummaryColumns = (plan: Pick<SweepPlan, 'paths'>): string[] => ['point', ...plan.paths, ...SWEEP_SUMMARY_COLUMNS];

/** `<point id>,<value of each path>` for every point: the head of its rows in series.csv and summary.csv. */
function pointHeads(plan: SweepPlan): Map<string, string> {
  return new Map(plan.points.map((p) => [p.id, line([p.id, ...plan.paths.map((path) => p.assignments[path])]).slice(0, -1)]));
}

/** The files of the combined result set (besides runs/), in the order they are written. */
export const COMBINED_FILES = ['points.csv', 'runs.csv', 'series.csv', 'summary.csv', 'manifest.json'] as const;

const line = (fields: readonly (string | number)[]): string => fields.map((f) => (typeof f === 'number' ? String(f) : csvField(f))).join(',') + '\n';

/** Most series values a RecordCache holds by default: 128 MiB of doubles (a 64-run sweep of 60 series over 10 years holds 3.5 MiB). */
export const RECORD_CACHE_VALUES = 16 * 2 ** 20;

/**
 * Run records already read and checked (parseRunRecord) in this process, by run id, up to a
 * total number of series values: runs.csv, series.csv and summary.csv each go through every
 * run, and a sweep has each record in hand as its run finishes. Records beyond the limit are
 * read from their files again each time, so a sweep of any size fits in memory.
 */
export class RecordCache {
  private readonly records = new Map<string, RunRecord>();
  private values = 0;

  constructor(private readonly limit = RECORD_CACHE_VALUES) {}

  /** Keeps `record` (as parsed from its file, or as runRecord made it for the file) if it fits. */
  add(runId: string, record: RunRecord): void {
    const n = record.series.reduce((sum, s) => sum + s.values.length, 0);
    if (this.records.has(runId) || this.values + n > this.limit) return;
    this.records.set(runId, record);
    this.values += n;
  }

  get(runId: string): RunRecord | undefined {
    return this.records.get(runId);
  }

  get size(): number {
    return this.records.size;
  }
}

/** The record of `run`: from `cache`, else read from `dir` (checked complete before the outputs are made) and offered to `cache`. */
function loadRecord(dir: string, run: SweepRun, cache: RecordCache): RunRecord {
  const known = cache.get(run.runId);
  if (known) return known;
  const record = parseRunRecord(readFileSync(runFilePath(dir, run.runId), 'utf8'));
  cache.add(run.runId, record);
  return record;
}

/** Joins yielded rows into chunks of about CSV_CHUNK_CHARS characters. */
function* chunked(rows: Iterable<string>): Generator<string> {
  const chunks = new RowChunks(CSV_CHUNK_CHARS);
  for (const row of rows) {
    chunks.add(row);
    yield* chunks.drain();
  }
  yield* chunks.drain(true);
}

function* pointsRows(plan: SweepPlan): Generator<string> {
  yield line([...POINTS_COLUMNS, ...plan.paths]);
  for (const p of plan.points) yield line([p.id, ...plan.paths.map((path) => p.assignments[path])]);
}

function* runsRows(plan: SweepPlan, dir: string, cache: RecordCache): Generator<string> {
  yield line(RUNS_COLUMNS);
  for (const run of plan.runs) {
    const r = loadRecord(dir, run, cache);
    yield line([run.runId, run.pointId, run.replicate, run.seed, r.paramsHash, r.resultHash]);
  }
}

/** Series per run, read from the first run and checked equal across runs (every run of a sweep has the same firm types). */
interface Shape {
  seriesPerRun: number;
}

/** Adds one run's rows of series.csv (`pointHead` is its point's head, pointHeads()). */
function addRunSeriesRows(chunks: RowChunks, pointHead: string, run: SweepRun, r: RunRecord): void {
  const head = `${pointHead},${run.replicate},${csvField(r.scenario)},${run.seed},`;
  for (const s of r.series) addSeriesRows(chunks, head, `,${csvField(s.metric)},${csvField(s.group)},`, s.values, undefined);
}

/** Adds one point's rows of summary.csv from the records of its replicates, in replicate order. */
function addPointSummaryRows(chunks: RowChunks, pointHead: string, records: readonly RunRecord[]): void {
  const results: Result[] = records.map((r) => ({ scenario: r.scenario, seed: r.seed, months: r.months, paramsHash: r.paramsHash, resultHash: r.resultHash, firmTypes: [], series: r.series }));
  const summary = summarize(results);
  const tail = `,${summary.n}\n`;
  for (const s of summary.series) addSummaryRows(chunks, `${pointHead},${csvField(s.metric)},${csvField(s.group)},`, s, summary.months, tail, undefined);
}

/** Each point's runs, in plan order (replicate order). */
function runsByPoint(plan: SweepPlan): Map<string, SweepRun[]> {
  const byPoint = new Map<string, SweepRun[]>();
  for (const run of plan.runs) {
    const runs = byPoint.get(run.pointId);
    if (runs) runs.push(run);
    else byPoint.set(run.pointId, [run]);
  }
  return byPoint;
}

/** Characters of rows a RenderedRows holds at most (≈ 256 MB as one-byte strings; a 64-run sweep of 60 series over 10 years renders ≈ 52 M). */
export const RENDERED_CHARS = 256 * 2 ** 20;

/**
 * The limit for this process: RENDERED_CHARS, or an eighth of V8's heap limit where that is
 * less (a cluster task given little memory gets a smaller heap, and the records a sweep keeps,
 * RecordCache, take up to 128 MB beside these rows).
 */
export function renderedCharsLimit(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(0, Math.min(RENDERED_CHARS, Math.floor(heapLimitBytes / 8)));
}

/**
 * series.csv rows of finished runs and summary.csv rows of finished points, made while a sweep
 * is still running (the parent thread is otherwise idle then; queue() makes them in turns of
 * the event loop that nothing else wants), so that writing the combined
 * outputs at the end is mostly writing: formatting them took ≈ 0.4 s after the last run of a
 * 64-run sweep. They are made by the same functions as at the end, so the files are the same
 * bytes whichever rows were made early. Held up to a number of characters; runs and points
 * beyond it are formatted at the end as before.
 */
export class RenderedRows {
  private readonly heads: Map<string, string>;
  private readonly byPoint: Map<string, SweepRun[]>;
  private readonly series = new Map<string, { seriesCount: number; chunks: string[] }>();
  private readonly summaries = new Map<string, string[]>();
  /** Points whose summary rows were made (kept or over the limit): each is made once. */
  private readonly summarised = new Set<string>();
  private chars = 0;
  private readonly pending: { run: SweepRun; record: RunRecord }[] = [];
  private scheduled = false;
  private stopped = false;

  /** `cache`: the records of the runs finished so far, where add() looks for a point's replicates. */
  constructor(
    plan: SweepPlan,
    private readonly cache: RecordCache,
    private readonly limit = RENDERED_CHARS,
  ) {
    this.heads = pointHeads(plan);
    this.byPoint = runsByPoint(plan);
  }

  /** Makes the series rows of `run` (its record as written), and the summary rows of its point once every replicate's record is in the cache. */
  add(run: SweepRun, record: RunRecord): void {
    const chunks = new RowChunks(CSV_CHUNK_CHARS);
    addRunSeriesRows(chunks, this.heads.get(run.pointId)!, run, record);
    const text = [...chunks.drain(true)];
    if (this.keep(text)) this.series.set(run.runId, { seriesCount: record.series.length, chunks: text });
    if (this.summarised.has(run.pointId)) return;
    const records = this.byPoint.get(run.pointId)!.map((r) => this.cache.get(r.runId));
    if (records.some((r) => r === undefined)) return;
    this.summarised.add(run.pointId);
    const point = new RowChunks(CSV_CHUNK_CHARS);
    addPointSummaryRows(point, this.heads.get(run.pointId)!, records as RunRecord[]);
    const summary = [...point.drain(true)];
    if (this.keep(summary)) this.summaries.set(run.pointId, summary);
  }

  /**
   * Queues add(run, record) for a later turn of the event loop, one run a turn, so that
   * whatever else is waiting (the next finished run, a worker to give work to) goes first.
   */
  queue(run: SweepRun, record: RunRecord): void {
    if (this.stopped) return;
    this.pending.push({ run, record });
    this.schedule();
  }

  /** Makes no more rows: what is still queued is formatted with the outputs, as if never queued. */
  stop(): void {
    this.stopped = true;
    this.pending.length = 0;
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.stopped ? undefined : this.pending.shift();
      if (next === undefined) return;
      this.add(next.run, next.record);
      this.schedule();
    });
  }

  /** The series rows made for `runId` and the number of series they came from, if made. */
  seriesOf(runId: string): { seriesCount: number; chunks: string[] } | undefined {
    return this.series.get(runId);
  }

  /** The summary rows made for `pointId`, if made. */
  summaryOf(pointId: string): string[] | undefined {
    return this.summaries.get(pointId);
  }

  get size(): { runs: number; points: number } {
    return { runs: this.series.size, points: this.summaries.size };
  }

  private keep(text: readonly string[]): boolean {
    const n = text.reduce((sum, t) => sum + t.length, 0);
    if (this.chars + n > this.limit) return false;
    this.chars += n;
    return true;
  }
}

function* seriesRows(plan: SweepPlan, dir: string, shape: Shape, cache: RecordCache, rendered: RenderedRows | undefined): Generator<string> {
  yield line(sweepSeriesColumns(plan));
  const chunks = new RowChunks(CSV_CHUNK_CHARS);
  const heads = pointHeads(plan);
  const check = (run: SweepRun, count: number): void => {
    if (count !== shape.seriesPerRun) throw new Error(`run ${run.runId} has ${count} series, the first run ${shape.seriesPerRun}`);
  };
  for (const run of plan.runs) {
    const made = rendered?.seriesOf(run.runId);
    if (made !== undefined) {
      check(run, made.seriesCount);
      yield* chunks.drain(true);
      yield* made.chunks;
      continue;
    }
    const r = loadRecord(dir, run, cache);
    check(run, r.series.length);
    addRunSeriesRows(chunks, heads.get(run.pointId)!, run, r);
    yield* chunks.drain();
  }
  yield* chunks.drain(true);
}

function* summaryRows(plan: SweepPlan, dir: string, cache: RecordCache, rendered: RenderedRows | undefined): Generator<string> {
  yield line(sweepSummaryColumns(plan));
  const chunks = new RowChunks(CSV_CHUNK_CHARS);
  const heads = pointHeads(plan);
  const byPoint = runsByPoint(plan);
  for (const point of plan.points) {
    const made = rendered?.summaryOf(point.id);
    if (made !== undefined) {
      yield* chunks.drain(true);
      yield* made;
      continue;
    }
    addPointSummaryRows(chunks, heads.get(point.id)!, byPoint.get(point.id)!.map((run) => loadRecord(dir, run, cache)));
    yield* chunks.drain();
  }
  yield* chunks.drain(true);
}

/** The combined manifest: only what the sweep computed — no command line, shard or time. */
export function sweepManifest(plan: SweepPlan, pkg: PackageInfo, shape: Shape): Record<string, unknown> {
  const { sweep } = plan;
  const seriesRowsCount = plan.runs.length * shape.seriesPerRun * plan.months;
  const definition = sweepToJson(sweep);
  const kept = new Set(sweep.metrics);
  return {
    sweep: sweep.name,
    description: sweep.description,
    sweepHash: plan.sweepHash,
    ...HASH_PROVENANCE,
    package: { name: pkg.name, version: pkg.version },
    base: {
      source: typeof sweep.base === 'string' ? sweep.base : '(inline)',
      scenario: plan.baseParams.name,
      paramsHash: plan.baseParamsHash,
    },
    parameters: definition.parameters,
    replicates: sweep.replicates,
    seed: sweep.seed,
    engineers: sweep.engineers ?? plan.baseParams.run.engineers,
    years: sweep.years ?? plan.baseParams.run.years,
    months: plan.months,
    points: plan.points.length,
    runs: plan.runs.length,
    files: {
      'points.csv': { columns: [...POINTS_COLUMNS, ...plan.paths], rows: plan.points.length },
      'runs.csv': { columns: RUNS_COLUMNS, rows: plan.runs.length },
      'series.csv': { columns: sweepSeriesColumns(plan), rows: seriesRowsCount },
      'summary.csv': { columns: sweepSummaryColumns(plan), rows: plan.points.length * shape.seriesPerRun * plan.months },
    },
    groups: sweep.groups,
    metrics: METRIC_DEFS.filter((d) => kept.has(d.name)).map((d) => ({ name: d.name, unit: d.unit, description: d.description })),
    baseParameters: plan.baseParams,
  };
}

/**
 * Writes the combined outputs of `plan` into `dir` from the run files in `dir`/runs (every
 * run must be there; those in `cache` are taken from it, equal to what their files give). Returns
 * the paths written.
 */
export async function writeCombinedOutputs(dir: string, plan: SweepPlan, pkg: PackageInfo, cache = new RecordCache(), signal?: AbortSignal, rendered?: RenderedRows): Promise<string[]> {
  const shape: Shape = { seriesPerRun: plan.runs.length > 0 ? loadRecord(dir, plan.runs[0], cache).series.length : 0 };
  const files: OutputFile[] = [
    { name: 'points.csv', chunks: chunked(pointsRows(plan)) },
    { name: 'runs.csv', chunks: chunked(runsRows(plan, dir, cache)) },
    { name: 'series.csv', chunks: seriesRows(plan, dir, shape, cache, rendered) },
    { name: 'summary.csv', chunks: summaryRows(plan, dir, cache, rendered) },
    { name: 'manifest.json', chunks: [JSON.stringify(sweepManifest(plan, pkg, shape), null, 2) + '\n'] },
  ];
  return writeFilesAtomically(dir, files, { signal, tag: `${process.pid}-sweep` });
}
