/**
 * `tokensim merge <dir>… --out <dir>`: combines the directories of a sharded sweep into one
 * result set — the run files, the shard manifests, and the combined outputs written by the
 * same code as an unsharded sweep, so the files are byte for byte the same. The sweep is
 * rebuilt from the shard manifests (definition and resolved base), so no input but the
 * directories is needed. Refuses (exit 2) directories of different sweeps or versions, an
 * incomplete set, naming the missing runs and the shards they belong to, and any run file or
 * shard manifest whose own SHA-256 does not match its values, naming the file: each run's
 * recordHash is recomputed from the values merged (sweepFiles.ts), and a shard number outside
 * 1 ≤ K ≤ N ≤ MAX_SHARDS, or not matching its file name, is refused.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Params } from '../../model/params.ts';
import { resolveScenario, ScenarioError } from '../../input/scenario.ts';
import { resolveSweep, SweepError, type Sweep } from '../../research/sweep/sweep.ts';
import { runParamsHash, type SweepPlan, type SweepRun } from '../../research/sweep/sweepPlan.ts';
import type { Command, CommandContext, PackageInfo } from './command.ts';
import { CARDS } from './cards.ts';
import { groupThousands } from '../output/groupThousands.ts';
import { planOrUsageError } from '../args/loadSweep.ts';
import { parseArgs, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import {
  packageLabel,
  parseRunRecord,
  readShardManifests,
  recordMismatch,
  runFilePath,
  RUNS_DIR,
  SHARDS_DIR,
  type ShardManifest,
} from '../output/sweepFiles.ts';
import { writeFileAtomic } from '../output/atomicOutput.ts';
import { RecordCache, writeCombinedOutputs } from '../output/sweepOutputs.ts';

export const MERGE_FLAGS: readonly FlagSpec[] = [
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'Directory for the merged result set (may be one of the inputs)', required: true },
];

const DETAILS = `Each <dir> is the --out of one or more shards (tokensim sweep --shard K/N …). The merged
<dir> holds runs/, shards/ and points.csv, runs.csv, series.csv, summary.csv and manifest.json,
identical to the same sweep run unsharded. Every run file and shard manifest is checked
against its own SHA-256 (recordHash, manifestHash); an edited or damaged one is refused.

Example:
  tokensim merge out/shard-1 out/shard-2 out/shard-3 out/shard-4 --out out/sweep`;

interface Found {
  dir: string;
  file: string;
  manifest: ShardManifest;
}

async function manifestsOf(dir: string): Promise<Found[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new UsageError(`merge: ${dir}: no such directory`);
  if (!info.isDirectory()) throw new UsageError(`merge: ${dir}: not a directory`);
  let found: { file: string; manifest: ShardManifest }[];
  try {
    found = await readShardManifests(dir);
  } catch (err) {
    throw new UsageError(`merge: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (found.length === 0) throw new UsageError(`merge: ${dir} is not a sweep output directory (no ${SHARDS_DIR}/shard-K-of-N.json)`);
  return found.map((f) => ({ dir, ...f }));
}

const label = (m: ShardManifest): string => `'${m.sweep}' (${m.sweepHash.slice(0, 8)})`;

/** Rebuilds the plan from a shard manifest, and checks it still hashes to the manifest's sweep. */
function planFromManifest(found: Found): SweepPlan {
  const { manifest, file } = found;
  let sweep: Sweep;
  let base: Params;
  try {
    sweep = resolveSweep(manifest.definition, `${file}: definition`);
    base = resolveScenario(manifest.baseParameters, `${file}: baseParameters`);
  } catch (err) {
    if (err instanceof SweepError || err instanceof ScenarioError) throw new UsageError(`merge: ${err.message}`);
    throw err;
  }
  const plan = planOrUsageError(sweep, base, file);
  if (plan.sweepHash !== manifest.sweepHash) {
    throw new UsageError(`merge: ${file} describes sweep ${manifest.sweepHash.slice(0, 8)} but expands to ${plan.sweepHash.slice(0, 8)} (made by another tokensim version?)`);
  }
  return plan;
}

/** `p…-r1, p…-r2, … and 7 more` */
function listRuns(runs: readonly SweepRun[], max = 8): string {
  const shown = runs.slice(0, max).map((r) => r.runId);
  return runs.length > max ? `${shown.join(', ')} and ${runs.length - max} more` : shown.join(', ');
}

/** Shards (of the shard counts seen) holding the missing runs: `2/4, 4/4`. Run i is in shard i mod N + 1. */
function missingShards(plan: SweepPlan, missing: readonly SweepRun[], manifests: readonly ShardManifest[]): string[] {
  const counts = [...new Set(manifests.map((m) => m.shard.count))].sort((a, b) => a - b);
  const position = new Map(plan.runs.map((r, i) => [r.runId, i]));
  const out: string[] = [];
  for (const count of counts) {
    const shards = new Set(missing.map((r) => (position.get(r.runId)! % count) + 1));
    for (const k of [...shards].sort((a, b) => a - b)) out.push(`${k}/${count}`);
  }
  return out;
}

async function samePath(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([realpath(a).catch(() => path.resolve(a)), realpath(b).catch(() => path.resolve(b))]);
  return ra === rb;
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, MERGE_FLAGS, 'merge');
  const dirs = parsed.positionals;
  if (dirs.length === 0) throw new UsageError('merge: name at least one shard directory (usage: tokensim merge <dir>… --out <dir>)');
  const outDir = stringFlag(parsed, 'out')!;
  const outInfo = await stat(outDir).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory()) throw new UsageError(`--out ${outDir} exists and is not a directory`);

  const found = (await Promise.all(dirs.map(manifestsOf))).flat();
  const first = found[0];
  for (const f of found) {
    if (f.manifest.sweepHash !== first.manifest.sweepHash) {
      throw new UsageError(`merge: ${first.dir} and ${f.dir} hold different sweeps: ${label(first.manifest)} and ${label(f.manifest)}`);
    }
    if (packageLabel(f.manifest.package) !== packageLabel(first.manifest.package)) {
      throw new UsageError(`merge: ${first.dir} and ${f.dir} were made by different versions: ${packageLabel(first.manifest.package)} and ${packageLabel(f.manifest.package)}`);
    }
  }
  const existing = outInfo ? await readShardManifests(outDir).catch(() => []) : [];
  const foreign = existing.find((e) => e.manifest.sweepHash !== first.manifest.sweepHash);
  if (foreign) throw new UsageError(`merge: --out ${outDir} holds another sweep, ${label(foreign.manifest)}; use another directory`);

  const plan = planFromManifest(first);
  const pkg: PackageInfo = first.manifest.package;
  const pkgText = packageLabel(pkg);

  // Every run from the first directory that holds a complete, matching file of it.
  const inputDirs = [...new Set(found.map((f) => f.dir))];
  const sources = new Map<string, string>();
  const records = new RecordCache();
  const missing: SweepRun[] = [];
  for (const r of plan.runs) {
    const expected = runParamsHash(r);
    let source: string | undefined;
    for (const dir of inputDirs) {
      const file = runFilePath(dir, r.runId);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      let record;
      try {
        record = parseRunRecord(text);
      } catch (err) {
        // Files are written whole or not at all, so one that does not parse or check was damaged or edited.
        throw new UsageError(`merge: ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (recordMismatch(record, plan, r, expected, pkgText) === undefined) {
        source = file;
        records.add(r.runId, record);
        break;
      }
    }
    if (source) sources.set(r.runId, source);
    else missing.push(r);
  }
  if (missing.length > 0) {
    const shards = missingShards(plan, missing, found.map((f) => f.manifest));
    const which = shards.length > 0 ? ` (shard${shards.length === 1 ? '' : 's'} ${shards.join(', ')} missing or unfinished)` : '';
    throw new UsageError(`merge: incomplete: ${groupThousands(missing.length)} of ${groupThousands(plan.runs.length)} runs of ${label(first.manifest)} are missing${which}: ${listRuns(missing)}`);
  }

  for (const [runId, source] of sources) {
    const target = runFilePath(outDir, runId);
    if (!(await samePath(source, target).catch(() => false))) await writeFileAtomic(target, await readFile(source, 'utf8'));
  }
  for (const f of found) {
    const target = path.join(outDir, SHARDS_DIR, path.basename(f.file));
    if (!(await samePath(f.file, target))) {
      await writeFileAtomic(target, await readFile(f.file, 'utf8'));
    }
  }
  const written = await writeCombinedOutputs(outDir, plan, pkg, records);
  ctx.io.stdout(
    [
      `merged ${found.length} shard manifest${found.length === 1 ? '' : 's'} from ${inputDirs.length} director${inputDirs.length === 1 ? 'y' : 'ies'}: sweep ${plan.sweep.name} · ${groupThousands(plan.runs.length)} runs`,
      `copied ${RUNS_DIR}/ and ${SHARDS_DIR}/ into ${outDir}`,
      `wrote ${written.join(', ')}`,
      '',
    ].join('\n'),
  );
  return 0;
}

export const mergeCommand: Command = {
  ...CARDS.merge,
  usage: 'tokensim merge <dir>… --out <dir>',
  flags: MERGE_FLAGS,
  details: DETAILS,
  run,
};
