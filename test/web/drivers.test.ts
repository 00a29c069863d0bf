import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { direction, driverFilesByScenario, driverLabel, driversCsv, driverView } from '../../web/lib/drivers.ts';

const file = {
  name: 'tunguz-100k-drivers',
  runs: 66,
  engineers: 2000,
  years: 10,
  results: [
    {
      output: { metric: 'cash_base_median', group: 'all', year: 10 },
      morris: [
        { path: 'production.sigma', mu: -500, muStar: 500, sigma: 1 },
        { path: 'labour.lossAversion', mu: 10, muStar: 50, sigma: 1 },
      ],
    },
    { output: { metric: 'wealth_median', group: 'all', year: 10 }, morris: [{ path: 'production.sigma', mu: 80, muStar: 100, sigma: 1 }] },
  ],
  ranking: [
    { path: 'production.sigma', score: 0.9 },
    { path: 'firmTypes.*.policy.tokenBudgetShareOfBase', score: 0.4 },
    { path: 'labour.lossAversion', score: 0.1 },
  ],
};

describe('what drives this result', () => {
  it('labels factors from the parameter metadata and keeps the ranking order', () => {
    const v = driverView(file, 2)!;
    expect(v.scenario).toBe('tunguz-100k');
    expect(v.rows.map((r) => r.label)).toEqual(['σ, people vs compute', 'Token budget, share of base (every firm type)']);
    expect(v.outputs).toEqual(['cash_base_median (year 10)', 'wealth_median (year 10)']);
    expect(v.outcomes).toEqual(['cash pay', 'wealth']);
    expect(driverLabel('no.such.path')).toBe('no.such.path');
  });

  it('refuses a file of the wrong shape instead of showing wrong numbers', () => {
    expect(driverView(undefined)).toBeUndefined();
    expect(driverView({ ...file, ranking: [{ path: 'x', score: 'high' }] })).toBeUndefined();
  });

  it('keys the bundled files by scenario and skips the summary file', () => {
    const m = driverFilesByScenario({ '../../docs/sensitivity/baseline.json': 1, '../../docs/sensitivity/drivers.json': 2 });
    expect([...m.keys()]).toEqual(['baseline']);
  });

  it('every scenario file has a precomputed screening the panel can read', () => {
    const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    for (const f of scenarios) {
      const v = driverView(JSON.parse(readFileSync(`docs/sensitivity/${f}`, 'utf8')));
      expect(v, f).toBeDefined();
      expect(v!.rows.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('says which way raising each assumption moves each outcome, and how strongly', () => {
    expect(direction(-5, 5)).toBe('down');
    expect(direction(3, 5)).toBe('up');
    expect(direction(1, 5)).toBe('mixed');
    expect(direction(0, 0)).toBe('mixed');
    const v = driverView(file)!;
    expect(v.rows[0].effects).toEqual([
      { outcome: 'cash pay', direction: 'down', strength: 1 },
      { outcome: 'wealth', direction: 'up', strength: 1 },
    ]);
    expect(v.rows[2].effects).toEqual([{ outcome: 'cash pay', direction: 'mixed', strength: 0.1 }]);
    expect(v.rows[1].effects).toEqual([]);
  });

  it('exports the rows as CSV, one line per assumption and outcome', () => {
    const csv = driversCsv(driverView(file)!).split('\n');
    expect(csv[0]).toBe('scenario,parameter,label,score,outcome,direction,strength');
    expect(csv[1]).toBe('tunguz-100k,production.sigma,"σ, people vs compute",0.9000,cash pay,down,1.0000');
    expect(csv).toHaveLength(5); // header, three effects, trailing newline
  });
});
