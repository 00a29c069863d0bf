import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricGroupsText, metricsMarkdown } from '../../../sim/research/reports/metricTable.ts';
import { METRIC_DEFS } from '../../../sim/run/metricDefs.ts';

describe('docs/metrics.md', () => {
  it('is exactly the one generated from the metric definitions (run `npm run docs` after changing metrics)', () => {
    expect(readFileSync('docs/metrics.md', 'utf8')).toBe(metricsMarkdown());
  });

  it('has one row per metric, in output order, with its unit and groups', () => {
    const rows = metricsMarkdown()
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.slice(3, r.indexOf('`', 3)))).toEqual(METRIC_DEFS.map((d) => d.name));
    expect(rows.find((r) => r.startsWith('| `cash_base_median`'))).toContain('| $ per year | all, firm types, levels |');
    expect(rows.find((r) => r.startsWith('| `token_price_retail`'))).toContain('| all |');
    const premium = METRIC_DEFS.find((d) => d.name === 'poaching_premium_median')!;
    expect(metricGroupsText(premium)).toBe('all, firm types, levels, budget quartiles');
  });
});
