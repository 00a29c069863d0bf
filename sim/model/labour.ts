/**
 * The labour market (docs/model.md): retirements and new entrants, on-the-job and unemployed
 * search, vacancies with offers, matching, and annual reviews.
 *
 * Matching is O(searchers × applications + vacancies): each searcher samples vacancies at their
 * level and applies where the offer beats their current job by the switching threshold; each
 * vacancy keeps its best applicant by expected output per cost; an engineer who is best at
 * several vacancies takes the one they value most.
 */
import { LEVELS } from './params.ts';
import { drawEngineer, employ, drawIndex, setSkill } from './engineers.ts';
import { separate } from './firms.ts';
import { effectiveBudget, offerBase, packageValue, policyBudget, usableTokenValue } from './policy.ts';
import { count, NUM_LEVELS, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';
import { pow } from '../lib/dmath.ts';

/** Most labour markets a run may have (the range of firmTypes.*.labourMarket). */
const MAX_MARKETS = 16;

/** Index of (labour market, level) in the per-market arrays of World. */
export const marketLevel = (market: number, level: number): number => market * NUM_LEVELS + level;

/** Preallocated buffers for matching (sized to the number of engineers). */
export interface LabourScratch {
  searchers: Int32Array;
  vacFirm: Int32Array;
  vacLevel: Uint8Array;
  vacBest: Int32Array;
  vacBestScore: Float64Array;
  vacBestValue: Float64Array;
  vacByLevel: Int32Array;
  levelStart: Int32Array;
  levelCount: Int32Array;
  engBestVac: Int32Array;
  engBestValue: Float64Array;
  mixCum: Float64Array;
  /** Per-group sums and counts of cash raises at a review. */
  raiseSums: Float64Array;
  raiseCounts: Float64Array;
}

export function labourScratch(n: number, groups: number): LabourScratch {
  return {
    searchers: new Int32Array(n),
    vacFirm: new Int32Array(n),
    vacLevel: new Uint8Array(n),
    vacBest: new Int32Array(n),
    vacBestScore: new Float64Array(n),
    vacBestValue: new Float64Array(n),
    vacByLevel: new Int32Array(n),
    levelStart: new Int32Array(MAX_MARKETS * NUM_LEVELS + 1),
    levelCount: new Int32Array(MAX_MARKETS * NUM_LEVELS),
    engBestVac: new Int32Array(n).fill(-1),
    engBestValue: new Float64Array(n),
    mixCum: new Float64Array(NUM_LEVELS),
    raiseSums: new Float64Array(groups),
    raiseCounts: new Float64Array(groups),
  };
}

/**
 * Market package by labour market and level: headcount-weighted means of the market's alive
 * firms' offers at mean skill. A market with no alive firm keeps its previous values.
 */
export function updateMarketStats(w: World): void {
  const ws = w.marketWeight;
  ws.fill(0);
  for (const f of w.firms) if (f.alive) for (let l = 0; l < NUM_LEVELS; l++) ws[marketLevel(w.marketOfType[f.type], l)] += Math.max(1, f.n);
  for (let k = 0; k < ws.length; k++) {
    if (ws[k] === 0) continue;
    w.marketBase[k] = 0;
    w.marketEquity[k] = 0;
    w.marketEquityDiscount[k] = 0;
    w.marketBudget[k] = 0;
  }
  for (const f of w.firms) {
    if (!f.alive) continue;
    const weight = Math.max(1, f.n);
    for (let l = 0; l < NUM_LEVELS; l++) {
      const k = marketLevel(w.marketOfType[f.type], l);
      const base = offerBase(f, l, 1);
      w.marketBase[k] += weight * base;
      w.marketEquity[k] += weight * f.tp.policy.equityByLevel[LEVELS[l]];
      w.marketEquityDiscount[k] += weight * f.tp.equityRiskDiscount;
      w.marketBudget[k] += weight * policyBudget(f.tp.policy, base) * f.budgetScale;
    }
  }
  for (let k = 0; k < ws.length; k++) {
    if (ws[k] === 0) continue;
    w.marketBase[k] /= ws[k];
    w.marketEquity[k] /= ws[k];
    w.marketEquityDiscount[k] /= ws[k];
    w.marketBudget[k] /= ws[k];
  }
}

/**
 * Engineers leave the profession at the retirement rate (each slot refilled by a new junior
 * searching for work), and employed engineers separate into unemployment at the involuntary
 * separation rate. One draw per engineer per month.
 */
export function retireAndEnter(w: World): void {
  const e = w.eng;
  const rate = w.p.engineers.retirementRatePerYear / 12;
  const separation = rate + w.p.labour.separationRatePerYear / 12;
  const rng = w.labourRng;
  for (let i = 0; i < e.n; i++) {
    const u = rng.next();
    if (u >= separation) continue;
    const slot = e.employer[i];
    if (u >= rate) {
      if (slot !== UNEMPLOYED) {
        w.firms[slot].n -= 1;
        separate(w, i);
      }
      continue;
    }
    if (slot !== UNEMPLOYED) {
      w.firms[slot].n -= 1;
      separate(w, i);
    }
    drawEngineer(w, rng, i, 0);
    e.employer[i] = UNEMPLOYED;
    e.base[i] = w.marketBase[marketLevel(e.labourMarket[i], 0)] * e.payFactor[i];
    e.equity[i] = 0;
    e.budget[i] = 0;
    e.tenure[i] = 0;
    e.wealth[i] = 0.1 * e.base[i];
  }
}

/** Value to engineer i of staying in their current job (or of unemployment). */
export function currentValue(w: World, i: number): number {
  const e = w.eng;
  const slot = e.employer[i];
  if (slot === UNEMPLOYED) return w.p.labour.unemploymentBenefitShare * e.base[i];
  const f = w.firms[slot];
  const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
  return packageValue(w, f, e.lambda[i], e.base[i], e.equity[i], eb, e.phiP[i] + e.phiF[i]);
}

/**
 * The cost of moving to engineer i: the output lost when φf resets, converted into lost
 * rating and pay, plus loss aversion on a smaller usable token budget than the current one.
 */
export function movingLoss(w: World, i: number, newUsable: number): number {
  const e = w.eng;
  const slot = e.employer[i];
  if (slot === UNEMPLOYED) return 0;
  const lab = w.p.labour;
  const f = w.firms[slot];
  let loss = lab.ratingPaySensitivity * e.base[i] * e.moveDrop[i];
  const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
  const curUsable = usableTokenValue(w, f, eb, e.phiP[i] + e.phiF[i]);
  if (newUsable < curUsable) loss += (lab.lossAversion - 1) * e.lambda[i] * (curUsable - newUsable);
  return loss;
}

/**
 * The extra cash an outside firm offering the market package for the level must add to move
 * engineer i: the premium that makes the offer beat the current job by the switching threshold.
 */
export function poachingPremium(w: World, i: number, curValue: number): number {
  const e = w.eng;
  const l = e.level[i];
  const slot = e.employer[i];
  const f = w.firms[slot];
  const m = w.market.state;
  const k = marketLevel(e.labourMarket[i], l);
  const cash = w.marketBase[k] * e.payFactor[i];
  const newUsable = Math.min(w.marketBudget[k], m.orchestrationCap * e.phiP[i] * m.priceRetail * 12) * f.tp.hostedUsableShare;
  const offer = cash + w.marketEquity[k] * w.marketEquityDiscount[k] + e.lambda[i] * newUsable - movingLoss(w, i, newUsable);
  return Math.max(0, curValue * (1 + w.p.labour.switchingThreshold) - offer);
}

/**
 * poachingPremium(w, i, currentValue(w, i)) for an employed engineer, computed in one go: the
 * metrics need it for every employed engineer every month, and the two calls would work out
 * the effective budget and the usable token value twice. Same operations in the same order,
 * so the same bits (test/run/metricsFast.test.ts compares the two).
 */
export function employedPoachingPremium(w: World, i: number): number {
  const e = w.eng;
  const m = w.market.state;
  const lab = w.p.labour;
  const f = w.firms[e.employer[i]];
  const tp = f.tp;
  const pol = tp.policy;
  const lambda = e.lambda[i];
  const base = e.base[i];
  const phiP = e.phiP[i];
  // Value of the current job (packageValue).
  const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
  const curUsable = Math.min(eb * tp.hostedUsableShare, m.orchestrationCap * (phiP + e.phiF[i]) * m.priceRetail * 12);
  let cur = base + e.equity[i] * tp.equityRiskDiscount;
  cur += lambda * curUsable;
  if (pol.tokenPortability > 0) cur += pol.tokenPortability * Math.max(0, eb - curUsable);
  // The market offer less the moving loss (poachingPremium, movingLoss).
  const k = marketLevel(e.labourMarket[i], e.level[i]);
  const cash = w.marketBase[k] * e.payFactor[i];
  const newUsable = Math.min(w.marketBudget[k], m.orchestrationCap * phiP * m.priceRetail * 12) * tp.hostedUsableShare;
  let loss = lab.ratingPaySensitivity * base * e.moveDrop[i];
  if (newUsable < curUsable) loss += (lab.lossAversion - 1) * lambda * (curUsable - newUsable);
  const offer = cash + w.marketEquity[k] * w.marketEquityDiscount[k] + lambda * newUsable - loss;
  return Math.max(0, cur * (1 + lab.switchingThreshold) - offer);
}

function searchProbability(w: World, i: number): number {
  const e = w.eng;
  if (e.employer[i] === UNEMPLOYED) return 1;
  const lab = w.p.labour;
  const l = e.level[i];
  const market = w.marketBase[marketLevel(e.labourMarket[i], l)] * e.payFactor[i];
  const underpay = Math.max(0, market / e.base[i] - 1);
  const lowRating = Math.max(0, 1 - e.rating[i]);
  return Math.min(1, lab.searchProbEmployed * (1 + lab.underpaySearchBoost * underpay) * (1 + lab.lowRatingSearchBoost * lowRating));
}

/** Posts this month's vacancies (target − headcount, within the hiring limit) with levels from the hiring mix. */
function postVacancies(w: World, sc: LabourScratch): number {
  const rng = w.labourRng;
  let v = 0;
  const cap = sc.vacFirm.length;
  for (const f of w.firms) {
    if (!f.alive) continue;
    const limit = Math.ceil(w.p.cfo.maxHireRatePerQuarter * Math.max(f.n, f.target, 10));
    const open = Math.min(limit, Math.max(0, f.target - f.n));
    let acc = 0;
    for (let l = 0; l < NUM_LEVELS; l++) sc.mixCum[l] = acc += f.hireWeights[l];
    for (let k = 0; k < open && v < cap; k++, v++) {
      sc.vacFirm[v] = f.slot;
      sc.vacLevel[v] = drawIndex(rng, sc.mixCum);
      sc.vacBest[v] = -1;
      sc.vacBestScore[v] = -Infinity;
    }
  }
  // Index vacancies by (labour market, level); counting sort keeps posting order within each.
  const cells = w.markets * NUM_LEVELS;
  const cell = (j: number) => marketLevel(w.marketOfType[w.firms[sc.vacFirm[j]].type], sc.vacLevel[j]);
  sc.levelCount.fill(0);
  for (let j = 0; j < v; j++) sc.levelCount[cell(j)] += 1;
  sc.levelStart[0] = 0;
  for (let c = 0; c < cells; c++) sc.levelStart[c + 1] = sc.levelStart[c] + sc.levelCount[c];
  sc.levelCount.fill(0);
  for (let j = 0; j < v; j++) {
    const c = cell(j);
    sc.vacByLevel[sc.levelStart[c] + sc.levelCount[c]++] = j;
  }
  return v;
}

/** Expected output per monthly cost of engineer i at firm g: how firms rank applicants. */
function applicantScore(w: World, g: Firm, i: number, cash: number, budget: number): number {
  const e = w.eng;
  const m = w.market.state;
  const pp = w.p.production;
  const phiP = e.phiP[i];
  const tokens = Math.min(((budget / 12) * g.tp.hostedUsableShare) / m.priceRetail, m.orchestrationCap * phiP);
  const y = g.n > 0 && g.Y > 0 ? g.YL * e.skill[i] + g.YC * (pp.c0 + (m.capability * phiP * tokens) / pp.computeUnitMTokens) : e.skill[i];
  const cost = (cash + e.equity[i]) / 12 + tokens * m.priceRetail * g.tp.wholesaleDiscount;
  return y / Math.max(cost, 1e-9);
}

/** One month of search and matching. */
export function matchMarket(w: World, sc: LabourScratch): void {
  const e = w.eng;
  const rng = w.labourRng;
  const lab = w.p.labour;
  const vacancies = postVacancies(w, sc);
  if (vacancies === 0) return;
  let ns = 0;
  for (let i = 0; i < e.n; i++) if (rng.next() < searchProbability(w, i)) sc.searchers[ns++] = i;
  // Matching function m = μ·S^γ·V^(1−γ): each searcher makes contact with probability m/S.
  const contact = Math.min(1, lab.matchingEfficiency * pow(vacancies / Math.max(1, ns), 1 - lab.matchingElasticity));
  for (let k = 0; k < ns; k++) {
    if (rng.next() >= contact) continue;
    const i = sc.searchers[k];
    const l = e.level[i];
    const c = marketLevel(e.labourMarket[i], l);
    const avail = sc.levelStart[c + 1] - sc.levelStart[c];
    if (avail === 0) continue;
    const slot = e.employer[i];
    const cur = currentValue(w, i);
    const hurdle = slot === UNEMPLOYED ? cur : cur * (1 + lab.switchingThreshold);
    for (let a = 0; a < lab.applicationsPerSearcher; a++) {
      const j = sc.vacByLevel[sc.levelStart[c] + rng.int(avail)];
      const g = w.firms[sc.vacFirm[j]];
      if (g.slot === slot) continue;
      const cash = offerBase(g, l, e.payFactor[i]);
      const budget = policyBudget(g.tp.policy, cash) * g.budgetScale;
      const equity = g.tp.policy.equityByLevel[LEVELS[l]];
      const newUsable = usableTokenValue(w, g, budget, e.phiP[i]);
      const value = packageValue(w, g, e.lambda[i], cash, equity, budget, e.phiP[i]) - movingLoss(w, i, newUsable);
      if (value <= hurdle) continue;
      const score = applicantScore(w, g, i, cash, budget);
      if (score > sc.vacBestScore[j]) {
        sc.vacBestScore[j] = score;
        sc.vacBest[j] = i;
        sc.vacBestValue[j] = value;
      }
    }
  }
  // Each engineer picks, among the vacancies where they ranked first, the one they value most.
  for (let j = 0; j < vacancies; j++) {
    const i = sc.vacBest[j];
    if (i < 0) continue;
    if (sc.engBestVac[i] < 0 || sc.vacBestValue[j] > sc.engBestValue[i]) {
      sc.engBestVac[i] = j;
      sc.engBestValue[i] = sc.vacBestValue[j];
    }
  }
  for (let j = 0; j < vacancies; j++) {
    const i = sc.vacBest[j];
    if (i < 0 || sc.engBestVac[i] !== j) continue;
    hire(w, i, w.firms[sc.vacFirm[j]]);
  }
  for (let j = 0; j < vacancies; j++) if (sc.vacBest[j] >= 0) sc.engBestVac[sc.vacBest[j]] = -1;
}

function hire(w: World, i: number, g: Firm): void {
  const e = w.eng;
  const c = w.counters;
  const from = e.employer[i];
  const l = e.level[i];
  if (from !== UNEMPLOYED) {
    const f = w.firms[from];
    f.n -= 1;
    count(c.quits, w.groups, f.type, l);
    count(c.moves, w.groups, f.type, l);
    separate(w, i);
    e.moved[i] = 1;
  }
  employ(w, i, g, offerBase(g, l, e.payFactor[i]));
  g.n += 1;
  count(c.hires, w.groups, g.type, l);
  if (l === 0) count(c.juniorHires, w.groups, g.type, l);
}

/**
 * Annual review (all firms at the fiscal year end): a raise that follows the rating and the
 * firm's current offer for the level (the market wage as the firm meets it), promotions, and
 * the part of the raise paid in tokens.
 */
export function annualReview(w: World, sc: LabourScratch): void {
  const e = w.eng;
  const lab = w.p.labour;
  const rng = w.labourRng;
  const g = w.groups;
  const sums = sc.raiseSums.fill(0);
  const counts = sc.raiseCounts.fill(0);
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot === UNEMPLOYED || e.tenure[i] < 6) continue;
    const f = w.firms[slot];
    const pol = f.tp.policy;
    let l = e.level[i];
    const rating = Math.min(2, Math.max(0, e.rating[i]));
    const promoted = l < NUM_LEVELS - 1 && rng.next() < lab.promotionProbByLevel[LEVELS[l]] * rating * rating;
    let raise = lab.raiseBase + lab.raiseRatingSensitivity * (rating - 1);
    if (promoted) {
      raise += lab.promotionRaise;
      l += 1;
      e.level[i] = l;
      setSkill(w, i, l, e.skill[i] * (1 + lab.promotionSkillGain));
      e.equity[i] = Math.max(e.equity[i], pol.equityByLevel[LEVELS[l]]);
    } else {
      // Catch up toward what the firm now offers new hires of this level and skill; offers
      // track the labour market (cfo.ts), and pay gaps between firm types are structural.
      raise += lab.marketCatchUp * (offerBase(f, l, e.payFactor[i]) / e.base[i] - 1);
    }
    raise = Math.min(0.5, Math.max(0, raise));
    const oldBase = e.base[i];
    const raiseDollars = oldBase * raise;
    const tokenPart = pol.cashToTokenRaiseShare * raiseDollars;
    const cashRaise = (raiseDollars - tokenPart) / oldBase;
    const newBase = oldBase + raiseDollars - tokenPart;
    e.base[i] = newBase;
    e.budget[i] += policyBudget(pol, newBase) - policyBudget(pol, oldBase) + tokenPart;
    count(sums, g, f.type, e.level[i], cashRaise);
    count(counts, g, f.type, e.level[i]);
  }
  for (let k = 0; k < g.count; k++) if (counts[k] > 0) w.raiseByGroup[k] = sums[k] / counts[k];
}
