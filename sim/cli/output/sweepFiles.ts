/**
 * The files of a sweep directory that are written run by run:
 *   runs/<runId>.json            one finished run: its identity, hashes and the kept series
 *   shards/shard-<K>-of-<N>.json what shard K of N was asked to run, and the whole sweep
 *                                 definition with its resolved base (so `merge` needs no inputs
 *                                 but the directories)
 * Each file is written with writeFileAtomic (atomicOutput.ts), so a crash or a kill leaves
 * either the whole file or none. A run file depends only on its run (parameters,
 * seed, kept metrics and groups, package version), never on the shard or the time.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HASH_ALGORITHM } from '../../lib/hash.ts';
import type { Params } from '../../model/params.ts';
import type { PackedResult } from '../../run/result.ts';
import { unpackResult } from '../../run/result.ts';
import type { SweepPlan, SweepRun } from '../../research/sweep/sweepPlan.ts';
import { runParamsHash } from '../../research/sweep/sweepPlan.ts';
import type { PackageInfo } from '../commands/command.ts';
import { orderSeries } from './seriesCsv.ts';

export const RUN_FORMAT = 'tokensim-sweep-run/1';
export const SHARD_FORMAT = 'tokensim-sweep-shard/1';
export const RUNS_DIR = 'runs';
export const SHARDS_DIR = 'shards';

/** One kept series of a run. */
export interface RunSeries {
  metric: string;
  group: string;
  values: Float64Array;
}

/** A finished run as stored in runs/<runId>.json. */
export interface RunRecord {
  format: typeof RUN_FORMAT;
  run: string;
  point: string;
  replicate: number;
  seed: number;
  scenario: string;
  /** `<name> <version>` of the package that ran it. */
  package: string;
  paramsHash: string;
  /** The engine's hash of every series of the run (kept or not). */
  resultHash: string;
  months: number;
  /** The sweep's selection the series were kept by. */
  keep: { metrics: string[]; groups: string[] };
  series: RunSeries[];
}

export const packageLabel = (pkg: PackageInfo): string => `${pkg.name} ${pkg.version}`;

/** This process's runtime, recorded in shard manifests (results do not depend on it: sim/lib/dmath.ts). */
export const runtimeLabel = (): string => `Node ${process.version} (V8 ${process.versions.v8})`;

/** JSON has no NaN or infinities: they are stored as the strings "NaN", "Infinity", "-Infinity". */
const encodeNumber = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
const decodeNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** The record of a finished run: the kept series in series.csv order (metric, then group). */
export function runRecord(plan: SweepPlan, run: SweepRun, packed: PackedResult, pkg: PackageInfo): RunRecord {
  const result = unpackResult(packed);
  const metrics = new Set(plan.sweep.metrics);
  const groups = new Set(plan.sweep.groups);
  const series = orderSeries(result.series)
    .filter((s) => metrics.has(s.metric) && groups.has(s.group))
    .map((s) => ({ metric: s.metric, group: s.group, values: Float64Array.from(s.values) }));
  return {
    format: RUN_FORMAT,
    run: run.runId,
    point: run.pointId,
    replicate: run.replicate,
    seed: run.seed,
    scenario: result.scenario,
    package: packageLabel(pkg),
    paramsHash: result.paramsHash,
    resultHash: result.resultHash,
    months: result.months,
    keep: { metrics: plan.sweep.metrics, groups: plan.sweep.groups },
    series,
  };
}

/** The file text: the identity on the first line, then one series per line. */
export function runRecordText(r: RunRecord): string {
  const { series, ...head } = r;
  const lines = series.map((s) => JSON.stringify({ metric: s.metric, group: s.group, values: Array.from(s.values, encodeNumber) }));
  return `${JSON.stringify(head).slice(0, -1)},"series":[\n${lines.join(',\n')}\n]}\n`;
}

/** Parses a run file; throws with the reason when it is not one. */
export function parseRunRecord(text: string): RunRecord {
  const obj = JSON.parse(text) as Partial<Record<keyof RunRecord, unknown>>;
  if (obj.format !== RUN_FORMAT) throw new Error(`not a ${RUN_FORMAT} file`);
  const strings = ['run', 'point', 'scenario', 'package', 'paramsHash', 'resultHash'] as const;
  for (const k of strings) if (typeof obj[k] !== 'string') throw new Error(`field ${k} is missing`);
  for (const k of ['replicate', 'seed', 'months'] as const) if (typeof obj[k] !== 'number') throw new Error(`field ${k} is missing`);
  const keep = obj.keep as RunRecord['keep'] | undefined;
  if (!keep || !Array.isArray(keep.metrics) || !Array.isArray(keep.groups)) throw new Error('field keep is missing');
  if (!Array.isArray(obj.series)) throw new Error('field series is missing');
  const months = obj.months as number;
  const series = (obj.series as { metric?: unknown; group?: unknown; values?: unknown }[]).map((s, k) => {
    if (typeof s.metric !== 'string' || typeof s.group !== 'string' || !Array.isArray(s.values) || s.values.length !== months) {
      throw new Error(`series ${k} is malformed`);
    }
    return { metric: s.metric, group: s.group, values: Float64Array.from(s.values, decodeNumber) };
  });
  return { ...(obj as RunRecord), keep, series };
}

export const runFileName = (runId: string): string => `${runId}.json`;
export const runFilePath = (dir: string, runId: string): string => path.join(dir, RUNS_DIR, runFileName(runId));

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, k) => x === b[k]);

/**
 * Why a stored record cannot stand for `run` of `plan` (different parameters, seed, selection,
 * horizon or package version), or undefined when it can. `expectedParamsHash` is
 * runParamsHash(run). The JavaScript engine does not matter: the engine computes the same
 * bits on every one (sim/lib/dmath.ts).
 */
export function recordMismatch(r: RunRecord, plan: SweepPlan, run: SweepRun, expectedParamsHash: string, pkg: string): string | undefined {
  if (r.run !== run.runId) return `it holds run ${r.run}`;
  if (r.seed !== run.seed) return `seed ${r.seed}, expected ${run.seed}`;
  if (r.paramsHash !== expectedParamsHash) return 'its parameters differ';
  if (r.months !== plan.months) return `${r.months} months, expected ${plan.months}`;
  if (r.package !== pkg) return `made by ${r.package}, not ${pkg}`;
  if (!sameList(r.keep.metrics, plan.sweep.metrics) || !sameList(r.keep.groups, plan.sweep.groups)) return 'it keeps other metrics or groups';
  return undefined;
}

/** The stored record of `run` in `dir` if it is complete and matches, else undefined. */
export async function readMatchingRecord(dir: string, plan: SweepPlan, run: SweepRun, pkg: string): Promise<RunRecord | undefined> {
  let text: string;
  try {
    text = await readFile(runFilePath(dir, run.runId), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const record = parseRunRecord(text);
    return recordMismatch(record, plan, run, runParamsHash(run), pkg) === undefined ? record : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Shard manifests

export interface ShardManifest {
  format: typeof SHARD_FORMAT;
  sweep: string;
  sweepHash: string;
  /** The algorithm of sweepHash and of the run files' hashes. */
  hashAlgorithm: typeof HASH_ALGORITHM;
  shard: { index: number; count: number; from: string };
  /** Runs of this shard, and of the whole sweep. */
  runs: number;
  totalRuns: number;
  package: PackageInfo;
  /** Where the shard ran (runtimeLabel), for provenance. */
  runtime: string;
  /** The command that ran the shard, shell-quoted. */
  command: string;
  /** The sweep file as given on the command line. */
  source: string;
  /** The sweep file's fields, validated (sweepToJson). */
  definition: Record<string, unknown>;
  /** The resolved base scenario. */
  baseParameters: Params;
}

export const shardFileName = (index: number, count: number): string => `shard-${index}-of-${count}.json`;

export function shardManifestText(m: ShardManifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

/** The shard manifests in `dir`/shards, by file name; an empty list when there are none. */
export async function readShardManifests(dir: string): Promise<{ file: string; manifest: ShardManifest }[]> {
  const shardsDir = path.join(dir, SHARDS_DIR);
  let names: string[];
  try {
    names = (await readdir(shardsDir)).filter((n) => /^shard-\d+-of-\d+\.json$/.test(n)).sort();
  } catch {
    return [];
  }
  const out: { file: string; manifest: ShardManifest }[] = [];
  for (const name of names) {
    const file = path.join(shardsDir, name);
    let manifest: ShardManifest;
    try {
      manifest = JSON.parse(await readFile(file, 'utf8')) as ShardManifest;
    } catch (err) {
      throw new Error(`${file}: not readable JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    if (manifest.format !== SHARD_FORMAT || typeof manifest.sweepHash !== 'string') throw new Error(`${file}: not a ${SHARD_FORMAT} manifest`);
    out.push({ file, manifest });
  }
  return out;
}
