/**
 * The labour market clears through wages, on the full default engine (MODEL.md §10.1): the
 * steady state of `baseline-static`, the growth path of `baseline`, a permanent demand shift,
 * the incidence of token pay, counteroffers and quit rates. Runs at 3,000 engineers; yearly
 * figures are means over each year's months and over seeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/input/scenario.ts';
import type { Params } from '../../sim/model/params.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { offerCash } from '../../sim/model/offers.ts';
import { findSeries } from '../../sim/run/result.ts';
import type { Result } from '../../sim/run/result.ts';
import type { MetricName } from '../../sim/run/metricDefs.ts';

const load = (name: string): Params => parseScenario(readFileSync(`scenarios/${name}.json`, 'utf8'), name);

function sized(p: Params, engineers = 3000, years = 10): Params {
  p.run.engineers = engineers;
  p.run.years = years;
  return p;
}

const cache = new Map<string, Result[]>();
/** Runs of a scenario at 3,000 engineers × 10 years, seeds 1 and 2 (cached across tests). */
function runs(name: string): Result[] {
  let r = cache.get(name);
  if (!r) {
    const p = sized(load(name));
    r = [simulate(p, 1), simulate(p, 2)];
    cache.set(name, r);
  }
  return r;
}

function series(r: Result, metric: MetricName, group = 'all'): Float64Array {
  const s = findSeries(r, metric, group);
  if (!s) throw new Error(`no series ${metric}/${group}`);
  return s;
}

/** Mean over seeds of the mean of months [12(y − 1) + 1, 12y]. */
function yearMean(rs: Result[], metric: MetricName, year: number, group = 'all'): number {
  let total = 0;
  for (const r of rs) {
    const s = series(r, metric, group);
    for (let m = 12 * (year - 1); m < 12 * year; m++) total += s[m];
  }
  return total / (12 * rs.length);
}

/** Mean over seeds of the value at the end of month `month` (1-based). */
function at(rs: Result[], metric: MetricName, month: number, group = 'all'): number {
  return rs.reduce((a, r) => a + series(r, metric, group)[month - 1], 0) / rs.length;
}

const YEARS_2_TO_10 = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const CORE_TYPES = ['bigtech', 'startup', 'midmarket'];

describe('baseline-static is a steady state (years 2–10)', () => {
  it('unemployment stays within 2–8 % every year', () => {
    for (const y of YEARS_2_TO_10) {
      const u = yearMean(runs('baseline-static'), 'unemployment_rate', y);
      expect(u, `year ${y}`).toBeGreaterThanOrEqual(0.02);
      expect(u, `year ${y}`).toBeLessThanOrEqual(0.08);
    }
  });

  it('the mean nominal cash raise is 2.5–6.5 % a year', () => {
    const raises = YEARS_2_TO_10.map((y) => at(runs('baseline-static'), 'cash_raise_rate', 12 * y));
    const mean = raises.reduce((a, b) => a + b, 0) / raises.length;
    expect(mean).toBeGreaterThanOrEqual(0.025);
    expect(mean).toBeLessThanOrEqual(0.065);
  });

  it('mean tenure at year 10 is within ×0.75–×1.33 of year 3', () => {
    const ratio = at(runs('baseline-static'), 'tenure_mean_months', 120) / at(runs('baseline-static'), 'tenure_mean_months', 36);
    expect(ratio).toBeGreaterThanOrEqual(0.75);
    expect(ratio).toBeLessThanOrEqual(1.33);
  });

  it('every firm type keeps at least half its year-1 headcount', () => {
    for (const t of CORE_TYPES) {
      const first = yearMean(runs('baseline-static'), 'headcount', 1, t);
      expect(at(runs('baseline-static'), 'headcount', 120, t), t).toBeGreaterThanOrEqual(0.5 * first);
    }
  });

  it('the CFOs’ aggregate target is within ±10 % of headcount at years 5 and 10', () => {
    for (const month of [60, 120]) {
      const ratio = at(runs('baseline-static'), 'headcount_target', month) / at(runs('baseline-static'), 'headcount', month);
      expect(ratio, `month ${month}`).toBeGreaterThanOrEqual(0.9);
      expect(ratio, `month ${month}`).toBeLessThanOrEqual(1.1);
    }
  });
});

describe('baseline (a growth path)', () => {
  it('keeps unemployment within 1.5–10 % every year from year 2', () => {
    for (const y of YEARS_2_TO_10) {
      const u = yearMean(runs('baseline'), 'unemployment_rate', y);
      expect(u, `year ${y}`).toBeGreaterThanOrEqual(0.015);
      expect(u, `year ${y}`).toBeLessThanOrEqual(0.1);
    }
  });

  it('no firm type loses two thirds of its year-1 engineers', () => {
    for (const t of CORE_TYPES) {
      const first = yearMean(runs('baseline'), 'headcount', 1, t);
      expect(at(runs('baseline'), 'headcount', 120, t), t).toBeGreaterThan(first / 3);
    }
  });

  it('the labour force moves: entrants and exits to other occupations both happen', () => {
    const rs = runs('baseline');
    expect(yearMean(rs, 'entrants', 5)).toBeGreaterThan(0);
    expect(yearMean(rs, 'exits_to_other_occupations', 5)).toBeGreaterThan(0);
    expect(at(rs, 'labour_force', 120)).not.toBe(at(rs, 'labour_force', 1));
  });
});

describe('labour demand moves headcount and pay', () => {
  /** baseline-static with every firm's demand × factor from month 36 on. */
  function shifted(factor: number): Result[] {
    const p = sized(load('baseline-static'), 3000, 6);
    p.demand.events = [{ label: 'permanent shift', startMonth: 36, months: 600, factor }];
    return [simulate(p, 1), simulate(p, 2)];
  }
  const steady = (): Result[] => {
    const p = sized(load('baseline-static'), 3000, 6);
    return [simulate(p, 1), simulate(p, 2)];
  };
  /** Mean over months 49–60 (12–24 months after the shift). */
  const after = (rs: Result[], metric: MetricName): number => yearMean(rs, metric, 5);

  it('a permanent demand increase raises headcount and new hires’ pay within 12–24 months; a fall lowers both', () => {
    const base = steady();
    const up = shifted(1.25);
    const down = shifted(0.8);
    expect(after(up, 'headcount')).toBeGreaterThan(after(base, 'headcount'));
    expect(after(down, 'headcount')).toBeLessThan(after(base, 'headcount'));
    expect(after(up, 'new_hire_cash_mean')).toBeGreaterThan(after(base, 'new_hire_cash_mean'));
    expect(after(down, 'new_hire_cash_mean')).toBeLessThan(after(base, 'new_hire_cash_mean'));
  });
});

describe('who pays for token pay', () => {
  /** Mean cash offered to new hires over years 4–5 at a token valuation λ, seeds 1–3. */
  function cashOffers(name: string, lambda: number): number {
    const p = sized(load(name), 3000, 5);
    p.engineers.tokenValuation = lambda;
    const r = [1, 2, 3].map((seed) => simulate(p, seed));
    return (yearMean(r, 'new_hire_cash_mean', 4) + yearMean(r, 'new_hire_cash_mean', 5)) / 2;
  }

  /**
   * Cash of every alive firm's offer at each level, months 24–35 of a run, at the searchers'
   * mean valuation λ̄ and at λ̄ × 1.5, the posted values held.
   */
  function cashAtValuations(name: string): [number, number][] {
    const p = sized(load(name), 1500, 3);
    const pairs: [number, number][] = [];
    simulate(p, 1, {
      inspect: (w) => {
        if (w.month < 24) return;
        const saved = w.lambdaBar.slice();
        for (const f of w.firms) {
          if (!f.alive || f.n === 0) continue;
          for (let l = 0; l < 4; l++) {
            const at = offerCash(w, f, l, 1);
            for (let k = 0; k < w.lambdaBar.length; k++) w.lambdaBar[k] = saved[k] * 1.5;
            pairs.push([at, offerCash(w, f, l, 1)]);
            w.lambdaBar.set(saved);
          }
        }
      },
    });
    return pairs;
  }

  it('with token pay, engineers who value tokens more are offered less cash for the same posted value', () => {
    const pairs = cashAtValuations('tunguz-100k');
    expect(pairs.length).toBeGreaterThan(100);
    for (const [at, higher] of pairs) expect(higher).toBeLessThan(at);
  });

  it('with a tools budget, the valuation does not enter the cash part of an offer', () => {
    for (const [at, higher] of cashAtValuations('baseline')) expect(higher).toBe(at);
  });

  // In equilibrium most offers sit at the hire's marginal revenue, where the firm pays for the
  // tokens under either label and λ moves cash only through labour supply: the full-engine
  // pass-through is reported in docs/findings.md, not asserted here.

  it('with a tools budget, the valuation of tokens does not move cash offers', () => {
    expect(cashOffers('baseline', 0.9)).toBe(cashOffers('baseline', 0.3));
  });
});

describe('flows are measured as probabilities', () => {
  it('quit_rate_annual and turnover_rate_annual lie in [0, 1] for every group and month of every scenario', () => {
    const names = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
    for (const file of names.map((f) => f.replace(/\.json$/, ''))) {
      const p = sized(load(file), 600, 3);
      const r = simulate(p, 1);
      for (const s of r.series) {
        if (s.metric !== 'quit_rate_annual' && s.metric !== 'turnover_rate_annual') continue;
        for (const v of s.values) {
          expect(v, `${file} ${s.metric} ${s.group}`).toBeGreaterThanOrEqual(0);
          expect(v, `${file} ${s.metric} ${s.group}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
