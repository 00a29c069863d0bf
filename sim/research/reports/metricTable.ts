/**
 * docs/metrics.md, generated from the metric definitions (sim/run/metricDefs.ts), so the list
 * researchers read cannot drift from the engine (a test compares; `npm run docs` rewrites it).
 */
import { METRIC_DEFS, type GroupFamily, type MetricDef } from '../../run/metricDefs.ts';

/** How each group family is written in the table. */
const FAMILY_TEXT: Readonly<Record<GroupFamily, string>> = {
  firmType: 'firm types',
  level: 'levels',
  budgetQuartile: 'budget quartiles',
};

/** The groups a metric is reported for, in words: `all` first, then its families. */
export function metricGroupsText(d: MetricDef): string {
  return ['all', ...d.groups.map((f) => FAMILY_TEXT[f])].join(', ');
}

const cell = (t: string): string => t.replace(/\|/g, '\\|');

/** The whole of docs/metrics.md. */
export function metricsMarkdown(): string {
  return [
    '# Metrics',
    '',
    '<!-- generated from sim/run/metricDefs.ts by `npm run docs`; do not edit by hand -->',
    '',
    'Every metric tokensim writes (`series.csv`, `summary.csv`, the page), in output order; each',
    '`manifest.json` carries the same units and meanings. Money is nominal US dollars (no',
    'inflation adjustment), per year unless the unit says otherwise; shares lie in [0, 1].',
    'Groups: `all`; firm types (`bigtech`, `startup`, `midmarket`, …, by the current',
    'employer); levels (`junior`, `mid`, `senior`, `staff`); budget quartiles (`budget_q1` …',
    '`budget_q4`, quartiles of token budget). A statistic over an empty group (a median wage of',
    'nobody) is `NaN` in CSV and `null` in JSON, never 0. `tokensim list metrics` prints this list.',
    '',
    '| metric | unit | groups | meaning |',
    '|---|---|---|---|',
    ...METRIC_DEFS.map((d) => `| \`${d.name}\` | ${cell(d.unit)} | ${metricGroupsText(d)} | ${cell(d.description)} |`),
    '',
  ].join('\n');
}
