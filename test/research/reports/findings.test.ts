import { describe, expect, it } from 'vitest';
import { findingsMarkdown, firstYearBelow, type ScenarioRuns } from '../../../sim/research/reports/findings.ts';
import { formatMetric, formatValue, metricQuantity, PRODUCTIVE_TOKENS, valueOver } from '../../../sim/research/reports/findingQuantities.ts';
import { compareRuns, compareSentence } from '../../../sim/research/reports/compareRuns.ts';
import { METRIC_DEFS } from '../../../sim/run/metricDefs.ts';
import type { Result } from '../../../sim/run/result.ts';

/** A fake result: every metric of group all has value v(month) + a seed-specific offset shared by all scenarios. */
const fake = (scenario: string, seed: number, v: (m: number) => number, months = 24): Result => ({
  scenario,
  seed,
  months,
  paramsHash: 'p',
  resultHash: `${scenario}${seed}`,
  firmTypes: [],
  series: METRIC_DEFS.map((d) => ({
    metric: d.name,
    group: 'all',
    values: Float64Array.from({ length: months }, (_, m) => (d.name === 'token_waste_share' ? 0.25 : v(m) + 10 * seed)),
  })),
});

const runs = (name: string, v: (m: number) => number, months = 24) => [1, 2, 3].map((seed) => fake(name, seed, v, months));
const scenario = (name: string, reference: string | undefined, v: (m: number) => number, extra: Partial<ScenarioRuns> = {}): ScenarioRuns => ({
  name,
  description: `${name} asks something.`,
  reference,
  windows: [],
  runs: runs(name, v),
  counterfactuals: new Map(),
  ...extra,
});

describe('findings', () => {
  const base = scenario('baseline', undefined, () => 100);
  const tunguz = scenario('tunguz-100k', 'baseline', () => 120);
  const shock = scenario('gpu-shortage', 'tunguz-100k', (m) => (m >= 2 && m < 4 ? 60 : 120), { windows: [{ name: 'shortage', startMonth: 2, months: 2 }] });

  it('pairs the seeds, so a difference every seed shares has no width', () => {
    const c = compareRuns(tunguz.runs, base.runs, metricQuantity('headcount'), { label: 'month 11', startMonth: 11, months: 1 })!;
    expect(c.diff).toEqual({ n: 3, mean: 20, lo: 20, hi: 20 });
    expect(c.value.mean).toBe(140);
    expect(compareSentence('Headcount', c, '`baseline`')).toBe('Headcount: higher than in `baseline`, 140 against 120 (difference +20.0 to +20.0).');
  });

  it('reads a window as the mean over its months, and derived quantities from their metrics', () => {
    const r = shock.runs[0];
    expect(valueOver(r, metricQuantity('headcount'), { label: 'w', startMonth: 1, months: 3 })).toBe((130 + 70 + 70) / 3);
    expect(valueOver(r, PRODUCTIVE_TOKENS, { label: 'm', startMonth: 0, months: 1 })).toBe(130 * 0.75);
    expect(valueOver(r, metricQuantity('headcount', 'startup'), { label: 'm', startMonth: 0, months: 1 })).toBeUndefined();
  });

  it('finds the first year a quantity falls distinguishably below the reference', () => {
    const down = scenario('substitutes', 'baseline', (m) => (m < 12 ? 100 + (m % 3) : 90));
    expect(firstYearBelow(down, base, metricQuantity('headcount'))).toBe(2);
    expect(firstYearBelow(base, base, metricQuantity('headcount'))).toBeUndefined();
  });

  it('formats money, shares, counts and large quantities in their units, without a sign on zero', () => {
    expect(formatMetric('cash_base_median', 123456.7)).toBe('$123,457');
    expect(formatMetric('unemployment_rate', 0.0412)).toBe('4.1 %');
    expect(formatMetric('quit_rate_annual', 0.0412, true)).toBe('+4.1 pp');
    expect(formatMetric('cash_base_median', -5000, true)).toBe('−$5,000');
    expect(formatMetric('headcount', -18.81, true)).toBe('−18.8');
    expect(formatMetric('headcount', 9876.4)).toBe('9,876');
    expect(formatMetric('unemployment_rate', -0.00001, true)).toBe('0.0 pp');
    expect(formatValue('million tokens per month', 2.48e8)).toBe('2.48 × 10^8');
  });

  it('reads each scenario against its reference, in its windows and at the horizon, with its counterfactuals', () => {
    const tools = { runs: runs('tunguz-100k--tools', () => 110), change: '`firmTypes.*.policy.tokenBudgetIsPay` = 0' };
    const withCf = { ...tunguz, counterfactuals: new Map([['budget as a tools budget', tools]]) };
    const md = findingsMarkdown([base, withCf, shock], 2, 'npm run findings', { 'tunguz-100k': ['production.sigma'] });
    expect(md).toContain('- Median cash base with $100k-style token pay (tunguz-100k): higher than in `baseline`, $140 against $120');
    expect(md).toContain('- Productive token use during the GPU shortage: lower than in `tunguz-100k`');
    expect(md).toContain('scenario huang-half-salary or its reference not run');
    expect(md).toContain('Read against: `tunguz-100k`, seed by seed (the same 3 seeds).');
    expect(md).toContain('| outcome | gpu-shortage [95 %] | tunguz-100k [95 %] | paired difference [95 %] |');
    expect(md).toContain('In the window “shortage” (months 2–3, mean over its months):');
    expect(md).toMatch(/In the window “shortage”[^]*\| headcount \| 80\.0 \[70\.0, 90\.0\] \| 140 \[130, 150\] \| −60\.0 \[−60\.0, −60\.0\] \|/);
    expect(md).toContain('**Mechanism.** A token budget of 27 % of base');
    expect(md).toContain('**Counterfactual: budget as a tools budget** (`firmTypes.*.policy.tokenBudgetIsPay` = 0; the same seeds)');
    expect(md).toContain('Parameters that matter most here: `production.sigma`.');
    expect(md.match(/^\| headcount \|/gm)?.length).toBe(4); // baseline, tunguz-100k, and gpu-shortage in its window and at the horizon
  });

  it('reports a window past the horizon as not reported', () => {
    const late = { ...shock, windows: [{ name: 'late', startMonth: 30, months: 2 }] };
    expect(findingsMarkdown([base, tunguz, late], 2, 'x')).toContain('Windows past this run\'s horizon, not reported: late.');
  });
});
