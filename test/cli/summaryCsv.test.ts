import { describe, expect, it } from 'vitest';
import type { Summary } from '../../sim/research/ensemble.ts';
import { SUMMARY_CSV_HEADER, summaryCsvChunks } from '../../sim/cli/output/summaryCsv.ts';

/** summary.csv as the plain definition writes it: every number through String(), in order. */
function plainCsv(summary: Summary, months?: readonly number[]): string {
  let text = SUMMARY_CSV_HEADER;
  for (const s of summary.series) {
    for (let m = 0; m < summary.months; m++) {
      if (months !== undefined && !months.includes(m + 1)) continue;
      text += `${summary.scenario},${s.metric},${s.group},${m + 1},${String(s.mean[m])},${String(s.lo95[m])},${String(s.hi95[m])},${summary.n}\n`;
    }
  }
  return text;
}

const f = (...v: number[]) => Float64Array.from(v);

describe('summaryCsvChunks', () => {
  // Series in METRIC_DEFS order, so the file's order is the summary's.
  const oneSeed: Summary = {
    scenario: 'baseline',
    months: 5,
    seeds: [1],
    n: 1,
    series: [
      { metric: 'cash_base_mean', group: 'all', mean: f(1.5, -0, 0, NaN, 1e-7), lo95: f(1.5, -0, 0, NaN, 1e-7), hi95: f(1.5, -0, 0, NaN, 1e-7) },
      { metric: 'headcount', group: 'all', mean: f(10, 11, 12, 13, 14), lo95: f(10, 11, 12, 13, 14), hi95: f(10, 11, 12, 13, 14) },
    ],
  };
  const threeSeeds: Summary = {
    ...oneSeed,
    seeds: [1, 2, 3],
    n: 3,
    series: [
      { metric: 'cash_base_mean', group: 'all', mean: f(1.5, 0, 2, NaN, 3), lo95: f(1.25, -0, 2, NaN, 2.5), hi95: f(1.75, 0, 2, NaN, 3.5) },
      { metric: 'headcount', group: 'all', mean: f(10, 11, 12, 13, 14), lo95: f(9, 11, 11.5, 12, 13), hi95: f(11, 11, 12.5, 14, 15) },
    ],
  };

  it('writes the text of formatting every number (one seed, where the interval is the mean)', () => {
    expect([...summaryCsvChunks(oneSeed)].join('')).toBe(plainCsv(oneSeed));
    expect([...summaryCsvChunks(oneSeed)].join('')).toContain('baseline,cash_base_mean,all,2,0,0,0,1\n');
  });

  it('writes the text of formatting every number (several seeds, intervals that differ from the mean)', () => {
    expect([...summaryCsvChunks(threeSeeds)].join('')).toBe(plainCsv(threeSeeds));
    expect([...summaryCsvChunks(threeSeeds, 16, [2, 4])].join('')).toBe(plainCsv(threeSeeds, [2, 4]));
  });
});
