/**
 * `tokensim check [--update]`: the seeded regression check. Runs every scenario under
 * scenarios/ at the small size of CHECK_SIZE (sim/research/checks/golden.ts) with its fixed seeds, and
 * compares each metric of the group `all` at the end of each year with test/golden/<name>.json
 * (tolerances: GOLDEN_TOLERANCE). Exit 0 when everything matches; 1 with a table of the
 * differences (scenario, metric, group, seed, month, expected, got); 2 on bad usage or a bad
 * scenario file. `--update` rewrites the golden files instead. `--hashes` also prints each
 * check run's parameter and result hash: the SHA-256 hashes `tokensim run` writes to
 * manifest.json for the same scenario, size and seed.
 * `runCheck` is the same check in-process, with an optional parameter perturbation for tests.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHECK_SIZE,
  compareGolden,
  formatDifferences,
  goldenFromResults,
  goldenText,
  parseGolden,
  settingsMismatch,
  type GoldenDifference,
} from '../../research/checks/golden.ts';
import type { Params } from '../../model/params.ts';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { groupThousands } from '../output/groupThousands.ts';
import { loadScenario } from '../args/loadScenario.ts';
import { numberFlag, parseArgs, stringFlag, UsageError, type FlagSpec } from '../args/parseArgs.ts';
import { writeFileAtomic } from '../output/atomicOutput.ts';
import { PACKAGE_ROOT_URL } from '../packageRoot.ts';

/** The repository's scenarios/ and test/golden/ (relative to this file, not the working directory). */
export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('scenarios/', PACKAGE_ROOT_URL));
export const DEFAULT_GOLDEN_DIR = fileURLToPath(new URL('test/golden/', PACKAGE_ROOT_URL));

export interface CheckOptions {
  scenariosDir?: string;
  goldenDir?: string;
  /** Rewrite the golden files instead of comparing. */
  update?: boolean;
  /** Changes each scenario's parameters before it runs (tests: show the check catches a change). */
  perturb?: (params: Params) => void;
  /** Only these scenario names (default: every scenario file). */
  only?: readonly string[];
}

/** One check run's provenance: the hashes `tokensim run` reports for it. */
export interface CheckRun {
  scenario: string;
  seed: number;
  paramsHash: string;
  resultHash: string;
}

export interface CheckOutcome {
  /** Scenario names checked, in order. */
  scenarios: string[];
  /** Every run made, scenario by scenario, in CHECK_SIZE seed order. */
  runs: CheckRun[];
  differences: GoldenDifference[];
  /** Whole-file problems: a missing or stale golden file, other settings. */
  problems: string[];
  /** With update: golden files written (changed or new), unchanged, removed. */
  written: string[];
  unchanged: number;
  removed: string[];
}

/** Scenario files in `dir` (not the JSON Schemas), sorted. */
async function scenarioFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new UsageError(`check: cannot read the scenarios directory ${dir}`);
  }
  return names.filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json')).sort();
}

const readText = (file: string): Promise<string | undefined> => readFile(file, 'utf8').catch(() => undefined);

/** The check (or, with `update`, the rewrite of the golden files), in-process. */
export async function runCheck(options: CheckOptions = {}): Promise<CheckOutcome> {
  const scenariosDir = options.scenariosDir ?? DEFAULT_SCENARIOS_DIR;
  const goldenDir = options.goldenDir ?? DEFAULT_GOLDEN_DIR;
  const { simulate } = await import('../../run/simulate.ts');
  let files = await scenarioFiles(scenariosDir);
  if (options.only) {
    const wanted = new Set(options.only);
    files = files.filter((f) => wanted.has(f.replace(/\.json$/, '')));
  }
  const outcome: CheckOutcome = { scenarios: [], runs: [], differences: [], problems: [], written: [], unchanged: 0, removed: [] };
  for (const file of files) {
    const name = file.replace(/\.json$/, '');
    const params = await loadScenario(path.join(scenariosDir, file));
    params.run.engineers = CHECK_SIZE.engineers;
    params.run.years = CHECK_SIZE.years;
    options.perturb?.(params);
    const results = CHECK_SIZE.seeds.map((seed) => simulate(params, seed));
    const actual = goldenFromResults(name, results);
    outcome.scenarios.push(name);
    for (const r of results) outcome.runs.push({ scenario: name, seed: r.seed, paramsHash: r.paramsHash, resultHash: r.resultHash });
    const goldenFile = path.join(goldenDir, `${name}.json`);
    const stored = await readText(goldenFile);
    if (options.update) {
      const text = goldenText(actual);
      if (stored === text) outcome.unchanged += 1;
      else {
        await writeFileAtomic(goldenFile, text);
        outcome.written.push(goldenFile);
      }
      continue;
    }
    if (stored === undefined) {
      outcome.problems.push(`${name}: no golden file ${goldenFile} (run tokensim check --update)`);
      continue;
    }
    let expected;
    try {
      expected = parseGolden(stored);
    } catch (err) {
      outcome.problems.push(`${name}: ${goldenFile}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const mismatch = settingsMismatch(expected);
    if (mismatch) {
      outcome.problems.push(`${name}: ${goldenFile} was ${mismatch} (run tokensim check --update)`);
      continue;
    }
    outcome.differences.push(...compareGolden(expected, actual));
  }
  if (!options.only) {
    const known = new Set(outcome.scenarios);
    const goldens = (await readdir(goldenDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    for (const g of goldens) {
      const name = g.replace(/\.json$/, '');
      if (known.has(name)) continue;
      const file = path.join(goldenDir, g);
      if (options.update) {
        await rm(file, { force: true });
        outcome.removed.push(file);
      } else outcome.problems.push(`${name}: golden file ${file} has no scenario in ${scenariosDir} (run tokensim check --update to remove it)`);
    }
  }
  return outcome;
}

export const CHECK_FLAGS: readonly FlagSpec[] = [
  { name: 'update', kind: 'boolean', description: 'Rewrite the golden files from this code instead of comparing' },
  { name: 'hashes', kind: 'boolean', description: "Also print each run's parameter and result hash (SHA-256), as tokensim run writes them" },
  { name: 'scenarios', kind: 'string', placeholder: '<dir>', description: "Scenario files to check (default: the repository's scenarios/)" },
  { name: 'golden', kind: 'string', placeholder: '<dir>', description: "Golden files (default: the repository's test/golden/)" },
  { name: 'max-rows', kind: 'integer', placeholder: '<n>', description: 'Rows of the differences table to print; 0 prints all', min: 0, max: 1_000_000, defaultValue: 50 },
];

const SIZE_TEXT = `${groupThousands(CHECK_SIZE.engineers)} engineers, ${CHECK_SIZE.years} years, seeds ${CHECK_SIZE.seeds.join(' and ')}; group ${CHECK_SIZE.group}, months ${CHECK_SIZE.months.join(', ')}`;

const DETAILS = `Each scenario runs at ${SIZE_TEXT}.
Values are rounded to 6 significant digits and must match exactly (tolerances: sim/research/checks/golden.ts).
Exit 0: all match; 1: differences (a table is printed) or a missing/stale golden file; 2: bad usage.

Examples:
  tokensim check
  tokensim check --hashes     # the same hashes as: tokensim run <scenario> --engineers 1000 --years 3 --seeds 1..2
  tokensim check --update     # after an intended model change; commit test/golden/`;

/** One line per run: scenario, seed, parameter hash, result hash (after a header line). */
export function formatCheckHashes(runs: readonly CheckRun[]): string {
  const width = Math.max('scenario'.length, ...runs.map((r) => r.scenario.length));
  const line = (cells: string[]): string => [cells[0].padEnd(width), cells[1].padStart(4), cells[2], cells[3]].join('  ').trimEnd();
  const head = line(['scenario', 'seed', 'paramsHash'.padEnd(64), 'resultHash']);
  return [head, ...runs.map((r) => line([r.scenario, String(r.seed), r.paramsHash, r.resultHash]))].join('\n') + '\n';
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, CHECK_FLAGS, 'check');
  if (parsed.positionals.length > 0) throw new UsageError(`check: unexpected argument '${parsed.positionals[0]}' (check takes no files; see --scenarios)`);
  const update = parsed.flags.get('update') === true;
  const goldenDir = stringFlag(parsed, 'golden') ?? DEFAULT_GOLDEN_DIR;
  const outcome = await runCheck({ update, scenariosDir: stringFlag(parsed, 'scenarios'), goldenDir });
  const n = outcome.scenarios.length;
  if (parsed.flags.get('hashes') === true) ctx.io.stdout(formatCheckHashes(outcome.runs));
  if (update) {
    ctx.io.stdout(
      `check --update: ${n} scenarios at ${SIZE_TEXT}: wrote ${outcome.written.length} golden file${outcome.written.length === 1 ? '' : 's'}, ${outcome.unchanged} unchanged${outcome.removed.length > 0 ? `, removed ${outcome.removed.length}` : ''} in ${goldenDir}\n`,
    );
    return 0;
  }
  if (outcome.differences.length === 0 && outcome.problems.length === 0) {
    ctx.io.stdout(`check: ${n} scenarios match ${goldenDir} (${SIZE_TEXT})\n`);
    return 0;
  }
  const parts: string[] = [];
  if (outcome.differences.length > 0) parts.push(formatDifferences(outcome.differences, numberFlag(parsed, 'max-rows') ?? 50));
  if (outcome.problems.length > 0) parts.push(outcome.problems.join('\n') + '\n');
  parts.push('check: FAILED — if the change is intended, run tokensim check --update and commit test/golden/\n');
  ctx.io.stdout(parts.join('\n'));
  return 1;
}

export const checkCommand: Command = {
  ...CARDS.check,
  usage: 'tokensim check [--update] [--hashes] [--scenarios <dir>] [--golden <dir>] [--max-rows <n>]',
  flags: CHECK_FLAGS,
  details: DETAILS,
  run,
};
