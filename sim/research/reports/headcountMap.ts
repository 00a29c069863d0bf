/**
 * The honest answer to "does cheaper compute cut or add engineers?" is a map: over σ (people vs
 * compute) and the growth of agents' autonomy, headcount and pay at the horizon with the
 * default AI paths against the same σ with AI frozen (the token price rising with the outside
 * wage, capability, the orchestration cap and autonomy held at month 0), paired seeds.
 * Pure: the grid, the scenarios of each cell and the summary of finished runs.
 */
import { cloneParams } from '../../model/params.ts';
import type { Params } from '../../model/params.ts';
import { findSeries, type Result } from '../../run/result.ts';
import type { MetricName } from '../../run/metricDefs.ts';
import { meanInterval } from './pairedDifferences.ts';

/** σ values (columns of the map) and long-run autonomy growth, × per year (rows). */
export const MAP_SIGMAS = [0.5, 0.8, 1, 1.5, 2, 3] as const;
export const MAP_AUTONOMY_GROWTH = [1, 1.15, 1.3, 1.6, 2] as const;

/** One cell's scenario: `base` with σ and the autonomy path's long-run growth (first year ×max(2, g)). */
export function mapCell(base: Params, sigma: number, autonomyGrowth: number): Params {
  const p = cloneParams(base);
  p.production.sigma = sigma;
  p.market.autonomyGrowthLongRun = autonomyGrowth;
  p.market.autonomyGrowthFirstYear = Math.max(2, autonomyGrowth);
  return p;
}

/** The counterfactual at σ: `base` with AI frozen in real terms (as in baseline-static's market). */
export function frozenCell(base: Params, sigma: number): Params {
  const p = cloneParams(base);
  p.production.sigma = sigma;
  const m = p.market;
  m.priceDeclineFirstYear = m.priceDeclineLongRun = 1 / p.supply.outsideWageGrowthPerYear;
  m.capabilityGrowthFirstYear = m.capabilityGrowthLongRun = 1;
  m.orchestrationCapGrowthFirstYear = m.orchestrationCapGrowthLongRun = 1;
  m.autonomyGrowthFirstYear = m.autonomyGrowthLongRun = 1;
  return p;
}

/** A mean and its 95 % interval (t-interval over paired seeds of the log ratio, shown as a % change). */
export interface MapValue {
  change: number;
  lo95: number;
  hi95: number;
}

export interface MapCell {
  sigma: number;
  autonomyGrowth: number;
  /** Headcount at the horizon, AI paths ÷ AI frozen − 1. */
  headcount: MapValue;
  /** Mean base cash at the horizon, AI paths ÷ AI frozen − 1. */
  cash: MapValue;
  /** Autonomous compute's share of compute at the horizon (mean over seeds). */
  agentShare: number;
}

export interface HeadcountMap {
  scenario: string;
  engineers: number;
  years: number;
  seeds: number[];
  sigmas: number[];
  autonomyGrowth: number[];
  cells: MapCell[];
}

function last(r: Result, metric: MetricName): number {
  const s = findSeries(r, metric, 'all');
  if (!s) throw new Error(`no series ${metric}`);
  return s[s.length - 1];
}

/** Paired log ratio of `metric` at the horizon, as a % change with its interval (exp of the log bounds). */
export function pairedChange(ai: Result[], frozen: Result[], metric: MetricName): MapValue {
  const logs = ai.map((r, k) => Math.log(last(r, metric) / last(frozen[k], metric)));
  const m = meanInterval(logs);
  return { change: Math.exp(m.mean) - 1, lo95: Math.exp(m.lo95) - 1, hi95: Math.exp(m.hi95) - 1 };
}

export function mapCellSummary(sigma: number, autonomyGrowth: number, ai: Result[], frozen: Result[]): MapCell {
  let agents = 0;
  for (const r of ai) agents += last(r, 'autonomous_compute_share') / ai.length;
  return { sigma, autonomyGrowth, headcount: pairedChange(ai, frozen, 'headcount'), cash: pairedChange(ai, frozen, 'cash_base_mean'), agentShare: agents };
}

const pct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(0)} %`;

/** The map as Markdown: headcount and pay tables (rows: autonomy growth, columns: σ). */
export function headcountMapMarkdown(map: HeadcountMap): string {
  const cell = (s: number, g: number) => map.cells.find((c) => c.sigma === s && c.autonomyGrowth === g)!;
  const table = (title: string, pick: (c: MapCell) => string): string[] => [
    `**${title}**`,
    '',
    `| autonomy growth (× a year) | ${map.sigmas.map((s) => `σ = ${s}`).join(' | ')} |`,
    `|---|${map.sigmas.map(() => '---').join('|')}|`,
    ...map.autonomyGrowth.map((g) => `| ${g} | ${map.sigmas.map((s) => pick(cell(s, g))).join(' | ')} |`),
    '',
  ];
  const withInterval = (v: MapValue) => `${pct(v.change)} (${pct(v.lo95)} to ${pct(v.hi95)})`;
  return [
    `Headcount and pay at year ${map.years} with the default AI paths, against the same σ with AI frozen (the token price rising with the outside wage; capability, the orchestration cap and agents' autonomy held at month 0). ` +
      `Scenario \`${map.scenario}\` at ${map.engineers.toLocaleString('en-US')} engineers, seeds ${map.seeds[0]}–${map.seeds[map.seeds.length - 1]} paired in both arms; intervals are 95 % t-intervals of the mean log ratio over seeds. ` +
      'Rows vary the long-run growth of agents’ autonomy (the first year grows ×2, or faster where the long-run rate is faster).',
    '',
    ...table('Headcount change', (c) => withInterval(c.headcount)),
    ...table('Mean base cash change', (c) => withInterval(c.cash)),
    ...table(`Agents' share of compute at year ${map.years}`, (c) => `${(100 * c.agentShare).toFixed(0)} %`),
  ].join('\n');
}
