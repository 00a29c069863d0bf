/**
 * Flags of `tokensim run` and their validation. Ranges for engineers and years come from
 * the parameter specs in params.ts, the same ones the scenario validator and the web
 * sliders read, so the CLI never disagrees with them.
 */
import { cloneParams, type Params } from '../params.ts';
import { specFor } from '../paramSpecs.ts';
import { numberFlag, parseArgs, stringFlag, UsageError, type FlagSpec } from './parseArgs.ts';

/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;

export interface RunOptions {
  scenarioPath: string;
  seed: number;
  outDir: string;
  /** Overrides `run.engineers` of the scenario when given. */
  engineers?: number;
  /** Overrides `run.years` of the scenario when given. */
  years?: number;
}

function rangeOf(path: string): { min: number; max: number } {
  const spec = specFor(path);
  if (!spec) throw new Error(`no parameter spec for ${path}`);
  return { min: spec.min, max: spec.max };
}

export const RUN_FLAGS: readonly FlagSpec[] = [
  {
    name: 'seed',
    kind: 'integer',
    placeholder: '<n>',
    description: 'Run seed; the same scenario and seed give byte-identical output',
    min: 0,
    max: MAX_SEED,
    defaultValue: 1,
  },
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'Output directory, created if needed', required: true },
  {
    name: 'engineers',
    kind: 'integer',
    placeholder: '<n>',
    description: "Override the scenario's number of engineers",
    ...rangeOf('run.engineers'),
  },
  {
    name: 'years',
    kind: 'integer',
    placeholder: '<n>',
    description: "Override the scenario's horizon in years",
    ...rangeOf('run.years'),
  },
];

/** Parses and validates the arguments of `tokensim run`; throws UsageError on any mistake. */
export function parseRunArgs(argv: readonly string[]): RunOptions {
  const parsed = parseArgs(argv, RUN_FLAGS, 'run');
  const { positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('run: missing scenario file (usage: tokensim run <scenario.json> --out <dir>)');
  if (positionals.length > 1) throw new UsageError(`run: unexpected argument '${positionals[1]}' (one scenario file per run)`);
  const seed = numberFlag(parsed, 'seed');
  const outDir = stringFlag(parsed, 'out');
  // Both are guaranteed by the specs (a default and `required`); checked for the type system.
  if (seed === undefined || outDir === undefined) throw new Error('run flags lost their default or requirement');
  const options: RunOptions = { scenarioPath: positionals[0], seed, outDir };
  const engineers = numberFlag(parsed, 'engineers');
  if (engineers !== undefined) options.engineers = engineers;
  const years = numberFlag(parsed, 'years');
  if (years !== undefined) options.years = years;
  return options;
}

/** The scenario's parameters with `--engineers` / `--years` applied (a copy; the input is untouched). */
export function applyRunOverrides(params: Params, options: Pick<RunOptions, 'engineers' | 'years'>): Params {
  const out = cloneParams(params);
  if (options.engineers !== undefined) out.run.engineers = options.engineers;
  if (options.years !== undefined) out.run.years = options.years;
  return out;
}
