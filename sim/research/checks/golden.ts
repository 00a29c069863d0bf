/**
 * Golden snapshots for the seeded regression check (`tokensim check`): what is run, what is
 * kept, how values are rounded and how far each metric may move — all stated here, once.
 * A golden file holds, for one scenario, every metric of the group `all` at the end of each
 * year, for each check seed, rounded to GOLDEN_DIGITS significant digits. Pure module.
 */
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import type { Result } from '../../run/result.ts';

/**
 * The run the check makes of every scenario: small enough for CI (all scenarios × both seeds
 * in a few seconds), large enough that every mechanism acts (hiring, quarterly CFO, annual
 * reviews, firm exits) within the horizon.
 */
export const CHECK_SIZE = {
  engineers: 1_000,
  years: 3,
  seeds: [1, 2],
  /** Months kept, 1-based as in series.csv (month 12 = the state at the end of year 1). */
  months: [12, 24, 36],
  group: 'all',
} as const;

/** Significant digits golden values are rounded to (and results before comparison). */
export const GOLDEN_DIGITS = 6;

/**
 * Allowed change per metric, as a share of the golden value, after both sides are rounded to
 * GOLDEN_DIGITS significant digits. Every metric is exact (0): the engine is deterministic
 * (named seeded streams, fixed iteration order) and uses only operations IEEE 754 defines
 * exactly plus its own exp, log and pow (sim/lib/dmath.ts), so it gives the same bits on every
 * machine and JavaScript engine — any difference is a change in the model. A tolerance would
 * not absorb such a change anyway: one flipped discrete decision (a hire, a quit) moves a
 * 1,000-engineer run by far more than float noise. A metric gets an entry here only with its
 * reason written beside it.
 */
export const GOLDEN_TOLERANCE: Readonly<Record<string, number>> = {};

/** The tolerance of `metric` (0 = exact after rounding). */
export const toleranceOf = (metric: string): number => GOLDEN_TOLERANCE[metric] ?? 0;

/** A value as stored: rounded, or null for NaN (JSON has no NaN). */
export type GoldenValue = number | null;

export interface GoldenFile {
  scenario: string;
  engineers: number;
  years: number;
  seeds: number[];
  group: string;
  months: number[];
  digits: number;
  /** metric → seed → one value per kept month. */
  values: Record<string, Record<string, GoldenValue[]>>;
}

/** Rounds to GOLDEN_DIGITS significant digits; NaN (and ±Infinity, which no metric reports) → null. */
export function roundGolden(x: number): GoldenValue {
  if (!Number.isFinite(x)) return null;
  const r = Number(x.toPrecision(GOLDEN_DIGITS));
  return r === 0 ? 0 : r; // no -0
}

/** The golden snapshot of one scenario from its check runs (one per CHECK_SIZE seed, in that order). */
export function goldenFromResults(scenario: string, results: readonly Result[]): GoldenFile {
  const values: GoldenFile['values'] = {};
  for (const def of METRIC_DEFS) {
    const bySeed: Record<string, GoldenValue[]> = {};
    for (const r of results) {
      const s = r.series.find((x) => x.metric === def.name && x.group === CHECK_SIZE.group);
      if (!s) continue;
      bySeed[String(r.seed)] = CHECK_SIZE.months.map((m) => roundGolden(s.values[m - 1]));
    }
    if (Object.keys(bySeed).length > 0) values[def.name] = bySeed;
  }
  return {
    scenario,
    engineers: CHECK_SIZE.engineers,
    years: CHECK_SIZE.years,
    seeds: results.map((r) => r.seed),
    group: CHECK_SIZE.group,
    months: [...CHECK_SIZE.months],
    digits: GOLDEN_DIGITS,
    values,
  };
}

/** The file text: one metric per line, so a diff shows which metrics moved. */
export function goldenText(g: GoldenFile): string {
  const { values, ...head } = g;
  const headLines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const metricLines = Object.entries(values).map(([metric, bySeed]) => `    ${JSON.stringify(metric)}: ${JSON.stringify(bySeed)}`);
  return `{\n${headLines.join('\n')}\n  "values": {\n${metricLines.join(',\n')}\n  }\n}\n`;
}

/** Parses a golden file; throws with the reason when it is not one. */
export function parseGolden(text: string): GoldenFile {
  const g = JSON.parse(text) as Partial<GoldenFile>;
  if (typeof g.scenario !== 'string' || typeof g.values !== 'object' || g.values === null || !Array.isArray(g.months) || !Array.isArray(g.seeds)) {
    throw new Error('not a golden file (needs scenario, seeds, months and values)');
  }
  return g as GoldenFile;
}

/** Why a golden file was made with other settings than CHECK_SIZE, or undefined. */
export function settingsMismatch(g: GoldenFile): string | undefined {
  const want = { engineers: CHECK_SIZE.engineers, years: CHECK_SIZE.years, seeds: CHECK_SIZE.seeds, group: CHECK_SIZE.group, months: CHECK_SIZE.months, digits: GOLDEN_DIGITS };
  const have = { engineers: g.engineers, years: g.years, seeds: g.seeds, group: g.group, months: g.months, digits: g.digits };
  for (const key of Object.keys(want) as (keyof typeof want)[]) {
    if (JSON.stringify(want[key]) !== JSON.stringify(have[key])) return `made with ${key} ${JSON.stringify(have[key])}, the check uses ${JSON.stringify(want[key])}`;
  }
  return undefined;
}

/** One value that moved (or appeared, or vanished). */
export interface GoldenDifference {
  scenario: string;
  metric: string;
  group: string;
  seed: number;
  month: number;
  /** undefined: not in the golden file (a new metric). */
  expected: GoldenValue | undefined;
  /** undefined: no longer reported (a removed metric). */
  got: GoldenValue | undefined;
}

function within(expected: GoldenValue, got: GoldenValue, tolerance: number): boolean {
  if (expected === null || got === null) return expected === got;
  if (expected === got) return true;
  return Math.abs(got - expected) <= tolerance * Math.abs(expected);
}

/** Every value of `actual` that differs from `expected` beyond its metric's tolerance. */
export function compareGolden(expected: GoldenFile, actual: GoldenFile): GoldenDifference[] {
  const out: GoldenDifference[] = [];
  const metrics = [...new Set([...Object.keys(actual.values), ...Object.keys(expected.values)])];
  for (const metric of metrics) {
    for (const seed of actual.seeds) {
      const want = expected.values[metric]?.[String(seed)];
      const have = actual.values[metric]?.[String(seed)];
      actual.months.forEach((month, k) => {
        const e = want?.[k];
        const g = have?.[k];
        if (e === undefined || g === undefined) {
          if (e !== g) out.push({ scenario: actual.scenario, metric, group: actual.group, seed, month, expected: e, got: g });
        } else if (!within(e, g, toleranceOf(metric))) {
          out.push({ scenario: actual.scenario, metric, group: actual.group, seed, month, expected: e, got: g });
        }
      });
    }
  }
  return out;
}

const showValue = (v: GoldenValue | undefined): string => (v === undefined ? '(none)' : v === null ? 'NaN' : String(v));

function change(d: GoldenDifference): string {
  if (typeof d.expected !== 'number' || typeof d.got !== 'number') return '';
  if (d.expected === 0) return d.got === 0 ? '0%' : 'from 0';
  const pct = (100 * (d.got - d.expected)) / Math.abs(d.expected);
  return `${pct >= 0 ? '+' : ''}${Math.abs(pct) >= 0.01 ? pct.toFixed(2) : pct.toPrecision(2)}%`;
}

/** The differences as an aligned table (at most `maxRows` rows; 0 = all), with a closing count. */
export function formatDifferences(diffs: readonly GoldenDifference[], maxRows = 50): string {
  const header = ['scenario', 'metric', 'group', 'seed', 'month', 'expected', 'got', 'change'];
  const shown = maxRows > 0 ? diffs.slice(0, maxRows) : diffs;
  const rows = shown.map((d) => [d.scenario, d.metric, d.group, String(d.seed), String(d.month), showValue(d.expected), showValue(d.got), change(d)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const right = new Set([3, 4, 5, 6, 7]);
  const fmt = (r: string[]): string => r.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const scenarios = new Set(diffs.map((d) => d.scenario)).size;
  const lines = [fmt(header), ...rows.map(fmt)];
  if (shown.length < diffs.length) lines.push(`… and ${diffs.length - shown.length} more (--max-rows 0 shows all)`);
  lines.push(`${diffs.length} value${diffs.length === 1 ? ' differs' : 's differ'} in ${scenarios} scenario${scenarios === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}
