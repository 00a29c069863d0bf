import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../../sim/model/params.ts';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { policyBudget } from '../../../sim/model/policy.ts';
import {
  calibrateEffectiveCompute,
  computeShareOfCashAndTokens,
  individualGainAtBudget,
  rctGain,
  RCT_GAIN_RANGE,
  RCT_GAIN_TARGET,
} from '../../../sim/research/checks/calibration.ts';
import { simulate } from '../../../sim/run/simulate.ts';
import { findSeries } from '../../../sim/run/result.ts';

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

describe('the RCT calibration of e (effective compute per million tokens)', () => {
  const rct = rctGain(cloneParams(DEFAULTS));

  it('the default e reproduces the trials: median gain within +20–55 %, near the +30 % it is fitted to (in-sample)', () => {
    expect(RCT_GAIN_RANGE).toEqual([0.2, 0.55]);
    expect(rct.all).toBeGreaterThan(RCT_GAIN_RANGE[0]);
    expect(rct.all).toBeLessThan(RCT_GAIN_RANGE[1]);
    expect(Math.abs(rct.all - RCT_GAIN_TARGET)).toBeLessThan(0.02);
  });

  it('calibrateEffectiveCompute at the defaults returns the default e (within 5 %)', () => {
    const e = calibrateEffectiveCompute(cloneParams(DEFAULTS));
    expect(Math.abs(e / DEFAULTS.production.effectiveComputePerMTokens - 1)).toBeLessThan(0.05);
  });

  it('calibrateEffectiveCompute hits any target it is given: the gain at the e it returns is the target', () => {
    for (const target of [0.1, 0.45]) {
      const p = cloneParams(DEFAULTS);
      p.production.effectiveComputePerMTokens = calibrateEffectiveCompute(p, target);
      expect(rctGain(p).all).toBeCloseTo(target, 6);
    }
  });

  it('the gain rises with e, and depends on σ through the treated firm’s pre-AI marginal products', () => {
    const p = cloneParams(DEFAULTS);
    p.production.effectiveComputePerMTokens *= 2;
    expect(rctGain(p).all).toBeGreaterThan(rct.all);
    // e is fitted at the default σ and kept for every scenario, so another σ implies another gain.
    const q = cloneParams(DEFAULTS);
    q.production.sigma = 1;
    expect(rctGain(q).all).not.toBeCloseTo(rct.all, 2);
  });

  it('novices gain most: the median gain falls with level, junior ÷ senior > 1.3 (an identity of Euler output)', () => {
    const [junior, mid, senior, staff] = rct.byLevel.map((g) => g.medianGain);
    expect(rct.byLevel.map((g) => g.level)).toEqual(['junior', 'mid', 'senior', 'staff']);
    for (const g of rct.byLevel) expect(g.engineers, g.level).toBeGreaterThan(500);
    expect(junior).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(senior);
    expect(senior).toBeGreaterThan(staff);
    expect(junior / senior).toBeGreaterThan(1.3);
  });
});

describe('the prediction at the Tunguz budget (one engineer given 27 % of base in tokens at month 0)', () => {
  const gains = individualGainAtBudget(cloneParams(DEFAULTS), 1);

  it('is finite and positive for every level, and more than the RCT’s $15 a month gives', () => {
    const rct = rctGain(cloneParams(DEFAULTS));
    expect(gains.map((g) => g.level)).toEqual(['junior', 'mid', 'senior', 'staff']);
    gains.forEach((g, l) => {
      expect(g.engineers).toBeGreaterThan(100);
      expect(Number.isFinite(g.medianGain), g.level).toBe(true);
      expect(g.medianGain, g.level).toBeGreaterThan(0);
      expect(g.medianGain, g.level).toBeGreaterThan(rct.byLevel[l].medianGain);
    });
  });

  it('is larger in proportion for juniors than for seniors', () => {
    const [junior, mid, senior, staff] = gains.map((g) => g.medianGain);
    expect(junior).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(senior);
    expect(senior).toBeGreaterThan(staff);
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
