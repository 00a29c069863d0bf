/**
 * "What drives this result": the precomputed Morris screening of a scenario
 * (docs/sensitivity/<scenario>.json, written by `npm run drivers`), read and checked for the
 * page. Pure: takes the parsed files, returns what the panel shows.
 */
import { isFirmTypeWildcard, specFor } from '../../sim/model/paramPaths.ts';

export interface DriverRow {
  path: string;
  /** Label and unit from the parameter metadata (the path when it has none). */
  label: string;
  /** μ* normalised within each output and averaged over outputs, in [0, 1]. */
  score: number;
}

export interface DriverView {
  scenario: string;
  runs: number;
  engineers: number;
  years: number;
  outputs: string[];
  rows: DriverRow[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Label of a parameter path; `firmTypes.*` paths say "(every firm type)". */
export function driverLabel(path: string): string {
  const spec = specFor(path);
  if (!spec) return path;
  return isFirmTypeWildcard(path) ? `${spec.label} (every firm type)` : spec.label;
}

/**
 * The panel's view of one screening file, or undefined when the file is missing or not of
 * the expected shape (the panel then says so rather than showing wrong numbers).
 */
export function driverView(file: unknown, top = 6): DriverView | undefined {
  if (!isObject(file) || !Array.isArray(file.ranking) || !Array.isArray(file.results)) return undefined;
  const rows: DriverRow[] = [];
  for (const r of file.ranking) {
    if (!isObject(r) || typeof r.path !== 'string' || typeof r.score !== 'number' || !Number.isFinite(r.score)) return undefined;
    rows.push({ path: r.path, label: driverLabel(r.path), score: r.score });
  }
  const outputs = file.results.flatMap((x) =>
    isObject(x) && isObject(x.output) && typeof x.output.metric === 'string' ? [`${x.output.metric} (year ${String(x.output.year)})`] : [],
  );
  return {
    scenario: String(file.name ?? '').replace(/-drivers$/, ''),
    runs: Number(file.runs),
    engineers: Number(file.engineers),
    years: Number(file.years),
    outputs,
    rows: rows.slice(0, top),
  };
}

/** Files keyed by scenario name from a glob of docs/sensitivity/*.json (drivers.json is the summary, skipped). */
export function driverFilesByScenario(files: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [path, value] of Object.entries(files)) {
    const name = path.split('/').pop()!.replace(/\.json$/, '');
    if (name !== 'drivers') out.set(name, value);
  }
  return out;
}
