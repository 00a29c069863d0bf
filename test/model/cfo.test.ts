import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import {
  budgetStep,
  bucketByEmployer,
  cfoScratch,
  hireOutputShare,
  hiringMix,
  layOffLowestRated,
  nextTarget,
  optimalHeadcount,
  marginalRevenuePerMTokens,
  replacementCostPerEngineer,
} from '../../sim/model/cfo.ts';
import { hireEconomics, offerCash } from '../../sim/model/offers.ts';
import { agentUnitsPerMTokens } from '../../sim/model/agents.ts';
import { ces, production } from '../../sim/model/production.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { UNEMPLOYED } from '../../sim/model/world.ts';
import type { Firm, World } from '../../sim/model/world.ts';

/** A month-0 world of 1,500 engineers and 12 firms with σ and the agents' autonomy set. */
function worldAt(sigma: number, autonomy: number, seed = 2): World {
  const p = cloneParams(DEFAULTS);
  [p.run.engineers, p.run.firms] = [1500, 12];
  p.production.sigma = sigma;
  p.market.autonomyInitial = autonomy;
  return createWorld(p, seed);
}

/** Each firm's month-0 loaded cost per engineer: base and equity of its staff, tooling, tokens, credits. */
function loadedCost(w: World, f: Firm): number {
  const e = w.eng;
  let pay = 0;
  for (let i = 0; i < e.n; i++) if (e.employer[i] === f.slot) pay += (e.base[i] + e.equity[i]) / 12;
  return (pay + f.toolingCost + f.tokenCost + f.creditCost) / f.n;
}

/**
 * The firm's economics at N engineers like its current ones (skill s̄ and directed compute d̄
 * each) and total compute C, from ces itself: revenue R = Z·shift·Y^η and the net marginal
 * revenue of output R′ = (1 − overhead)·g·η·R/Y.
 */
function economics(w: World, f: Firm, N: number, C: number) {
  const pp = w.p.production;
  const s = f.L / f.n;
  const d = (f.C - f.X) / f.n;
  const r = ces(f.A, N * s, C, f.bench, pp.sigma, production());
  const R = f.Z * w.demandShift * Math.pow(r.Y, pp.eta);
  const mr = ((1 - f.tp.overheadShareOfRevenue) * f.tp.funding.planningRevenueMultiple * pp.eta * R) / r.Y;
  return { s, d, R, mr, ...r };
}

/** Price of an effective unit of agent compute: wholesale price ÷ units per million tokens. */
const agentUnitPrice = (w: World, f: Firm) => (w.market.state.priceRetail * f.tp.wholesaleDiscount) / agentUnitsPerMTokens(w, f);

/** The compute C at which R′·Y_C = q at N engineers, by bisection on ln C (R′·Y_C falls with C). */
function computeWhereAgentsPay(w: World, f: Firm, N: number, q: number): number {
  let lo = Math.log(N * 1e-6);
  let hi = Math.log(N * 1e12);
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    const x = economics(w, f, N, Math.exp(mid));
    if (x.mr * x.YC > q) lo = mid;
    else hi = mid;
  }
  return Math.exp(0.5 * (lo + hi));
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the CFO’s joint choice of headcount and compute', () => {
  it('each firm starts at its optimum: at month 0 N* for the marginal hire is its headcount, whatever σ (agents do not pay yet)', () => {
    for (const sigma of [0.5, 0.8, 1, 3]) {
      const w = worldAt(sigma, DEFAULTS.market.autonomyInitial);
      const share = hireOutputShare(w, new Float64Array(w.firms.length), new Float64Array(w.firms.length));
      for (const f of w.firms.filter((g) => g.n > 0)) {
        expect(rel(optimalHeadcount(w, f, loadedCost(w, f), share[f.slot]), f.n), `σ ${sigma}`).toBeLessThan(1e-9);
      }
    }
  });

  it('a hire produces at most what the average engineer does: the share is in (0, 1], and 1 when no one has firm-specific leverage', () => {
    const w = worldAt(0.8, DEFAULTS.market.autonomyInitial);
    const share = hireOutputShare(w, new Float64Array(w.firms.length), new Float64Array(w.firms.length));
    const staffedFirms = w.firms.filter((g) => g.n > 0);
    for (const f of staffedFirms) {
      expect(share[f.slot]).toBeGreaterThan(0);
      expect(share[f.slot]).toBeLessThanOrEqual(1);
    }
    expect(staffedFirms.some((f) => share[f.slot] < 1)).toBe(true);
    for (const f of w.firms.filter((g) => g.n === 0)) expect(share[f.slot]).toBe(1);
    w.eng.phiF.fill(0);
    hireOutputShare(w, share, new Float64Array(w.firms.length));
    for (const f of staffedFirms) expect(share[f.slot]).toBeCloseTo(1, 12);
  });

  it('N* scales with the hire’s share of average output as share^(1/(1−η))', () => {
    const w = worldAt(0.8, DEFAULTS.market.autonomyInitial);
    const eps = 1 / (1 - w.p.production.eta);
    for (const f of w.firms.filter((g) => g.n > 0)) {
      const cost = loadedCost(w, f);
      expect(rel(optimalHeadcount(w, f, cost, 0.8) / optimalHeadcount(w, f, cost), Math.pow(0.8, eps))).toBeLessThan(1e-12);
    }
  });

  it('without agents (autonomy 0) N* is the corner: R′·(Y_L·s̄ + Y_C·d̄) = w with compute only what engineers direct', () => {
    for (const sigma of [0.5, 1, 3]) {
      const w = worldAt(sigma, 0);
      for (const f of w.firms.filter((g) => g.n > 0)) {
        const cost = 1.3 * loadedCost(w, f);
        const N = optimalHeadcount(w, f, cost);
        expect(N).toBeLessThan(f.n);
        const x = economics(w, f, N, N * ((f.C - f.X) / f.n));
        expect(rel(x.mr * (x.YL * x.s + x.YC * x.d), cost)).toBeLessThan(1e-9);
      }
    }
  });

  it('without agents N* scales as cost^(−1/(1−η)) and as Z^(1/(1−η))', () => {
    const w = worldAt(0.8, 0);
    const eps = 1 / (1 - w.p.production.eta);
    for (const f of w.firms.filter((g) => g.n > 0)) {
      const cost = loadedCost(w, f);
      const N = optimalHeadcount(w, f, cost);
      expect(rel(optimalHeadcount(w, f, 2 * cost) / N, Math.pow(2, -eps))).toBeLessThan(1e-9);
      f.Z *= 1.5;
      expect(rel(optimalHeadcount(w, f, cost) / N, Math.pow(1.5, eps))).toBeLessThan(1e-9);
      f.Z /= 1.5;
    }
  });

  it.each([1, 0.8, 3])('with agents (σ %d) N* meets both first-order conditions: R′·(Y_L·s̄ + Y_C·d̄) = w and R′·Y_C = q', (sigma) => {
    const w = worldAt(sigma, 0.5);
    let interior = 0;
    for (const f of w.firms.filter((g) => g.n > 0)) {
      const cost = loadedCost(w, f);
      const q = agentUnitPrice(w, f);
      const N = optimalHeadcount(w, f, cost);
      const C = computeWhereAgentsPay(w, f, N, q);
      const x = economics(w, f, N, C);
      if (C <= N * x.d) continue;
      interior += 1;
      expect(rel(x.mr * x.YC, q)).toBeLessThan(1e-9);
      expect(rel(x.mr * (x.YL * x.s + x.YC * x.d), cost)).toBeLessThan(1e-6);
    }
    expect(interior).toBe(w.firms.filter((g) => g.n > 0).length);
  });

  it('at σ = 1 the optimum is the Cobb-Douglas closed form: N*·w̃ = (1 − τ)·g·η·R*·π0 and q·C* = (1 − τ)·g·η·R*·(1 − π0)', () => {
    const w = worldAt(1, 0.5);
    for (const f of w.firms.filter((g) => g.n > 0)) {
      const cost = loadedCost(w, f);
      const q = agentUnitPrice(w, f);
      const N = optimalHeadcount(w, f, cost);
      const C = computeWhereAgentsPay(w, f, N, q);
      const x = economics(w, f, N, C);
      const netWage = cost - q * x.d;
      const theta = (1 - f.tp.overheadShareOfRevenue) * f.tp.funding.planningRevenueMultiple * w.p.production.eta;
      expect(rel(N * netWage, theta * x.R * f.bench.pi0)).toBeLessThan(1e-6);
      expect(rel(q * C, theta * x.R * (1 - f.bench.pi0))).toBeLessThan(1e-9);
    }
  });

  it('cheaper agents (a higher autonomy) move N* by the sign of σ − ε: fewer engineers at σ = 3, more at σ = 0.5', () => {
    for (const [sigma, sign] of [[3, -1], [0.5, 1]] as const) {
      const w = worldAt(sigma, 0.5);
      for (const f of w.firms.filter((g) => g.n > 0)) {
        const cost = loadedCost(w, f);
        const before = optimalHeadcount(w, f, cost);
        w.market.state.autonomy *= 1.2;
        const after = optimalHeadcount(w, f, cost);
        w.market.state.autonomy /= 1.2;
        expect(Math.sign(after - before), `σ ${sigma}`).toBe(sign);
      }
    }
  });
});

describe('CFO decision rules', () => {
  it('the marginal revenue of a million tokens is (1 − overhead)·η·(R·g/Y)·Y_C·Q·κ̄·e, in proportion to e', () => {
    const w = worldAt(0.8, DEFAULTS.market.autonomyInitial);
    const m = w.market.state;
    for (const f of w.firms.filter((g) => g.n > 0)) {
      const e = w.p.production.effectiveComputePerMTokens;
      const expected = ((1 - f.tp.overheadShareOfRevenue) * w.p.production.eta * f.revenue * f.tp.funding.planningRevenueMultiple * f.YC * m.capability * f.kappaBar * e) / f.Y;
      expect(expected).toBeGreaterThan(0);
      expect(rel(marginalRevenuePerMTokens(f, w, w.p.production.eta), expected)).toBeLessThan(1e-12);
      w.p.production.effectiveComputePerMTokens = 2 * e;
      expect(rel(marginalRevenuePerMTokens(f, w, w.p.production.eta), 2 * expected)).toBeLessThan(1e-12);
      w.p.production.effectiveComputePerMTokens = e;
    }
  });

  it('the budget step is bounded per quarter and neutral at MR = cost', () => {
    expect(budgetStep(1, 0.5)).toBe(1);
    expect(budgetStep(100, 0.5)).toBe(1.25);
    expect(budgetStep(0, 0.5)).toBe(0.8);
    expect(budgetStep(1.21, 0.5)).toBeCloseTo(1.1, 12);
  });

  it('the target stays put inside the dead band, and is N* itself (at least one) outside it, however far', () => {
    const p = cloneParams(DEFAULTS);
    const w = { p } as unknown as World;
    const f = { n: 100, target: 100 } as unknown as Firm;
    expect(p.cfo.deadBand).toBe(0.03);
    expect(nextTarget(w, f, 102)).toBe(100);
    expect(nextTarget(w, f, 97)).toBe(100);
    expect(nextTarget(w, f, 103.6)).toBe(104);
    expect(nextTarget(w, f, 1000)).toBe(1000);
    expect(nextTarget(w, f, 10.4)).toBe(10);
    expect(nextTarget(w, f, 0.2)).toBe(1);
  });

  it('the cost of a replacement engineer is the firm’s loaded cost (tooling included) with each base replaced by the current offer', () => {
    const f = { n: 4, equityExpense: 8_000, toolingCost: 2_000, tokenCost: 1_200, creditCost: 400, payroll: 1e9 } as unknown as Firm;
    // (480,000 / 12 + 8,000 + 2,000 + 1,200 + 400) / 4 = (40,000 + 11,600) / 4 = 12,900 a month.
    expect(replacementCostPerEngineer(f, 480_000)).toBeCloseTo(12_900, 9);
    expect(replacementCostPerEngineer({ ...f, n: 0 } as unknown as Firm, 480_000)).toBe(0);
  });

  it('bucketByEmployer groups each firm’s engineers and sums their leverage and current cash offers', () => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.firms] = [800, 8];
    const w = createWorld(p, 3);
    const e = w.eng;
    const sc = cfoScratch(w.firms.length, w.eng.capacity, w.typeNames.length);
    bucketByEmployer(w, sc);
    for (const f of w.firms) {
      const staff = Array.from(sc.ids.subarray(sc.offsets[f.slot], sc.offsets[f.slot + 1]));
      const expected = [...Array(e.n).keys()].filter((i) => e.employer[i] === f.slot);
      expect(staff).toEqual(expected);
      expect(sc.kappaSum[f.slot]).toBeCloseTo(expected.reduce((a, i) => a + e.phiP[i] + e.phiF[i], 0), 9);
      expect(sc.offerCashSum[f.slot]).toBeCloseTo(expected.reduce((a, i) => a + offerCash(w, f, e.level[i], e.payFactor[i]), 0), 6);
    }
  });

  it('the hiring mix weighs levels by (output per cost ÷ the best level’s)^sharpness, summing to one', () => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.firms] = [800, 8];
    const w = createWorld(p, 3);
    const out = { output: 0, cost: 0 };
    for (const sharpness of [0, 1, 6]) {
      w.p.cfo.hiringMixSharpness = sharpness;
      for (const f of w.firms.filter((x) => x.alive)) {
        const ratio = [0, 1, 2, 3].map((l) => (hireEconomics(w, f, l, offerCash(w, f, l, 1), out), out.output / out.cost));
        const best = Math.max(...ratio);
        const raw = ratio.map((r) => (r / best) ** sharpness);
        const weights = new Float64Array(4);
        hiringMix(w, f, weights);
        expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        weights.forEach((x, l) => expect(x).toBeCloseTo(raw[l] / raw.reduce((a, b) => a + b, 0), 9));
        if (sharpness === 0) weights.forEach((x) => expect(x).toBeCloseTo(0.25, 12));
      }
    }
  });

  it('lays off the lowest-rated first, within the quarterly limit', () => {
    const p = cloneParams(DEFAULTS);
    p.run.engineers = 2000;
    p.run.firms = 10;
    const w = createWorld(p, 7);
    const sc = cfoScratch(w.firms.length, w.eng.n, w.typeNames.length);
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
