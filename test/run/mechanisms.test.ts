/**
 * Each mechanism of the model must move the metrics it is about: scenario against scenario,
 * same seed, 3,000 engineers, 5 years. Assertions are directions (and a ratio where the
 * model makes it exact), averaged over years 3–5 to look past the start.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/input/scenario.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { findSeries } from '../../sim/run/result.ts';
import type { Result } from '../../sim/run/result.ts';
import type { MetricName } from '../../sim/run/metricDefs.ts';

const cache = new Map<string, Result>();
function run(name: string): Result {
  let r = cache.get(name);
  if (!r) {
    const p = parseScenario(readFileSync(`scenarios/${name}.json`, 'utf8'), name);
    p.run.engineers = 3000;
    p.run.years = 5;
    r = simulate(p, 1);
    cache.set(name, r);
  }
  return r;
}

/**
 * Mean of a metric over months from … to (1-based, inclusive), over the months where it is
 * defined: a statistic over an empty group (no movers yet, say) is NaN.
 */
function avg(name: string, metric: MetricName, group = 'all', from = 25, to = 60): number {
  const s = findSeries(run(name), metric, group);
  if (!s) throw new Error(`no series ${metric}/${group}`);
  let a = 0;
  let n = 0;
  for (let m = from - 1; m < to; m++) {
    if (Number.isNaN(s[m])) continue;
    a += s[m];
    n++;
  }
  return a / n;
}

describe('token pay', () => {
  it('tunguz-100k pays ≈ 17–21 % of total comp in tokens; the baseline pays none', () => {
    expect(avg('baseline', 'token_share_of_comp')).toBe(0);
    const share = avg('tunguz-100k', 'token_share_of_comp');
    expect(share).toBeGreaterThan(0.14);
    expect(share).toBeLessThan(0.22);
    expect(avg('huang-half-salary', 'token_budget_mean')).toBeGreaterThan(avg('tunguz-100k', 'token_budget_mean'));
  });

  it('token budgets raise output per engineer and the firms’ token spend', () => {
    expect(avg('tunguz-100k', 'output_per_engineer', 'all', 1, 12)).toBeGreaterThan(avg('baseline', 'output_per_engineer', 'all', 1, 12));
    expect(avg('tunguz-100k', 'token_spend_to_payroll')).toBeGreaterThan(5 * avg('baseline', 'token_spend_to_payroll'));
  });
});

describe('golden handcuffs', () => {
  it('large budgets build firm-specific leverage, cut quits and raise the poaching premium', () => {
    expect(avg('tunguz-100k', 'firm_specific_leverage_mean')).toBeGreaterThan(2 * avg('baseline', 'firm_specific_leverage_mean'));
    expect(avg('tunguz-100k', 'quit_rate_annual')).toBeLessThan(avg('baseline', 'quit_rate_annual'));
    expect(avg('tunguz-100k', 'poaching_premium_median')).toBeGreaterThan(avg('baseline', 'poaching_premium_median'));
  });

  it('the premium to poach rises with the token budget quartile', () => {
    expect(avg('tunguz-100k', 'poaching_premium_median', 'budget_q4')).toBeGreaterThan(avg('tunguz-100k', 'poaching_premium_median', 'budget_q1'));
  });

  it('movers lose output when firm-specific leverage resets', () => {
    expect(avg('tunguz-100k', 'mover_output_drop', 'all', 1, 24)).toBeGreaterThan(avg('baseline', 'mover_output_drop', 'all', 1, 24));
  });

  it('portable credits loosen the handcuffs and add to wealth', () => {
    expect(avg('portable-credits', 'quit_rate_annual')).toBeGreaterThan(avg('tunguz-100k', 'quit_rate_annual'));
    expect(avg('portable-credits', 'wealth_mean', 'all', 60, 60)).toBeGreaterThan(avg('tunguz-100k', 'wealth_mean', 'all', 60, 60));
  });
});

describe('cash versus tokens', () => {
  it('cash-freeze pays raises in tokens: flatter cash, larger token share', () => {
    expect(avg('cash-freeze', 'cash_raise_rate', 'all', 24, 24)).toBe(0);
    expect(avg('cash-freeze', 'cash_base_median', 'all', 60, 60)).toBeLessThan(avg('tunguz-100k', 'cash_base_median', 'all', 60, 60));
    expect(avg('cash-freeze', 'token_share_of_comp')).toBeGreaterThan(avg('tunguz-100k', 'token_share_of_comp'));
  });

  it('startups-vs-bigtech: startups pay in tokens, bigtech does not', () => {
    expect(avg('startups-vs-bigtech', 'token_share_of_comp', 'startup')).toBeGreaterThan(0.2);
    expect(avg('startups-vs-bigtech', 'token_share_of_comp', 'bigtech')).toBe(0);
  });

  it('a cash-sensitive region reports its own group with lower pay and unusable inference', () => {
    const r = run('cash-sensitive-region');
    expect(r.firmTypes).toContain('region');
    expect(avg('cash-sensitive-region', 'cash_base_median', 'region')).toBeLessThan(avg('cash-sensitive-region', 'cash_base_median', 'midmarket'));
    // Only 60 % of hosted inference is usable there, so less is consumed per engineer.
    const perHead = (g: string) => avg('cash-sensitive-region', 'tokens_consumed', g) / avg('cash-sensitive-region', 'headcount', g);
    const budgetPerHead = (g: string) => avg('cash-sensitive-region', 'token_budget_mean', g);
    expect(perHead('region') / budgetPerHead('region')).toBeLessThan(perHead('midmarket') / budgetPerHead('midmarket'));
  });

  it('a regional labour market keeps its engineers: no one crosses between markets', () => {
    const start = avg('cash-sensitive-region', 'headcount', 'region', 1, 1);
    expect(avg('cash-sensitive-region', 'headcount', 'region', 60, 60)).toBeGreaterThan(0.8 * start);
    const p = parseScenario(readFileSync('scenarios/cash-sensitive-region.json', 'utf8'));
    p.run.engineers = 2000;
    p.run.years = 2;
    let crossed = 0;
    simulate(p, 2, {
      inspect: (w) => {
        for (let i = 0; i < w.eng.n; i++) {
          const slot = w.eng.employer[i];
          if (slot >= 0 && w.marketOfType[w.firms[slot].type] !== w.eng.labourMarket[i]) crossed += 1;
        }
      },
    });
    expect(crossed).toBe(0);
  });
});

describe('waste and governance', () => {
  it('tokenmaxxing burns tokens without output; FinOps quotas and chargebacks cut the waste', () => {
    expect(avg('tunguz-100k', 'token_waste_share')).toBe(0);
    // Waste is the budget beyond what engineers can direct (the orchestration cap): a few per
    // cent of tokens once budgets have grown into the cap, more in the first year.
    const maxx = avg('tokenmaxxing', 'token_waste_share');
    expect(maxx).toBeGreaterThan(0.02);
    expect(avg('tokenmaxxing', 'token_waste_share', 'all', 1, 12)).toBeGreaterThan(0.1);
    expect(avg('finops-governance', 'token_waste_share')).toBeLessThan(maxx / 2);
    expect(avg('finops-governance', 'token_spend_to_payroll')).toBeLessThan(avg('tokenmaxxing', 'token_spend_to_payroll'));
  });
});

describe('token prices', () => {
  it('a GPU shortage doubles the price for its twelve months and no longer', () => {
    const shortage = findSeries(run('gpu-shortage'), 'token_price_retail')!;
    const normal = findSeries(run('tunguz-100k'), 'token_price_retail')!;
    // The market draws from its own stream, so outside the window the two series are equal.
    for (let m = 0; m < 60; m++) {
      const ratio = shortage[m] / normal[m];
      if (m >= 24 && m < 36) expect(ratio).toBeCloseTo(2, 12);
      else expect(ratio).toBeCloseTo(1, 12);
    }
    expect(avg('gpu-shortage', 'token_spend_to_payroll', 'all', 25, 36)).toBeGreaterThan(avg('tunguz-100k', 'token_spend_to_payroll', 'all', 25, 36));
  });

  it('a price crash makes tokens cheaper and lifts consumption', () => {
    expect(avg('price-crash', 'token_price_retail', 'all', 60, 60)).toBeLessThan(avg('tunguz-100k', 'token_price_retail', 'all', 60, 60) / 4);
    expect(avg('price-crash', 'tokens_consumed')).toBeGreaterThan(avg('tunguz-100k', 'tokens_consumed'));
  });
});

describe('people versus compute', () => {
  it('with σ = 3 compute takes most of output and the CFO buys far more tokens than with σ = 0.5', () => {
    expect(avg('substitutes', 'compute_share_of_output')).toBeGreaterThan(0.5);
    expect(avg('complements', 'compute_share_of_output')).toBeLessThan(0.1);
    expect(avg('substitutes', 'token_budget_mean')).toBeGreaterThan(2 * avg('complements', 'token_budget_mean'));
  });

  it('compute’s cost share and agents’ share of compute are shares: within [0, 1] for every group and month', () => {
    for (const name of ['baseline', 'baseline-static', 'substitutes', 'complements']) {
      for (const s of run(name).series) {
        if (s.metric !== 'compute_cost_share' && s.metric !== 'autonomous_compute_share') continue;
        for (const v of s.values) {
          expect(v, `${name} ${s.metric}/${s.group}`).toBeGreaterThanOrEqual(0);
          expect(v, `${name} ${s.metric}/${s.group}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('with σ = 3 agents do part of the work from year 2 on; with the AI trends frozen they stay a trace', () => {
    const substitutes = findSeries(run('substitutes'), 'autonomous_compute_share')!;
    const agents = findSeries(run('substitutes'), 'agent_tokens')!;
    for (let m = 12; m < 60; m++) {
      expect(substitutes[m], `month ${m + 1}`).toBeGreaterThan(0);
      expect(agents[m], `month ${m + 1}`).toBeGreaterThan(0);
    }
    expect(avg('substitutes', 'autonomous_compute_share')).toBeGreaterThan(0.5);
    const frozen = findSeries(run('baseline-static'), 'autonomous_compute_share')!;
    // With AI frozen (the token price rising with the outside wage) agents stay at most a
    // trace: a firm whose demand grows faster than pay may buy the first few.
    for (let m = 0; m < 60; m++) expect(frozen[m], `month ${m + 1}`).toBeLessThan(1e-4);
  });

  it('the CFO sets budgets only when told to: the baseline budget stays at the policy', () => {
    expect(avg('baseline', 'token_budget_mean')).toBeCloseTo(2400, 9);
    expect(avg('complements', 'token_budget_mean')).not.toBeCloseTo(2400, 0);
  });
});
