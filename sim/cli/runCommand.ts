/**
 * `tokensim run <scenario.json> --seed <n> --out <dir>`: one scenario, one seed. Validates
 * everything before simulating (nothing is created on a usage error), simulates, then writes
 * series.csv and manifest.json atomically and prints the headline table.
 * The engine and the scenario validator are imported when the command runs, so help,
 * version and flag errors answer at once and do not depend on the engine loading.
 */
import type { Result } from '../result.ts';
import type { Command, CommandContext } from './command.ts';
import { groupThousands } from './groupThousands.ts';
import { formatHeadlineTable } from './headlineTable.ts';
import { buildManifest, manifestJson } from './manifest.ts';
import { UsageError } from './parseArgs.ts';
import { progressReporter } from './progressReporter.ts';
import { applyRunOverrides, parseRunArgs, RUN_FLAGS } from './runArgs.ts';
import { countSeriesRows, seriesCsvChunks } from './seriesCsv.ts';
import { assertUsableOutDir, writeFilesAtomically } from './writeFilesAtomically.ts';

const DETAILS = `Output (in <dir>):
  series.csv      scenario,seed,month,metric,group,value — one row per value, months 1..years·12
  manifest.json   provenance (scenario, parameters, seed, hashes, version) and metric units

Example:
  tokensim run scenarios/baseline.json --seed 1 --out out/baseline`;

/**
 * Runs `write` with an AbortSignal that SIGINT / SIGTERM trigger, so an interrupted write
 * cleans up after itself instead of the process dying mid-file.
 */
async function withInterruptAbort<T>(write: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await write(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** First line of the run summary: what ran, with which seed and size, and the result hash. */
export function formatRunSummary(result: Result, engineers: number): string {
  const years = result.months / 12;
  const horizon = Number.isInteger(years) ? `${years} year${years === 1 ? '' : 's'}` : `${result.months} months`;
  return `${result.scenario} · seed ${result.seed} · ${groupThousands(engineers)} engineers · ${horizon} · result ${result.resultHash}`;
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const options = parseRunArgs(args);
  const { loadScenario } = await import('./loadScenario.ts');
  const params = applyRunOverrides(await loadScenario(options.scenarioPath), options);
  try {
    await assertUsableOutDir(options.outDir);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }

  const { simulate } = await import('../simulate.ts');
  // Synchronous: SIGINT here ends the process at once, and nothing is on disk yet.
  const progress = progressReporter(ctx.io.stderr, ctx.io.stderrIsTTY);
  let result: Result;
  try {
    result = simulate(params, options.seed, { onMonth: progress.onMonth });
  } finally {
    progress.done();
  }

  const manifest = buildManifest({ params, result, source: options.scenarioPath, pkg: ctx.pkg, argv: ctx.argv });
  const written = await withInterruptAbort((signal) =>
    writeFilesAtomically(
      options.outDir,
      [
        { name: 'series.csv', chunks: seriesCsvChunks(result) },
        { name: 'manifest.json', chunks: [manifestJson(manifest)] },
      ],
      { signal },
    ),
  );

  const rows = groupThousands(countSeriesRows(result));
  ctx.io.stdout(
    [
      formatRunSummary(result, params.run.engineers),
      '',
      formatHeadlineTable(result),
      '',
      `wrote ${written[0]} (${rows} rows)`,
      `      ${written[1]}`,
      '',
    ].join('\n'),
  );
  return 0;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Simulate one scenario with one seed; write series.csv and manifest.json',
  usage: 'tokensim run <scenario.json> --out <dir> [--seed <n>] [--engineers <n>] [--years <n>]',
  flags: RUN_FLAGS,
  details: DETAILS,
  run,
};

