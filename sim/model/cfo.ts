/**
 * The CFO's quarterly decisions (docs/model.md), from the firm's own data only:
 * - headcount and compute together, from the first-order conditions of profit under the
 *   normalised CES (ECONOMICS.md §2): given the loaded cost of an engineer at the firm's
 *   current offers and the wholesale price of agent compute, the cost-minimising compute
 *   intensity and then the scale where an engineer's marginal revenue equals their cost
 *   (optimalHeadcount); agents where they pay, else the corner with directed compute only;
 * - the target is N* (left alone inside a dead band); the hiring and layoff limits cap the
 *   flows toward it, not the target; layoffs fall on the lowest ratings;
 * - the hiring mix favours the level with the lowest cost per unit of expected output;
 * - optionally the token budget moves toward marginal revenue of a token = wholesale price;
 * - expectations follow the firm's mean leverage (the productivity paradox, see engineers.ts).
 */
import { LEVELS } from './params.ts';
import { HIRE_COST, HIRE_OUTPUT, hireAtTerms, OFFER_TERMS, offerCashFromTerms, offerCashTerms } from './offers.ts';
import { demandLevel, planningGrowth, separate } from './firms.ts';
import { count, NUM_LEVELS, UNEMPLOYED } from './world.ts';
import { selectLowestByKey } from '../lib/sortByKey.ts';
import type { Firm, World } from './world.ts';
import { pow } from '../lib/dmath.ts';
import { agentUnitsPerMTokens } from './agents.ts';
import { costMinimisingIntensityInPlace, directedCompute, outputPerLabourInPlace, UNIT_A, UNIT_INTENSITY, UNIT_OUT, UNIT_PRICE, UNIT_SIGMA, UNIT_SKILL, UNIT_WAGE, unitIo } from './production.ts';
import { effectiveBudget } from './policy.ts';
import { consistentTargets } from './sector.ts';

/**
 * The headcount N* that maximises the CFO's profit (1 − overhead)·g·Z·Y^η − N·w − p_C·X, with
 * the firm's skill per engineer s̄ and directed compute per engineer d̄ (tooling included), the
 * monthly cost w of an engineer and p_C the wholesale price of an effective unit of agent
 * compute, the marginal hire producing `hireShare` of what the average engineer does
 * (hireOutputShare). Where agents pay (w̃ = w − p_C·d̄ > 0 and the cost-minimising intensity needs more
 * compute than the engineers direct) the intensity is set by Y_L/Y_C = w̃/(p_C·s̄) and each
 * engineer costs w̃ + p_C·C/N; otherwise compute is what the engineers direct. Output is then
 * N·y with y fixed, and the marginal hire adds hireShare·y, so
 * N* = (η·(1 − overhead)·g·Z·y^η·hireShare ÷ cost per engineer)^(1/(1 − η)).
 */
export function optimalHeadcount(w: World, f: Firm, costPerEngineer: number, hireShare = 1): number {
  headcountIo[HC_COST] = costPerEngineer;
  headcountIo[HC_SHARE] = hireShare;
  optimalHeadcountInPlace(w, f);
  return headcountIo[HC_N];
}

/**
 * optimalHeadcount's numbers: the cost per engineer and hire share in, N* out. The quarterly
 * pass calls optimalHeadcountInPlace with them here, and it calls production.ts's in-place
 * forms: V8 does not inline these calls, and a double passed to or returned from a call that is
 * not inlined is boxed on the heap (≈ 10 numbers a firm a quarter).
 */
const headcountIo = new Float64Array(3);
const HC_COST = 0;
const HC_SHARE = 1;
const HC_N = 2;

/** headcountIo[HC_N] ← optimalHeadcount(w, f, headcountIo[HC_COST], headcountIo[HC_SHARE]). */
function optimalHeadcountInPlace(w: World, f: Firm): void {
  const pp = w.p.production;
  const b = f.bench;
  const costPerEngineer = headcountIo[HC_COST];
  if (f.n <= 0 || f.L <= 0 || costPerEngineer <= 0) {
    headcountIo[HC_N] = f.n;
    return;
  }
  const skill = f.L / f.n;
  const directed = (f.C - f.X) / f.n;
  const scale = (1 - f.tp.overheadShareOfRevenue) * planningGrowth(f) * demandLevel(w, f);
  const units = agentUnitsPerMTokens(w, f);
  // outputPerLabour(f.A, directed / (b.k0 * skill), b, pp.sigma)
  unitIo[UNIT_A] = f.A;
  unitIo[UNIT_INTENSITY] = directed / (b.k0 * skill);
  unitIo[UNIT_SIGMA] = pp.sigma;
  outputPerLabourInPlace(b);
  let y = skill * unitIo[UNIT_OUT];
  let cost = costPerEngineer;
  if (units > 0) {
    const unitPrice = (w.market.state.priceRetail * f.tp.wholesaleDiscount) / units;
    const net = costPerEngineer - unitPrice * directed;
    if (net > 0) {
      // costMinimisingIntensity(net, skill, unitPrice, b, pp.sigma)
      unitIo[UNIT_WAGE] = net;
      unitIo[UNIT_SKILL] = skill;
      unitIo[UNIT_PRICE] = unitPrice;
      costMinimisingIntensityInPlace(b);
      const intensity = unitIo[UNIT_OUT];
      if (b.k0 * intensity * skill > directed) {
        // outputPerLabour(f.A, intensity, b, pp.sigma)
        unitIo[UNIT_INTENSITY] = intensity;
        outputPerLabourInPlace(b);
        y = skill * unitIo[UNIT_OUT];
        cost = net + unitPrice * b.k0 * intensity * skill;
      }
    }
  }
  headcountIo[HC_N] = pow((pp.eta * scale * pow(y, pp.eta) * headcountIo[HC_SHARE]) / cost, 1 / (1 - pp.eta));
}

/** Net marginal revenue of one more average engineer per month: (1 − overhead)·η·R·g/N. */
export function marginalRevenuePerEngineer(f: Firm, eta: number): number {
  return f.n > 0 ? ((1 - f.tp.overheadShareOfRevenue) * eta * f.revenue * planningGrowth(f)) / f.n : 0;
}

/**
 * Net marginal revenue of one more productive million tokens per month in an engineer's
 * budget: (1 − overhead)·η·(R·g/Y)·Y_C·Q·κ̄·e.
 */
export function marginalRevenuePerMTokens(f: Firm, w: World, eta: number): number {
  if (f.Y <= 0) return 0;
  const m = w.market.state;
  const dC = m.capability * f.kappaBar * w.p.production.effectiveComputePerMTokens;
  return (1 - f.tp.overheadShareOfRevenue) * eta * ((f.revenue * planningGrowth(f)) / f.Y) * f.YC * dC;
}

/**
 * Monthly cost per engineer if the firm's engineers were paid its current offers (the cost of
 * the marginal hire, which is what the headcount decision weighs): the loaded cost with base
 * cash replaced by the offers for their levels and skills.
 */
export function replacementCostPerEngineer(f: Firm, offerCashSum: number): number {
  return f.n > 0 ? (offerCashSum / 12 + f.equityExpense + f.toolingCost + f.tokenCost + f.creditCost) / f.n : 0;
}

/**
 * Per firm slot, the output its engineers would produce as new hires — without their
 * firm-specific leverage φf, as a move would leave them — over what they produce now, at this
 * month's marginal products (1 for a firm with no output). A new engineer costs the current
 * offer but starts without φf, so the CFO weighs the marginal hire, not the average incumbent:
 * N* is scaled by this share^(1/(1 − η)) (optimalHeadcount). Writes into `out`.
 */
export function hireOutputShare(w: World, out: Float64Array, scratch: Float64Array): Float64Array {
  const e = w.eng;
  const m = w.market.state;
  const pp = w.p.production;
  out.fill(0);
  scratch.fill(0);
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) continue;
    const f = w.firms[slot];
    const ci = directedCompute(m, pp, e.phiP[i] + e.phiF[i], e.tokensUsed[i]);
    const y = f.YL * e.skill[i] + f.YC * ci;
    const budgetTokens = ((effectiveBudget(f, e.budget[i], e.rating[i]) / 12) * f.tp.hostedUsableShare) / m.priceRetail;
    const asHire = f.YL * e.skill[i] + f.YC * directedCompute(m, pp, e.phiP[i], Math.min(budgetTokens, m.orchestrationCap * e.phiP[i]));
    out[slot] += Math.min(asHire, y);
    scratch[slot] += y;
  }
  for (let s = 0; s < out.length; s++) out[s] = scratch[s] > 0 ? out[s] / scratch[s] : 1;
  return out;
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
  const t = mixTerms;
  const hire = mixHire;
  for (let l = 0; l < LEVELS.length; l++) {
    // hireEconomics at offerCash(w, f, l, 1), from the level's terms (no boxed numbers).
    offerCashTerms(w, f, l, t, 0);
    hireAtTerms(w, f, l, t, 0, 1, hire);
    out[l] = hire[HIRE_COST] > 0 ? hire[HIRE_OUTPUT] / hire[HIRE_COST] : 0;
    if (out[l] > best) best = out[l];
  }
  let sum = 0;
  for (let l = 0; l < LEVELS.length; l++) {
    out[l] = best > 0 ? pow(out[l] / best, w.p.cfo.hiringMixSharpness) : 1;
    sum += out[l];
  }
  for (let l = 0; l < LEVELS.length; l++) out[l] /= sum;
}

const mixTerms = new Float64Array(OFFER_TERMS);
const mixHire = new Float64Array(3);

/** Scratch for the quarterly pass (reused across quarters). */
export interface CfoScratch {
  /** Per slot: hireOutputShare and its scratch. */
  hireShare: Float64Array;
  hireShareScratch: Float64Array;
  kappaSum: Float64Array;
  /** Σ of the firm's current cash offers to its own engineers (their level and skill), $/year. */
  offerCashSum: Float64Array;
  /** Per slot and level: offerCashTerms (OFFER_TERMS numbers each). */
  offerTerms: Float64Array;
  /** Engineers bucketed by employer: offsets per slot and the ids (grown with the labour force). */
  offsets: Int32Array;
  ids: Int32Array;
  fill: Int32Array;
  /** Per slot: the CFO's optimum this quarter; per type: scratch for consistentTargets. */
  nStar: Float64Array;
  typeNow: Float64Array;
  typeAt: Float64Array;
}

interface CfoArrays extends CfoScratch {}
/** Built by a constructor, not an object literal: see the note in world.ts. */
class CfoArrays {
  constructor(firms: number, engineers: number, types: number) {
    this.hireShare = new Float64Array(firms);
    this.hireShareScratch = new Float64Array(firms);
    this.kappaSum = new Float64Array(firms);
    this.offerCashSum = new Float64Array(firms);
    this.offerTerms = new Float64Array(firms * NUM_LEVELS * OFFER_TERMS);
    this.offsets = new Int32Array(firms + 1);
    this.ids = new Int32Array(engineers);
    this.fill = new Int32Array(firms);
    this.nStar = new Float64Array(firms);
    this.typeNow = new Float64Array(types);
    this.typeAt = new Float64Array(types);
  }
}

export function cfoScratch(firms: number, engineers: number, types: number): CfoScratch {
  return new CfoArrays(firms, engineers, types);
}

/**
 * Summed leverage and current cash offers per firm, and engineers bucketed by employer (ids of
 * slot s are sc.ids[offsets[s] .. offsets[s+1])). Each of its two passes over engineers is a
 * function that ends at its loop (see produceLearnSave, engineers.ts).
 */
export function bucketByEmployer(w: World, sc: CfoScratch): void {
  sc.kappaSum.fill(0);
  sc.offerCashSum.fill(0);
  sc.offsets.fill(0);
  // offerCash's terms per firm and level, so that the pass below computes each engineer's
  // offer inline (a call per engineer would box its result).
  const terms = sc.offerTerms;
  for (let s = 0; s < w.firms.length; s++) {
    for (let l = 0; l < NUM_LEVELS; l++) offerCashTerms(w, w.firms[s], l, terms, (s * NUM_LEVELS + l) * OFFER_TERMS);
  }
  sumByEmployer(w, sc);
  const offsets = sc.offsets;
  for (let s = 0; s < w.firms.length; s++) offsets[s + 1] += offsets[s];
  sc.fill.set(offsets.subarray(0, w.firms.length));
  listByEmployer(w, sc);
}

/** Leverage, current cash offer and headcount summed by employer (headcount at offsets[slot + 1]). */
function sumByEmployer(w: World, sc: CfoScratch): void {
  // The arrays in locals, read once rather than through w.eng and sc on every engineer.
  const { employer, phiP, phiF, level, payFactor } = w.eng;
  const { kappaSum, offerCashSum, offsets, offerTerms: terms } = sc;
  for (let i = 0, n = w.eng.n; i < n; i++) {
    const slot = employer[i];
    if (slot === UNEMPLOYED) continue;
    kappaSum[slot] += phiP[i] + phiF[i];
    offerCashSum[slot] += offerCashFromTerms(terms, (slot * NUM_LEVELS + level[i]) * OFFER_TERMS, payFactor[i]);
    offsets[slot + 1] += 1;
  }
}

/** The employed's ids by employer, in engineer order within each (sc.fill: each slot's next place). */
function listByEmployer(w: World, sc: CfoScratch): void {
  const employer = w.eng.employer;
  const { ids, fill } = sc;
  for (let i = 0, n = w.eng.n; i < n; i++) {
    const slot = employer[i];
    if (slot !== UNEMPLOYED) ids[fill[slot]++] = i;
  }
}

/** The quarterly decisions of every alive firm. */
export function quarterlyCfo(w: World, sc: CfoScratch): void {
  const eta = w.p.production.eta;
  const cfo = w.p.cfo;
  const m = w.market.state;
  if (sc.ids.length < w.eng.capacity) sc.ids = new Int32Array(w.eng.capacity);
  bucketByEmployer(w, sc);
  hireOutputShare(w, sc.hireShare, sc.hireShareScratch);
  for (const f of w.firms) {
    if (!f.alive || f.n === 0) continue;
    const headcount = sc.offsets[f.slot + 1] - sc.offsets[f.slot];
    if (headcount > 0) f.kappaBar = sc.kappaSum[f.slot] / headcount;
    headcountIo[HC_COST] = replacementCostPerEngineer(f, sc.offerCashSum[f.slot]);
    headcountIo[HC_SHARE] = sc.hireShare[f.slot];
    optimalHeadcountInPlace(w, f);
    sc.nStar[f.slot] = headcountIo[HC_N];
  }
  consistentTargets(w, sc.nStar, sc.typeNow, sc.typeAt);
  for (const f of w.firms) {
    if (!f.alive || f.n === 0) continue;
    const headcount = sc.offsets[f.slot + 1] - sc.offsets[f.slot];
    f.target = nextTarget(w, f, sc.nStar[f.slot]);
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
 * Lays off up to `excess` engineers (within the quarterly limit): those with the lowest smoothed
 * ratings (ties by engineer id). Needs `bucketByEmployer` to have run this quarter.
 */
export function layOffLowestRated(w: World, f: Firm, sc: CfoScratch, excess: number): void {
  const e = w.eng;
  const from = sc.offsets[f.slot];
  const to = sc.offsets[f.slot + 1];
  const limit = Math.floor(w.p.cfo.maxLayoffRatePerQuarter * (to - from));
  const k = Math.min(excess, limit);
  if (k <= 0) return;
  // Only which k are lowest matters (each layoff is independent of the others): the k lowest,
  // ties by id, the same ids as the first k of sortIdsByKey's order.
  const ids = sc.ids;
  selectLowestByKey(ids, k, e.rating, from, to);
  for (let j = from; j < from + k; j++) {
    const i = ids[j];
    separate(w, i);
    f.n -= 1;
    count(w.counters.layoffs, w.groups, f.type, e.level[i]);
  }
}
