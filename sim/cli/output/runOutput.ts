/**
 * The files of `tokensim run`: every scenario's runs go through the worker pool (a lone run
 * runs on this thread, parallel/inProcess.ts), and per scenario series.csv (or .json) grows
 * seed by seed in the order given as runs finish;
 * once all are in, summary.csv (or .json, from sim/research/ensemble.ts) and manifest.json follow.
 * Everything is staged in a temporary directory and moved into place only when complete
 * (StagedOutput in atomicOutput.ts); an error or an abort removes it all. With one scenario the files go
 * straight into the output directory, with several into `<dir>/<scenario name>/`.
 */
import path from 'node:path';
import { summarize, type Summary } from '../../research/ensemble.ts';
import type { Result } from '../../run/result.ts';
import type { PackageInfo } from '../commands/command.ts';
import { seriesJsonHead, seriesJsonRun, SERIES_JSON_TAIL, summaryJsonChunks } from './jsonOutput.ts';
import type { LoadedScenario } from '../args/loadScenario.ts';
import { buildManifest, manifestJson, reproducibleArgv } from './manifest.ts';
import { createPool } from '../parallel/pool.ts';
import { createInProcessPool } from '../parallel/inProcess.ts';
import { runsProgress } from './progressReporter.ts';
import type { OutputFormat } from '../args/runArgs.ts';
import { jobsFor, runOrdered } from '../parallel/runOrdered.ts';
import { SERIES_CSV_HEADER, seriesCsvRowChunks } from './seriesCsv.ts';
import { StagedOutput, WriteAbortedError, type StagedFile } from './atomicOutput.ts';
import { summaryCsvChunks } from './summaryCsv.ts';
import { AGENTS_CSV_HEADER, agentsCsvChunks } from './agentsCsv.ts';
import { assertFiniteResult } from './finiteResult.ts';
import { cutResult, cutSummary, monthsWritten, type OutputSelection } from './outputSelection.ts';

export interface RunOutputPlan {
  /** Scenarios with `--engineers` / `--years` applied, in the order given. */
  scenarios: readonly LoadedScenario[];
  seeds: readonly number[];
  outDir: string;
  format: OutputFormat;
  /** Worker threads (at least 1). */
  workers: number;
  pkg: PackageInfo;
  /** The command's arguments after the program name, for the manifests. */
  argv: readonly string[];
  /** Series and months written (outputSelection.ts); everything when undefined. */
  selection?: OutputSelection;
  /** Engineers to follow into agents.csv (`--agents`); none when undefined. */
  agents?: number;
}

/** What one scenario produced and where it was written. */
export interface ScenarioOutput {
  scenario: LoadedScenario;
  /** One result per seed, in seed order (whole: every series and month). */
  results: Result[];
  summary: Summary;
  /** Paths of the series, summary and manifest files (and agents.csv with --agents), joined onto the output directory as given. */
  files: { series: string; summary: string; manifest: string; agents?: string };
}

/** Where a scenario's files go, relative to the output directory: '' or its name. */
export function scenarioSubdir(scenarios: readonly LoadedScenario[], k: number): string {
  return scenarios.length > 1 ? scenarios[k].params.name : '';
}

/** Collects one scenario's results and streams its series file. */
class ScenarioWriter {
  readonly results: Result[] = [];

  constructor(
    private readonly series: StagedFile,
    private readonly format: OutputFormat,
    private readonly seeds: readonly number[],
    private readonly selection: OutputSelection | undefined,
    private readonly agents: StagedFile | undefined,
  ) {}

  static async open(staged: StagedOutput, dir: string, format: OutputFormat, seeds: readonly number[], selection?: OutputSelection, agents?: number): Promise<ScenarioWriter> {
    const series = await staged.open(path.join(dir, `series.${format}`));
    if (format === 'csv') await series.append([SERIES_CSV_HEADER]);
    const sample = agents ? await staged.open(path.join(dir, 'agents.csv')) : undefined;
    if (sample) await sample.append([AGENTS_CSV_HEADER]);
    return new ScenarioWriter(series, format, seeds, selection, sample);
  }

  /**
   * Appends the next seed's result (called in seed order), cut to the selection; refuses one
   * with a value that should be finite and is not, written or not.
   */
  async add(result: Result): Promise<void> {
    assertFiniteResult(result);
    const first = this.results.length === 0;
    this.results.push(result);
    if (this.agents) await this.agents.append(agentsCsvChunks(result));
    const shown = cutResult(result, this.selection);
    const months = monthsWritten(result.months, this.selection);
    if (this.format === 'csv') return this.series.append(seriesCsvRowChunks(shown, undefined, months));
    const head = first ? [seriesJsonHead(result.scenario, result.months, this.seeds, months)] : [];
    return this.series.append([...head, ...seriesJsonRun(shown, first, months)]);
  }

  /** Ends the series file (JSON needs its closing brackets). */
  finish(): Promise<void> {
    return this.format === 'json' ? this.series.append([SERIES_JSON_TAIL]) : Promise.resolve();
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WriteAbortedError('interrupted');
}

/**
 * Runs every scenario with every seed and writes the output atomically; resolves once the
 * files are in place. `progress` is where the runs' progress line goes (a terminal), if anywhere.
 */
export async function writeRunOutput(
  plan: RunOutputPlan,
  progress: { write: (text: string) => void; enabled: boolean },
  signal?: AbortSignal,
): Promise<ScenarioOutput[]> {
  const { scenarios, seeds, outDir, format } = plan;
  checkAborted(signal);
  const staged = await StagedOutput.create(outDir);
  try {
    const dirs = scenarios.map((_, k) => scenarioSubdir(scenarios, k));
    const writers: ScenarioWriter[] = [];
    for (const dir of dirs) writers.push(await ScenarioWriter.open(staged, dir, format, seeds, plan.selection, plan.agents));

    const jobs = jobsFor(scenarios, seeds, plan.agents);
    // A lone run goes on this thread: a worker would only add its start and a copy of the result.
    const pool = jobs.length === 1 ? createInProcessPool() : createPool(plan.workers);
    const bar = runsProgress(progress.write, progress.enabled, jobs.length);
    try {
      await runOrdered(pool, jobs, (job, _index, result) => writers[job.stream].add(result), { signal, onRunDone: bar.onRunDone });
    } finally {
      bar.done();
      await pool.close();
    }

    const outputs: ScenarioOutput[] = [];
    const argv = reproducibleArgv(plan.argv);
    for (let k = 0; k < scenarios.length; k++) {
      checkAborted(signal);
      const { results } = writers[k];
      await writers[k].finish();
      const summary = summarize(results);
      const summaryFile = await staged.open(path.join(dirs[k], `summary.${format}`));
      const shown = cutSummary(summary, plan.selection);
      const months = monthsWritten(summary.months, plan.selection);
      await summaryFile.append(format === 'csv' ? summaryCsvChunks(shown, undefined, months) : summaryJsonChunks(shown, months));
      const { params, source, scenarioHash } = scenarios[k];
      const manifest = buildManifest({ params, results, source, scenarioHash, pkg: plan.pkg, argv, format, selection: plan.selection });
      const manifestFile = await staged.open(path.join(dirs[k], 'manifest.json'));
      await manifestFile.append([manifestJson(manifest)]);
      const at = (name: string): string => path.join(outDir, dirs[k], name);
      outputs.push({
        scenario: scenarios[k],
        results,
        summary,
        files: { series: at(`series.${format}`), summary: at(`summary.${format}`), manifest: at('manifest.json'), ...(plan.agents ? { agents: at('agents.csv') } : {}) },
      });
    }
    checkAborted(signal);
    await staged.commit();
    return outputs;
  } catch (err) {
    await staged.discard();
    throw err;
  }
}
