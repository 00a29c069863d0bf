/**
 * `tokensim validate <file>…`: checks scenario and sweep files without running them. Prints
 * `ok <file>` on stdout for each valid file and one line per problem on stderr
 * (`<file>: <field path>: <reason>`); exits 0 when every file is valid, 2 otherwise.
 * A sweep file is one under a `sweeps/` directory or one with `base` and `parameters`
 * fields; its base scenario (a path is relative to the sweep file) and every point are
 * checked too. A sensitivity spec is one under a `sensitivity/` directory or one with `factors`
 * and `outputs` fields; its base scenario, factor paths and output years are checked too. A
 * calibration spec is one under a `calibration/` directory or one with `parameters` and
 * `moments` fields; its base scenario, parameter bounds, moment groups and windows are checked.
 * JSON Schema files (`*.schema.json`) are skipped, so `scenarios/*.json` works.
 */
import path from 'node:path';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { parseArgs, UsageError } from '../args/parseArgs.ts';

/** One problem of one file. */
export interface FileProblem {
  path: string;
  message: string;
}

/** What validating one file found. */
export type FileVerdict = { kind: 'ok'; what: 'scenario' | 'sweep' | 'sensitivity' | 'calibration' } | { kind: 'skipped'; why: string } | { kind: 'invalid'; problems: FileProblem[] };

/** True for a JSON Schema file, which sits beside the scenarios but is not one. */
export function isSchemaFile(file: string): boolean {
  return file.endsWith('.schema.json');
}

/** True when `file` should be read as a sweep: under a `sweeps/` directory, or with base and parameters fields. */
export function looksLikeSweep(file: string, parsed: unknown): boolean {
  if (path.normalize(file).split(path.sep).slice(0, -1).includes('sweeps')) return true;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'base' in parsed && 'parameters' in parsed;
}

/** True when `file` should be read as a sensitivity spec: under a `sensitivity/` directory, or with factors and outputs fields. */
export function looksLikeSensitivity(file: string, parsed: unknown): boolean {
  if (path.normalize(file).split(path.sep).slice(0, -1).includes('sensitivity')) return true;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'factors' in parsed && 'outputs' in parsed;
}

/** Reads and resolves the base scenario `base` names (relative to `file`), or the problem with it. */
async function loadBase(file: string, base: string): Promise<{ params: import('../../model/params.ts').Params } | { problems: FileProblem[] }> {
  const baseFile = path.isAbsolute(base) ? base : path.join(path.dirname(file), base);
  const { readFile } = await import('node:fs/promises');
  const { parseScenario } = await import('../../input/scenario.ts');
  let baseText: string;
  try {
    baseText = await readFile(baseFile, 'utf8');
  } catch {
    return { problems: [{ path: 'base', message: `cannot read the base scenario ${baseFile}` }] };
  }
  try {
    return { params: parseScenario(baseText, baseFile) };
  } catch (err) {
    return { problems: issuesOf(err).map((p) => ({ path: 'base', message: `${baseFile}: ${p.path}: ${p.message}` })) };
  }
}

/** True when `file` should be read as a calibration spec: under a `calibration/` directory, or with parameters and moments fields. */
export function looksLikeCalibration(file: string, parsed: unknown): boolean {
  if (path.normalize(file).split(path.sep).slice(0, -1).includes('calibration')) return true;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'moments' in parsed && 'parameters' in parsed;
}

/**
 * Validates a spec with a base scenario (sensitivity or calibration): its fields, its base
 * scenario, and the spec against that base over the horizon it will run.
 */
async function validateSpecWithBase<S extends { base: string; years?: number }>(
  file: string,
  text: string,
  what: 'sensitivity' | 'calibration',
  parse: (text: string, source: string) => S,
  check: (spec: S, base: import('../../model/params.ts').Params, years: number, source: string) => void,
): Promise<FileVerdict> {
  try {
    const spec = parse(text, file);
    const base = await loadBase(file, spec.base);
    if ('problems' in base) return { kind: 'invalid', problems: base.problems };
    check(spec, base.params, spec.years ?? base.params.run.years, file);
    return { kind: 'ok', what };
  } catch (err) {
    return { kind: 'invalid', problems: issuesOf(err) };
  }
}

/** Validates a calibration spec: parameters, groups and windows against its base. */
async function validateCalibration(file: string, text: string): Promise<FileVerdict> {
  const { checkCalibrationAgainstBase, parseCalibrationSpec } = await import('../../research/calibration/calibrationSpec.ts');
  return validateSpecWithBase(file, text, 'calibration', parseCalibrationSpec, checkCalibrationAgainstBase);
}

/** Validates a sensitivity spec: factors and output years against its base. */
async function validateSensitivity(file: string, text: string): Promise<FileVerdict> {
  const { checkSpecAgainstBase, parseSensitivitySpec } = await import('../../research/sensitivity/sensitivitySpec.ts');
  return validateSpecWithBase(file, text, 'sensitivity', parseSensitivitySpec, (spec, base, years, source) => checkSpecAgainstBase(spec, base, years, source));
}

/** Issues of a ScenarioError or SweepError; anything else is rethrown. */
function issuesOf(err: unknown): FileProblem[] {
  if (err && typeof err === 'object' && 'issues' in err && Array.isArray((err as { issues: unknown }).issues)) {
    return (err as { issues: FileProblem[] }).issues;
  }
  throw err;
}

/** Validates one file's text; `file` locates a sweep's base scenario. */
export async function validateText(file: string, text: string): Promise<FileVerdict> {
  if (isSchemaFile(file)) return { kind: 'skipped', why: 'a JSON Schema, not a scenario' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    parsed = undefined; // the parsers below name the JSON problem and where it is
  }
  if (looksLikeCalibration(file, parsed)) return validateCalibration(file, text);
  if (looksLikeSensitivity(file, parsed)) return validateSensitivity(file, text);
  if (!looksLikeSweep(file, parsed)) {
    const { parseScenario } = await import('../../input/scenario.ts');
    try {
      parseScenario(text, file);
      return { kind: 'ok', what: 'scenario' };
    } catch (err) {
      return { kind: 'invalid', problems: issuesOf(err) };
    }
  }
  const { parseSweep } = await import('../../research/sweep/sweep.ts');
  const { planSweep } = await import('../../research/sweep/sweepPlan.ts');
  try {
    const sweep = parseSweep(text, file);
    let base;
    if (typeof sweep.base === 'string') {
      const loaded = await loadBase(file, sweep.base);
      if ('problems' in loaded) return { kind: 'invalid', problems: loaded.problems };
      base = loaded.params;
    } else {
      base = sweep.inlineBase;
    }
    if (base) planSweep(sweep, base, file);
    return { kind: 'ok', what: 'sweep' };
  } catch (err) {
    return { kind: 'invalid', problems: issuesOf(err) };
  }
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { positionals } = parseArgs(args, [], 'validate');
  if (positionals.length === 0) throw new UsageError('validate: missing file (usage: tokensim validate <file>…)');
  const { readInputFile } = await import('../args/loadScenario.ts');
  let invalid = 0;
  for (const file of positionals) {
    let verdict: FileVerdict;
    try {
      verdict = await validateText(file, await readInputFile(file, 'file'));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      verdict = { kind: 'invalid', problems: [{ path: '(file)', message: err.message }] };
    }
    if (verdict.kind === 'ok') ctx.io.stdout(`ok ${file}\n`);
    else if (verdict.kind === 'skipped') ctx.io.stdout(`skipped ${file} (${verdict.why})\n`);
    else {
      invalid += 1;
      for (const p of verdict.problems) {
        ctx.io.stderr(p.path === '(file)' ? `tokensim: ${p.message}\n` : `tokensim: ${file}: ${p.path}: ${p.message}\n`);
      }
    }
  }
  return invalid > 0 ? 2 : 0;
}

export const validateCommand: Command = {
  ...CARDS.validate,
  usage: 'tokensim validate <file>…',
  flags: [],
  details: `Prints "ok <file>" for each valid file. Problems go to stderr as
"tokensim: <file>: <field path>: <reason>", one per line. Files under a sweeps/ directory,
or with "base" and "parameters" fields, are read as sweep files; files under a sensitivity/
directory, or with "factors" and "outputs" fields, as sensitivity specs; files under a
calibration/ directory, or with "parameters" and "moments" fields, as calibration specs;
*.schema.json is skipped.

Example:
  tokensim validate scenarios/*.json scenarios/sweeps/*.json scenarios/sensitivity/*.json scenarios/calibration/*.json`,
  run,
};
