import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSensitivitySpec, setFactor, SensitivitySpecError } from '../../../sim/research/sensitivity/sensitivitySpec.ts';
import { formatReport, rankDrivers, rankedChart, sensitivityCsv } from '../../../sim/cli/commands/sensitivityCommand.ts';
import type { SensitivityReport } from '../../../sim/cli/commands/sensitivityCommand.ts';
import { DEFAULTS, cloneParams } from '../../../sim/model/params.ts';

const spec = (over: Record<string, unknown>) =>
  JSON.stringify({ name: 's', description: 'd', base: 'b.json', factors: { 'production.sigma': [0.5, 3] }, outputs: [{ metric: 'headcount', year: 1 }], ...over });

describe('sensitivity spec files', () => {
  it('the shipped example parses, with defaults filled in', () => {
    const s = parseSensitivitySpec(readFileSync('scenarios/sensitivity/tunguz-drivers.json', 'utf8'));
    expect(s.factors.length).toBe(11);
    // Agents' autonomy is screened with the other technology trends.
    expect(s.factors.map((f) => f.path)).toContain('market.autonomyGrowthLongRun');
    expect(s.method).toBe('morris');
    expect(s.outputs[0]).toEqual({ metric: 'cash_base_median', group: 'all', year: 10 });
    expect(s.sobol).toEqual({ samples: 64, bootstrap: 200 });
  });

  it.each([
    [{ factors: { 'production.sigmaa': [0.5, 3] } }, /factors\.production\.sigmaa: unknown numeric parameter$/],
    [{ factors: { 'engineers.skillByLevel.{level}': [0.5, 3] } }, /factors\.engineers\.skillByLevel\.\{level\}: a wildcard is allowed only as the firm type/],
    [{ factors: { 'market.events.*.priceFactor': [0.5, 3] } }, /a wildcard is allowed only as the firm type/],
    [{ factors: { 'production.sigma': [3, 0.5] } }, /min < max/],
    [{ factors: { 'production.sigma': [0.01, 3] } }, /factors\.production\.sigma\.0: must be at least 0\.05 \(got 0\.01\)$/],
    [{ factors: { 'production.sigma': [1, 30] } }, /factors\.production\.sigma\.1: must be at most 20 \(got 30\)$/],
    [{ outputs: [{ metric: 'nope', year: 1 }] }, /outputs\.0\.metric: unknown metric "nope"/],
    [{ method: 'anova' }, /method/],
    [{ extra: 1 }, /extra|unrecognized/i],
  ])('rejects a bad spec with the field and the reason (%#)', (over, message) => {
    expect(() => parseSensitivitySpec(spec(over), 'x.json')).toThrow(SensitivitySpecError);
    expect(() => parseSensitivitySpec(spec(over), 'x.json')).toThrow(message);
  });

  it('a firm-type wildcard sets the field for every firm type; integers are rounded', () => {
    const p = cloneParams(DEFAULTS);
    setFactor(p, 'firmTypes.*.policy.tokenBudgetShareOfBase', 0.3);
    for (const t of Object.values(p.firmTypes)) expect(t.policy.tokenBudgetShareOfBase).toBe(0.3);
    setFactor(p, 'labour.applicationsPerSearcher', 2.6);
    expect(p.labour.applicationsPerSearcher).toBe(3);
    expect(DEFAULTS.firmTypes.bigtech.policy.tokenBudgetShareOfBase).toBe(0);
  });
});

describe('sensitivity report', () => {
  const report: SensitivityReport = {
    name: 'r',
    description: 'd',
    base: 'b.json',
    method: 'morris',
    seed: 1,
    engineers: 100,
    years: 1,
    runs: 6,
    results: [
      {
        output: { metric: 'headcount', group: 'all', year: 1 },
        morris: [
          { path: 'a', muStar: 4, mu: -4, sigma: 1 },
          { path: 'b', muStar: 2, mu: 2, sigma: 0 },
        ],
      },
    ],
  };

  it('ranks drivers by μ* normalised within each output, averaged over outputs', () => {
    const two: SensitivityReport = {
      ...report,
      results: [
        report.results[0],
        { output: { metric: 'wealth_median', group: 'all', year: 1 }, morris: [{ path: 'b', muStar: 100, mu: 0, sigma: 0 }, { path: 'a', muStar: 0, mu: 0, sigma: 0 }] },
      ],
    };
    // a: (4/4 + 0/100)/2 = 0.5; b: (2/4 + 100/100)/2 = 0.75.
    expect(rankDrivers(two)).toEqual([
      { path: 'b', score: 0.75 },
      { path: 'a', score: 0.5 },
    ]);
  });

  it('draws bars in proportion to the score', () => {
    const [a, b] = rankedChart([{ path: 'a', score: 4 }, { path: 'b', score: 2 }], 10);
    expect(a.match(/█/g)?.length).toBe(10);
    expect(b.match(/█/g)?.length).toBe(5);
  });

  it('prints a table per output and writes tidy CSV', () => {
    expect(formatReport(report)).toContain('headcount (all) at year 1');
    const csv = sensitivityCsv(report).trim().split('\n');
    expect(csv[0]).toBe('output,group,year,factor,measure,value,lo95,hi95');
    expect(csv).toContain('headcount,all,1,a,mu_star,4,,');
    expect(csv.length).toBe(1 + 2 * 3);
  });
});
