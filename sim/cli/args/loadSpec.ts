/**
 * Reading a spec file that names a base scenario (sensitivity and calibration specs): the
 * file's text, the parsed spec (its own errors turned into one-line usage errors), and the
 * base scenario resolved against the spec's folder with the run size applied — the command's
 * `--engineers` / `--years` first, then the spec's own `engineers` / `years`.
 */
import path from 'node:path';
import type { Params } from '../../model/params.ts';
import { UsageError } from './parseArgs.ts';
import { loadScenarioFile, readInputFile } from './loadScenario.ts';

export interface LoadedSpec<S> {
  spec: S;
  specText: string;
  /** The base scenario's path, resolved against the spec's folder. */
  baseSource: string;
  /** The base's parameters with the run size applied. */
  base: Params;
}

export async function loadSpecWithBase<S extends { base: string; engineers?: number; years?: number }>(
  file: string,
  what: string,
  parse: (text: string, source: string) => S,
  isSpecError: (err: unknown) => boolean,
  sizes: { engineers?: number; years?: number },
): Promise<LoadedSpec<S>> {
  const specText = await readInputFile(file, what);
  let spec: S;
  try {
    spec = parse(specText, file);
  } catch (err) {
    if (isSpecError(err)) throw new UsageError((err as Error).message);
    throw err;
  }
  const baseSource = path.resolve(path.dirname(file), spec.base);
  const base = (await loadScenarioFile(baseSource)).params;
  const engineers = sizes.engineers ?? spec.engineers;
  const years = sizes.years ?? spec.years;
  if (engineers !== undefined) base.run.engineers = engineers;
  if (years !== undefined) base.run.years = years;
  return { spec, specText, baseSource, base };
}
