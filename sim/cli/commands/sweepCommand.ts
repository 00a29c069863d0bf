/**
 * `tokensim sweep <sweep.json> --out <dir> [--workers N] [--shard K/N | --shards N] [--resume]`:
 * runs a sweep's runs (or one shard's share of them) on a pool of worker threads, writing
 * each finished run as its own file under <dir>/runs/ the moment it finishes — an interrupted
 * sweep keeps every finished run, and `--resume` skips them. Once every run of the sweep is in
 * <dir>, the combined outputs (points.csv, runs.csv, series.csv, summary.csv, manifest.json)
 * are written from the run files, so sharded-then-merged and unsharded give the same bytes.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { HASH_ALGORITHM } from '../../lib/hash.ts';
import type { PackedResult } from '../../run/result.ts';
import type { SweepPlan, SweepRun } from '../../research/sweep/sweepPlan.ts';
import { sweepToJson } from '../../research/sweep/sweep.ts';
import { selectShard } from '../../research/sweep/sweepPlan.ts';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { groupThousands } from '../output/groupThousands.ts';
import { formatCommandLine } from '../output/manifest.ts';
import { numberFlag, parseArgs, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import type { Pool } from '../parallel/pool.ts';
import { MAX_SHARDS, resolveShard, type Env, type Shard } from '../args/shard.ts';
import { chooseWorkers, EXACT_WORKERS_FLAG, meanEngineerMonths, workersAskedFromArgs } from '../args/runArgs.ts';
import {
  packageLabel,
  readMatchingRecord,
  readShardManifests,
  runFilePath,
  runRecord,
  runRecordText,
  runtimeLabel,
  shardFileName,
  shardManifestText,
  SHARD_FORMAT,
  SHARDS_DIR,
  type ShardManifest,
} from '../output/sweepFiles.ts';
import { COMBINED_FILES, RecordCache, RenderedRows, renderedCharsLimit, writeCombinedOutputs } from '../output/sweepOutputs.ts';
import { sweepProgress } from '../output/sweepProgress.ts';
import { assertUsableOutDir, writeFileAtomic } from '../output/atomicOutput.ts';

export const EXIT_INTERRUPTED = 130;

/** What the command reads from the world; tests replace parts of it. */
export interface SweepDeps {
  env: Env;
  createPool: (workers: number) => Pool;
  defaultWorkers: () => number;
  /** Milliseconds, for the progress bar and the closing line. */
  now: () => number;
}

export const SWEEP_FLAGS: readonly FlagSpec[] = [
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'Output directory (runs/, shards/ and, once complete, the combined files)', required: true },
  { name: 'workers', kind: 'integer', placeholder: '<n>', description: 'Most worker threads (default: one per core); no more start than the runs’ work repays a worker’s ≈ 0.7 s start', min: 1, max: 1024 },
  EXACT_WORKERS_FLAG,
  { name: 'shard', kind: 'string', placeholder: '<K/N>', description: 'Run only shard K of N (K from 1): every N-th run, starting with run K' },
  {
    name: 'shards',
    kind: 'integer',
    placeholder: '<n>',
    description: 'Number of shards when the index comes from JOB_COMPLETION_INDEX (Kubernetes) or a Slurm array',
    min: 1,
    max: MAX_SHARDS,
  },
  { name: 'resume', kind: 'boolean', description: 'Keep finished runs already in <dir>/runs (same parameters, seed and version) and run the rest' },
];

const DETAILS = `A grid axis in the sweep file is a list of values or a range "start:step:end" ("0:0.05:0.5":
start + i·step, rounded to the decimals written, end included when on the grid).

Shards: --shard K/N, or from the environment: SLURM_ARRAY_TASK_ID with
SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN (arrays from 0 or from 1), or a Kubernetes
Indexed Job's JOB_COMPLETION_INDEX (0-based) with --shards N. Merge shard directories with
tokensim merge; shards writing into one shared <dir> combine there by themselves.

On more than 4 cores tokensim restarts node with a V8 platform pool (compiling, garbage
collection) of one thread per core, as node's own 4 slow many workers' start;
TOKENSIM_V8_POOL_SIZE=<n> sets the size, 0 keeps node's. TOKENSIM_POOL_TRACE=<file> writes a
CSV line per run (worker, times it was handed over, began and ended) when the runs are done;
node bench/pool-trace.mjs <file> summarises it.

Output (in <dir>):
  runs/<run>.json   each finished run: identity, hashes, the kept series
  shards/*.json     what each shard ran, with the sweep definition and its resolved base
  points.csv        point,<parameter paths…>
  runs.csv          run,point,replicate,seed,params_hash,result_hash
  series.csv        point,<parameter paths…>,replicate,scenario,seed,month,metric,group,value
  summary.csv       point,<parameter paths…>,metric,group,month,mean,lo95,hi95,n (across replicates)
                    (each row carries its point's parameter values, one column per varied path)
  manifest.json     the sweep, its base, columns, row counts and metric units

Example:
  tokensim sweep scenarios/sweeps/token-share-by-sigma.json --out out/sweep`;

/** Refuses an --out that is a file, or that holds another sweep (or, without --resume, another version of this one). */
async function prepareOutDir(outDir: string, plan: SweepPlan, resume: boolean): Promise<string[]> {
  try {
    await assertUsableOutDir(outDir);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  let existing: Awaited<ReturnType<typeof readShardManifests>>;
  try {
    existing = await readShardManifests(outDir);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const stale = existing.filter((e) => e.manifest.sweepHash !== plan.sweepHash);
  if (stale.length === 0) return [];
  const other = stale[0].manifest;
  const held = `--out ${outDir} holds sweep '${other.sweep}' (${other.sweepHash.slice(0, 8)})`;
  if (other.sweep !== plan.sweep.name) {
    throw new UsageError(`${held}, not '${plan.sweep.name}' (${plan.sweepHash.slice(0, 8)}); use another directory`);
  }
  if (!resume) {
    throw new UsageError(`${held}, an earlier version of this sweep; add --resume to reuse its finished runs, or use another directory`);
  }
  // An edited sweep resumed in place: its old manifests and combined files no longer describe it.
  for (const e of stale) await rm(e.file, { force: true });
  for (const f of COMBINED_FILES) await rm(path.join(outDir, f), { force: true });
  return stale.map((e) => e.file);
}

const describePoint = (plan: SweepPlan, run: SweepRun): string =>
  Object.entries(plan.points[run.pointIndex].assignments)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** Runs `todo` on `pool`, at most two jobs per worker in flight; stops dispatching on abort or the first failure. */
async function runOnPool(
  plan: SweepPlan,
  todo: readonly SweepRun[],
  pool: Pool,
  onResult: (run: SweepRun, packed: PackedResult) => Promise<void>,
  aborted: () => boolean,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (failure === undefined && !aborted() && next < todo.length) {
      const run = todo[next++];
      let packed: PackedResult;
      try {
        packed = await pool.run(run.params, run.seed);
      } catch (err) {
        if (aborted()) return;
        throw new Error(`run ${run.runId} (${describePoint(plan, run)}, seed ${run.seed}) failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      await onResult(run, packed);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(todo.length, pool.size * 2) }, () =>
      lane().catch((err: unknown) => {
        failure ??= err;
      }),
    ),
  );
  if (failure !== undefined && !aborted()) throw failure;
}

/** Runs of the whole sweep with no matching file in `outDir` (those in `known` are taken as present). */
async function missingRuns(outDir: string, plan: SweepPlan, pkg: string, known: ReadonlySet<string>): Promise<SweepRun[]> {
  const missing: SweepRun[] = [];
  for (const run of plan.runs) {
    if (known.has(run.runId)) continue;
    if (!(await readMatchingRecord(outDir, plan, run, pkg))) missing.push(run);
  }
  return missing;
}

function shardManifest(plan: SweepPlan, shard: Shard, runs: number, ctx: CommandContext, source: string): ShardManifest {
  return {
    format: SHARD_FORMAT,
    sweep: plan.sweep.name,
    sweepHash: plan.sweepHash,
    hashAlgorithm: HASH_ALGORITHM,
    shard: { index: shard.index, count: shard.count, from: shard.from },
    runs,
    totalRuns: plan.runs.length,
    package: { name: ctx.pkg.name, version: ctx.pkg.version },
    runtime: runtimeLabel(),
    command: formatCommandLine(ctx.argv),
    source,
    definition: sweepToJson(plan.sweep),
    baseParameters: plan.baseParams,
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The sweep command with its world injected (see SweepDeps). */
export async function runSweep(args: readonly string[], ctx: CommandContext, deps: SweepDeps): Promise<number> {
  const parsed = parseArgs(args, SWEEP_FLAGS, 'sweep');
  const [file, extra] = parsed.positionals;
  if (file === undefined) throw new UsageError('sweep: missing sweep file (usage: tokensim sweep <sweep.json> --out <dir>)');
  if (extra !== undefined) throw new UsageError(`sweep: unexpected argument '${extra}' (one sweep file per call)`);
  const outDir = stringFlag(parsed, 'out')!;
  const shard = resolveShard(stringFlag(parsed, 'shard'), numberFlag(parsed, 'shards'), deps.env);
  const resume = parsed.flags.get('resume') === true;

  const asked = workersAskedFromArgs(parsed);
  const { loadSweep } = await import('../args/loadSweep.ts');
  const plan = await loadSweep(file);
  const replaced = await prepareOutDir(outDir, plan, resume);
  const started = deps.now();

  const mine = selectShard(plan.runs, shard.index, shard.count);
  const pkg = packageLabel(ctx.pkg);
  const todo: SweepRun[] = [];
  for (const run of mine) if (!(resume && (await readMatchingRecord(outDir, plan, run, pkg)))) todo.push(run);
  const kept = mine.length - todo.length;
  await writeFileAtomic(path.join(outDir, SHARDS_DIR, shardFileName(shard.index, shard.count)), shardManifestText(shardManifest(plan, shard, mine.length, ctx, file)));

  let aborted = false;
  let pool: Pool | undefined;
  const onSignal = (): void => {
    aborted = true;
    void pool?.close();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = sweepProgress(ctx.io.stderr, ctx.io.stderrIsTTY && todo.length > 0, todo.length, deps.now);
  let ran = 0;
  // Each finished run's record as written (runRecord stores each value as its file gives it
  // back), so the combined outputs need not read and check each file again at the end.
  const records = new RecordCache();
  // Their rows of series.csv and summary.csv, made meanwhile (the parent is idle while workers run).
  const rendered = new RenderedRows(plan, records, renderedCharsLimit());
  try {
    if (todo.length > 0) {
      const choice = chooseWorkers(todo.length, asked, deps.defaultWorkers(), meanEngineerMonths(todo.slice(0, 100).map((r) => r.params)));
      if (choice.note !== undefined) ctx.io.stderr(choice.note);
      pool = deps.createPool(choice.count);
      await runOnPool(
        plan,
        todo,
        pool,
        async (run, packed) => {
          const record = runRecord(plan, run, packed, ctx.pkg);
          await writeFileAtomic(runFilePath(outDir, run.runId), runRecordText(record));
          records.add(run.runId, record);
          rendered.queue(run, record);
          ran += 1;
          progress.tick();
        },
        () => aborted,
      );
    }
  } finally {
    rendered.stop();
    progress.done();
    await pool?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const workers = pool?.size ?? 0;
  if (aborted) {
    ctx.io.stderr(`tokensim: interrupted; ${ran + kept} of ${mine.length} runs of this shard are finished in ${path.join(outDir, 'runs')} — rerun with --resume to finish\n`);
    return EXIT_INTERRUPTED;
  }

  const lines: string[] = [];
  const shardText = shard.count > 1 ? `shard ${shard.index}/${shard.count}${shard.from === '--shard' ? '' : ` (from ${shard.from})`}: ${groupThousands(mine.length)} of the runs; ` : '';
  lines.push(
    `sweep ${plan.sweep.name} · ${groupThousands(plan.points.length)} points × ${plan.sweep.replicates} replicates = ${groupThousands(plan.runs.length)} runs · ${plan.months / 12} year${plan.months === 12 ? '' : 's'}`,
    `${shardText}ran ${groupThousands(ran)} on ${workers} worker${workers === 1 ? '' : 's'} in ${seconds(deps.now() - started)}${kept > 0 ? `; kept ${groupThousands(kept)} finished runs` : ''}`,
  );
  if (replaced.length > 0) lines.push(`replaced ${replaced.length} shard manifest(s) of an earlier version of this sweep`);
  const missing = await missingRuns(outDir, plan, pkg, new Set(mine.map((r) => r.runId)));
  if (missing.length === 0) {
    const written = await writeCombinedOutputs(outDir, plan, ctx.pkg, records, undefined, rendered);
    lines.push(`wrote ${written.join(', ')}`);
  } else {
    lines.push(
      `${groupThousands(missing.length)} of ${groupThousands(plan.runs.length)} runs of the sweep are not in ${outDir} yet; when every shard has finished, combine them with: tokensim merge <dir>… --out <dir>`,
    );
  }
  ctx.io.stdout(lines.join('\n') + '\n');
  return 0;
}

export const sweepCommand: Command = {
  ...CARDS.sweep,
  usage: 'tokensim sweep <sweep.json> --out <dir> [--workers <n>] [--exact-workers] [--shard <K/N> | --shards <n>] [--resume]',
  flags: SWEEP_FLAGS,
  details: DETAILS,
  async run(args, ctx) {
    const { createPool, defaultWorkers } = await import('../parallel/pool.ts');
    return runSweep(args, ctx, { env: process.env, createPool, defaultWorkers, now: () => performance.now() });
  },
};
