/**
 * `tokensim compare <a.json> <b.json>… [--seeds 1..10] [--at 1,5,10] [--metrics a,b] [--out f]`:
 * runs every scenario with the same seeds on the worker pool and prints the chosen metrics
 * (default: the headline ones) at the chosen years — each scenario's mean and 95 % interval
 * across seeds, and each later scenario's paired difference from the first (the reference):
 * the mean of the per-seed differences with its paired t-interval. `--out` saves the same
 * rows as CSV or JSON (by the file's extension), written atomically.
 */
import type { MetricName } from '../../run/metricDefs.ts';
import type { Result } from '../../run/result.ts';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { compareCsv, compareJson, compareLabels, compareRows, formatCompareTable } from '../output/compareTable.ts';
import { formatCommandLine, reproducibleArgv } from '../output/manifest.ts';
import { parseMetricList } from '../args/selection.ts';
import { groupThousands } from '../output/groupThousands.ts';
import { headlineYears } from '../output/headlineTable.ts';
import { parseArgs, parseIntegerArg, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import { ENGINEERS_FLAG, meanEngineerMonths, seedsFromArgs, sizeAndWorkersFromArgs, WORKERS_FLAG, EXACT_WORKERS_FLAG, YEARS_FLAG, chooseWorkers } from '../args/runArgs.ts';
import { formatHorizon } from './runCommand.ts';
import { formatSeedList, parseSeedList } from '../args/seeds.ts';

/** Seeds when --seeds is not given: enough for a rough interval, quick at the default size. */
export const DEFAULT_COMPARE_SEEDS = '1..10';

const COMPARE_FLAGS: readonly FlagSpec[] = [
  {
    name: 'seeds',
    kind: 'string',
    placeholder: '<list>',
    description: 'Seeds run for every scenario: a range 1..30, a list 1,2,5, or both',
    defaultValue: DEFAULT_COMPARE_SEEDS,
  },
  {
    name: 'at',
    kind: 'string',
    placeholder: '<years>',
    description: 'Years to show, e.g. 1,5,10 (default: 1, 5 and 10 within the horizon)',
  },
  {
    name: 'metrics',
    kind: 'string',
    placeholder: '<a,b>',
    description: 'Metrics to compare, group all (default: the headline metrics; tokensim list metrics)',
  },
  {
    name: 'out',
    kind: 'string',
    placeholder: '<file.csv|file.json>',
    description: 'Also save the table: CSV or JSON by the extension (replaced whole, atomically)',
  },
  WORKERS_FLAG,
  EXACT_WORKERS_FLAG,
  ENGINEERS_FLAG,
  YEARS_FLAG,
];

const DETAILS = `Every scenario runs with the same seeds; the first scenario is the reference. With one
file, the reference is the scenario that file names as its "reference" (default baseline),
read from the same folder. Cells are
mean [95% interval of the mean] across seeds. A Δ column is a paired difference: per seed,
that scenario's value minus the reference's, then the mean of those differences and its
95% paired t-interval (mean ± t(0.975, n−1)·sd/√n over the per-seed differences; needs at
least 2 seeds, with 1 the difference alone). Shares differ in percentage points.

--out f.csv: metric,unit,group,year,month,scenario,reference,n,mean,lo95,hi95,diff_mean,
diff_sd,diff_lo95,diff_hi95 (one row per metric, year and scenario; diff_* empty for the
reference; NaN where undefined). --out f.json: the same with each seed's difference, the
seeds, the scenarios' parameter hashes and the command. Progress shows on stderr when it is
a terminal.

Example:
  tokensim compare scenarios/baseline.json scenarios/tunguz-100k.json --seeds 1..30 --at 1,5,10
  tokensim compare scenarios/baseline.json scenarios/tunguz-100k.json --metrics headcount,wealth_median --out diff.csv`;

export interface CompareOptions {
  scenarioPaths: string[];
  seeds: number[];
  /** Years from --at; undefined means 1, 5 and 10 within the horizon. */
  at?: number[];
  /** Metrics from --metrics; undefined means the headline metrics. */
  metrics?: MetricName[];
  /** File from --out (ends in .csv or .json). */
  out?: string;
  workers?: number;
  exactWorkers?: boolean;
  engineers?: number;
  years?: number;
}

/** Parses `--at 1,5,10`: whole years from 1 to 50, each once, in the order given. */
export function parseYearList(text: string): number[] {
  const years: number[] = [];
  for (const part of text.split(',')) {
    const year = parseIntegerArg('--at year', part, 1, 50);
    if (years.includes(year)) throw new UsageError(`--at lists year ${year} more than once`);
    years.push(year);
  }
  return years;
}

/** Parses and validates the arguments of `tokensim compare`; throws UsageError on any mistake. */
export function parseCompareArgs(argv: readonly string[]): CompareOptions {
  const parsed = parseArgs(argv, COMPARE_FLAGS, 'compare');
  if (parsed.positionals.length < 1) {
    throw new UsageError('compare: needs a scenario file (against its reference) or several (usage: tokensim compare [<reference.json>] <a.json>…)');
  }
  const at = stringFlag(parsed, 'at');
  const options: CompareOptions = {
    scenarioPaths: parsed.positionals,
    seeds: seedsFromArgs(parsed, parseSeedList(DEFAULT_COMPARE_SEEDS)),
    ...sizeAndWorkersFromArgs(parsed),
  };
  if (at !== undefined) options.at = parseYearList(at);
  const metrics = stringFlag(parsed, 'metrics');
  if (metrics !== undefined) options.metrics = parseMetricList(metrics);
  const out = stringFlag(parsed, 'out');
  if (out !== undefined) {
    if (!/\.(csv|json)$/i.test(out)) throw new UsageError(`--out must name a .csv or .json file (got '${out}')`);
    options.out = out;
  }
  return options;
}

/**
 * One scenario file: compare it against the scenario its file names as `reference` (default
 * baseline), found beside it as `<reference>.json`.
 */
export async function withReference(paths: readonly string[]): Promise<string[]> {
  if (paths.length !== 1) return [...paths];
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { parseScenarioFile } = await import('../../input/scenario.ts');
  const file = paths[0];
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [...paths]; // loadScenarios reports the missing file
  const { params, reading } = parseScenarioFile(text, file);
  if (reading.reference === undefined) {
    throw new UsageError(`compare: ${file} (${params.name}) has no reference scenario; give two or more files`);
  }
  const ref = path.join(path.dirname(file), `${reading.reference}.json`);
  const exists = await readFile(ref, 'utf8').then(() => true, () => false);
  if (!exists) throw new UsageError(`compare: ${file} reads against '${reading.reference}', but ${ref} does not exist; give the reference file first`);
  return [ref, file];
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const options = parseCompareArgs(args);
  options.scenarioPaths = await withReference(options.scenarioPaths);
  const { loadScenarios } = await import('../args/loadScenario.ts');
  const scenarios = await loadScenarios(options.scenarioPaths, options);
  const shortest = Math.min(...scenarios.map((s) => s.params.run.years));
  const years = options.at ?? headlineYears(12 * shortest);
  for (const year of years) {
    const short = scenarios.find((s) => s.params.run.years < year);
    if (short) {
      throw new UsageError(`--at ${year} is past the ${short.params.run.years}-year horizon of ${short.source} (use --years or a smaller --at)`);
    }
  }
  if (years.length === 0) throw new UsageError(`compare: the runs are shorter than a year; nothing to show (use --years)`);
  if (options.out !== undefined) await assertWritableFile(options.out);

  const { createPool, defaultWorkers } = await import('../parallel/pool.ts');
  const { runOrdered, jobsFor } = await import('../parallel/runOrdered.ts');
  const { runsProgress } = await import('../output/progressReporter.ts');
  const jobs = jobsFor(scenarios, options.seeds);
  const results: Result[][] = scenarios.map(() => []);
  const choice = chooseWorkers(jobs.length, options, defaultWorkers(), meanEngineerMonths(scenarios.map((s) => s.params)));
  if (choice.note !== undefined) ctx.io.stderr(choice.note);
  const pool = createPool(choice.count);
  const bar = runsProgress(ctx.io.stderr, ctx.io.stderrIsTTY, jobs.length);
  try {
    await runOrdered(pool, jobs, (job, _index, result) => void results[job.stream].push(result), { onRunDone: bar.onRunDone });
  } finally {
    bar.done();
    await pool.close();
  }
  const labels = compareLabels(scenarios.map((s) => ({ name: s.params.name, source: s.source })));
  const rows = compareRows(
    labels.map((label, k) => ({ label, results: results[k] })),
    years,
    options.metrics,
  );
  const width = Math.max(...labels.map((l) => l.length));
  const sourceWidth = Math.max(...scenarios.map((s) => s.source.length));
  ctx.io.stdout(
    [
      `compare · seeds ${formatSeedList(options.seeds)} (${options.seeds.length} run${options.seeds.length === 1 ? '' : 's'} per scenario)`,
      ...scenarios.map(
        (s, k) =>
          `  ${labels[k].padEnd(width)}  ${s.source.padEnd(sourceWidth)}  ${groupThousands(s.params.run.engineers)} engineers · ${formatHorizon(12 * s.params.run.years)}`,
      ),
      '',
      options.seeds.length > 1
        ? `mean [95% interval of the mean]; Δ = paired difference from ${labels[0]}: mean of the per-seed differences [95% paired t-interval]`
        : `one seed: values, and Δ = difference from ${labels[0]} (intervals need at least 2 seeds)`,
      formatCompareTable(labels, rows),
      'Money is nominal US dollars (not adjusted for inflation).',
      '',
    ].join('\n'),
  );
  if (options.out !== undefined) {
    const { writeFileAtomic } = await import('../output/atomicOutput.ts');
    const text = /\.json$/i.test(options.out)
      ? compareJson(
          {
            reference: labels[0],
            scenarios: scenarios.map((s, k) => ({ label: labels[k], source: s.source, scenario: s.params.name, paramsHash: results[k][0].paramsHash })),
            seeds: options.seeds,
            interval: 'mean ± t(0.975, n−1)·sd/√n: Student-t 95% interval; for differences, over the per-seed paired differences',
            package: { name: ctx.pkg.name, version: ctx.pkg.version },
            command: formatCommandLine(reproducibleArgv(ctx.argv)),
          },
          labels,
          rows,
        )
      : compareCsv(labels, rows);
    await writeFileAtomic(options.out, text);
    ctx.io.stdout(`wrote ${options.out} (${rows.length} rows${/\.csv$/i.test(options.out) ? ` × ${labels.length} scenarios` : ''})\n`);
  }
  return 0;
}

/** Refuses, before any run, an --out that is a directory or whose parent is not a directory. */
async function assertWritableFile(file: string): Promise<void> {
  const { stat } = await import('node:fs/promises');
  const path = await import('node:path');
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new UsageError(`--out ${file} is a directory (give a .csv or .json file)`);
  const parent = await stat(path.dirname(file)).catch(() => undefined);
  if (parent && !parent.isDirectory()) throw new UsageError(`--out ${file}: ${path.dirname(file)} is not a directory`);
}

export const compareCommand: Command = {
  ...CARDS.compare,
  usage: 'tokensim compare [<reference.json>] <a.json>… [--seeds <list>] [--at <years>] [--metrics <a,b>] [--out <file.csv|file.json>] [--workers <n>] [--exact-workers] [--engineers <n>] [--years <n>]',
  flags: COMPARE_FLAGS,
  details: DETAILS,
  run,
};
