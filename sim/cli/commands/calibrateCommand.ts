/**
 * `tokensim calibrate <spec.json> --out <dir> [--workers N] [--engineers N] [--years N] [--resume]`:
 * estimates the spec's parameters by simulated moments (sim/research/calibration/smm.ts) on the
 * worker pool, every candidate with the spec's seeds (common random numbers), and writes the
 * report (calibrationOutput.ts). Runs are journalled in <dir>/journal.jsonl as they finish, so
 * an interrupted calibration continues with --resume: the search is deterministic, so it
 * replays the journalled runs and goes on, and the files it writes are the same bytes as an
 * uninterrupted calibration's.
 */
import { appendFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Params } from '../../model/params.ts';
import { cloneParams } from '../../model/params.ts';
import { unpackResult } from '../../run/result.ts';
import type { CalibrationSpec } from '../../research/calibration/calibrationSpec.ts';
import { CalibrationSpecError, checkCalibrationAgainstBase, firstStart, parseCalibrationSpec } from '../../research/calibration/calibrationSpec.ts';
import { momentValues } from '../../research/calibration/moments.ts';
import type { CalibrationReport, Evaluate, TraceRow } from '../../research/calibration/smm.ts';
import { setFactor } from '../../research/sensitivity/sensitivitySpec.ts';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { parseArgs, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import { ENGINEERS_FLAG, sizeAndWorkersFromArgs, WORKERS_FLAG, YEARS_FLAG } from '../args/runArgs.ts';
import { EXIT_INTERRUPTED } from './sweepCommand.ts';

const FLAGS: readonly FlagSpec[] = [
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'Write calibration.json, report.md, estimates.csv, moments.csv, sensitivity.csv, candidates.csv and manifest.json here (required)' },
  { name: 'resume', kind: 'boolean', description: 'Reuse the runs journalled in <dir> by an interrupted calibration of the same spec and version' },
  WORKERS_FLAG,
  ENGINEERS_FLAG,
  YEARS_FLAG,
];

export const JOURNAL = 'journal.jsonl';

interface JournalHeader {
  journal: 'tokensim-calibrate';
  specHash: string;
  paramsHash: string;
  version: string;
}

/** The journalled runs of a matching journal, keyed as smm.ts's cache: `seed|θ`. */
async function readJournal(file: string, header: JournalHeader): Promise<Map<string, number[]> | 'other'> {
  const text = await readFile(file, 'utf8');
  const rows = text.split('\n').filter((l) => l.trim() !== '');
  const runs = new Map<string, number[]>();
  if (rows.length === 0) return runs;
  try {
    const first = JSON.parse(rows[0]) as JournalHeader;
    if (first.journal !== header.journal || first.specHash !== header.specHash || first.paramsHash !== header.paramsHash || first.version !== header.version) return 'other';
  } catch {
    return 'other';
  }
  for (const row of rows.slice(1)) {
    try {
      const r = JSON.parse(row) as { seed: number; theta: number[]; moments: (number | null)[] };
      runs.set(`${r.seed}|${r.theta.join(',')}`, r.moments.map((m) => (m === null ? Number.NaN : m)));
    } catch {
      // A line cut short by the interruption: that run is simply run again.
    }
  }
  return runs;
}

/** The spec's base with θ applied. */
export function paramsAt(spec: CalibrationSpec, base: Params, theta: readonly number[]): Params {
  const p = cloneParams(base);
  spec.parameters.forEach((q, i) => setFactor(p, q.path, theta[i]));
  return p;
}

function progressLine(write: (t: string) => void, enabled: boolean): { update: (candidates: number, runs: number, best: number) => void; done: () => void } {
  if (!enabled) return { update: () => undefined, done: () => undefined };
  const start = performance.now();
  let last = -Infinity;
  let shown = false;
  return {
    update(candidates, runs, best) {
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      write(`\r\x1b[2Kcalibrate · ${candidates} candidate${candidates === 1 ? '' : 's'} · ${runs} runs finished · best J ${best.toPrecision(4)} · ${((now - start) / 1000).toFixed(0)} s`);
    },
    done() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, FLAGS, 'calibrate');
  if (parsed.positionals.length !== 1) throw new UsageError('calibrate: give one spec file (usage: tokensim calibrate <spec.json> --out <dir>)');
  const file = parsed.positionals[0];
  const out = stringFlag(parsed, 'out');
  if (out === undefined) throw new UsageError('calibrate: --out <dir> is required (the report and the journal that lets an interrupted calibration resume go there)');
  const resume = parsed.flags.get('resume') === true;
  const sizes = sizeAndWorkersFromArgs(parsed);
  const { assertUsableOutDir, writeFilesAtomically } = await import('../output/atomicOutput.ts');
  await assertUsableOutDir(out).catch((err: Error) => {
    throw new UsageError(err.message);
  });
  const { readInputFile } = await import('../args/loadScenario.ts');
  const { loadSpecWithBase } = await import('../args/loadSpec.ts');
  const { spec, specText, baseSource, base } = await loadSpecWithBase(file, 'calibration spec', parseCalibrationSpec, (e) => e instanceof CalibrationSpecError, sizes);
  try {
    checkCalibrationAgainstBase(spec, base, base.run.years, file);
  } catch (err) {
    if (err instanceof CalibrationSpecError) throw new UsageError(err.message);
    throw err;
  }

  const { calibrationIdentity, calibrationManifest, candidatesCsv, estimatesCsv, momentsCsv, sensitivityCsv } = await import('../output/calibrationOutput.ts');
  const header: JournalHeader = { journal: 'tokensim-calibrate', ...calibrationIdentity(specText, base, ctx.pkg) };
  const journal = path.join(out, JOURNAL);
  const exists = await stat(journal).then(
    () => true,
    () => false,
  );
  let journalled = new Map<string, number[]>();
  if (exists && !resume) throw new UsageError(`${out} holds an unfinished calibration (${JOURNAL}); add --resume to reuse its runs, or use another directory`);
  if (exists) {
    const read = await readJournal(journal, header);
    if (read === 'other') throw new UsageError(`${journal} belongs to another spec, base or version; use another directory (or delete it to start over)`);
    journalled = read;
  }
  await mkdir(out, { recursive: true });
  let writes = exists ? Promise.resolve() : appendFile(journal, JSON.stringify(header) + '\n');

  const { createPool, defaultWorkers } = await import('../parallel/pool.ts');
  const { workersFor } = await import('../args/runArgs.ts');
  const pool = createPool(workersFor(Number.MAX_SAFE_INTEGER, sizes, defaultWorkers()));
  let aborted = false;
  const onSignal = (): void => {
    aborted = true;
    void pool.close();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let reused = 0;
  const evaluate: Evaluate = async (theta, seed) => {
    const kept = journalled.get(`${seed}|${theta.join(',')}`);
    if (kept) {
      reused++;
      return kept;
    }
    const moments = momentValues(unpackResult(await pool.run(paramsAt(spec, base, theta), seed)), spec.moments);
    writes = writes.then(() => appendFile(journal, JSON.stringify({ seed, theta, moments: moments.map((m) => (Number.isFinite(m) ? m : null)) }) + '\n'));
    return moments;
  };
  const progress = progressLine(ctx.io.stderr, ctx.io.stderrIsTTY);
  const trace: TraceRow[] = [];
  const { calibrate } = await import('../../research/calibration/smm.ts');
  let report: CalibrationReport;
  try {
    report = await calibrate(spec, firstStart(spec, base), evaluate, { engineers: base.run.engineers, years: base.run.years }, { trace, onCandidate: progress.update });
  } catch (err) {
    if (aborted) {
      progress.done();
      await writes.catch(() => undefined);
      ctx.io.stderr(`tokensim: interrupted; the finished runs are journalled in ${journal} — rerun with --resume to continue\n`);
      return EXIT_INTERRUPTED;
    }
    throw err;
  } finally {
    progress.done();
    await pool.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await writes;
  const { formatCalibration } = await import('../../research/calibration/calibrationReport.ts');
  const text = formatCalibration(report);
  const baseText = await readInputFile(baseSource);
  const manifest = calibrationManifest({ spec, source: file, specText, baseSource: spec.base, baseText, base, report, pkg: ctx.pkg, argv: ctx.argv });
  const written = await writeFilesAtomically(out, [
    { name: 'calibration.json', chunks: [JSON.stringify(report, null, 2) + '\n'] },
    { name: 'report.md', chunks: [`# Calibration: ${spec.name}\n\n${spec.description}\n\n${text}`] },
    { name: 'estimates.csv', chunks: [estimatesCsv(report)] },
    { name: 'moments.csv', chunks: [momentsCsv(report)] },
    { name: 'sensitivity.csv', chunks: [sensitivityCsv(report)] },
    { name: 'candidates.csv', chunks: [candidatesCsv(spec, trace)] },
    { name: 'manifest.json', chunks: [JSON.stringify(manifest, null, 2) + '\n'] },
  ]);
  await rm(journal, { force: true });
  ctx.io.stdout(text);
  ctx.io.stdout(`\n${reused > 0 ? `reused ${reused} journalled runs; ` : ''}wrote ${written.join('\n      ')}\n`);
  return 0;
}

export const calibrateCommand: Command = {
  ...CARDS.calibrate,
  usage: 'tokensim calibrate <spec.json> --out <dir> [--workers <n>] [--engineers <n>] [--years <n>] [--resume]',
  flags: FLAGS,
  details: `A spec names a base scenario, parameters with bounds, target moments (metric, group,
window of years, statistic "mean" or "last", target, and one of "se", "range" [lo, hi] → width
(hi − lo)/4, or "weight"; and a source) and seeds. Every candidate runs every seed (common random
numbers). A Latin-hypercube screening of the bounds picks the starts of Nelder–Mead searches on
the logit scale of the bounds ("optimizer": screening, starts, maxEvaluations, initialStep,
fTolerance, xTolerance). At the best estimate:
standard errors by the sandwich formula with the simulation noise across seeds, 95% intervals,
the misfit test against χ²(moments − parameters), the Jacobian's singular values (which
parameters the moments do not pin) checked at two steps ("jacobian": step), and the
sensitivity of each estimate to each moment. Schema: tokensim schema --calibration.

Writes calibration.json, report.md, estimates.csv, moments.csv, sensitivity.csv,
candidates.csv (every candidate searched) and manifest.json into <dir>, together. While it
runs, <dir>/journal.jsonl keeps every finished run; after an interruption (exit 130) rerun
with --resume to continue. Results do not depend on --workers or on resuming.

Example: tokensim calibrate scenarios/calibration/default.json --out out/calibration`,
  run,
};
