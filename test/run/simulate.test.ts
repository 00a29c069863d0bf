import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { createWorld, simulate } from '../../sim/run/simulate.ts';
import { findSeries } from '../../sim/run/result.ts';
import { METRIC_DEFS } from '../../sim/run/metricDefs.ts';
import { checkInvariants, InvariantError } from '../../sim/run/invariants.ts';
import { computeInput } from '../../sim/model/engineers.ts';

const small = (engineers = 2000, years = 2): Params => {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  p.run.years = years;
  return p;
};

const SHARE_METRICS = ['token_share_of_comp', 'unemployment_rate', 'compute_share_of_output', 'junior_share_of_hires', 'token_waste_share'];
/** Statistics over the employed engineers of a group: NaN exactly when the group has none. */
const EMPLOYED_STATS = ['cash_base_mean', 'cash_base_median', 'cash_base_p10', 'cash_base_p90', 'total_comp_mean', 'token_budget_mean', 'token_pay_value_mean', 'output_per_engineer', 'tenure_mean_months', 'firm_specific_leverage_mean', 'poaching_premium_median'];
/** Statistics whose group may be empty in a month (no engineers, hires, movers or reviews yet); counts and sums never are. */
const MAY_BE_UNDEFINED = [...EMPLOYED_STATS, 'token_share_of_comp', 'token_spend_to_payroll', 'token_waste_share', 'wealth_mean', 'wealth_median', 'wealth_p10', 'unemployment_rate', 'cash_raise_rate', 'junior_share_of_hires', 'new_hire_cash_mean', 'job_to_job_share_of_hires', 'tightness', 'job_finding_rate', 'quit_rate_annual', 'turnover_rate_annual', 'mover_output_drop', 'profit_margin', 'compute_share_of_output', 'compute_cost_share', 'autonomous_compute_share'];
const NON_NEGATIVE: string[] = METRIC_DEFS.map((d) => d.name).filter((n) => !['profit_margin', 'mover_output_drop'].includes(n));

const scenarioFiles = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

describe('reproducibility', () => {
  it('the same scenario and seed give identical series and hashes', () => {
    const a = simulate(small(), 42);
    const b = simulate(small(), 42);
    expect(a.resultHash).toBe(b.resultHash);
    expect(a.series.length).toBe(b.series.length);
    for (let k = 0; k < a.series.length; k++) expect(Array.from(a.series[k].values)).toEqual(Array.from(b.series[k].values));
  });

  it('a different seed gives different results', () => {
    expect(simulate(small(), 1).resultHash).not.toBe(simulate(small(), 2).resultHash);
  });

  it('a labour-market parameter leaves the token price series untouched', () => {
    const p = small();
    const q = small();
    q.labour.searchProbEmployed = 0.2;
    q.labour.switchingThreshold = 0.01;
    const a = simulate(p, 3);
    const b = simulate(q, 3);
    expect(a.resultHash).not.toBe(b.resultHash);
    expect(Array.from(findSeries(b, 'token_price_retail')!)).toEqual(Array.from(findSeries(a, 'token_price_retail')!));
    // The labour market did change.
    expect(Array.from(findSeries(b, 'quit_rate_annual')!)).not.toEqual(Array.from(findSeries(a, 'quit_rate_annual')!));
  });

  it('a firm parameter does not reshuffle the initial population of engineers', () => {
    const p = small(1000, 1);
    const q = small(1000, 1);
    q.firmTypes.bigtech.demandVolatility = 0.2;
    const a = createWorld(p, 9);
    const b = createWorld(q, 9);
    expect(Array.from(b.eng.skill)).toEqual(Array.from(a.eng.skill));
    expect(Array.from(b.eng.lambda)).toEqual(Array.from(a.eng.lambda));
  });

  it('the result hash is independent of the run length before the horizon', () => {
    const one = simulate(small(1000, 1), 5);
    const two = simulate(small(1000, 2), 5);
    const first = findSeries(one, 'cash_base_mean')!;
    expect(Array.from(findSeries(two, 'cash_base_mean')!.subarray(0, 12))).toEqual(Array.from(first));
  });
});

describe('statistics over an empty group', () => {
  it('are NaN, not 0: a firm type with no firms, a raise before any review, a drop with no movers', () => {
    const p = small(500, 2);
    p.firmTypes.midmarket.firmShare = 0;
    const r = simulate(p, 1);
    expect(Array.from(findSeries(r, 'headcount', 'midmarket')!).every((v) => v === 0)).toBe(true);
    for (const metric of ['cash_base_mean', 'cash_base_median', 'wealth_median', 'poaching_premium_median', 'profit_margin', 'unemployment_rate'] as const) {
      const s = findSeries(r, metric, 'midmarket') ?? [];
      for (const v of s) expect(v, metric).toBeNaN();
    }
    expect(findSeries(r, 'cash_base_median', 'startup')![0]).toBeGreaterThan(0);
    const raise = findSeries(r, 'cash_raise_rate')!;
    expect(raise[0]).toBeNaN();
    expect(Number.isFinite(raise[12])).toBe(true);
    expect(findSeries(r, 'mover_output_drop')![0]).toBeNaN();
  });
});

describe('invariants hold every month', () => {
  it('over ten years at the default size (finite state, headcounts, Euler attribution)', () => {
    const result = simulate(cloneParams(DEFAULTS), 1, { checkInvariants: true });
    expect(result.months).toBe(120);
    expect(findSeries(result, 'headcount')![119]).toBeGreaterThan(0);
  });

  it.each(scenarioFiles)('%s runs a year with every metric finite and in range, NaN only over an empty group', (file) => {
    const p = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
    p.run.engineers = 3000;
    p.run.years = 1;
    const r = simulate(p, 11, { checkInvariants: true });
    for (const s of r.series) {
      const headcount = findSeries(r, 'headcount', s.group);
      for (let m = 0; m < r.months; m++) {
        const v = s.values[m];
        if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) throw new Error(`${s.metric}/${s.group} month ${m + 1} is ${v}`);
        if (EMPLOYED_STATS.includes(s.metric) && headcount) {
          const empty = headcount[m] === 0;
          if (Number.isNaN(v) !== empty) throw new Error(`${s.metric}/${s.group} month ${m + 1} is ${v} with headcount ${headcount[m]}`);
        }
        if (Number.isNaN(v) && !MAY_BE_UNDEFINED.includes(s.metric)) throw new Error(`${s.metric}/${s.group} month ${m + 1} is NaN`);
        if (SHARE_METRICS.includes(s.metric) && (v < 0 || v > 1)) throw new Error(`${s.metric}/${s.group} = ${v} outside [0, 1]`);
        if (NON_NEGATIVE.includes(s.metric) && v < 0) throw new Error(`${s.metric}/${s.group} = ${v} is negative`);
      }
    }
    expect(r.firmTypes.length).toBeGreaterThanOrEqual(3);
  });

  it('the invariant check itself catches a broken Euler attribution', () => {
    const w = createWorld(small(500, 1), 1);
    const f = w.firms.find((x) => x.alive && x.n > 0)!;
    f.outputSum = f.Y * 1.01;
    expect(() => checkInvariants(w)).toThrow(InvariantError);
  });

  it('individual outputs add up to firm output in every firm at month 0', () => {
    const w = createWorld(small(3000, 1), 4);
    const sum = new Float64Array(w.firms.length);
    for (let i = 0; i < w.eng.n; i++) {
      const slot = w.eng.employer[i];
      if (slot < 0) continue;
      const f = w.firms[slot];
      sum[slot] += f.YL * w.eng.skill[i] + f.YC * computeInput(w, i);
    }
    for (const f of w.firms) if (f.n > 0) expect(sum[f.slot] / f.Y).toBeCloseTo(1, 12);
  });
});

describe('reported groups', () => {
  it('every declared metric is reported for all, and for each firm type and level it declares', () => {
    const r = simulate(small(500, 1), 1);
    for (const d of METRIC_DEFS) {
      expect(findSeries(r, d.name, 'all'), d.name).toBeDefined();
      if (d.groups.includes('firmType')) for (const t of ['bigtech', 'startup', 'midmarket']) expect(findSeries(r, d.name, t), `${d.name}/${t}`).toBeDefined();
      if (d.groups.includes('level')) for (const l of ['junior', 'mid', 'senior', 'staff']) expect(findSeries(r, d.name, l), `${d.name}/${l}`).toBeDefined();
    }
    expect(findSeries(r, 'poaching_premium_median', 'budget_q4')).toBeDefined();
    expect(findSeries(r, 'unemployment_rate', 'bigtech')).toBeUndefined();
  });

  it('headcount by firm type and by level each add up to the total', () => {
    const r = simulate(small(2000, 1), 2);
    const total = findSeries(r, 'headcount')!;
    for (let m = 0; m < r.months; m++) {
      const byType = ['bigtech', 'startup', 'midmarket'].reduce((a, t) => a + findSeries(r, 'headcount', t)![m], 0);
      const byLevel = ['junior', 'mid', 'senior', 'staff'].reduce((a, l) => a + findSeries(r, 'headcount', l)![m], 0);
      expect(byType).toBe(total[m]);
      expect(byLevel).toBe(total[m]);
    }
  });
});
