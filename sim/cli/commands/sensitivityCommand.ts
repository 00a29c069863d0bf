/**
 * `tokensim sensitivity <spec.json> [--out DIR] [--workers N] [--engineers N] [--years N]`:
 * global sensitivity analysis of chosen outputs to named parameter ranges — Morris screening
 * or Sobol first/total indices with bootstrap intervals — evaluated in parallel on the worker
 * pool with common random numbers (every point runs with the spec's seed). Prints a ranked
 * table and bar chart per output; with --out writes sensitivity.json and sensitivity.csv.
 */
import path from 'node:path';
import { cloneParams } from '../../model/params.ts';
import type { Params } from '../../model/params.ts';
import { unpackResult, findSeries } from '../../run/result.ts';
import { stream } from '../../lib/rng.ts';
import { morrisAnalyze, morrisDesign, saltelliDesign, sobolAnalyze } from '../../research/sensitivity/sensitivity.ts';
import type { MorrisIndex, SobolIndex } from '../../research/sensitivity/sensitivity.ts';
import { checkSpecAgainstBase, parseSensitivitySpec, SensitivitySpecError, setFactor } from '../../research/sensitivity/sensitivitySpec.ts';
import type { SensitivityOutput, SensitivitySpec } from '../../research/sensitivity/sensitivitySpec.ts';
import type { Command, CommandContext } from './command.ts';
import { parseArgs, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import { ENGINEERS_FLAG, sizeAndWorkersFromArgs, WORKERS_FLAG, YEARS_FLAG, workersFor } from '../args/runArgs.ts';

const FLAGS: readonly FlagSpec[] = [
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'Write sensitivity.json and sensitivity.csv here' },
  WORKERS_FLAG,
  ENGINEERS_FLAG,
  YEARS_FLAG,
];

/** One output's indices, ranked (most influential first). */
export interface OutputIndices {
  output: SensitivityOutput;
  morris?: MorrisIndex[];
  sobol?: SobolIndex[];
}

export interface SensitivityReport {
  name: string;
  description: string;
  base: string;
  method: 'morris' | 'sobol';
  seed: number;
  engineers: number;
  years: number;
  runs: number;
  results: OutputIndices[];
}

/** Points of the design for the spec's method. */
function design(spec: SensitivitySpec) {
  const rng = stream(spec.seed, 'sensitivity-design');
  return spec.method === 'morris'
    ? { kind: 'morris' as const, d: morrisDesign(spec.factors, spec.morris.trajectories, spec.morris.levels, rng) }
    : { kind: 'sobol' as const, d: saltelliDesign(spec.factors, spec.sobol.samples, rng) };
}

/** The measure a factor is ranked by: μ* for Morris, the total index for Sobol. */
export const rankScore = (x: MorrisIndex | SobolIndex): number => ('muStar' in x ? x.muStar : x.total);

/** A text bar chart of the ranking, longest bar = most influential. */
export function rankedChart(items: { path: string; score: number }[], width = 30): string[] {
  const max = Math.max(...items.map((i) => Math.abs(i.score)), 0);
  const label = Math.max(...items.map((i) => i.path.length));
  return items.map((i) => `  ${i.path.padEnd(label)}  ${'█'.repeat(max > 0 ? Math.round((width * Math.abs(i.score)) / max) : 0)} ${i.score.toPrecision(3)}`);
}

/** The report's tidy CSV: output, factor, measure, value, lo95, hi95. */
export function sensitivityCsv(report: SensitivityReport): string {
  const rows = ['output,group,year,factor,measure,value,lo95,hi95'];
  for (const r of report.results) {
    const key = `${r.output.metric},${r.output.group},${r.output.year}`;
    for (const m of r.morris ?? []) {
      rows.push(`${key},${m.path},mu_star,${m.muStar},,`);
      rows.push(`${key},${m.path},mu,${m.mu},,`);
      rows.push(`${key},${m.path},sigma,${m.sigma},,`);
    }
    for (const s of r.sobol ?? []) {
      rows.push(`${key},${s.path},first_order,${s.first},${s.firstLo},${s.firstHi}`);
      rows.push(`${key},${s.path},total,${s.total},${s.totalLo},${s.totalHi}`);
    }
  }
  return rows.join('\n') + '\n';
}

/** Runs a parsed spec on `base` params with a pool of `workers`; reports runs done. */
export async function runSensitivity(
  spec: SensitivitySpec,
  base: Params,
  workers: number | undefined,
  onRunDone?: (done: number, total: number) => void,
): Promise<SensitivityReport> {
  const plan = design(spec);
  const points = plan.d.points;
  const { createPool, defaultWorkers } = await import('../parallel/pool.ts');
  const pool = createPool(workersFor(points.length, workers, defaultWorkers()));
  const outputs: number[][] = spec.outputs.map(() => new Array<number>(points.length));
  let done = 0;
  try {
    await Promise.all(
      points.map(async (x, k) => {
        const p = cloneParams(base);
        spec.factors.forEach((f, i) => setFactor(p, f.path, x[i]));
        const r = unpackResult(await pool.run(p, spec.seed));
        spec.outputs.forEach((o, j) => {
          const s = findSeries(r, o.metric, o.group);
          if (!s) throw new UsageError(`outputs.${j}: metric ${o.metric} has no group ${o.group}`);
          if (12 * o.year > r.months) throw new UsageError(`outputs.${j}: year ${o.year} is past the ${r.months / 12}-year horizon`);
          outputs[j][k] = s[12 * o.year - 1];
        });
        onRunDone?.(++done, points.length);
      }),
    );
  } finally {
    await pool.close();
  }
  const results = spec.outputs.map((output, j): OutputIndices => {
    if (plan.kind === 'morris') return { output, morris: morrisAnalyze(plan.d, outputs[j]).sort((a, b) => rankScore(b) - rankScore(a)) };
    const bootstrap = stream(spec.seed, `sensitivity-bootstrap:${j}`);
    return { output, sobol: sobolAnalyze(plan.d, outputs[j], spec.sobol.bootstrap, bootstrap).sort((a, b) => rankScore(b) - rankScore(a)) };
  });
  return {
    name: spec.name,
    description: spec.description,
    base: spec.base,
    method: spec.method,
    seed: spec.seed,
    engineers: base.run.engineers,
    years: base.run.years,
    runs: points.length,
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

/** The printed tables and charts, one block per output. */
export function formatReport(report: SensitivityReport): string {
  const lines = [`sensitivity · ${report.name} · ${report.method} · ${report.runs} runs · ${report.engineers.toLocaleString('en-US')} engineers · ${report.years} years · seed ${report.seed}`];
  for (const r of report.results) {
    lines.push('', `${r.output.metric} (${r.output.group}) at year ${r.output.year}`);
    if (r.morris) {
      lines.push('  factor'.padEnd(48) + 'μ*'.padStart(12) + 'μ'.padStart(12) + 'σ'.padStart(12));
      for (const m of r.morris) lines.push(`  ${m.path}`.padEnd(48) + [m.muStar, m.mu, m.sigma].map((v) => v.toPrecision(4).padStart(12)).join(''));
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
  const { readInputFile, loadScenario } = await import('../args/loadScenario.ts');
  let spec: SensitivitySpec;
  try {
    spec = parseSensitivitySpec(await readInputFile(file, 'sensitivity spec'), file);
  } catch (err) {
    if (err instanceof SensitivitySpecError) throw new UsageError(err.message);
    throw err;
  }
  const base = await loadScenario(path.resolve(path.dirname(file), spec.base));
  const engineers = sizes.engineers ?? spec.engineers;
  const years = sizes.years ?? spec.years;
  if (engineers !== undefined) base.run.engineers = engineers;
  if (years !== undefined) base.run.years = years;
  try {
    checkSpecAgainstBase(spec, base, base.run.years, file);
  } catch (err) {
    if (err instanceof SensitivitySpecError) throw new UsageError(err.message);
    throw err;
  }
  const { runsProgress } = await import('../output/progressReporter.ts');
  const total = design(spec).d.points.length;
  const bar = runsProgress(ctx.io.stderr, ctx.io.stderrIsTTY, total);
  let report: SensitivityReport;
  try {
    report = await runSensitivity(spec, base, sizes.workers, bar.onRunDone);
  } finally {
    bar.done();
  }
  ctx.io.stdout(formatReport(report));
  if (out !== undefined) {
    const { writeFilesAtomically } = await import('../output/atomicOutput.ts');
    const written = await writeFilesAtomically(out, [
      { name: 'sensitivity.json', chunks: [JSON.stringify(report, null, 2) + '\n'] },
      { name: 'sensitivity.csv', chunks: [sensitivityCsv(report)] },
    ]);
    ctx.io.stdout(`\nwrote ${written.join('\n      ')}\n`);
  }
  return 0;
}

export const sensitivityCommand: Command = {
  name: 'sensitivity',
  summary: 'Morris screening or Sobol indices of outputs over parameter ranges',
  usage: 'tokensim sensitivity <spec.json> [--out <dir>] [--workers <n>] [--engineers <n>] [--years <n>]',
  flags: FLAGS,
  details: `A spec names a base scenario, parameter ranges ("factors"), outputs (metric, group, year)
and the method ("morris": trajectories, levels; "sobol": samples, bootstrap). Every point runs
with the spec's seed (common random numbers). Example: scenarios/sensitivity/tunguz-drivers.json`,
  run,
};
