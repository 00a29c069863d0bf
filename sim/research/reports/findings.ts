/**
 * docs/findings.md, generated: answers to the questions the source articles raise, then every
 * scenario read against its reference — the scenario its file names (default `baseline`) —
 * seed by seed, at the horizon and in the windows where its mechanism acts, with the
 * counterfactual runs that show which channel drives it. Sentences are worded from the
 * numbers (never typed by hand).
 */
import type { MetricName } from '../../run/metricDefs.ts';
import { BOOTSTRAP_RESAMPLES } from './levelInterval.ts';
import { compareRuns, compareSentence } from './compareRuns.ts';
import { metricQuantity, monthSpan, PRODUCTIVE_TOKENS, type Quantity, type Span } from './findingQuantities.ts';
import { MECHANISMS } from './mechanisms.ts';
import { scenarioSection, spansOf, type ScenarioRuns } from './scenarioSection.ts';

export type { ScenarioRuns } from './scenarioSection.ts';

/** First year (1 … horizon) whose year-end paired difference from the reference is distinguishably below 0. */
export function firstYearBelow(s: ScenarioRuns, ref: ScenarioRuns, q: Quantity): number | undefined {
  const months = Math.min(...s.runs.map((r) => r.months), ...ref.runs.map((r) => r.months));
  for (let y = 1; 12 * y <= months; y++) {
    const c = compareRuns(s.runs, ref.runs, q, monthSpan(`end of year ${y}`, 12 * y - 1));
    if (c?.diff && c.diff.hi < 0) return y;
  }
  return undefined;
}

/** The questions, each answered from comparisons named by scenario and outcome. */
function questions(all: readonly ScenarioRuns[], horizon: Span): string[] {
  const get = (name: string) => all.find((s) => s.name === name);
  const m = (metric: MetricName, group?: string) => metricQuantity(metric, group);
  /** A scenario against its reference, at the horizon or in its window named `window`. */
  const say = (name: string, label: string, q: Quantity, window?: string): string => {
    const s = get(name);
    const ref = s?.reference === undefined ? undefined : get(s.reference);
    if (!s || !ref) return `- ${label}: scenario ${name} or its reference not run.`;
    const span = window === undefined ? horizon : spansOf(s, horizon, s.runs[0].months).spans.find((x) => x.window === window);
    if (!span) return `- ${label}: window ${window} is past this run's horizon.`;
    const c = compareRuns(s.runs, ref.runs, q, span);
    return c ? `- ${compareSentence(label, c, `\`${ref.name}\``)}` : `- ${label}: ${name} has no ${q.key}.`;
  };
  /** A scenario against one of its counterfactuals, at the horizon. */
  const sayCf = (name: string, cfIndex: number, label: string, q: Quantity): string[] => {
    const s = get(name);
    const cf = MECHANISMS[name]?.counterfactuals[cfIndex];
    const runs = cf && s?.counterfactuals.get(cf.name)?.runs;
    const c = runs && compareRuns(s.runs, runs, q, horizon);
    return c ? [`- ${compareSentence(label, c, `the counterfactual “${cf.name}”`)}`] : [];
  };
  const when = (name: string, label: string): string[] => {
    const s = get(name);
    const ref = s?.reference === undefined ? undefined : get(s.reference);
    if (!s || !ref) return [];
    const y = firstYearBelow(s, ref, m('headcount'));
    return [
      y === undefined
        ? `- With ${label}, headcount is at no year end distinguishably below \`${ref.name}\`.`
        : `- With ${label}, headcount first falls distinguishably below \`${ref.name}\` at the end of year ${y}.`,
    ];
  };
  return [
    '## The questions',
    '',
    '### Do tokens raise or flatten cash pay?',
    say('tunguz-100k', 'Median cash base with $100k-style token pay (tunguz-100k)', m('cash_base_median')),
    ...sayCf('tunguz-100k', 0, 'The same, against its budget as a tools budget (presentation alone)', m('cash_base_median')),
    say('huang-half-salary', 'Median cash base with half of base in tokens (huang-half-salary)', m('cash_base_median')),
    say('cash-freeze', 'Median cash base when raises are paid in tokens (cash-freeze)', m('cash_base_median')),
    say('cash-freeze', 'Mean total compensation in cash-freeze', m('total_comp_mean')),
    say('cash-freeze', 'Median wealth in cash-freeze', m('wealth_median')),
    '',
    '### Does compute replace engineers, and when?',
    say('substitutes', 'Headcount when people and compute are substitutes (σ = 3)', m('headcount')),
    ...sayCf('substitutes', 0, 'The same against CFO budgets at the default σ (σ alone)', m('headcount')),
    ...when('substitutes', 'σ = 3'),
    say('complements', 'Headcount when they are complements (σ = 0.5)', m('headcount')),
    ...sayCf('complements', 0, 'The same against CFO budgets at the default σ (σ alone)', m('headcount')),
    say('substitutes', 'Compute share of output at σ = 3', m('compute_share_of_output')),
    say('substitutes', 'Juniors among hires at σ = 3', m('junior_share_of_hires')),
    say('price-crash', 'Headcount after a price crash', m('headcount')),
    say('price-crash', 'Productive token use in the crash’s first year', PRODUCTIVE_TOKENS, 'first year of the crash'),
    ...when('price-crash', 'a price crash'),
    '',
    '### How strong are the golden handcuffs?',
    say('tunguz-100k', 'Annual quit rate with token pay (tunguz-100k)', m('quit_rate_annual')),
    say('tunguz-100k', 'Cash premium needed to poach an engineer (tunguz-100k)', m('poaching_premium_median')),
    say('tunguz-100k', 'Firm-specific leverage of stayers (tunguz-100k)', m('firm_specific_leverage_mean')),
    ...sayCf('tunguz-100k', 1, 'Annual quit rate with token pay, against the same with all leverage portable', m('quit_rate_annual')),
    ...sayCf('tunguz-100k', 1, 'Poaching premium with token pay, against the same with all leverage portable', m('poaching_premium_median')),
    say('huang-half-salary', 'Cash premium needed to poach at half of base in tokens', m('poaching_premium_median')),
    '',
    '### What do portable credits change?',
    say('portable-credits', 'Annual quit rate with portable credits', m('quit_rate_annual')),
    say('portable-credits', 'Poaching premium with portable credits', m('poaching_premium_median')),
    say('portable-credits', 'Median wealth with portable credits', m('wealth_median')),
    ...sayCf('portable-credits', 0, 'Annual quit rate with credits vesting after 12 months, against credits that vest at once', m('quit_rate_annual')),
    '',
    '### Does governance stop the waste, and at what cost?',
    say('tokenmaxxing', 'Share of tokens wasted under leaderboards (tokenmaxxing)', m('token_waste_share')),
    say('finops-governance', 'Share of tokens wasted under FinOps quotas and chargebacks', m('token_waste_share')),
    say('finops-governance', 'Productive token use under FinOps', PRODUCTIVE_TOKENS),
    say('finops-governance', 'Output per engineer under FinOps', m('output_per_engineer')),
    ...sayCf('finops-governance', 0, 'Share of tokens wasted under FinOps, against chargebacks without a quota', m('token_waste_share')),
    ...sayCf('finops-governance', 0, 'Productive token use under FinOps, against chargebacks without a quota', PRODUCTIVE_TOKENS),
    '',
    '### What does a shortage do while it lasts?',
    say('gpu-shortage', 'Productive token use during the GPU shortage', PRODUCTIVE_TOKENS, 'shortage'),
    say('gpu-shortage', 'Output per engineer during the GPU shortage', m('output_per_engineer'), 'shortage'),
    say('gpu-shortage', 'Token spend to payroll during the GPU shortage', m('token_spend_to_payroll'), 'shortage'),
    say('gpu-shortage', 'Productive token use in the year after it', PRODUCTIVE_TOKENS, 'year after'),
    say('gpu-shortage', `Productive token use at ${horizon.label}`, PRODUCTIVE_TOKENS),
    '',
  ];
}

/** The Markdown of docs/findings.md. */
export function findingsMarkdown(
  all: readonly ScenarioRuns[],
  year: number,
  provenance: string,
  drivers: Record<string, string[]> = {},
): string {
  if (all.length === 0) throw new Error('findings need at least one scenario');
  const horizon = monthSpan(`the end of year ${year}`, 12 * year - 1);
  const byName = (name: string) => all.find((s) => s.name === name);
  const seeds = all[0].runs.map((r) => r.seed);
  const out: string[] = [
    '# Findings',
    '',
    `Generated by \`${provenance}\`; do not edit by hand. Each scenario is read against its **reference** — the scenario its`,
    'file names, by default `baseline` — run with the same seeds (' + `${seeds.length}: ${seeds.join(', ')}` + '), so each seed’s difference',
    'removes the draws the two share. Values are at the end of the horizon and, where a scenario names **windows** (the',
    'months where its mechanism acts), averaged over each window’s months.',
    '',
    `- Levels: the mean over seeds with a 95 % percentile-bootstrap interval (${BOOTSTRAP_RESAMPLES.toLocaleString('en-US')} resamples of the seeds, from a fixed`,
    '  stream). It lies within the seeds’ own range, so a quantity that cannot be negative never gets a negative bound;',
    '  with few seeds it is somewhat narrower than a t interval.',
    '- Differences: the mean of the seeds’ paired differences (scenario − reference) with its 95 % paired t interval.',
    '  A difference whose interval contains 0 is reported as not distinguishable.',
    '- `productive_tokens` is tokens consumed less those wasted (tokens_consumed × (1 − token_waste_share)).',
    '- **Mechanism** names what drives each result; a **counterfactual** re-runs the scenario, with the same seeds, with',
    '  that channel switched off, and its paired difference from the scenario shows how much of the result the channel',
    '  carries.',
    '',
    ...questions(all, horizon),
    '## Every scenario',
    '',
  ];
  for (const s of all) out.push(...scenarioSection(s, byName, horizon, drivers[s.name]));
  return out.join('\n');
}
