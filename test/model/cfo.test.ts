import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import {
  budgetStep,
  bucketByEmployer,
  cfoScratch,
  hiringMix,
  layOffLowestRated,
  nextTarget,
  optimalHeadcount,
  replacementCostPerEngineer,
} from '../../sim/model/cfo.ts';
import { hireEconomics, offerCash } from '../../sim/model/offers.ts';
import { cobbDouglasClosedForm, FRICTIONLESS, frictionlessSteadyState, hicksAllen } from '../../sim/research/checks/validation.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { UNEMPLOYED } from '../../sim/model/world.ts';
import type { Firm, World } from '../../sim/model/world.ts';

describe('the CFO at σ = 1 (Cobb-Douglas), frictionless', () => {
  it('reaches the closed-form headcount and compute shares', () => {
    const ss = frictionlessSteadyState(FRICTIONLESS);
    const cf = cobbDouglasClosedForm(FRICTIONLESS);
    expect(ss.N / cf.N - 1).toBeCloseTo(0, 6);
    expect(ss.u / cf.u - 1).toBeCloseTo(0, 6);
    expect(ss.tokenCostShare).toBeCloseTo(cf.tokenCostShare, 6);
    // Compute's Euler share of output is 1 − α under Cobb-Douglas.
    expect(ss.computeOutputShare).toBeCloseTo(1 - FRICTIONLESS.alpha, 9);
  });

  it('the closed form moves with the wage: a dearer engineer means fewer of them', () => {
    expect(cobbDouglasClosedForm({ ...FRICTIONLESS, wage: 30_000 }).N).toBeLessThan(cobbDouglasClosedForm(FRICTIONLESS).N);
  });
});

describe('Hicks–Allen: headcount response to a cheaper compute price', () => {
  // Elasticity of labour demand to the compute price, frictionless: s_C·(σ − ε), ε = 1/(1 − η).
  it('σ = 3 > ε = 2: cheaper compute cuts headcount, by s_C·(σ − ε)', () => {
    const { measured, predicted } = hicksAllen(3);
    expect(predicted).toBeGreaterThan(0);
    expect(measured).toBeGreaterThan(0);
    expect(measured / predicted).toBeCloseTo(1, 2);
  });

  it('σ = 0.5 < ε = 2: cheaper compute raises headcount, by s_C·(σ − ε)', () => {
    const { measured, predicted } = hicksAllen(0.5);
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

  it('the cost of a replacement engineer is the firm’s loaded cost with each base replaced by the current offer', () => {
    const f = { n: 4, equityExpense: 8_000, tokenCost: 1_200, creditCost: 400, payroll: 1e9 } as unknown as Firm;
    // (480,000 / 12 + 8,000 + 1,200 + 400) / 4 = (40,000 + 9,600) / 4 = 12,400 a month.
    expect(replacementCostPerEngineer(f, 480_000)).toBeCloseTo(12_400, 9);
    expect(replacementCostPerEngineer({ ...f, n: 0 } as unknown as Firm, 480_000)).toBe(0);
  });

  it('bucketByEmployer groups each firm’s engineers and sums their leverage and current cash offers', () => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.firms] = [800, 8];
    const w = createWorld(p, 3);
    const e = w.eng;
    const sc = cfoScratch(w.firms.length, w.eng.capacity);
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
