/**
 * `tokensim compare <a.json> <b.json>… [--seeds 1..10] [--at 1,5,10]`: runs every scenario
 * with the same seeds on the worker pool and prints the headline metrics at the chosen years
 * — each scenario's mean and 95 % interval across seeds, and the difference of means from
 * the first scenario. Writes no files.
 */
import type { Summary } from '../../research/ensemble.ts';
import type { Result } from '../../run/result.ts';
import type { Command, CommandContext } from './command.ts';
import { compareLabels, formatCompareTable } from '../output/compareTable.ts';
import { groupThousands } from '../output/groupThousands.ts';
import { headlineYears } from '../output/headlineTable.ts';
import { parseArgs, parseIntegerArg, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import { ENGINEERS_FLAG, seedsFromArgs, sizeAndWorkersFromArgs, WORKERS_FLAG, YEARS_FLAG, workersFor } from '../args/runArgs.ts';
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
  WORKERS_FLAG,
  ENGINEERS_FLAG,
  YEARS_FLAG,
];

const DETAILS = `Every scenario runs with the same seeds. Cells are mean [95% interval of the mean]
across seeds; the Δ columns are differences of means from the first scenario (shares in
percentage points). Progress shows on stderr when it is a terminal; nothing is written.

Example:
  tokensim compare scenarios/baseline.json scenarios/tunguz-100k.json --seeds 1..30 --at 1,5,10`;

export interface CompareOptions {
  scenarioPaths: string[];
  seeds: number[];
  /** Years from --at; undefined means 1, 5 and 10 within the horizon. */
  at?: number[];
  workers?: number;
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
  if (parsed.positionals.length < 2) {
    throw new UsageError('compare: needs at least two scenario files (usage: tokensim compare <a.json> <b.json>…)');
  }
  const at = stringFlag(parsed, 'at');
  const options: CompareOptions = {
    scenarioPaths: parsed.positionals,
    seeds: seedsFromArgs(parsed, parseSeedList(DEFAULT_COMPARE_SEEDS)),
    ...sizeAndWorkersFromArgs(parsed),
  };
  if (at !== undefined) options.at = parseYearList(at);
  return options;
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const options = parseCompareArgs(args);
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

  const { createPool, defaultWorkers } = await import('../parallel/pool.ts');
  const { runOrdered, jobsFor } = await import('../parallel/runOrdered.ts');
  const { runsProgress } = await import('../output/progressReporter.ts');
  const { summarize } = await import('../../research/ensemble.ts');
  const jobs = jobsFor(scenarios, options.seeds);
  const results: Result[][] = scenarios.map(() => []);
  const pool = createPool(workersFor(jobs.length, options.workers, defaultWorkers()));
  const bar = runsProgress(ctx.io.stderr, ctx.io.stderrIsTTY, jobs.length);
  try {
    await runOrdered(pool, jobs, (job, _index, result) => void results[job.stream].push(result), { onRunDone: bar.onRunDone });
  } finally {
    bar.done();
    await pool.close();
  }
  const summaries: Summary[] = results.map((r) => summarize(r));

  const labels = compareLabels(scenarios.map((s) => ({ name: s.params.name, source: s.source })));
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
      `mean [95% interval of the mean]; Δ = difference of means from ${labels[0]}`,
      formatCompareTable(
        labels.map((label, k) => ({ label, summary: summaries[k] })),
        years,
      ),
      '',
    ].join('\n'),
  );
  return 0;
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare headline metrics of scenarios across seeds (means, 95% intervals, differences)',
  usage: 'tokensim compare <a.json> <b.json>… [--seeds <list>] [--at <years>] [--workers <n>] [--engineers <n>] [--years <n>]',
  flags: COMPARE_FLAGS,
  details: DETAILS,
  run,
};
