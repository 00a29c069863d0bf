/**
 * Reads and validates a scenario file for the CLI. Every way a scenario can be unusable —
 * missing, unreadable, not JSON, a wrong field — becomes one UsageError line naming the file
 * (and, from the validator, the field path and the reason).
 */
import { readFile } from 'node:fs/promises';
import type { Params } from '../params.ts';
import { parseScenario, ScenarioError } from '../scenario.ts';
import { UsageError } from './parseArgs.ts';

/** Why a file could not be read, in words, from a Node error code. */
function readFailure(err: unknown): string {
  const code = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a scenario file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/** Loads `file` and returns its resolved parameters; throws UsageError when it is unusable. */
export async function loadScenario(file: string): Promise<Params> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read scenario file ${file}: ${readFailure(err)}`);
  }
  try {
    return parseScenario(text, file);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw err;
  }
}
