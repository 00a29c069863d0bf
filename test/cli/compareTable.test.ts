/** `tokensim compare`'s table, CSV and JSON with paired differences, and its --metrics/--out flags. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareCsv, compareJson, compareRows, formatCompareTable, formatFor } from '../../sim/cli/output/compareTable.ts';
import { parseCompareArgs } from '../../sim/cli/commands/compareCommand.ts';
import type { Result } from '../../sim/run/result.ts';
import { runCli } from '../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-compare-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** headcount and token_share_of_comp (group all) over 24 months; `shift` is added to headcount. */
function fake(seed: number, scenario: string, shift = 0): Result {
  return {
    scenario,
    seed,
    months: 24,
    paramsHash: 'p',
    resultHash: `r${seed}`,
    firmTypes: [],
    series: [
      { metric: 'headcount', group: 'all', values: Float64Array.from({ length: 24 }, (_, m) => 1000 + seed * 10 + m + shift) },
      { metric: 'token_share_of_comp', group: 'all', values: Float64Array.from({ length: 24 }, (_, m) => (seed + m) / 100) },
    ],
  };
}

const seeds = [1, 2, 3];
const ref = seeds.map((s) => fake(s, 'ref'));
// Per-seed headcount differences 5, 10, 15: mean 10, sd 5; t(0.975, 2) = 4.303, half width 4.303·5/√3 = 12.42.
const other = seeds.map((s) => fake(s, 'other', 5 * s));
const entries = [
  { label: 'ref', results: ref },
  { label: 'other', results: other },
];

describe('compare table', () => {
  it('shows each scenario with its interval and the paired difference with its paired t-interval', () => {
    const rows = compareRows(entries, [1, 2], ['headcount', 'token_share_of_comp']);
    const d = rows[0].differences[0]!;
    expect(d.mean).toBe(10);
    expect(d.hi95 - d.mean).toBeCloseTo((4.303 * 5) / Math.sqrt(3), 6);
    const lines = formatCompareTable(['ref', 'other'], rows).split('\n');
    expect(lines[0]).toMatch(/^metric \(all engineers\)\s+unit\s+year\s+ref\s+other\s+Δ other$/);
    expect(lines.find((l) => /^headcount\s+engineers\s+1\s/.test(l))).toMatch(/1,031 \[1,006 – 1,056\]\s+1,041 \[.*\]\s+\+10 \[-2, \+22\]$/);
    // shares: the same in both, so the difference is exactly zero with a zero-width interval
    expect(lines.find((l) => /^token_share_of_comp\s+%\s+2\s/.test(l))).toMatch(/0\.0 pp \[0\.0 pp, 0\.0 pp\]$/);
  });

  it('shows the difference alone with one seed, and – where a metric is not reported', () => {
    const rows = compareRows(
      [
        { label: 'a', results: [fake(1, 'a')] },
        { label: 'b', results: [fake(1, 'b', 3)] },
      ],
      [1],
      ['headcount', 'wealth_median'],
    );
    const text = formatCompareTable(['a', 'b'], rows);
    expect(text).toMatch(/^headcount\s+engineers\s+1\s+1,021\s+1,024\s+\+3$/m);
    expect(text).toMatch(/^wealth_median\s+\$\s+1\s+–\s+–\s+–$/m);
  });

  it('chooses a value format from the unit for metrics outside the headline table', () => {
    expect(formatFor('headcount')).toBe('count');
    expect(formatFor('token_price_wholesale')).toBe('usdPrice');
    expect(formatFor('firm_specific_leverage_mean')).toBe('number');
  });

  it('writes CSV rows per scenario with the differences from the reference, and JSON with each seed', () => {
    const rows = compareRows(entries, [1], ['headcount']);
    const csv = compareCsv(['ref', 'other'], rows).split('\n');
    expect(csv[0]).toBe('metric,unit,group,year,month,scenario,reference,n,mean,lo95,hi95,diff_mean,diff_sd,diff_lo95,diff_hi95');
    expect(csv[1]).toMatch(/^headcount,engineers,all,1,12,ref,ref,3,1031,[\d.]+,[\d.]+,,,,$/);
    expect(csv[2]).toMatch(/^headcount,engineers,all,1,12,other,ref,3,1041,[\d.]+,[\d.]+,10,5,-2\.4\d+,22\.4\d+$/);
    const head = { reference: 'ref', scenarios: [], seeds, interval: 't', package: { name: 'tokensim', version: '0' }, command: 'tokensim compare' };
    const json = JSON.parse(compareJson(head, ['ref', 'other'], rows));
    expect(json.rows[0].differences[0].perSeed).toEqual([
      { seed: 1, difference: 5 },
      { seed: 2, difference: 10 },
      { seed: 3, difference: 15 },
    ]);
    expect(json.rows[0].scenarios[1]).toMatchObject({ label: 'other', n: 3, mean: 1041 });
  });
});

describe('compare flags', () => {
  it('reads --metrics and --out', () => {
    expect(parseCompareArgs(['a', 'b', '--metrics', 'wealth_median,headcount', '--out', 'x.csv'])).toMatchObject({ metrics: ['wealth_median', 'headcount'], out: 'x.csv' });
  });

  it.each([
    [['--metrics', 'headcont'], "--metrics: unknown metric 'headcont'; did you mean 'headcount'?"],
    [['--metrics', 'headcount,headcount'], "--metrics lists 'headcount' more than once"],
    [['--metrics', 'headcount,'], '--metrics has an empty name'],
    [['--out', 'table.txt'], "--out must name a .csv or .json file (got 'table.txt')"],
  ])('refuses %j with exit 2 and one line', async (flags, message) => {
    const r = await runCli(['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tokensim: ${message}${r.stderr.slice(`tokensim: ${message}`.length)}`);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses an --out that is a directory before running anything', async () => {
    const dir = path.join(TMP, 'd.csv');
    mkdirSync(dir);
    const r = await runCli(['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--out', dir, '--years', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tokensim: --out ${dir} is a directory (give a .csv or .json file)\n`);
  });
});
