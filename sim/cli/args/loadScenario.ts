/**
 * Reads and validates a scenario file for the CLI. Every way a scenario can be unusable —
 * missing, unreadable, not JSON, a wrong field — becomes one UsageError line naming the file
 * (and, from the validator, the field path and the reason).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson, hashString } from '../../lib/hash.ts';
import type { Params } from '../../model/params.ts';
import { parseScenario, ScenarioError } from '../../input/scenario.ts';
import { UsageError } from './parseArgs.ts';
import { applyRunOverrides } from './runArgs.ts';
import { PACKAGE_ROOT_URL } from '../packageRoot.ts';

/** Why a file could not be read, in words, from a Node error code. */
function readFailure(err: unknown): string {
  const code = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a scenario file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/** The repository's scenarios/ (relative to this file, not the working directory). */
const BUNDLED_SCENARIOS = fileURLToPath(new URL('scenarios/', PACKAGE_ROOT_URL));

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * For a file that does not exist, the file the user probably meant: the name with `.json`, or
 * under scenarios/ here or in the repository (`tokensim run baseline`); undefined if none is.
 */
export function likelyFile(file: string): string | undefined {
  const names = file.endsWith('.json') ? [file] : [`${file}.json`, file];
  const candidates = [
    ...(file.endsWith('.json') ? [] : [`${file}.json`]),
    ...names.map((n) => path.join('scenarios', n)),
    ...(path.isAbsolute(file) ? [] : names.map((n) => path.join(BUNDLED_SCENARIOS, n))),
  ];
  return candidates.find(isFile);
}

/** A scenario file as read: its resolved parameters and the hash of its contents. */
export interface LoadedScenario {
  /** The path as given. */
  source: string;
  params: Params;
  /** Hash of the file's JSON with keys sorted: the same for the same fields, however formatted. */
  scenarioHash: string;
}

/** Reads `file` as text; throws UsageError naming the file and why it cannot be read. */
export async function readInputFile(file: string, what = 'scenario file'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? (err as NodeJS.ErrnoException).code : undefined;
    const meant = code === 'ENOENT' ? likelyFile(file) : undefined;
    throw new UsageError(`cannot read ${what} ${file}: ${readFailure(err)}${meant === undefined ? '' : `; did you mean ${meant}?`}`);
  }
}

/** Hash of scenario JSON text (valid JSON), insensitive to formatting and key order. */
export function scenarioHash(text: string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return hashString(canonicalJson(JSON.parse(body)));
}

/** Loads and validates `file`; throws UsageError when it is unusable. */
export async function loadScenarioFile(file: string): Promise<LoadedScenario> {
  const text = await readInputFile(file);
  try {
    const params = parseScenario(text, file);
    return { source: file, params, scenarioHash: scenarioHash(text) };
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw err;
  }
}

/** Loads `file` and returns its resolved parameters; throws UsageError when it is unusable. */
export async function loadScenario(file: string): Promise<Params> {
  return (await loadScenarioFile(file)).params;
}

/**
 * Loads every file in order (the first unusable one throws) and applies `--engineers` and
 * `--years` to each scenario's parameters.
 */
export async function loadScenarios(
  files: readonly string[],
  overrides: { engineers?: number; years?: number },
): Promise<LoadedScenario[]> {
  const out: LoadedScenario[] = [];
  for (const file of files) {
    const loaded = await loadScenarioFile(file);
    out.push({ ...loaded, params: applyRunOverrides(loaded.params, overrides) });
  }
  return out;
}
