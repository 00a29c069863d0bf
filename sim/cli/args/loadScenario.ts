/**
 * Reads and validates a scenario file for the CLI. Every way a scenario can be unusable —
 * missing, unreadable, not JSON, a wrong field — becomes one UsageError line naming the file
 * (and, from the validator, the field path and the reason).
 */
import { readFile } from 'node:fs/promises';
import { canonicalJson, hashString } from '../../lib/hash.ts';
import type { Params } from '../../model/params.ts';
import { parseScenario, ScenarioError } from '../../input/scenario.ts';
import { UsageError } from './parseArgs.ts';
import { applyRunOverrides } from './runArgs.ts';

/** Why a file could not be read, in words, from a Node error code. */
function readFailure(err: unknown): string {
  const code = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a scenario file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
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
    throw new UsageError(`cannot read ${what} ${file}: ${readFailure(err)}`);
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
