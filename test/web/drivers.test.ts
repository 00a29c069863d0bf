import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driverFilesByScenario, driverLabel, driverView } from '../../web/lib/drivers.ts';

const file = {
  name: 'tunguz-100k-drivers',
  runs: 66,
  engineers: 2000,
  years: 10,
  results: [{ output: { metric: 'cash_base_median', group: 'all', year: 10 }, morris: [] }],
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
    expect(v.outputs).toEqual(['cash_base_median (year 10)']);
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
});
