/**
 * `tokensim sensitivity <spec.json> [--out DIR] [--workers N] [--engineers N] [--years N]`:
 * global sensitivity analysis of chosen outputs to named parameter ranges — Morris screening
 * or Sobol first/total indices with bootstrap intervals — evaluated in parallel on the worker
 * pool with common random numbers (every point runs with the spec's seed). Prints a ranked
 * table and bar chart per output, with units and intervals; with --out writes the report,
 * its CSV, the design matrix with every point's outputs and a provenance manifest
 * (sensitivityOutput.ts).
 */
import { cloneParams } from '../../model/params.ts';
import type { Params } from '../../model/params.ts';
import { unpackResult, findSeries } from '../../run/result.ts';
import { stream } from '../../lib/rng.ts';
import { morrisAnalyzeReplicates, morrisDesign, saltelliDesign, sobolAnalyze } from '../../research/sensitivity/sensitivity.ts';
import type { MorrisDesign, MorrisIndex, SaltelliDesign, SobolIndex } from '../../research/sensitivity/sensitivity.ts';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import { checkSpecAgainstBase, horizonSource, parseSensitivitySpec, SensitivitySpecError, setFactor } from '../../research/sensitivity/sensitivitySpec.ts';
import type { SensitivityOutput, SensitivitySpec } from '../../research/sensitivity/sensitivitySpec.ts';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { numberFlag, parseArgs, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import { ENGINEERS_FLAG, meanEngineerMonths, sizeAndWorkersFromArgs, WORKERS_FLAG, EXACT_WORKERS_FLAG, YEARS_FLAG, chooseWorkers, type WorkersAsked } from '../args/runArgs.ts';
import { specFor } from '../../model/paramPaths.ts';

const rangeOf = (key: 'run.years'): { min: number; max: number } => ({ min: specFor(key).min, max: specFor(key).max });

const FLAGS: readonly FlagSpec[] = [
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'Write sensitivity.json, sensitivity.csv, design.csv and manifest.json here' },
  {
    name: 'output-year',
    kind: 'integer',
    placeholder: '<n>',
    description: "Read every output at the end of year n instead of the spec's outputs.*.year",
    ...rangeOf('run.years'),
  },
  WORKERS_FLAG,
  EXACT_WORKERS_FLAG,
  ENGINEERS_FLAG,
  YEARS_FLAG,
];

/** One output's indices, ranked (most influential first). */
export interface OutputIndices {
  output: SensitivityOutput;
  /** The metric's unit (metricDefs.ts); μ, μ* and σ are in this unit per whole factor range, Sobol indices have none. */
  unit: string;
  morris?: MorrisIndex[];
  sobol?: SobolIndex[];
}

export interface SensitivityReport {
  name: string;
  description: string;
  base: string;
  method: 'morris' | 'sobol';
  seed: number;
  /** Morris: replicate designs (seeds seed … seed + replicates − 1); Sobol: 1. */
  replicates: number;
  /** What the intervals are. */
  intervals: string;
  engineers: number;
  years: number;
  runs: number;
  results: OutputIndices[];
}

/** One design to evaluate: its points, the seed every point runs with, and the design itself. */
export type SensitivityDesign =
  | { kind: 'morris'; replicate: number; seed: number; d: MorrisDesign }
  | { kind: 'sobol'; replicate: 1; seed: number; d: SaltelliDesign };

/**
 * The designs of the spec's method: Sobol, one Saltelli design; Morris, one design per
 * replicate, replicate r drawing its trajectories from its own stream and running with seed
 * + r − 1 (replicate 1 is the single design of a spec without replicates).
 */
export function designs(spec: SensitivitySpec): SensitivityDesign[] {
  if (spec.method === 'sobol') return [{ kind: 'sobol', replicate: 1, seed: spec.seed, d: saltelliDesign(spec.factors, spec.sobol.samples, stream(spec.seed, 'sensitivity-design')) }];
  return Array.from({ length: spec.morris.replicates }, (_, k) => ({
    kind: 'morris' as const,
    replicate: k + 1,
    seed: spec.seed + k,
    d: morrisDesign(spec.factors, spec.morris.trajectories, spec.morris.levels, stream(spec.seed, k === 0 ? 'sensitivity-design' : `sensitivity-design:${k + 1}`)),
  }));
}

/** The measure a factor is ranked by: μ* for Morris, the total index for Sobol. */
export const rankScore = (x: MorrisIndex | SobolIndex): number => ('muStar' in x ? x.muStar : x.total);

/** A text bar chart of the ranking, longest bar = most influential. */
export function rankedChart(items: { path: string; score: number }[], width = 30): string[] {
  const max = Math.max(...items.map((i) => Math.abs(i.score)), 0);
  const label = Math.max(...items.map((i) => i.path.length));
  return items.map((i) => `  ${i.path.padEnd(label)}  ${'█'.repeat(max > 0 ? Math.round((width * Math.abs(i.score)) / max) : 0)} ${i.score.toPrecision(3)}`);
}

/** The statement of the intervals a report carries. */
function intervalsText(spec: SensitivitySpec): string {
  if (spec.method === 'sobol') return `Sobol S1 and ST: percentile bootstrap 95% intervals over the ${spec.sobol.samples} base samples (${spec.sobol.bootstrap} resamples)`;
  if (spec.morris.bootstrap === 0) return 'Morris: no intervals (bootstrap 0)';
  const trajectories = spec.morris.trajectories * spec.morris.replicates;
  return `Morris μ*: percentile bootstrap 95% interval over the ${trajectories} trajectories (${spec.morris.replicates} replicate design${spec.morris.replicates === 1 ? '' : 's'}), ${spec.morris.bootstrap} resamples`;
}

/** Every evaluated point: its design, seed, factor values and output values (for design.csv). */
export interface EvaluatedDesign {
  design: SensitivityDesign;
  /** outputs[j][k]: output j at point k of the design. */
  outputs: number[][];
}

/** Runs a parsed spec on `base` params with a pool of the workers `asked` (see chooseWorkers); reports runs done, and a note when fewer workers start than asked. */
export async function runSensitivity(
  spec: SensitivitySpec,
  base: Params,
  asked: WorkersAsked,
  onRunDone?: (done: number, total: number) => void,
  evaluated?: EvaluatedDesign[],
  onNote?: (line: string) => void,
): Promise<SensitivityReport> {
  const plans = designs(spec);
  const total = plans.reduce((n, p) => n + p.d.points.length, 0);
  const { createPool, defaultWorkers } = await import('../parallel/pool.ts');
  const choice = chooseWorkers(total, asked, defaultWorkers(), meanEngineerMonths([base]));
  if (choice.note !== undefined) onNote?.(choice.note);
  const pool = createPool(choice.count);
  const outputs: number[][][] = plans.map((p) => spec.outputs.map(() => new Array<number>(p.d.points.length)));
  let done = 0;
  try {
    await Promise.all(
      plans.flatMap((plan, r) =>
        plan.d.points.map(async (x, k) => {
          const p = cloneParams(base);
          spec.factors.forEach((f, i) => setFactor(p, f.path, x[i]));
          const result = unpackResult(await pool.run(p, plan.seed));
          spec.outputs.forEach((o, j) => {
            const s = findSeries(result, o.metric, o.group);
            if (!s) throw new UsageError(`outputs.${j}: metric ${o.metric} has no group ${o.group}`);
            if (12 * o.year > result.months) throw new UsageError(`outputs.${j}: year ${o.year} is past the ${result.months / 12}-year horizon`);
            outputs[r][j][k] = s[12 * o.year - 1];
          });
          onRunDone?.(++done, total);
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  evaluated?.push(...plans.map((design, r) => ({ design, outputs: outputs[r] })));
  const results = spec.outputs.map((output, j): OutputIndices => {
    const unit = METRIC_DEFS.find((d) => d.name === output.metric)?.unit ?? '';
    const bootstrap = stream(spec.seed, `sensitivity-bootstrap:${j}`);
    if (plans[0].kind === 'morris') {
      const ds = plans.map((p) => p.d as MorrisDesign);
      return { output, unit, morris: morrisAnalyzeReplicates(ds, outputs.map((o) => o[j]), spec.morris.bootstrap, bootstrap).sort((a, b) => rankScore(b) - rankScore(a)) };
    }
    return { output, unit, sobol: sobolAnalyze(plans[0].d, outputs[0][j], spec.sobol.bootstrap, bootstrap).sort((a, b) => rankScore(b) - rankScore(a)) };
  });
  return {
    name: spec.name,
    description: spec.description,
    base: spec.base,
    method: spec.method,
    seed: spec.seed,
    replicates: plans.length,
    intervals: intervalsText(spec),
    engineers: base.run.engineers,
    years: base.run.years,
    runs: total,
    results,
  };
}

/** Factors ranked by μ* ÷ the largest μ* of the same output, averaged over outputs. */
export function rankDrivers(report: SensitivityReport): { path: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const r of report.results) {
    const max = Math.max(...(r.morris ?? []).map((m) => m.muStar));
    for (const m of r.morris ?? []) scores.set(m.path, (scores.get(m.path) ?? 0) + (max > 0 ? m.muStar / max : 0) / report.results.length);
  }
  return [...scores].map(([path, score]) => ({ path, score })).sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
}

/** The printed tables and charts, one block per output, with units and what the intervals are. */
export function formatReport(report: SensitivityReport): string {
  const seeds = report.replicates > 1 ? `seeds ${report.seed}..${report.seed + report.replicates - 1}` : `seed ${report.seed}`;
  const lines = [
    `sensitivity · ${report.name} · ${report.method} · ${report.runs} runs · ${report.engineers.toLocaleString('en-US')} engineers · ${report.years} year${report.years === 1 ? '' : 's'} · ${seeds}`,
    `intervals: ${report.intervals}`,
  ];
  for (const r of report.results) {
    lines.push('', `${r.output.metric} (${r.output.group}) at year ${r.output.year} · ${r.unit}`);
    if (r.morris) {
      const withCi = r.morris.some((m) => m.muStarLo !== undefined);
      lines.push(`  μ*, μ, σ in ${r.unit} per whole factor range`);
      lines.push('  factor'.padEnd(48) + 'μ*'.padStart(12) + (withCi ? 'μ* 95%'.padStart(26) : '') + 'μ'.padStart(12) + 'σ'.padStart(12));
      const p4 = (v: number): string => v.toPrecision(4);
      for (const m of r.morris) {
        const ci = !withCi ? '' : (m.muStarLo === undefined || m.muStarHi === undefined ? '–' : `[${p4(m.muStarLo)}, ${p4(m.muStarHi)}]`).padStart(26);
        lines.push(`  ${m.path}`.padEnd(48) + p4(m.muStar).padStart(12) + ci + [m.mu, m.sigma].map((v) => p4(v).padStart(12)).join(''));
      }
      lines.push('  ranked by μ*:', ...rankedChart(r.morris.map((m) => ({ path: m.path, score: m.muStar }))));
    }
    if (r.sobol) {
      lines.push('  factor'.padEnd(48) + 'S1 [95 %]'.padStart(26) + 'ST [95 %]'.padStart(26));
      const cell = (v: number, lo: number, hi: number) => `${v.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`.padStart(26);
      for (const s of r.sobol) lines.push(`  ${s.path}`.padEnd(48) + cell(s.first, s.firstLo, s.firstHi) + cell(s.total, s.totalLo, s.totalHi));
      lines.push('  ranked by total index:', ...rankedChart(r.sobol.map((s) => ({ path: s.path, score: s.total }))));
    }
  }
  return lines.join('\n') + '\n';
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, FLAGS, 'sensitivity');
  if (parsed.positionals.length !== 1) throw new UsageError('sensitivity: give one spec file (usage: tokensim sensitivity <spec.json> [--out DIR])');
  const file = parsed.positionals[0];
  const sizes = sizeAndWorkersFromArgs(parsed);
  const out = stringFlag(parsed, 'out');
  if (out !== undefined) {
    const { assertUsableOutDir } = await import('../output/atomicOutput.ts');
    await assertUsableOutDir(out).catch((err: Error) => {
      throw new UsageError(err.message);
    });
  }
  const { readInputFile } = await import('../args/loadScenario.ts');
  const { loadSpecWithBase } = await import('../args/loadSpec.ts');
  const loaded = await loadSpecWithBase(file, 'sensitivity spec', parseSensitivitySpec, (e) => e instanceof SensitivitySpecError, sizes);
  let spec: SensitivitySpec = loaded.spec;
  const { specText, baseSource, base } = loaded;
  const outputYear = numberFlag(parsed, 'output-year');
  if (outputYear !== undefined) {
    if (outputYear > base.run.years) {
      throw new UsageError(`--output-year ${outputYear} is past the ${base.run.years}-year horizon of ${file} (at most ${base.run.years}, or run longer with --years)`);
    }
    spec = { ...spec, outputs: spec.outputs.map((o) => ({ ...o, year: outputYear })) };
  }
  try {
    checkSpecAgainstBase(spec, base, base.run.years, file, sizes.years !== undefined ? `--years ${sizes.years}` : horizonSource(spec));
  } catch (err) {
    if (err instanceof SensitivitySpecError) throw new UsageError(err.message);
    throw err;
  }
  const { runsProgress } = await import('../output/progressReporter.ts');
  const total = designs(spec).reduce((n, d) => n + d.d.points.length, 0);
  const bar = runsProgress(ctx.io.stderr, ctx.io.stderrIsTTY, total);
  let report: SensitivityReport;
  const evaluated: EvaluatedDesign[] = [];
  try {
    report = await runSensitivity(spec, base, sizes, bar.onRunDone, evaluated, ctx.io.stderr);
  } finally {
    bar.done();
  }
  ctx.io.stdout(formatReport(report));
  if (out !== undefined) {
    const { writeFilesAtomically } = await import('../output/atomicOutput.ts');
    const { designCsv, sensitivityCsv, sensitivityManifest } = await import('../output/sensitivityOutput.ts');
    const baseText = await readInputFile(baseSource);
    const manifest = sensitivityManifest({ spec, source: file, specText, baseSource: spec.base, baseText, base, report, pkg: ctx.pkg, argv: ctx.argv });
    const written = await writeFilesAtomically(out, [
      { name: 'sensitivity.json', chunks: [JSON.stringify(report, null, 2) + '\n'] },
      { name: 'sensitivity.csv', chunks: [sensitivityCsv(report)] },
      { name: 'design.csv', chunks: [designCsv(spec, evaluated)] },
      { name: 'manifest.json', chunks: [JSON.stringify(manifest, null, 2) + '\n'] },
    ]);
    ctx.io.stdout(`\nwrote ${written.join('\n      ')}\n`);
  }
  return 0;
}

export const sensitivityCommand: Command = {
  ...CARDS.sensitivity,
  usage: 'tokensim sensitivity <spec.json> [--out <dir>] [--output-year <n>] [--workers <n>] [--exact-workers] [--engineers <n>] [--years <n>]',
  flags: FLAGS,
  details: `A spec names a base scenario, parameter ranges ("factors"), outputs (metric, group, year)
and the method ("morris": trajectories, levels, replicates, bootstrap; "sobol": samples,
bootstrap). Every point of a design runs with the same seed (common random numbers); Morris
replicate r draws its own trajectories and runs with seed + r − 1, and μ, μ*, σ pool all
trajectories. μ* gets a percentile bootstrap 95% interval over trajectories; Sobol indices
over base samples. Morris measures are in the output's unit per whole factor range.

With --out <dir>: sensitivity.json (the report), sensitivity.csv
(output,group,year,factor,measure,value,lo95,hi95,unit), design.csv (every point: replicate,
seed, block, row, factor values, output values) and manifest.json (spec, base and parameter
hashes, package version, git commit, command), written together atomically.

Example: tokensim sensitivity scenarios/sensitivity/tunguz-drivers.json --out out/drivers`,
  run,
};
