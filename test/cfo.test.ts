import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../sim/params.ts';
import {
  budgetStep,
  bucketByEmployer,
  cfoScratch,
  layOffLowestRated,
  marginalRevenuePerEngineer,
  marginalRevenuePerMTokens,
  nextTarget,
  optimalHeadcount,
} from '../sim/cfo.ts';
import { ces, production } from '../sim/production.ts';
import { createWorld } from '../sim/simulate.ts';
import { UNEMPLOYED } from '../sim/world.ts';
import type { Firm, World } from '../sim/world.ts';

/**
 * A frictionless firm of identical engineers (skill s, leverage κ), driven only by the CFO's
 * own decision rules: headcount jumps to N* each quarter and the token budget follows the
 * marginal-revenue rule. No cap on tokens, no noise, no dead band, no hiring limits.
 */
interface Frictionless {
  sigma: number;
  alpha: number;
  eta: number;
  overhead: number;
  A: number;
  Z: number;
  s: number;
  kappa: number;
  c0: number;
  /** Monthly cash + equity per engineer, $. */
  wage: number;
  /** Wholesale $ per million tokens. */
  pw: number;
  capability: number;
  unit: number;
}

function steadyState(m: Frictionless): { N: number; u: number; tokenCostShare: number; computeOutputShare: number } {
  const firm = {
    n: 0,
    revenue: 0,
    Y: 0,
    YC: 0,
    kappaBar: m.kappa,
    tp: { overheadShareOfRevenue: m.overhead, wholesaleDiscount: 1, funding: { planningRevenueMultiple: 1 } },
  } as unknown as Firm;
  const world = {
    p: { production: { computeUnitMTokens: m.unit } },
    market: { state: { capability: m.capability, priceRetail: m.pw, orchestrationCap: Infinity } },
  } as unknown as World;
  const out = production();
  let N = 100;
  let u = 10;
  for (let q = 0; q < 4000; q++) {
    const c = m.c0 + (m.capability * m.kappa * u) / m.unit;
    ces(m.A, N * m.s, N * c, m.alpha, m.sigma, out);
    firm.n = N;
    firm.Y = out.Y;
    firm.YC = out.YC;
    firm.revenue = m.Z * Math.pow(out.Y, m.eta);
    const cost = m.wage + u * m.pw;
    const nStar = optimalHeadcount(N, marginalRevenuePerEngineer(firm, m.eta), cost, m.eta);
    const ratio = marginalRevenuePerMTokens(firm, world, m.eta) / m.pw;
    N = nStar;
    u *= budgetStep(ratio, 0.5);
  }
  const c = m.c0 + (m.capability * m.kappa * u) / m.unit;
  ces(m.A, N * m.s, N * c, m.alpha, m.sigma, out);
  return {
    N,
    u,
    tokenCostShare: (u * m.pw) / (m.wage + u * m.pw),
    computeOutputShare: (out.YC * N * c) / out.Y,
  };
}

const BASE: Frictionless = {
  sigma: 1,
  alpha: 0.78,
  eta: 0.5,
  overhead: 0.3,
  A: 1.2,
  Z: 4e6,
  s: 1,
  kappa: 0.8,
  c0: 0.1,
  wage: 25_000,
  pw: 3,
  capability: 1,
  unit: 1000,
};

describe('the CFO at σ = 1 (Cobb-Douglas), frictionless', () => {
  it('reaches the closed-form headcount and compute shares', () => {
    const m = BASE;
    // Closed form (derived independently of the CFO code): with θ = (1 − overhead)·η and
    // k = Q·κ/unit, the first-order conditions give N = a·R and C = b·R with
    // a = θα / (w − p·c0/k), b = θ(1 − α)·k/p, and R = [Z·(A·s^α·a^α·b^(1−α))^η]^(1/(1−η)).
    const theta = (1 - m.overhead) * m.eta;
    const k = (m.capability * m.kappa) / m.unit;
    const a = (theta * m.alpha) / (m.wage - (m.pw * m.c0) / k);
    const b = (theta * (1 - m.alpha) * k) / m.pw;
    const R = Math.pow(m.Z * Math.pow(m.A * Math.pow(m.s, m.alpha) * Math.pow(a, m.alpha) * Math.pow(b, 1 - m.alpha), m.eta), 1 / (1 - m.eta));
    const nClosed = a * R;
    const cClosed = b * R;
    const uClosed = (cClosed / nClosed - m.c0) / k;
    const ss = steadyState(m);
    expect(ss.N / nClosed - 1).toBeCloseTo(0, 6);
    expect(ss.u / uClosed - 1).toBeCloseTo(0, 6);
    // Compute's Euler share of output is 1 − α under Cobb-Douglas.
    expect(ss.computeOutputShare).toBeCloseTo(1 - m.alpha, 9);
    const costShareClosed = (uClosed * m.pw) / (m.wage + uClosed * m.pw);
    expect(ss.tokenCostShare).toBeCloseTo(costShareClosed, 6);
  });
});

describe('Hicks–Allen: headcount response to a cheaper compute price', () => {
  // Elasticity of labour demand to the compute price, frictionless: s_C·(σ − ε), ε = 1/(1 − η).
  // c0 is made negligible so compute is all paid for and the textbook formula applies.
  const elasticity = (sigma: number) => {
    const m = { ...BASE, sigma, c0: 1e-6, alpha: 0.5 };
    const lo = steadyState({ ...m, pw: m.pw * 0.995 });
    const hi = steadyState({ ...m, pw: m.pw * 1.005 });
    const mid = steadyState(m);
    const measured = Math.log(hi.N / lo.N) / Math.log(1.005 / 0.995);
    const predicted = mid.tokenCostShare * (sigma - 1 / (1 - m.eta));
    return { measured, predicted };
  };

  it('σ = 3 > ε = 2: cheaper compute cuts headcount, by s_C·(σ − ε)', () => {
    const { measured, predicted } = elasticity(3);
    expect(predicted).toBeGreaterThan(0);
    expect(measured).toBeGreaterThan(0);
    expect(measured / predicted).toBeCloseTo(1, 2);
  });

  it('σ = 0.5 < ε = 2: cheaper compute raises headcount, by s_C·(σ − ε)', () => {
    const { measured, predicted } = elasticity(0.5);
    expect(predicted).toBeLessThan(0);
    expect(measured).toBeLessThan(0);
    expect(measured / predicted).toBeCloseTo(1, 2);
  });
});

describe('CFO decision rules', () => {
  it('optimal headcount scales with (MR/cost)^(1/(1−η))', () => {
    expect(optimalHeadcount(100, 2, 1, 0.5)).toBeCloseTo(400, 9);
    expect(optimalHeadcount(100, 1, 1, 0.5)).toBe(100);
    expect(optimalHeadcount(100, 1, 2, 0.75)).toBeCloseTo(100 / 16, 9);
  });

  it('the budget step is bounded per quarter and neutral at MR = cost', () => {
    expect(budgetStep(1, 0.5)).toBe(1);
    expect(budgetStep(100, 0.5)).toBe(1.25);
    expect(budgetStep(0, 0.5)).toBe(0.8);
    expect(budgetStep(1.21, 0.5)).toBeCloseTo(1.1, 12);
  });

  it('the target stays put inside the dead band and respects hiring and layoff limits', () => {
    const p = cloneParams(DEFAULTS);
    const w = { p } as unknown as World;
    const f = { n: 100, target: 100 } as unknown as Firm;
    expect(nextTarget(w, f, 102)).toBe(100);
    const up = nextTarget(w, f, 1000);
    expect(up).toBe(Math.round(100 * (1 + p.cfo.maxHireRatePerQuarter) + 1));
    const down = nextTarget(w, f, 10);
    expect(down).toBe(Math.round(100 * (1 - p.cfo.maxLayoffRatePerQuarter)));
  });

  it('lays off the lowest-rated first, within the quarterly limit', () => {
    const p = cloneParams(DEFAULTS);
    p.run.engineers = 2000;
    p.run.firms = 10;
    const w = createWorld(p, 7);
    const sc = cfoScratch(w.firms.length, w.eng.n);
    bucketByEmployer(w, sc);
    const f = w.firms.reduce((a, b) => (b.n > a.n ? b : a));
    const staff: number[] = [];
    for (let i = 0; i < w.eng.n; i++) if (w.eng.employer[i] === f.slot) staff.push(i);
    staff.forEach((i, k) => (w.eng.rating[i] = 0.5 + ((k * 7919) % staff.length) / staff.length));
    const byRating = [...staff].sort((a, b) => w.eng.rating[a] - w.eng.rating[b]);
    const limit = Math.floor(p.cfo.maxLayoffRatePerQuarter * staff.length);
    const before = f.n;
    layOffLowestRated(w, f, sc, 1_000_000);
    const laidOff = staff.filter((i) => w.eng.employer[i] === UNEMPLOYED);
    expect(laidOff.length).toBe(limit);
    expect(f.n).toBe(before - limit);
    expect(new Set(laidOff)).toEqual(new Set(byRating.slice(0, limit)));
  });
});
