/** No run is written with a value that should be finite and is not (sim/cli/output/finiteResult.ts). */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSweep, type SweepDeps } from '../../sim/cli/commands/sweepCommand.ts';
import { readPackageInfo } from '../../sim/cli/main.ts';
import { assertFiniteResult, NonFiniteResultError, nonFiniteValue } from '../../sim/cli/output/finiteResult.ts';
import { cloneParams, DEFAULTS, type Params } from '../../sim/model/params.ts';
import { findSeries, packResult, unpackResult, type Result } from '../../sim/run/result.ts';
import { simulate } from '../../sim/run/simulate.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-finite-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function small(edit: (p: Params) => void = () => {}): Params {
  const p = cloneParams(DEFAULTS);
  p.name = 'small';
  p.run.engineers = 200;
  p.run.years = 1;
  edit(p);
  return p;
}

const clean = simulate(small(), 1);

/** A copy of `r` with value `month` (0-based) of metric/group set to `v`. */
function withValue(r: Result, metric: string, group: string, month: number, v: number): Result {
  const series = r.series.map((s) => (s.metric === metric && s.group === group ? { ...s, values: Float64Array.from(s.values, (x, m) => (m === month ? v : x)) } : s));
  expect(series.some((s) => s.metric === metric && s.group === group)).toBe(true);
  return { ...r, series };
}

describe('finite results', () => {
  it('a run of a valid scenario passes', () => {
    expect(nonFiniteValue(clean)).toBeUndefined();
  });

  it('160 stacked price events (which validation now refuses) would have written NaN: the writer stops it', () => {
    const overflowing = simulate(
      small((p) => {
        p.market.events = Array.from({ length: 160 }, (_, k) => ({ label: `e${k}`, startMonth: 0, months: 12, priceFactor: 100 }));
      }),
      1,
    );
    expect(() => assertFiniteResult(overflowing)).toThrow(NonFiniteResultError);
    expect(() => assertFiniteResult(overflowing)).toThrow(/^scenario small, seed 1: \w+ \(\w+\) is (NaN|Infinity|-Infinity) in month \d+; /);
  });

  it('Infinity is refused in any metric, NaN in a total, naming metric, group and month (1-based)', () => {
    expect(nonFiniteValue(withValue(clean, 'tightness', 'all', 3, Infinity))).toEqual({ metric: 'tightness', group: 'all', month: 4, value: Infinity });
    expect(nonFiniteValue(withValue(clean, 'revenue', 'startup', 0, NaN))).toEqual({ metric: 'revenue', group: 'startup', month: 1, value: NaN });
    expect(nonFiniteValue(withValue(clean, 'firm_cash', 'all', 11, -Infinity))).toEqual({ metric: 'firm_cash', group: 'all', month: 12, value: -Infinity });
  });

  it('NaN is allowed for a statistic with no one to describe, not for a group that employs someone', () => {
    // A ratio whose denominator may be empty (no searchers), and a statistic over an empty group.
    expect(nonFiniteValue(withValue(clean, 'tightness', 'all', 2, NaN))).toBeUndefined();
    const staffed = findSeries(clean, 'headcount', 'senior')!;
    expect(staffed[5]).toBeGreaterThan(0);
    expect(nonFiniteValue(withValue(clean, 'cash_base_median', 'senior', 5, NaN))).toEqual({ metric: 'cash_base_median', group: 'senior', month: 6, value: NaN });
    const empty = withValue(withValue(clean, 'headcount', 'senior', 5, 0), 'cash_base_median', 'senior', 5, NaN);
    expect(nonFiniteValue(empty)).toBeUndefined();
  });

  it('a sweep refuses to store such a run and writes no run file for it', async () => {
    const sweepFile = path.join(TMP, 'sweep.json');
    writeFileSync(
      sweepFile,
      JSON.stringify({ name: 'nan', description: 'A sweep whose engine returns NaN.', base: path.resolve('scenarios/baseline.json'), parameters: { 'production.sigma': [0.5] }, replicates: 1, engineers: 100, years: 1 }),
    );
    const deps: SweepDeps = {
      env: {},
      createPool: (workers) => ({
        size: workers,
        run: async (params, seed) => packResult(withValue(unpackResult(packResult(simulate(params, seed))), 'revenue', 'all', 6, NaN)),
        close: async () => {},
      }),
      defaultWorkers: () => 1,
      now: () => 0,
    };
    const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false };
    const out = path.join(TMP, 'out');
    const ran = runSweep([sweepFile, '--out', out], { io, pkg: readPackageInfo(), argv: ['sweep'] }, deps);
    await expect(ran).rejects.toThrow(/^scenario baseline, seed \d+: revenue \(all\) is NaN in month 7; /);
    expect(existsSync(path.join(out, 'runs')) ? readdirSync(path.join(out, 'runs')) : []).toEqual([]);
  });
});
