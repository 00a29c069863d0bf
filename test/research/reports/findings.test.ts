import { describe, expect, it } from 'vitest';
import { compareSentence, estimate, findingsMarkdown, firstYearBelow, formatMetric, FINDING_METRICS } from '../../../sim/research/reports/findings.ts';
import { summarize } from '../../../sim/research/ensemble.ts';
import type { Result } from '../../../sim/run/result.ts';

/** A fake result whose every finding metric has value v at every month. */
const fake = (scenario: string, seed: number, v: number): Result => ({
  scenario,
  seed,
  months: 12,
  paramsHash: 'p',
  resultHash: `${scenario}${seed}`,
  firmTypes: [],
  series: FINDING_METRICS.map((metric) => ({ metric, group: 'all', values: new Float64Array(12).fill(v) })),
});

const summaryOf = (name: string, values: number[]) => summarize(values.map((v, k) => fake(name, k + 1, v)));

describe('findings', () => {
  const base = summaryOf('baseline', [10, 11, 12]);
  const up = summaryOf('tunguz-100k', [20, 21, 22]);
  const same = summaryOf('cash-freeze', [10, 12, 11]);

  it('estimates the difference from the baseline with a t interval', () => {
    const e = estimate(up, base, 'headcount', 11);
    expect(e.mean).toBe(21);
    expect(e.diff).toBe(10);
    // Each sample sd = 1, n = 3: se of each mean 1/√3; difference se √(2/3); t(0.975, 4) = 2.776.
    expect(e.diffHi - e.diff).toBeCloseTo(2.776 * Math.sqrt(2 / 3), 3);
  });

  it('says higher or lower only when the interval excludes zero', () => {
    expect(compareSentence('Headcount', 'headcount', estimate(up, base, 'headcount', 11))).toMatch(/^Headcount: higher than in the baseline/);
    expect(compareSentence('Headcount', 'headcount', estimate(same, base, 'headcount', 11))).toMatch(/not distinguishable/);
  });

  it('finds the first year a metric falls distinguishably below the baseline', () => {
    const down = summarize([1, 2, 3].map((k) => ({ ...fake('substitutes', k, 0), series: FINDING_METRICS.map((metric) => ({ metric, group: 'all', values: Float64Array.from({ length: 24 }, (_, m) => (m < 12 ? 10 + k : 5 + k)) })), months: 24 })));
    const flat = summarize([1, 2, 3].map((k) => ({ ...fake('baseline', k, 0), series: FINDING_METRICS.map((metric) => ({ metric, group: 'all', values: new Float64Array(24).fill(10 + k) })), months: 24 })));
    expect(firstYearBelow(down, flat, 'headcount')).toBe(2);
    expect(firstYearBelow(flat, flat, 'headcount')).toBeUndefined();
  });

  it('formats money, shares and counts in their units', () => {
    expect(formatMetric('cash_base_median', 123456.7)).toBe('$123,457');
    expect(formatMetric('unemployment_rate', 0.0412)).toBe('4.1 %');
    expect(formatMetric('unemployment_rate', 0.0412, true)).toBe('+4.1 pp');
    expect(formatMetric('cash_base_median', -5000, true)).toBe('−$5,000');
    expect(formatMetric('headcount', -18.81, true)).toBe('−18.8');
    expect(formatMetric('headcount', 9876.4)).toBe('9,876');
  });

  it('renders every scenario with a table and answers the questions', () => {
    const md = findingsMarkdown(
      [
        { name: 'baseline', description: 'Base.', summary: base },
        { name: 'tunguz-100k', description: 'Tokens.', summary: up },
      ],
      1,
      'npm run findings',
      { 'tunguz-100k': ['production.sigma', 'engineers.tokenValuation'] },
    );
    expect(md).toContain('### Do tokens raise or flatten cash pay?');
    expect(md).toContain('- Median cash base with $100k-style token pay (tunguz-100k): higher than in the baseline');
    expect(md).toContain('scenario huang-half-salary not run');
    expect(md).toContain('Parameters that matter most here: `production.sigma`, `engineers.tokenValuation`.');
    expect(md.match(/^\| headcount \|/gm)?.length).toBe(2);
  });
});
