import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpecAgainstBase, parseSensitivitySpec, setFactor, SensitivitySpecError } from '../../../sim/research/sensitivity/sensitivitySpec.ts';
import { writeSensitivitySchemaText } from '../../../sim/research/sensitivity/sensitivitySchema.ts';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { formatReport, rankDrivers, rankedChart } from '../../../sim/cli/commands/sensitivityCommand.ts';
import { sensitivityCsv } from '../../../sim/cli/output/sensitivityOutput.ts';
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
    // one replicate design unless asked: the shipped screening's numbers stay as they were
    expect(s.morris).toEqual({ trajectories: 8, levels: 4, replicates: 1, bootstrap: 200 });
    expect(parseSensitivitySpec(spec({ morris: { replicates: 3 } })).morris).toEqual({ trajectories: 10, levels: 4, replicates: 3, bootstrap: 200 });
    expect(() => parseSensitivitySpec(spec({ morris: { replicates: 0 } }), 'x.json')).toThrow('x.json: morris.replicates:');
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
    [{ engineers: 0 }, /^x\.json: engineers: Too small: expected number to be >=10$/],
    [{ engineers: 2_000_001 }, /^x\.json: engineers: Too big: expected number to be <=2000000$/],
    [{ years: 0 }, /^x\.json: years: Too small: expected number to be >=1$/],
    [{ years: 51 }, /^x\.json: years: Too big: expected number to be <=50$/],
    [{ years: 2.5 }, /^x\.json: years: Invalid input: expected int/],
  ])('rejects a bad spec with the field and the reason (%#)', (over, message) => {
    expect(() => parseSensitivitySpec(spec(over), 'x.json')).toThrow(SensitivitySpecError);
    expect(() => parseSensitivitySpec(spec(over), 'x.json')).toThrow(message);
  });

  it('scans the text as scenario files are: duplicate fields, nesting, a byte-order mark', () => {
    expect(() => parseSensitivitySpec('{"name": "s",\n "name": "t"}', 'x.json')).toThrow('x.json: name: duplicate field at line 2, column 2');
    const nested = `{"name": "s", "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(() => parseSensitivitySpec(nested, 'x.json')).toThrow(/^x\.json: \(json\): nested more than 64 levels deep/);
    expect(parseSensitivitySpec('\uFEFF' + spec({}), 'x.json').name).toBe('s');
  });

  it('checks factors, output groups and years against the base scenario', () => {
    const base = parseScenario(readFileSync('scenarios/baseline.json', 'utf8'));
    const check = (over: Record<string, unknown>, years = 10) => () => checkSpecAgainstBase(parseSensitivitySpec(spec(over), 'x.json'), base, years, 'x.json');
    expect(check({ factors: { 'firmTypes.*.firmShare': [0.1, 0.2], 'firmTypes.startup.firmShare': [0.1, 0.2] } })).not.toThrow();
    expect(check({ factors: { 'firmTypes.nope.firmShare': [0.1, 0.2] } })).toThrow('x.json: factors.firmTypes.nope.firmShare: the base scenario has no firm type "nope"');
    expect(check({ factors: { 'market.events.0.priceFactor': [0.5, 2] } })).toThrow('x.json: factors.market.events.0.priceFactor: the base scenario has no market event 0');
    expect(check({ factors: { 'firmTypes.*.policy.baseByLevel.junior': [0, 100_000] } })).toThrow(
      'x.json: factors.firmTypes.*.policy.baseByLevel.junior.0: firmTypes.bigtech.policy.baseByLevel.junior must be above 0 (got 0)',
    );
    expect(check({ outputs: [{ metric: 'headcount', group: 'budget_q1', year: 1 }] })).toThrow('x.json: outputs.0.group: metric headcount has no group "budget_q1"');
    expect(check({ outputs: [{ metric: 'headcount', group: 'senior', year: 10 }] })).not.toThrow();
    expect(check({ outputs: [{ metric: 'headcount', year: 11 }] })).toThrow('x.json: outputs.0.year: year 11 is past the 10-year horizon');
    expect(check({ outputs: [{ metric: 'headcount', year: 3 }] }, 2)).toThrow('year 3 is past the 2-year horizon');
  });

  it('scenarios/sensitivity/sensitivity.schema.json is up to date (regenerate with vitest -u)', async () => {
    await expect(writeSensitivitySchemaText()).toMatchFileSnapshot('../../../scenarios/sensitivity/sensitivity.schema.json');
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
    replicates: 1,
    intervals: 'Morris μ*: percentile bootstrap',
    engineers: 100,
    years: 1,
    runs: 6,
    results: [
      {
        output: { metric: 'headcount', group: 'all', year: 1 },
        unit: 'engineers',
        morris: [
          { path: 'a', muStar: 4, mu: -4, sigma: 1, muStarLo: 3, muStarHi: 5 },
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
        { output: { metric: 'wealth_median', group: 'all', year: 1 }, unit: '$', morris: [{ path: 'b', muStar: 100, mu: 0, sigma: 0 }, { path: 'a', muStar: 0, mu: 0, sigma: 0 }] },
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

  it('prints a table per output with its unit and μ* interval, and writes tidy CSV with units', () => {
    const text = formatReport(report);
    expect(text).toContain('headcount (all) at year 1 · engineers');
    expect(text).toContain('μ*, μ, σ in engineers per whole factor range');
    expect(text).toContain('intervals: Morris μ*: percentile bootstrap');
    expect(text).toMatch(/^ {2}a\s+4\.000\s+\[3\.000, 5\.000\]\s+-4\.000\s+1\.000$/m);
    const csv = sensitivityCsv(report).trim().split('\n');
    expect(csv[0]).toBe('output,group,year,factor,measure,value,lo95,hi95,unit');
    expect(csv).toContain('headcount,all,1,a,mu_star,4,3,5,engineers per factor range');
    expect(csv).toContain('headcount,all,1,b,mu_star,2,,,engineers per factor range');
    expect(csv.length).toBe(1 + 2 * 3);
  });
});
