/**
 * The files of a sweep directory that are written run by run:
 *   runs/<runId>.json            one finished run: its identity, hashes and the kept series
 *   shards/shard-<K>-of-<N>.json what shard K of N was asked to run, and the whole sweep
 *                                 definition with its resolved base (so `merge` needs no inputs
 *                                 but the directories)
 * Each file is written with writeFileAtomic (atomicOutput.ts), so a crash or a kill leaves
 * either the whole file or none. A run file depends only on its run (parameters,
 * seed, kept metrics and groups, package version), never on the shard or the time.
 * Each file carries a SHA-256 of its own contents (a run file's `recordHash`, a shard
 * manifest's `manifestHash`), checked whenever it is read: an edited or damaged file is
 * refused by `merge` and recomputed by `sweep --resume`, never combined.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson, HASH_ALGORITHM, Hasher, hashString } from '../../lib/hash.ts';
import type { Params } from '../../model/params.ts';
import type { PackedResult } from '../../run/result.ts';
import { unpackResult } from '../../run/result.ts';
import type { SweepPlan, SweepRun } from '../../research/sweep/sweepPlan.ts';
import { runParamsHash } from '../../research/sweep/sweepPlan.ts';
import type { PackageInfo } from '../commands/command.ts';
import { orderSeries } from './seriesCsv.ts';
import { MAX_SHARDS } from '../args/shard.ts';
import { assertFiniteResult } from './finiteResult.ts';

export const RUN_FORMAT = 'tokensim-sweep-run/2';
export const SHARD_FORMAT = 'tokensim-sweep-shard/2';
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
  /** The algorithm of every hash in the file. */
  hashAlgorithm: typeof HASH_ALGORITHM;
  paramsHash: string;
  /** The engine's hash of every series of the run (kept or not). */
  resultHash: string;
  months: number;
  /** The sweep's selection the series were kept by. */
  keep: { metrics: string[]; groups: string[] };
  /** SHA-256 of this record: every other field and the kept values (recordHashOf). */
  recordHash: string;
  series: RunSeries[];
}

export const packageLabel = (pkg: PackageInfo): string => `${pkg.name} ${pkg.version}`;

/** This process's runtime, recorded in shard manifests (results do not depend on it: sim/lib/dmath.ts). */
export const runtimeLabel = (): string => `Node ${process.version} (V8 ${process.versions.v8})`;

/** JSON has no NaN or infinities: they are stored as the strings "NaN", "Infinity", "-Infinity". */
const encodeNumber = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** A stored value back as a number; undefined when it is neither a number nor one of the three strings. */
function decodeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && Object.hasOwn(NON_FINITE, v) ? NON_FINITE[v] : undefined;
}

/** A value as the file gives it back: JSON writes −0 as 0, and every NaN reads back as the same NaN. */
const storedValue = (v: number): number => (v === 0 ? 0 : Number.isNaN(v) ? Number.NaN : v);

/**
 * SHA-256 of a run record: the canonical JSON of every field but `series` and `recordHash`
 * (as one string field), then per kept series its metric, group and values, in the
 * Hasher's framing (sim/lib/hash.ts) — so any edited value or field changes it.
 */
export function recordHashOf(r: RunRecord): string {
  const { series, recordHash: _own, ...head } = r;
  const h = new Hasher().string(canonicalJson(head));
  for (const s of series) h.string(s.metric).string(s.group).floats(s.values);
  return h.digest();
}

/**
 * The record of a finished run: the kept series in series.csv order (metric, then group).
 * Throws NonFiniteResultError for a run with a value that should be finite and is not.
 */
export function runRecord(plan: SweepPlan, run: SweepRun, packed: PackedResult, pkg: PackageInfo): RunRecord {
  const result = unpackResult(packed);
  assertFiniteResult(result);
  const metrics = new Set(plan.sweep.metrics);
  const groups = new Set(plan.sweep.groups);
  const series = orderSeries(result.series)
    .filter((s) => metrics.has(s.metric) && groups.has(s.group))
    .map((s) => ({ metric: s.metric, group: s.group, values: Float64Array.from(s.values, storedValue) }));
  const record: RunRecord = {
    format: RUN_FORMAT,
    run: run.runId,
    point: run.pointId,
    replicate: run.replicate,
    seed: run.seed,
    scenario: result.scenario,
    package: packageLabel(pkg),
    hashAlgorithm: HASH_ALGORITHM,
    paramsHash: result.paramsHash,
    resultHash: result.resultHash,
    months: result.months,
    keep: { metrics: plan.sweep.metrics, groups: plan.sweep.groups },
    recordHash: '',
    series,
  };
  record.recordHash = recordHashOf(record);
  return record;
}

/** The file text: the identity on the first line, then one series per line. */
export function runRecordText(r: RunRecord): string {
  const { series, ...head } = r;
  const lines = series.map((s) => JSON.stringify({ metric: s.metric, group: s.group, values: Array.from(s.values, encodeNumber) }));
  return `${JSON.stringify(head).slice(0, -1)},"series":[\n${lines.join(',\n')}\n]}\n`;
}

/** Parses a run file and checks its recordHash; throws with the reason when it is not a sound one. */
export function parseRunRecord(text: string): RunRecord {
  let obj: Partial<Record<keyof RunRecord, unknown>>;
  try {
    obj = JSON.parse(text) as Partial<Record<keyof RunRecord, unknown>>;
  } catch (err) {
    throw new Error(`not readable JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (obj === null || typeof obj !== 'object' || obj.format !== RUN_FORMAT) throw new Error(`not a ${RUN_FORMAT} file`);
  if (obj.hashAlgorithm !== HASH_ALGORITHM) throw new Error(`its hashes are not ${HASH_ALGORITHM}`);
  const strings = ['run', 'point', 'scenario', 'package', 'paramsHash', 'resultHash', 'recordHash'] as const;
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
    const values = Float64Array.from(s.values as unknown[], (v, m) => {
      const x = decodeNumber(v);
      if (x === undefined) throw new Error(`series ${k} (${s.metric} ${s.group}) month ${m + 1}: ${JSON.stringify(v) ?? String(v)} is not a number`);
      return x;
    });
    return { metric: s.metric, group: s.group, values };
  });
  const record: RunRecord = { ...(obj as RunRecord), keep, series };
  if (recordHashOf(record) !== record.recordHash) throw new Error('recordHash does not match its values (edited or damaged)');
  return record;
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
  /** SHA-256 of the manifest's other fields (shardManifestHash); written by shardManifestText. */
  manifestHash?: string;
}

export const shardFileName = (index: number, count: number): string => `shard-${index}-of-${count}.json`;

/** SHA-256 of the canonical JSON of every field of a shard manifest but `manifestHash`. */
export function shardManifestHash(m: ShardManifest): string {
  const { manifestHash: _own, ...fields } = m;
  return hashString(canonicalJson(fields));
}

/** The file text, with the manifest's own hash as its last field. */
export function shardManifestText(m: ShardManifest): string {
  const { manifestHash: _old, ...fields } = m;
  return JSON.stringify({ ...fields, manifestHash: shardManifestHash(m) }, null, 2) + '\n';
}

const isCount = (x: unknown, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= max;

/**
 * Why a manifest's `shard` field is not one `sweep --shard K/N` could have written into file
 * `name` (1 ≤ K ≤ N ≤ MAX_SHARDS, and the file named after K and N), or undefined. A manifest
 * whose hash was recomputed after an edit must still not make merge loop over 10^12 shards.
 */
function badShard(shard: unknown, name: string): string | undefined {
  if (shard === null || typeof shard !== 'object') return 'shard: must be an object { index, count, from }';
  const { index, count } = shard as { index: unknown; count: unknown };
  if (!isCount(count, MAX_SHARDS)) return `shard.count: must be a whole number from 1 to ${MAX_SHARDS} (got ${JSON.stringify(count)})`;
  if (!isCount(index, count)) return `shard.index: must be a whole number from 1 to shard.count ${count} (got ${JSON.stringify(index)})`;
  if (name !== shardFileName(index, count)) return `shard ${index}/${count} does not match the file name ${name}`;
  return undefined;
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
    if (manifest === null || typeof manifest !== 'object' || manifest.format !== SHARD_FORMAT || typeof manifest.sweepHash !== 'string') {
      throw new Error(`${file}: not a ${SHARD_FORMAT} manifest`);
    }
    if (manifest.manifestHash !== shardManifestHash(manifest)) throw new Error(`${file}: manifestHash does not match its contents (edited or damaged)`);
    const shardProblem = badShard(manifest.shard, name);
    if (shardProblem) throw new Error(`${file}: ${shardProblem}`);
    out.push({ file, manifest });
  }
  return out;
}
