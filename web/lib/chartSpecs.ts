/**
 * What each of the five charts shows: panels (and how many to a row), the metric series in
 * each, line styles, and the caption naming the mechanism behind the picture. One chart
 * component (components/Chart.svelte) draws each of these; the CSV download and the seed
 * summaries read the same list, so "the shown series" is one thing.
 */
import { METRIC_DEFS, type MetricName } from '../../sim/run/metricDefs.ts';
import type { TakeawaySpec } from './takeaways.ts';

export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface SeriesRef {
  metric: MetricName;
  group: string;
}

export interface LineSeriesSpec extends SeriesRef {
  label: string;
  /** A few words for the label at the line's end (default `label`). */
  short?: string;
  style: LineStyle;
}

/** Monthly series over time, mean line and 95 % band per scenario. */
export interface LinePanelSpec {
  kind: 'line';
  id: string;
  title: string;
  yScale: 'linear' | 'log';
  /** Whether a linear axis starts at 0 (default true); off where the level hides the change. */
  zero?: boolean;
  series: LineSeriesSpec[];
}

/** Values at the horizon (last month), one row per series, a dot and 95 % whisker per scenario. */
export interface DotPanelSpec {
  kind: 'dots';
  id: string;
  title: string;
  rows: (SeriesRef & { label: string })[];
}

export type PanelSpec = LinePanelSpec | DotPanelSpec;

export interface ChartSpec {
  id: string;
  title: string;
  /** What mechanism drives the picture, in plain words. */
  caption: string;
  /** Panels per row on wide screens. */
  columns: number;
  panels: PanelSpec[];
  /** The series the one-line takeaway under the title reads (lib/takeaways.ts). */
  takeaway: TakeawaySpec;
}

const ALL = 'all';

/** The main answer, drawn first on the page: what engineers are paid in cash and in total. */
export const HEADLINE: LinePanelSpec = {
  kind: 'line',
  id: 'headline',
  title: 'Pay: cash against the total engineers are told they earn',
  yScale: 'linear',
  zero: false,
  series: [
    { metric: 'total_comp_mean', group: ALL, label: 'mean total comp (cash + equity + tokens at retail)', short: 'total pay', style: 'dotted' },
    { metric: 'cash_base_median', group: ALL, label: 'median cash base', short: 'cash pay', style: 'solid' },
  ],
};

export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'wages',
    title: '1. Wages: cash against total compensation',
    caption:
      'Cash pay moves at the annual review: raises follow each firm’s offers for the level and the engineer’s rating. ' +
      'When token budgets count as pay, total compensation rises above cash; when raises are paid in tokens, cash stays flat while the token share grows.',
    columns: 2,
    takeaway: { metric: 'cash_base_median', group: ALL, what: 'median cash base' },
    panels: [
      {
        kind: 'line',
        id: 'pay',
        title: 'Pay of employed engineers',
        yScale: 'linear',
        series: [
          { metric: 'cash_base_median', group: ALL, label: 'median cash base', short: 'median cash', style: 'solid' },
          { metric: 'cash_base_p90', group: ALL, label: '90th percentile cash base', short: '90th pct cash', style: 'dashed' },
          { metric: 'total_comp_mean', group: ALL, label: 'mean total comp (cash + equity + tokens at retail)', short: 'total comp', style: 'dotted' },
        ],
      },
      {
        kind: 'line',
        id: 'token-share',
        title: 'Token share of total compensation',
        yScale: 'linear',
        series: [{ metric: 'token_share_of_comp', group: ALL, label: 'token share', style: 'solid' }],
      },
    ],
  },
  {
    id: 'substitution',
    title: '2. Substitution: people and compute',
    caption:
      'Each quarter the CFO weighs what one more engineer and one more token add to revenue against what they cost. ' +
      'Whether cheaper compute cuts headcount depends on σ against the demand elasticity ε = 1/(1 − η): with σ above ε compute replaces people, below it compute makes them more valuable.',
    columns: 2,
    takeaway: { metric: 'headcount', group: ALL, what: 'headcount' },
    panels: [
      {
        kind: 'line',
        id: 'headcount',
        title: 'Headcount and the CFOs’ target',
        yScale: 'linear',
        zero: false,
        series: [
          { metric: 'headcount', group: ALL, label: 'headcount', style: 'solid' },
          { metric: 'headcount_target', group: ALL, label: 'CFO target', style: 'dashed' },
        ],
      },
      {
        kind: 'line',
        id: 'spend',
        title: 'Token spend as a share of cash payroll',
        yScale: 'linear',
        series: [{ metric: 'token_spend_to_payroll', group: ALL, label: 'token spend ÷ payroll', style: 'solid' }],
      },
      {
        kind: 'line',
        id: 'compute-share',
        title: 'Compute’s share of output',
        yScale: 'linear',
        series: [{ metric: 'compute_share_of_output', group: ALL, label: 'compute share', style: 'solid' }],
      },
      {
        kind: 'line',
        id: 'junior-hires',
        title: 'Juniors among hires (last 12 months)',
        yScale: 'linear',
        series: [{ metric: 'junior_share_of_hires', group: ALL, label: 'junior share of hires', style: 'solid' }],
      },
    ],
  },
  {
    id: 'handcuffs',
    title: '3. Golden handcuffs: who can leave',
    caption:
      'An engineer weighs an offer against the output lost when firm-specific leverage φf resets on moving, and counts a smaller token budget as a loss. ' +
      'Larger budgets raise the cash a rival must add to hire someone away and lower quits.',
    columns: 3,
    takeaway: { metric: 'quit_rate_annual', group: ALL, what: 'the annual quit rate' },
    panels: [
      {
        kind: 'line',
        id: 'quits',
        title: 'Voluntary quits',
        yScale: 'linear',
        series: [{ metric: 'quit_rate_annual', group: ALL, label: 'annual quit rate', style: 'solid' }],
      },
      {
        kind: 'dots',
        id: 'premium',
        title: 'Cash premium to poach, by token-budget quartile (at the horizon)',
        rows: [
          { metric: 'poaching_premium_median', group: 'budget_q1', label: 'Q1 (smallest)' },
          { metric: 'poaching_premium_median', group: 'budget_q2', label: 'Q2' },
          { metric: 'poaching_premium_median', group: 'budget_q3', label: 'Q3' },
          { metric: 'poaching_premium_median', group: 'budget_q4', label: 'Q4 (largest)' },
        ],
      },
      {
        kind: 'line',
        id: 'mover-drop',
        title: 'Output drop of movers (last 12 months)',
        yScale: 'linear',
        series: [{ metric: 'mover_output_drop', group: ALL, label: 'output drop after a move', style: 'solid' }],
      },
    ],
  },
  {
    id: 'market',
    title: '4. Token market: prices and use',
    caption:
      'The list price falls on a trend that slows over time, with monthly noise and scenario events such as a shortage; firms pay a wholesale share of it while engineers see retail. ' +
      'Use grows with budgets and with how many tokens one engineer can direct; under leaderboard pressure the unproductive rest of the budget is burned as waste.',
    columns: 3,
    takeaway: { metric: 'token_price_wholesale', group: ALL, what: 'the wholesale token price' },
    panels: [
      {
        kind: 'line',
        id: 'price',
        title: 'Token price, retail and wholesale (log scale)',
        yScale: 'log',
        series: [
          { metric: 'token_price_retail', group: ALL, label: 'retail list price', short: 'retail', style: 'solid' },
          { metric: 'token_price_wholesale', group: ALL, label: 'wholesale price firms pay', short: 'wholesale', style: 'dashed' },
        ],
      },
      {
        kind: 'line',
        id: 'tokens',
        title: 'Tokens consumed',
        yScale: 'linear',
        series: [{ metric: 'tokens_consumed', group: ALL, label: 'tokens consumed', style: 'solid' }],
      },
      {
        kind: 'line',
        id: 'waste',
        title: 'Waste: tokens burned without output',
        yScale: 'linear',
        series: [{ metric: 'token_waste_share', group: ALL, label: 'waste share', style: 'solid' }],
      },
    ],
  },
  {
    id: 'wealth',
    title: '5. Wealth at the horizon',
    caption:
      'Wealth grows by saving a share of cash pay and by vested equity. Tokens add nothing to it unless the policy turns unused budget into a portable credit, ' +
      'so paying raises in tokens leaves engineers poorer at the horizon even when total compensation looks higher.',
    columns: 2,
    takeaway: { metric: 'wealth_median', group: ALL, what: 'the median engineer’s wealth' },
    panels: [
      {
        kind: 'dots',
        id: 'distribution',
        title: 'Wealth of all engineers: 10th percentile, median, mean',
        rows: [
          { metric: 'wealth_p10', group: ALL, label: '10th percentile' },
          { metric: 'wealth_median', group: ALL, label: 'median' },
          { metric: 'wealth_mean', group: ALL, label: 'mean' },
        ],
      },
      {
        kind: 'dots',
        id: 'by-level',
        title: 'Median wealth by level',
        rows: [
          { metric: 'wealth_median', group: 'junior', label: 'junior' },
          { metric: 'wealth_median', group: 'mid', label: 'mid' },
          { metric: 'wealth_median', group: 'senior', label: 'senior' },
          { metric: 'wealth_median', group: 'staff', label: 'staff' },
        ],
      },
    ],
  },
];

export const seriesKey = (r: { metric: string; group: string }): string => `${r.metric}|${r.group}`;

export function panelSeries(p: PanelSpec): SeriesRef[] {
  return p.kind === 'line' ? p.series : p.rows;
}

/** Every series the page shows, once each, in chart order. */
export function shownSeries(charts: readonly ChartSpec[] = CHARTS): SeriesRef[] {
  const seen = new Map<string, SeriesRef>();
  for (const c of charts) for (const p of c.panels) for (const s of panelSeries(p)) seen.set(seriesKey(s), { metric: s.metric, group: s.group });
  return [...seen.values()];
}

/** The unit of a metric from the public metric contract. */
export function unitOf(metric: string): string {
  const def = METRIC_DEFS.find((d) => d.name === metric);
  if (!def) throw new Error(`unknown metric ${metric}`);
  return def.unit;
}

/** Where the headline's scenarios are in the page's chart slots: after the charts', so it redraws in a task of its own. */
export const HEADLINE_SLOT = CHARTS.length;
