/**
 * The CFO's quarterly decisions (docs/model.md), from the firm's own data only:
 * - headcount: the marginal revenue of an engineer at today's per-engineer inputs,
 *   (1 − overhead)·η·R·g/N, against the loaded cost at the firm's current offers; because output is proportional to N at
 *   fixed per-engineer inputs, the optimum is N* = N·(MR/cost)^(1/(1−η));
 * - the target is N* (left alone inside a dead band); the hiring and layoff limits cap the
 *   flows toward it, not the target; layoffs fall on the lowest ratings;
 * - the hiring mix favours the level with the lowest cost per unit of expected output;
 * - optionally the token budget moves toward marginal revenue of a token = wholesale price;
 * - expectations follow the firm's mean leverage (the productivity paradox, see engineers.ts).
 */
import { LEVELS } from './params.ts';
import { hireEconomics, offerCash } from './offers.ts';
import { planningGrowth, separate } from './firms.ts';
import { count, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';
import { pow } from '../lib/dmath.ts';

/** Headcount at which an engineer's marginal revenue equals its cost, holding per-engineer inputs. */
export function optimalHeadcount(n: number, marginalRevenuePerEngineer: number, costPerEngineer: number, eta: number): number {
  if (n <= 0 || costPerEngineer <= 0) return n;
  return n * pow(marginalRevenuePerEngineer / costPerEngineer, 1 / (1 - eta));
}

/** Net marginal revenue of one more average engineer per month: (1 − overhead)·η·R·g/N. */
export function marginalRevenuePerEngineer(f: Firm, eta: number): number {
  return f.n > 0 ? ((1 - f.tp.overheadShareOfRevenue) * eta * f.revenue * planningGrowth(f)) / f.n : 0;
}

/**
 * Net marginal revenue of one more productive million tokens per month:
 * (1 − overhead)·η·(R·g/Y)·Y_C·Q·κ̄/unit.
 */
export function marginalRevenuePerMTokens(f: Firm, w: World, eta: number): number {
  if (f.Y <= 0) return 0;
  const m = w.market.state;
  const dC = (m.capability * f.kappaBar) / w.p.production.computeUnitMTokens;
  return (1 - f.tp.overheadShareOfRevenue) * eta * ((f.revenue * planningGrowth(f)) / f.Y) * f.YC * dC;
}

/**
 * Monthly cost per engineer if the firm's engineers were paid its current offers (the cost of
 * the marginal hire, which is what the headcount decision weighs): the loaded cost with base
 * cash replaced by the offers for their levels and skills.
 */
export function replacementCostPerEngineer(f: Firm, offerCashSum: number): number {
  return f.n > 0 ? (offerCashSum / 12 + f.equityExpense + f.tokenCost + f.creditCost) / f.n : 0;
}

/** New headcount target: N* itself (at least 1), unless it lies within the dead band of the old one. */
export function nextTarget(w: World, f: Firm, nStar: number): number {
  if (Math.abs(nStar - f.target) <= w.p.cfo.deadBand * Math.max(1, f.target)) return f.target;
  return Math.max(1, Math.round(nStar));
}

/** Multiplicative budget step toward marginal revenue = cost, bounded per quarter. */
export function budgetStep(ratio: number, speed: number): number {
  const step = pow(Math.max(ratio, 1e-9), speed);
  return Math.min(1.25, Math.max(0.8, step));
}

/** Weights of the hiring mix by level: (output per cost ÷ best)^sharpness, normalised. */
export function hiringMix(w: World, f: Firm, out: Float64Array): void {
  let best = 0;
  for (let l = 0; l < LEVELS.length; l++) {
    hireEconomics(w, f, l, offerCash(w, f, l, 1), econ);
    out[l] = econ.cost > 0 ? econ.output / econ.cost : 0;
    if (out[l] > best) best = out[l];
  }
  let sum = 0;
  for (let l = 0; l < LEVELS.length; l++) {
    out[l] = best > 0 ? pow(out[l] / best, w.p.cfo.hiringMixSharpness) : 1;
    sum += out[l];
  }
  for (let l = 0; l < LEVELS.length; l++) out[l] /= sum;
}

const econ = { output: 0, cost: 0 };

/** Scratch for the quarterly pass (reused across quarters). */
export interface CfoScratch {
  kappaSum: Float64Array;
  /** Σ of the firm's current cash offers to its own engineers (their level and skill), $/year. */
  offerCashSum: Float64Array;
  /** Engineers bucketed by employer: offsets per slot and the ids (grown with the labour force). */
  offsets: Int32Array;
  ids: Int32Array;
  fill: Int32Array;
}

export function cfoScratch(firms: number, engineers: number): CfoScratch {
  return {
    kappaSum: new Float64Array(firms),
    offerCashSum: new Float64Array(firms),
    offsets: new Int32Array(firms + 1),
    ids: new Int32Array(engineers),
    fill: new Int32Array(firms),
  };
}

/**
 * One pass over engineers: summed leverage per firm and engineers bucketed by employer
 * (ids of slot s are sc.ids[offsets[s] .. offsets[s+1])). Returns mean portable fluency.
 */
export function bucketByEmployer(w: World, sc: CfoScratch): number {
  const e = w.eng;
  sc.kappaSum.fill(0);
  sc.offerCashSum.fill(0);
  sc.offsets.fill(0);
  let phiSum = 0;
  for (let i = 0; i < e.n; i++) {
    phiSum += e.phiP[i];
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) continue;
    sc.kappaSum[slot] += e.phiP[i] + e.phiF[i];
    sc.offerCashSum[slot] += offerCash(w, w.firms[slot], e.level[i], e.payFactor[i]);
    sc.offsets[slot + 1] += 1;
  }
  for (let s = 0; s < w.firms.length; s++) sc.offsets[s + 1] += sc.offsets[s];
  const fill = sc.fill;
  fill.set(sc.offsets.subarray(0, w.firms.length));
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot !== UNEMPLOYED) sc.ids[fill[slot]++] = i;
  }
  return phiSum / e.n;
}

/** The quarterly decisions of every alive firm. */
export function quarterlyCfo(w: World, sc: CfoScratch): void {
  const eta = w.p.production.eta;
  const cfo = w.p.cfo;
  const m = w.market.state;
  if (sc.ids.length < w.eng.capacity) sc.ids = new Int32Array(w.eng.capacity);
  bucketByEmployer(w, sc);
  for (const f of w.firms) {
    if (!f.alive || f.n === 0) continue;
    const headcount = sc.offsets[f.slot + 1] - sc.offsets[f.slot];
    if (headcount > 0) f.kappaBar = sc.kappaSum[f.slot] / headcount;
    const cost = replacementCostPerEngineer(f, sc.offerCashSum[f.slot]);
    f.target = nextTarget(w, f, optimalHeadcount(f.n, marginalRevenuePerEngineer(f, eta), cost, eta));
    if (cfo.cfoSetsBudget === 1) {
      const uncapped = 1 - f.capped / f.n;
      const ratio = (marginalRevenuePerMTokens(f, w, eta) * uncapped) / (m.priceRetail * f.tp.wholesaleDiscount);
      f.budgetScale = Math.min(1e4, Math.max(1e-4, f.budgetScale * budgetStep(ratio, cfo.budgetAdjustSpeed)));
    }
    hiringMix(w, f, f.hireWeights);
    if (headcount > f.target) layOffLowestRated(w, f, sc, headcount - f.target);
  }
}

/**
 * Lays off up to `excess` engineers (within the quarterly limit), lowest smoothed rating first
 * (ties by engineer id). Needs `bucketByEmployer` to have run this quarter.
 */
export function layOffLowestRated(w: World, f: Firm, sc: CfoScratch, excess: number): void {
  const e = w.eng;
  const from = sc.offsets[f.slot];
  const to = sc.offsets[f.slot + 1];
  const limit = Math.floor(w.p.cfo.maxLayoffRatePerQuarter * (to - from));
  const k = Math.min(excess, limit);
  if (k <= 0) return;
  const ids = sc.ids.subarray(from, to);
  ids.sort((a, b) => e.rating[a] - e.rating[b] || a - b);
  for (let j = 0; j < k; j++) {
    const i = ids[j];
    separate(w, i);
    f.n -= 1;
    count(w.counters.layoffs, w.groups, f.type, e.level[i]);
  }
}
