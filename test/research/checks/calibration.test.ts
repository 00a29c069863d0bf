import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../../sim/model/params.ts';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { policyBudget } from '../../../sim/model/policy.ts';
import { computeShareOfCashAndTokens, individualGainAtBudget } from '../../../sim/research/checks/calibration.ts';
import { simulate } from '../../../sim/run/simulate.ts';
import { findSeries } from '../../../sim/run/result.ts';
import { labourStats, noTrendBaseline } from '../../../sim/research/checks/validation.ts';

const scenario = (name: string) => parseScenario(readFileSync(`scenarios/${name}.json`, 'utf8'), name);

describe('accounting targets', () => {
  it('$100k of tokens on a $375k base is ≈ 21 % of cash + tokens', () => {
    expect(computeShareOfCashAndTokens(375_000, 100_000)).toBeCloseTo(0.2105, 4);
    // The tunguz-100k scenario gives a $375k staff engineer at bigtech ≈ $100k of tokens.
    const pol = scenario('tunguz-100k').firmTypes.bigtech.policy;
    const budget = policyBudget(pol, 375_000);
    expect(budget).toBeGreaterThan(99_000);
    expect(budget).toBeLessThan(102_000);
    expect(computeShareOfCashAndTokens(375_000, budget)).toBeGreaterThan(0.2);
    expect(computeShareOfCashAndTokens(375_000, budget)).toBeLessThan(0.22);
  });

  it('tokens = 50 % of base is a third of cash + tokens, capped at $250k (Huang)', () => {
    const pol = scenario('huang-half-salary').firmTypes.bigtech.policy;
    expect(computeShareOfCashAndTokens(375_000, policyBudget(pol, 375_000))).toBeCloseTo(1 / 3, 12);
    expect(policyBudget(pol, 800_000)).toBe(250_000);
  });
});

describe('productivity gain at the Tunguz budget (RCT design: one engineer treated)', () => {
  const gains = individualGainAtBudget(cloneParams(DEFAULTS), 1);

  it('lies within the RCT range (+20 % … +56 %) for every level', () => {
    for (const g of gains) {
      expect(g.engineers).toBeGreaterThan(100);
      expect(g.medianGain, g.level).toBeGreaterThan(0.2);
      expect(g.medianGain, g.level).toBeLessThan(0.56);
    }
  });

  it('is larger in proportion for juniors than for seniors (novices gain most)', () => {
    const [junior, mid, senior, staff] = gains.map((g) => g.medianGain);
    expect(junior).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(senior);
    expect(senior).toBeGreaterThan(staff);
    expect(junior / senior).toBeGreaterThan(1.3);
  });
});

describe('labour market without token pay and without shocks (baseline, no AI trend)', () => {
  // Steady nominal growth of demand (5 % a year) and no trend in token price, capability or
  // the orchestration cap: the economy the survey figures describe. Years 2–5, seeds 1–2.
  const p = noTrendBaseline();
  const stats = labourStats([1, 2].map((seed) => simulate(p, seed)), p);

  it('annual turnover (quits, layoffs, other separations, retirements) is within 8–20 % (survey 13 %)', () => {
    expect(stats.turnover).toBeGreaterThan(0.08);
    expect(stats.turnover).toBeLessThan(0.2);
  });

  it('the annual cash raise is near 3.5 % plus promotions (3 – 6.5 %)', () => {
    expect(stats.raise).toBeGreaterThan(0.03);
    expect(stats.raise).toBeLessThan(0.065);
  });

  it('mean tenure stays within 1–5 years (surveys: ≈ 2 years at large firms)', () => {
    expect(stats.tenureYears).toBeGreaterThan(1);
    expect(stats.tenureYears).toBeLessThan(5);
  });

  it('unemployment stays frictional (1 – 8 %)', () => {
    expect(stats.unemployment).toBeGreaterThan(0.01);
    expect(stats.unemployment).toBeLessThan(0.08);
  });
});

describe('token market calibration', () => {
  it('P falls ≈ ×2 and P/Q ≈ ×10 in the first year (no noise)', () => {
    const p = cloneParams(DEFAULTS);
    p.market.priceVolatility = 0;
    p.run.engineers = 200;
    p.run.years = 2;
    const r = simulate(p, 1);
    const price = findSeries(r, 'token_price_retail')!;
    const q = findSeries(r, 'capability_index')!;
    // Series month index 12 is the state in month 13 (t = 1 year).
    expect(price[0] / price[12]).toBeCloseTo(2, 9);
    expect(price[0] / q[0] / (price[12] / q[12])).toBeCloseTo(10, 9);
  });
});
