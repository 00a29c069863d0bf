import { describe, expect, it } from 'vitest';
import { isMetricName, METRIC_DEFS, type MetricName } from '../../sim/run/metricDefs.ts';
import { findSeries, type Result } from '../../sim/run/result.ts';
import type { HeadlineMetric } from '../../sim/cli/output/headlineTable.ts';
import type { SeriesRef } from '../../web/lib/chartSpecs.ts';

const result: Result = {
  scenario: 's',
  seed: 1,
  months: 1,
  paramsHash: '',
  resultHash: '',
  firmTypes: [],
  series: [{ metric: 'headcount', group: 'all', values: Float64Array.of(7) }],
};

describe('metric names', () => {
  it('are unique, and isMetricName knows exactly the declared ones', () => {
    const names = METRIC_DEFS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(isMetricName(name)).toBe(true);
    for (const name of ['headcont', '', 'HEADCOUNT', 'toString', 'constructor']) expect(isMetricName(name), name).toBe(false);
  });

  it('a misspelt name fails to compile wherever a metric is looked up (checked by tsc)', () => {
    const name: MetricName = 'headcount';
    expect(findSeries(result, name)?.[0]).toBe(7);
    // @ts-expect-error: not a metric
    const misspelt: MetricName = 'headcont';
    // @ts-expect-error: findSeries takes metric names only
    expect(findSeries(result, 'head_count')).toBeUndefined();
    // @ts-expect-error: nor do the CLI's headline table rows
    const headline: HeadlineMetric = { metric: 'quit_rate', format: 'percent' };
    // @ts-expect-error: nor the web page's chart series
    const chart: SeriesRef = { metric: 'cash_median', group: 'all' };
    for (const m of [misspelt, headline.metric, chart.metric]) expect(isMetricName(m)).toBe(false);
  });

  it('a name read at run time becomes a MetricName only through isMetricName', () => {
    const read: string = ['wealth_median'][0];
    // @ts-expect-error: a plain string is not a metric name
    const unchecked: MetricName = read;
    expect(unchecked).toBe('wealth_median');
    if (!isMetricName(read)) throw new Error('expected a metric name');
    const checked: MetricName = read;
    expect(checked).toBe('wealth_median');
  });
});
