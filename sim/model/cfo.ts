/**
 * The CFO's quarterly decisions (docs/model.md), from the firm's own data only:
 * - headcount: the marginal revenue of an engineer at today's per-engineer inputs,
 *   (1 − overhead)·η·R·g/N, against the loaded cost; because output is proportional to N at
 *   fixed per-engineer inputs, the optimum is N* = N·(MR/cost)^(1/(1−η));
 * - the target moves toward N* outside a dead band, within hiring and layoff limits;
 *   layoffs fall on the lowest ratings;
 * - the hiring mix favours the level with the lowest cost per unit of expected output;
 * - optionally the token budget moves toward marginal revenue of a token = wholesale price;
 * - expectations follow the firm's mean leverage (the productivity paradox, see engineers.ts).
 */
import { LEVELS } from './params.ts';
import { offerBase, policyBudget } from './policy.ts';
import { planningGrowth, loadedCostPerEngineer, separate } from './firms.ts';
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

/** New headcount target from N*, with dead band, adjustment speed and limits. */
export function nextTarget(w: World, f: Firm, nStar: number): number {
  const c = w.p.cfo;
  const n = f.n;
  if (Math.abs(nStar - f.target) <= c.deadBand * Math.max(1, f.target)) return f.target;
  const desired = n + c.headcountAdjustSpeed * (nStar - n);
  const lo = n * (1 - c.maxLayoffRatePerQuarter);
  const hi = n * (1 + c.maxHireRatePerQuarter) + 1;
  return Math.max(1, Math.round(Math.min(hi, Math.max(lo, desired))));
}

/** Multiplicative budget step toward marginal revenue = cost, bounded per quarter. */
export function budgetStep(ratio: number, speed: number): number {
  const step = pow(Math.max(ratio, 1e-9), speed);
  return Math.min(1.25, Math.max(0.8, step));
}

/** Weights of the hiring mix by level: (output per cost ÷ best)^sharpness, normalised. */
export function hiringMix(w: World, f: Firm, meanPhiP: number, out: Float64Array): void {
  const m = w.market.state;
  const pp = w.p.production;
  const pol = f.tp.policy;
  let best = 0;
  for (let l = 0; l < LEVELS.length; l++) {
    const s = w.levelSkill[l];
    const cash = offerBase(f, l, 1);
    const budget = policyBudget(pol, cash) * f.budgetScale;
    const tokens = Math.min(((budget / 12) * f.tp.hostedUsableShare) / m.priceRetail, m.orchestrationCap * meanPhiP);
    const y = f.n > 0 ? f.YL * s + f.YC * (pp.c0 + (m.capability * meanPhiP * tokens) / pp.computeUnitMTokens) : s;
    const cost = (cash + pol.equityByLevel[LEVELS[l]]) / 12 + tokens * m.priceRetail * f.tp.wholesaleDiscount;
    out[l] = cost > 0 ? y / cost : 0;
    if (out[l] > best) best = out[l];
  }
  let sum = 0;
  for (let l = 0; l < LEVELS.length; l++) {
    out[l] = best > 0 ? pow(out[l] / best, w.p.cfo.hiringMixSharpness) : 1;
    sum += out[l];
  }
  for (let l = 0; l < LEVELS.length; l++) out[l] /= sum;
}

/** Scratch for the quarterly pass (reused across quarters). */
export interface CfoScratch {
  kappaSum: Float64Array;
  /** Engineers bucketed by employer: offsets per slot and the ids. */
  offsets: Int32Array;
  ids: Int32Array;
  fill: Int32Array;
}

export function cfoScratch(firms: number, engineers: number): CfoScratch {
  return {
    kappaSum: new Float64Array(firms),
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
  sc.offsets.fill(0);
  let phiSum = 0;
  for (let i = 0; i < e.n; i++) {
    phiSum += e.phiP[i];
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) continue;
    sc.kappaSum[slot] += e.phiP[i] + e.phiF[i];
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
  const meanPhiP = bucketByEmployer(w, sc);
  for (const f of w.firms) {
    if (!f.alive || f.n === 0) continue;
    const headcount = sc.offsets[f.slot + 1] - sc.offsets[f.slot];
    if (headcount > 0) f.kappaBar = sc.kappaSum[f.slot] / headcount;
    const cost = loadedCostPerEngineer(f);
    f.target = nextTarget(w, f, optimalHeadcount(f.n, marginalRevenuePerEngineer(f, eta), cost, eta));
    if (cfo.cfoSetsBudget === 1) {
      const uncapped = 1 - f.capped / f.n;
      const ratio = (marginalRevenuePerMTokens(f, w, eta) * uncapped) / (m.priceRetail * f.tp.wholesaleDiscount);
      f.budgetScale = Math.min(1e4, Math.max(1e-4, f.budgetScale * budgetStep(ratio, cfo.budgetAdjustSpeed)));
    }
    hiringMix(w, f, meanPhiP, f.hireWeights);
    adjustOffers(w, f, headcount);
    if (headcount > f.target) layOffLowestRated(w, f, sc, headcount - f.target);
  }
}

/**
 * Offers rise while the firm stays short of its target beyond the dead band (in proportion to
 * the shortfall) and ease when it is at or above it: wages move until the CFOs' targets add up
 * to the engineers available.
 */
function adjustOffers(w: World, f: Firm, headcount: number): void {
  const adj = w.p.labour.offerAdjustPerQuarter;
  const band = w.p.cfo.deadBand;
  const shortfall = f.target > 0 ? (f.target - headcount) / f.target : 0;
  // Full step when short by four dead bands or more, in proportion below that.
  if (shortfall > band) f.offerIndex *= 1 + adj * Math.min(1, (shortfall - band) / (3 * band));
  else if (shortfall <= 0) f.offerIndex *= 1 - adj / 2;
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
