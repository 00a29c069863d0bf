/**
 * Flags of `tokensim run` (and the ones `compare` shares) and their validation. Ranges for
 * engineers and years come from the parameter specs in sim/model/paramSpecs.ts, the same ones the scenario
 * validator and the web sliders read, so the CLI never disagrees with them.
 */
import { cloneParams, type Params } from '../../model/params.ts';
import { specFor, type ParamSpecKey } from '../../model/paramPaths.ts';
import { numberFlag, parseArgs, stringFlag, UsageError, type FlagSpec, type ParsedArgs } from './parseArgs.ts';
import { MAX_SEED, parseSeedList } from './seeds.ts';
import { parseEvery, parseGroupList, parseMetricList } from './selection.ts';
import type { OutputSelection } from '../output/outputSelection.ts';

export { MAX_SEED } from './seeds.ts';

/** Output formats of `tokensim run`. */
export const OUTPUT_FORMATS = ['csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Most worker threads one command may ask for. */
export const MAX_WORKERS = 256;

export interface RunOptions {
  /** Scenario files in the order given; with more than one, each gets a subdirectory. */
  scenarioPaths: string[];
  /** Seeds in the order given (`--seeds` or `--seed`; default [1]). */
  seeds: number[];
  outDir: string;
  format: OutputFormat;
  /** Most worker threads (`--workers`); undefined means one per core. Capped by the number of runs and by what their work repays (chooseWorkers). */
  workers?: number;
  /** `--exact-workers`: start every worker `workers` (or one per core) names, whether or not the work repays it. */
  exactWorkers?: boolean;
  /** Overrides `run.engineers` of every scenario when given. */
  engineers?: number;
  /** Overrides `run.years` of every scenario when given. */
  years?: number;
  /** Series and months written (`--metrics`, `--groups`, `--every`); undefined writes everything. */
  selection?: OutputSelection;
  /** Engineers to follow month by month into agents.csv (`--agents`); none when undefined. */
  agents?: number;
}

function rangeOf(path: ParamSpecKey): { min: number; max: number } {
  const spec = specFor(path);
  return { min: spec.min, max: spec.max };
}

export const SEED_FLAG: FlagSpec = {
  name: 'seed',
  kind: 'integer',
  placeholder: '<n>',
  description: 'One run seed (default 1); the same scenario and seed give byte-identical output',
  min: 0,
  max: MAX_SEED,
};

export const SEEDS_FLAG: FlagSpec = {
  name: 'seeds',
  kind: 'string',
  placeholder: '<list>',
  description: 'Several seeds: a range 1..30, a list 1,2,5, or both (1..3,10)',
};

export const WORKERS_FLAG: FlagSpec = {
  name: 'workers',
  kind: 'integer',
  placeholder: '<n>',
  description: 'Most worker threads (default: one per core); no more start than the runs, nor than their work repays a worker’s ≈ 0.7 s start. Does not change the output',
  min: 1,
  max: MAX_WORKERS,
};

export const EXACT_WORKERS_FLAG: FlagSpec = {
  name: 'exact-workers',
  kind: 'boolean',
  description: 'Start all the workers --workers names (or one per core) even where the runs’ work does not repay their start, as for measuring scaling',
};

export const ENGINEERS_FLAG: FlagSpec = {
  name: 'engineers',
  kind: 'integer',
  placeholder: '<n>',
  description: "Override the scenario's number of engineers",
  ...rangeOf('run.engineers'),
};

export const YEARS_FLAG: FlagSpec = {
  name: 'years',
  kind: 'integer',
  placeholder: '<n>',
  description: "Override the scenario's horizon in years",
  ...rangeOf('run.years'),
};

export const RUN_FLAGS: readonly FlagSpec[] = [
  SEEDS_FLAG,
  SEED_FLAG,
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'Output directory, created if needed', required: true },
  {
    name: 'format',
    kind: 'string',
    placeholder: '<csv|json>',
    description: 'series and summary as CSV or JSON files',
    defaultValue: 'csv',
  },
  {
    name: 'metrics',
    kind: 'string',
    placeholder: '<a,b>',
    description: 'Write only these metrics (default: all; tokensim list metrics)',
  },
  {
    name: 'groups',
    kind: 'string',
    placeholder: '<a,b>',
    description: 'Write only these groups: all, a firm type, junior…staff, budget_q1…q4 (default: all groups)',
  },
  {
    name: 'every',
    kind: 'string',
    placeholder: '<n|final>',
    description: "Write every n-th month (n, 2n, … and always the last), or 'final' for the last month only",
  },
  {
    name: 'agents',
    kind: 'integer',
    placeholder: '<n>',
    description: 'Also follow n engineers month by month into agents.csv (employer, level, token budget; 1–10,000)',
    min: 1,
    max: 10_000,
  },
  WORKERS_FLAG,
  EXACT_WORKERS_FLAG,
  ENGINEERS_FLAG,
  YEARS_FLAG,
];

/** `--metrics`, `--groups` and `--every` when given (group names are checked against the scenarios later). */
export function selectionFromArgs(parsed: ParsedArgs): OutputSelection | undefined {
  const selection: OutputSelection = {};
  const metrics = stringFlag(parsed, 'metrics');
  const groups = stringFlag(parsed, 'groups');
  const every = stringFlag(parsed, 'every');
  if (metrics !== undefined) selection.metrics = parseMetricList(metrics);
  if (groups !== undefined) selection.groups = parseGroupList(groups);
  if (every !== undefined) selection.months = parseEvery(every);
  return Object.keys(selection).length > 0 ? selection : undefined;
}

/** The seeds of `--seeds` or `--seed` (not both); `fallback` when neither is given. */
export function seedsFromArgs(parsed: ParsedArgs, fallback: readonly number[]): number[] {
  const list = stringFlag(parsed, 'seeds');
  const one = numberFlag(parsed, 'seed');
  if (list !== undefined && one !== undefined) throw new UsageError('give --seeds or --seed, not both');
  if (list !== undefined) return parseSeedList(list);
  return one !== undefined ? [one] : [...fallback];
}

/** `--workers` and `--exact-workers` when given. */
export function workersAskedFromArgs(parsed: ParsedArgs): WorkersAsked {
  const out: WorkersAsked = {};
  const workers = numberFlag(parsed, 'workers');
  if (workers !== undefined) out.workers = workers;
  if (parsed.flags.get('exact-workers') === true) out.exactWorkers = true;
  return out;
}

/** `--engineers`, `--years`, `--workers` and `--exact-workers` when given. */
export function sizeAndWorkersFromArgs(parsed: ParsedArgs): Pick<RunOptions, 'engineers' | 'years' | 'workers' | 'exactWorkers'> {
  const out: Pick<RunOptions, 'engineers' | 'years' | 'workers' | 'exactWorkers'> = workersAskedFromArgs(parsed);
  for (const name of ['engineers', 'years'] as const) {
    const v = numberFlag(parsed, name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Parses and validates the arguments of `tokensim run`; throws UsageError on any mistake. */
export function parseRunArgs(argv: readonly string[]): RunOptions {
  const parsed = parseArgs(argv, RUN_FLAGS, 'run');
  const { positionals } = parsed;
  if (positionals.length === 0) {
    throw new UsageError('run: missing scenario file (usage: tokensim run <scenario.json>… --out <dir>)');
  }
  const outDir = stringFlag(parsed, 'out');
  const format = stringFlag(parsed, 'format');
  // Both are guaranteed by the specs (`required` and a default); checked for the type system.
  if (outDir === undefined || format === undefined) throw new Error('run flags lost their default or requirement');
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be ${OUTPUT_FORMATS.join(' or ')} (got '${format}')`);
  }
  const selection = selectionFromArgs(parsed);
  const agents = numberFlag(parsed, 'agents');
  if (agents !== undefined && format !== 'csv') throw new UsageError('--agents writes agents.csv: use it with --format csv');
  return {
    scenarioPaths: positionals,
    seeds: seedsFromArgs(parsed, [1]),
    outDir,
    format: format as OutputFormat,
    ...sizeAndWorkersFromArgs(parsed),
    ...(selection === undefined ? {} : { selection }),
    ...(agents === undefined ? {} : { agents }),
  };
}

/** The scenario's parameters with `--engineers` / `--years` applied (a copy; the input is untouched). */
export function applyRunOverrides(params: Params, options: Pick<RunOptions, 'engineers' | 'years'>): Params {
  const out = cloneParams(params);
  if (options.engineers !== undefined) out.run.engineers = options.engineers;
  if (options.years !== undefined) out.run.years = options.years;
  return out;
}

/**
 * What a fresh worker thread costs before its runs go at full speed (the JIT compiling the
 * engine), and the engine's warm throughput on one core, as measured on a 2-core machine
 * (bench/RESULTS.md, 2026-11-27: a first run at 2,000 engineers takes 0.8–0.9 s against
 * 0.14–0.19 s warm; ≈ 2 M engineer-months a second). Used only to choose how many workers start.
 */
export const WORKER_COLD_START_SECONDS = 0.7;
export const ENGINEER_MONTHS_PER_SECOND = 2e6;

/** What `--workers` and `--exact-workers` asked for (RunOptions' fields of the same names). */
export interface WorkersAsked {
  workers?: number;
  exactWorkers?: boolean;
}

/** How many workers start, and a line for the reader when fewer start than `--workers` named. */
export interface WorkerChoice {
  count: number;
  note?: string;
}

/**
 * Worker threads for `runs` runs. At most `--workers` (by default one per available core) and
 * never more than the runs; and, when the size of a run is given, only as many as the work
 * repays: each worker compiles the engine anew, so a worker starts only for at least its cold
 * start's worth of work (runs × engineer-months ÷ throughput ÷ workers ≥ the cold start).
 * Eight runs of 2,000 engineers × 10 years then get one worker (as fast as two on 2 cores,
 * leaving a core free), eight of 10,000 get two, and 64 of 2,000 get 10 of 16 (on 16 cores, 16
 * workers took 1.12–1.2× the time of 8 there, 10 about as long as 8). `--exact-workers` starts them all. Results never depend on
 * the number of workers.
 */
export function chooseWorkers(runs: number, asked: WorkersAsked, available: number, engineerMonthsPerRun?: number): WorkerChoice {
  const most = Math.max(1, Math.min(runs, asked.workers ?? available));
  if (asked.exactWorkers === true || engineerMonthsPerRun === undefined) return { count: most };
  const workSeconds = (runs * engineerMonthsPerRun) / ENGINEER_MONTHS_PER_SECOND;
  const count = Math.max(1, Math.min(most, Math.floor(workSeconds / WORKER_COLD_START_SECONDS)));
  if (asked.workers === undefined || count === most) return { count };
  const work = workSeconds < 0.1 ? 'under 0.1 s' : `≈ ${workSeconds < 10 ? workSeconds.toFixed(1) : workSeconds.toFixed(0)} s`;
  return {
    count,
    note:
      `tokensim: starting ${count} of the ${asked.workers} workers asked for: ${runs} run${runs === 1 ? '' : 's'} of ${work} of one core's work in all ` +
      `repay no more (each worker first spends ≈ ${WORKER_COLD_START_SECONDS} s compiling the engine); --exact-workers starts all ${most}\n`,
  };
}

/** The number of workers chooseWorkers starts. */
export function workersFor(runs: number, asked: WorkersAsked, available: number, engineerMonthsPerRun?: number): number {
  return chooseWorkers(runs, asked, available, engineerMonthsPerRun).count;
}

/** Mean engineer-months of a run over (up to the first 100 of) `params`. */
export function meanEngineerMonths(params: readonly { run: { engineers: number; years: number } }[]): number {
  const some = params.slice(0, 100);
  return some.length === 0 ? 0 : some.reduce((s, p) => s + p.run.engineers * 12 * p.run.years, 0) / some.length;
}
