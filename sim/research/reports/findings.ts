/**
 * docs/findings.md, generated: for each scenario the headline outcomes at a year with 95 %
 * intervals and the difference from the baseline, then answers to the questions the source
 * articles raise, worded from the numbers (never typed by hand).
 */
import { tQuantile975 } from '../ensemble.ts';
import type { Summary, SummarySeries } from '../ensemble.ts';
import { METRIC_DEFS, type MetricName } from '../../run/metricDefs.ts';

export interface ScenarioSummary {
  name: string;
  description: string;
  summary: Summary;
}

/** The outcomes reported for every scenario, in order. */
export const FINDING_METRICS = [
  'cash_base_median',
  'total_comp_mean',
  'token_share_of_comp',
  'headcount',
  'unemployment_rate',
  'junior_share_of_hires',
  'token_spend_to_payroll',
  'compute_share_of_output',
  'quit_rate_annual',
  'poaching_premium_median',
  'firm_specific_leverage_mean',
  'wealth_median',
  'token_waste_share',
] as const satisfies readonly MetricName[];

/** A mean with its interval, and the difference from the baseline with its interval. */
export interface Estimate {
  mean: number;
  lo: number;
  hi: number;
  diff: number;
  diffLo: number;
  diffHi: number;
}

function series(s: Summary, metric: MetricName): SummarySeries {
  const found = s.series.find((x) => x.metric === metric && x.group === 'all');
  if (!found) throw new Error(`${s.scenario} has no series ${metric}/all`);
  return found;
}

/**
 * The estimate at month index m. Standard errors are recovered from each interval
 * (half-width ÷ t), and the difference gets a t interval on n₁ + n₂ − 2 degrees of freedom.
 */
export function estimate(s: Summary, base: Summary, metric: MetricName, m: number): Estimate {
  const a = series(s, metric);
  const b = series(base, metric);
  const se = (x: SummarySeries, n: number) => (n > 1 ? (x.hi95[m] - x.lo95[m]) / 2 / tQuantile975(n - 1) : 0);
  const diff = a.mean[m] - b.mean[m];
  const df = s.n + base.n - 2;
  const half = df > 0 ? tQuantile975(df) * Math.hypot(se(a, s.n), se(b, base.n)) : 0;
  return { mean: a.mean[m], lo: a.lo95[m], hi: a.hi95[m], diff, diffLo: diff - half, diffHi: diff + half };
}

const UNIT = new Map(METRIC_DEFS.map((d) => [d.name, d.unit]));

/** Formats a value in the metric's unit: dollars, shares as %, counts and leverage as numbers. */
export function formatMetric(metric: MetricName, v: number, signed = false): string {
  const unit = UNIT.get(metric) ?? '';
  const sign = v < 0 ? '−' : signed && v > 0 ? '+' : '';
  const a = Math.abs(v);
  if (unit.startsWith('$')) return `${sign}$${Math.round(a).toLocaleString('en-US')}`;
  if (unit.startsWith('share')) return `${sign}${(100 * a).toFixed(1)}${signed ? ' pp' : ' %'}`;
  if (unit === 'engineers') return `${sign}${a >= 100 ? Math.round(a).toLocaleString('en-US') : a.toFixed(1)}`;
  return `${sign}${a.toFixed(2)}`;
}

/** "higher", "lower" or "no different" from the difference's interval. */
function direction(e: Estimate): 'higher' | 'lower' | 'not distinguishable' {
  if (e.diffLo > 0) return 'higher';
  if (e.diffHi < 0) return 'lower';
  return 'not distinguishable';
}

/** A sentence about one metric in one scenario against the baseline. */
export function compareSentence(label: string, metric: MetricName, e: Estimate): string {
  const dir = direction(e);
  const range = `${formatMetric(metric, e.diffLo, true)} to ${formatMetric(metric, e.diffHi, true)}`;
  if (dir === 'not distinguishable') return `${label}: not distinguishable from the baseline (difference ${range}).`;
  return `${label}: ${dir} than in the baseline, ${formatMetric(metric, e.mean)} (difference ${range}).`;
}

/** First year (1 … horizon) whose year-end difference from the baseline is distinguishably below 0. */
export function firstYearBelow(s: Summary, base: Summary, metric: MetricName): number | undefined {
  for (let y = 1; 12 * y <= Math.min(s.months, base.months); y++) if (estimate(s, base, metric, 12 * y - 1).diffHi < 0) return y;
  return undefined;
}

/** The Markdown of docs/findings.md. */
export function findingsMarkdown(
  all: ScenarioSummary[],
  year: number,
  provenance: string,
  drivers: Record<string, string[]> = {},
): string {
  const base = all.find((s) => s.name === 'baseline');
  if (!base) throw new Error('findings need the baseline scenario');
  const m = 12 * year - 1;
  const get = (name: string) => all.find((s) => s.name === name);
  const est = (name: string, metric: MetricName) => {
    const s = get(name);
    return s ? estimate(s.summary, base.summary, metric, m) : undefined;
  };
  const say = (name: string, label: string, metric: MetricName) => {
    const e = est(name, metric);
    return e ? `- ${compareSentence(label, metric, e)}` : `- ${label}: scenario ${name} not run.`;
  };
  const when = (name: string, label: string): string[] => {
    const s = get(name);
    if (!s) return [];
    const y = firstYearBelow(s.summary, base.summary, 'headcount');
    return [y === undefined ? `- With ${label}, headcount is at no year end distinguishably below the baseline.` : `- With ${label}, headcount first falls distinguishably below the baseline at the end of year ${y}.`];
  };
  const out: string[] = [
    '# Findings',
    '',
    `Generated by \`${provenance}\`; do not edit by hand. Values are at the end of year ${year}: the mean over`,
    `${base.summary.n} seeds with its 95 % interval, and the difference from the baseline with the 95 % interval of`,
    'the difference. A difference whose interval contains 0 is reported as not distinguishable.',
    '',
    '## The questions',
    '',
    '### Do tokens raise or flatten cash pay?',
    say('tunguz-100k', 'Median cash base with $100k-style token pay (tunguz-100k)', 'cash_base_median'),
    say('huang-half-salary', 'Median cash base with half of base in tokens (huang-half-salary)', 'cash_base_median'),
    say('cash-freeze', 'Median cash base when raises are paid in tokens (cash-freeze)', 'cash_base_median'),
    say('cash-freeze', 'Mean total compensation in cash-freeze', 'total_comp_mean'),
    '',
    '### Does compute replace engineers, and when?',
    say('substitutes', 'Headcount when people and compute are substitutes (σ = 3)', 'headcount'),
    ...when('substitutes', 'σ = 3'),
    ...when('price-crash', 'a price crash'),
    say('complements', 'Headcount when they are complements (σ = 0.5)', 'headcount'),
    say('substitutes', 'Compute share of output at σ = 3', 'compute_share_of_output'),
    say('substitutes', 'Juniors among hires at σ = 3', 'junior_share_of_hires'),
    say('price-crash', 'Headcount after a price crash', 'headcount'),
    '',
    '### How strong are the golden handcuffs?',
    say('tunguz-100k', 'Annual quit rate with token pay (tunguz-100k)', 'quit_rate_annual'),
    say('tunguz-100k', 'Cash premium needed to poach an engineer (tunguz-100k)', 'poaching_premium_median'),
    say('huang-half-salary', 'Cash premium needed to poach at half of base in tokens', 'poaching_premium_median'),
    say('tunguz-100k', 'Firm-specific leverage of stayers (tunguz-100k)', 'firm_specific_leverage_mean'),
    '',
    '### What do portable credits change?',
  ];
  const port = est('portable-credits', 'quit_rate_annual');
  const tunguzQuit = est('tunguz-100k', 'quit_rate_annual');
  if (port && tunguzQuit) {
    out.push(
      `- Quit rate: ${formatMetric('quit_rate_annual', port.mean)} with portable credits against ${formatMetric('quit_rate_annual', tunguzQuit.mean)} with the same budget that lapses (tunguz-100k).`,
    );
  }
  out.push(say('portable-credits', 'Median wealth with portable credits', 'wealth_median'));
  out.push(say('tunguz-100k', 'Median wealth with lapsing tokens (tunguz-100k)', 'wealth_median'));
  out.push('', '## Every scenario', '');
  for (const s of all) {
    out.push(`### ${s.name}`, '', s.description, '');
    if (drivers[s.name]?.length) out.push(`Parameters that matter most here: ${drivers[s.name].map((p) => `\`${p}\``).join(', ')}.`, '');
    out.push('| outcome | mean [95 % interval] | difference from baseline [95 % interval] |', '|---|---|---|');
    for (const metric of FINDING_METRICS) {
      const e = estimate(s.summary, base.summary, metric, m);
      const value = `${formatMetric(metric, e.mean)} [${formatMetric(metric, e.lo)}, ${formatMetric(metric, e.hi)}]`;
      const diff = s === base ? '—' : `${formatMetric(metric, e.diff, true)} [${formatMetric(metric, e.diffLo, true)}, ${formatMetric(metric, e.diffHi, true)}]`;
      out.push(`| ${metric} | ${value} | ${diff} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
