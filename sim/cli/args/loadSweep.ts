/**
 * Reads a sweep file and its base scenario and expands them into a plan. Every way the
 * inputs can be unusable — a missing file, bad JSON, a wrong field, a base that does not
 * validate, a point that is not a valid scenario — becomes one UsageError line naming the
 * file and the field.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Params } from '../../model/params.ts';
import { parseSweep, SweepError, type Sweep } from '../../research/sweep/sweep.ts';
import { planSweep, type SweepPlan } from '../../research/sweep/sweepPlan.ts';
import { loadScenario } from './loadScenario.ts';
import { UsageError } from './parseArgs.ts';

function readFailure(err: unknown): string {
  const code = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a sweep file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/** Plans a validated sweep over a resolved base; SweepError → UsageError. */
export function planOrUsageError(sweep: Sweep, base: Params, source: string): SweepPlan {
  try {
    return planSweep(sweep, base, source);
  } catch (err) {
    if (err instanceof SweepError) throw new UsageError(err.message);
    throw err;
  }
}

/** Loads `file`, its base scenario (relative to the sweep file) and plans the sweep. */
export async function loadSweep(file: string): Promise<SweepPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read sweep file ${file}: ${readFailure(err)}`);
  }
  let sweep: Sweep;
  try {
    sweep = parseSweep(text, file);
  } catch (err) {
    if (err instanceof SweepError) throw new UsageError(err.message);
    throw err;
  }
  let base: Params;
  if (sweep.inlineBase) base = sweep.inlineBase;
  else {
    const basePath = path.isAbsolute(sweep.base as string) ? (sweep.base as string) : path.join(path.dirname(file), sweep.base as string);
    try {
      base = await loadScenario(basePath);
    } catch (err) {
      if (err instanceof UsageError) throw new UsageError(`${file}: base: ${err.message}`);
      throw err;
    }
  }
  return planOrUsageError(sweep, base, file);
}
