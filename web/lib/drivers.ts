/**
 * "What drives this result": the precomputed Morris screening of a scenario
 * (docs/sensitivity/<scenario>.json, written by `npm run drivers`), read and checked for the
 * page. Pure: takes the parsed files, returns what the panel shows.
 */
import { isFirmTypeWildcard, specFor } from '../../sim/model/paramPaths.ts';

/** Which way raising a parameter moves one outcome: `mixed` when the sign depends on the other settings. */
export type Direction = 'up' | 'down' | 'mixed';

export interface DriverEffect {
  /** The outcome in a few words ("cash pay"). */
  outcome: string;
  direction: Direction;
  /** μ* relative to the largest μ* for this outcome, in [0, 1]. */
  strength: number;
}

export interface DriverRow {
  path: string;
  /** Label and unit from the parameter metadata (the path when it has none). */
  label: string;
  /** μ* normalised within each output and averaged over outputs, in [0, 1]. */
  score: number;
  /** Per outcome, which way the parameter moves it and how strongly. */
  effects: DriverEffect[];
}

export interface DriverView {
  scenario: string;
  runs: number;
  engineers: number;
  years: number;
  outputs: string[];
  /** The outcomes in a few words ("cash pay"), in the file's order. */
  outcomes: string[];
  rows: DriverRow[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Outcomes of the screenings in a few words. */
const OUTCOME_WORDS: Record<string, string> = {
  cash_base_median: 'cash pay',
  headcount: 'headcount',
  poaching_premium_median: 'premium to poach',
  wealth_median: 'wealth',
  token_spend_to_payroll: 'token spend',
  total_comp_mean: 'total pay',
  quit_rate_annual: 'quits',
};

/**
 * The direction of an effect from Morris' μ (signed mean) and μ* (mean absolute): one sign
 * when |μ| is at least half of μ*, else mixed.
 */
export function direction(mu: number, muStar: number): Direction {
  if (!(muStar > 0) || Math.abs(mu) < 0.5 * muStar) return 'mixed';
  return mu > 0 ? 'up' : 'down';
}

/** Per ranked path, its effect on each outcome of the file's results (skipping malformed entries). */
function effectsOf(results: unknown[]): Map<string, DriverEffect[]> {
  const out = new Map<string, DriverEffect[]>();
  for (const r of results) {
    if (!isObject(r) || !isObject(r.output) || !Array.isArray(r.morris)) continue;
    const metric = String(r.output.metric);
    const entries = r.morris.filter((m): m is { path: string; mu: number; muStar: number } => isObject(m) && typeof m.path === 'string' && typeof m.mu === 'number' && typeof m.muStar === 'number');
    const top = Math.max(0, ...entries.map((m) => m.muStar));
    for (const m of entries) {
      const list = out.get(m.path) ?? [];
      list.push({ outcome: OUTCOME_WORDS[metric] ?? metric, direction: direction(m.mu, m.muStar), strength: top > 0 ? m.muStar / top : 0 });
      out.set(m.path, list);
    }
  }
  return out;
}

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
  const effects = effectsOf(file.results);
  for (const r of file.ranking) {
    if (!isObject(r) || typeof r.path !== 'string' || typeof r.score !== 'number' || !Number.isFinite(r.score)) return undefined;
    rows.push({ path: r.path, label: driverLabel(r.path), score: r.score, effects: effects.get(r.path) ?? [] });
  }
  const outputs = file.results.flatMap((x) =>
    isObject(x) && isObject(x.output) && typeof x.output.metric === 'string' ? [`${x.output.metric} (year ${String(x.output.year)})`] : [],
  );
  const outcomes = file.results.flatMap((x) => (isObject(x) && isObject(x.output) && typeof x.output.metric === 'string' ? [OUTCOME_WORDS[x.output.metric] ?? x.output.metric] : []));
  return {
    outcomes,
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

/** The panel's rows as CSV: one line per parameter and outcome, with the score, direction and strength. */
export function driversCsv(view: DriverView): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['scenario,parameter,label,score,outcome,direction,strength'];
  for (const r of view.rows) {
    for (const e of r.effects) lines.push([view.scenario, r.path, quote(r.label), r.score.toFixed(4), quote(e.outcome), e.direction, e.strength.toFixed(4)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
