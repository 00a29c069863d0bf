/**
 * `tokensim run <scenario.json>… [--seeds 1..30 | --seed <n>] --out <dir>`: one or more
 * scenarios, each with one or more seeds, on a pool of worker threads. Validates everything
 * before simulating (nothing is created on a usage error), then streams the output files
 * atomically (runOutput.ts) and prints the headline table of each scenario.
 * The engine and the scenario validator are imported when the command runs, so help,
 * version and flag errors answer at once and do not depend on the engine loading.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../../run/result.ts';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { groupThousands } from '../output/groupThousands.ts';
import { formatHeadlineTable, formatSummaryTable } from '../output/headlineTable.ts';
import { withInterruptAbort } from '../parallel/interrupt.ts';
import type { LoadedScenario } from '../args/loadScenario.ts';
import { UsageError } from '../args/parseArgs.ts';
import { chooseWorkers, meanEngineerMonths, parseRunArgs, RUN_FLAGS } from '../args/runArgs.ts';
import type { ScenarioOutput } from '../output/runOutput.ts';
import { formatSeedList } from '../args/seeds.ts';
import { countSeriesRows } from '../output/seriesCsv.ts';
import { countSummaryRows } from '../output/summaryCsv.ts';
import { checkGroups } from '../args/selection.ts';
import { cutResult, cutSummary, cutSeries, monthsWritten, type OutputSelection } from '../output/outputSelection.ts';
import { BUDGET_QUARTILES, METRIC_DEFS } from '../../run/metricDefs.ts';
import { firmTypeNames, LEVELS } from '../../model/params.ts';

const DETAILS = `Output, per scenario (in <dir>, or in <dir>/<scenario name>/ when several scenarios are given):
  series.csv      scenario,seed,month,metric,group,value — one row per value, seeds in the order
                  given, then metric, group and month (months 1..years·12)
  summary.csv     scenario,metric,group,month,mean,lo95,hi95,n — mean and 95% interval across seeds
  manifest.json   provenance: scenario and parameter hashes, seeds and a result hash per seed,
                  package version, command line, metric units
  With --format json: series.json and summary.json instead of the CSV files (shape in README).

--metrics, --groups and --every cut series and summary files to the chosen series and months
(--every 12: months 12, 24, … and always the last; --every final: the last month only). The
manifest records the cut under "selection"; its result hashes still cover the full result,
so they cannot be recomputed from cut files: the recorded command without those flags
writes the full files. The printed table is always the full run's.

Files appear only when complete: they are written to <dir>/.tokensim-tmp-<pid> (or, when <dir>
does not exist yet, <dir>.tmp-<pid>) and moved into place at the end; an error or Ctrl-C (exit
130) leaves no partial file. The output is the same bytes
whatever --workers is.

Examples:
  tokensim run scenarios/baseline.json --seed 1 --out out/baseline
  tokensim run scenarios/baseline.json scenarios/tunguz-100k.json --seeds 1..30 --out out/pair
  tokensim run scenarios/baseline.json --seeds 1..30 --metrics headcount,cash_base_median --groups all,bigtech --every 12 --out out/two`;

/** First line of a single-seed run's summary: what ran, with which seed and size, and the result hash. */
export function formatRunSummary(result: Result, engineers: number): string {
  return `${result.scenario} · seed ${result.seed} · ${groupThousands(engineers)} engineers · ${formatHorizon(result.months)} · result ${result.resultHash}`;
}

/** `10 years`, `1 year`, or `18 months` when not whole years. */
export function formatHorizon(months: number): string {
  const years = months / 12;
  return Number.isInteger(years) ? `${years} year${years === 1 ? '' : 's'}` : `${months} months`;
}

/** First line of a multi-seed scenario's summary: `baseline · seeds 1..30 (30 runs) · 10,000 engineers · 10 years`. */
export function formatEnsembleSummary(scenario: string, seeds: readonly number[], engineers: number, months: number): string {
  return `${scenario} · seeds ${formatSeedList(seeds)} (${seeds.length} runs) · ${groupThousands(engineers)} engineers · ${formatHorizon(months)}`;
}

/** Fails with a UsageError when `p` exists and is not a directory. */
async function assertDirOrAbsent(p: string, what: string): Promise<void> {
  const info = await stat(p).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`${what} ${p} exists and is not a directory`);
}

/** Scenario names become subdirectory names when several are run: they must differ. */
function assertDistinctNames(scenarios: readonly LoadedScenario[]): void {
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const earlier = seen.get(s.params.name);
    if (earlier !== undefined) {
      throw new UsageError(
        `run: ${earlier} and ${s.source} are both named '${s.params.name}' (with several scenarios, each is written to <dir>/<name>/)`,
      );
    }
    seen.set(s.params.name, s.source);
  }
}

/** The text printed for one scenario: its summary line and headline table. */
function formatScenarioReport(out: ScenarioOutput): string {
  const { params } = out.scenario;
  if (out.results.length === 1) {
    return [formatRunSummary(out.results[0], params.run.engineers), '', formatHeadlineTable(out.results[0])].join('\n');
  }
  return [
    formatEnsembleSummary(params.name, out.summary.seeds, params.run.engineers, out.summary.months),
    '',
    formatSummaryTable(out.summary),
  ].join('\n');
}

/**
 * Refuses a selection that names a group no scenario reports, or that leaves a scenario with
 * no series at all (a metric not reported for any chosen group).
 */
export function checkSelection(selection: OutputSelection | undefined, scenarios: readonly LoadedScenario[]): void {
  if (selection === undefined) return;
  if (selection.groups !== undefined) checkGroups(selection.groups, scenarios);
  for (const s of scenarios) {
    const byFamily = { firmType: firmTypeNames(s.params), level: [...LEVELS], budgetQuartile: [...BUDGET_QUARTILES] };
    const reported = METRIC_DEFS.flatMap((d) => ['all', ...d.groups.flatMap((f) => byFamily[f])].map((group) => ({ metric: d.name, group })));
    if (cutSeries(reported, selection).length === 0) {
      throw new UsageError(`run: no metric of --metrics is reported for a group of --groups in ${s.source} (tokensim list metrics shows each metric's groups)`);
    }
  }
}

/** `wrote a (N rows)` and the other files, aligned under it. */
function formatWritten(outputs: readonly ScenarioOutput[], format: 'csv' | 'json', selection: OutputSelection | undefined): string[] {
  const lines: string[] = [];
  for (const out of outputs) {
    if (format === 'csv') {
      const months = monthsWritten(out.summary.months, selection);
      const seriesRows = out.results.reduce((n, r) => n + countSeriesRows(cutResult(r, selection), months), 0);
      lines.push(`${out.files.series} (${groupThousands(seriesRows)} rows)`);
      lines.push(`${out.files.summary} (${groupThousands(countSummaryRows(cutSummary(out.summary, selection), months))} rows)`);
    } else {
      lines.push(`${out.files.series} (${out.results.length} run${out.results.length === 1 ? '' : 's'})`);
      lines.push(out.files.summary);
    }
    if (out.files.agents) lines.push(`${out.files.agents} (${groupThousands(out.results.reduce((n, r) => n + (r.agents ? r.agents.count * r.agents.months : 0), 0))} rows)`);
    lines.push(out.files.manifest);
  }
  return lines.map((l, k) => (k === 0 ? 'wrote ' : '      ') + l);
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const options = parseRunArgs(args);
  const { loadScenarios } = await import('../args/loadScenario.ts');
  const scenarios = await loadScenarios(options.scenarioPaths, options);
  if (scenarios.length > 1) assertDistinctNames(scenarios);
  checkSelection(options.selection, scenarios);
  await assertDirOrAbsent(options.outDir, '--out');
  if (scenarios.length > 1) {
    for (const s of scenarios) await assertDirOrAbsent(path.join(options.outDir, s.params.name), 'output directory');
  }

  const { writeRunOutput } = await import('../output/runOutput.ts');
  const { defaultWorkers } = await import('../parallel/pool.ts');
  const runs = scenarios.length * options.seeds.length;
  const workers = chooseWorkers(runs, options, defaultWorkers(), meanEngineerMonths(scenarios.map((s) => s.params)));
  if (workers.note !== undefined) ctx.io.stderr(workers.note);
  const outputs = await withInterruptAbort((signal) =>
    writeRunOutput(
      {
        scenarios,
        seeds: options.seeds,
        outDir: options.outDir,
        format: options.format,
        workers: workers.count,
        pkg: ctx.pkg,
        argv: ctx.argv,
        selection: options.selection,
        ...(options.agents ? { agents: options.agents } : {}),
      },
      { write: ctx.io.stderr, enabled: ctx.io.stderrIsTTY },
      signal,
    ),
  );

  const blocks = outputs.map(formatScenarioReport);
  ctx.io.stdout([...blocks.flatMap((b) => [b, '']), ...formatWritten(outputs, options.format, options.selection), ''].join('\n'));
  return 0;
}

export const runCommand: Command = {
  ...CARDS.run,
  usage:
    'tokensim run <scenario.json>… --out <dir> [--seeds <list> | --seed <n>] [--format csv|json] [--metrics <a,b>] [--groups <a,b>] [--every <n|final>] [--agents <n>] [--workers <n>] [--exact-workers] [--engineers <n>] [--years <n>]',
  flags: RUN_FLAGS,
  details: DETAILS,
  run,
};
