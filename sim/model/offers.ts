/**
 * Wages from competition (docs/model.md, "Posted offers"): each firm posts per level the value
 * of its package as engineers value it, V = cash + equity × risk discount + λ̄·f·usable tokens
 * (retail), and moves it toward what fills its vacancies — up while it is short of its target
 * and its vacancies go unfilled, down slowly while it is above target or has more acceptable
 * applicants than vacancies — never so far that the package costs more than the hire's marginal
 * revenue. The cash part of an offer is what is left of V after equity and the tokens as a
 * typical searcher values them: that is how token pay can stand in for cash (incidence).
 * Market pay by level is the hires-weighted mean of the accepted offers' values.
 */
import { LEVELS } from './params.ts';
import { pow } from '../lib/dmath.ts';
import { levelValue } from './levels.ts';
import { policyBudget } from './policy.ts';
import { marginalRevenueOfOutput } from './firms.ts';
import { marketLevel, NUM_LEVELS, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';
import { directedCompute } from './production.ts';

/** How much of λ × usable retail tokens engineers count as pay: 1 for token pay, else the tools setting. */
export function tokenValueFactor(w: World, f: Firm): number {
  return f.tp.policy.tokenBudgetIsPay === 1 ? 1 : w.p.labour.toolsBudgetValuation;
}

/** Retail $/year an engineer with leverage κ can use productively at the current orchestration cap. */
export function capValue(w: World, kappa: number): number {
  const m = w.market.state;
  return m.orchestrationCap * kappa * m.priceRetail * 12;
}

/**
 * The cash that makes a package worth `value` to a searcher who values usable tokens at
 * `a` = λ̄·f and has leverage κ: cash + equity·discount + a·usable(cash) = value, where the
 * budget (policy share of cash + fixed, up to the cap, times the CFO's scale) is usable up to
 * the hosted share and the orchestration cap. Usable tokens rise with cash, so the equation is
 * solved on the linear piece, then on the flat one. Never below 0.
 */
export function cashForValue(w: World, f: Firm, value: number, equity: number, a: number, kappa: number): number {
  const target = value - equity * f.tp.equityRiskDiscount;
  if (a <= 0) return Math.max(0, target);
  const pol = f.tp.policy;
  const h = f.tp.hostedUsableShare * f.budgetScale;
  const uMax = Math.min(h * pol.tokenBudgetCap, capValue(w, kappa));
  const linear = (target - a * h * pol.tokenBudgetFixed) / (1 + a * h * pol.tokenBudgetShareOfBase);
  const cash = h * (pol.tokenBudgetShareOfBase * linear + pol.tokenBudgetFixed) <= uMax ? linear : target - a * uMax;
  return Math.max(0, cash);
}

/** The cash the firm offers an engineer of this level with skill pay factor `payFactor`, $/year. */
export function offerCash(w: World, f: Firm, level: number, payFactor: number): number {
  const k = marketLevel(w.marketOfType[f.type], level);
  const a = w.lambdaBar[k] * tokenValueFactor(w, f);
  return cashForValue(w, f, payFactor * f.offerValue[level], f.tp.policy.equityByLevel[LEVELS[level]], a, w.phiBar[k]);
}

/** Numbers per (firm, level) that offerCashTerms writes. */
export const OFFER_TERMS = 10;
/** Where offerCashTerms puts the level's equity grant (the policy's equityByLevel), $/year. */
export const TERM_EQUITY = 9;

/**
 * The parts of offerCash(w, f, level, ·) that do not depend on the engineer, written to
 * out[o .. o + OFFER_TERMS), so a pass over a firm's engineers computes each offer with
 * offerCashFromTerms: the same operations in the same order, so the same bits. Also the
 * level's equity grant (TERM_EQUITY), which a loop would otherwise look up by the level's name
 * (levels.ts).
 */
export function offerCashTerms(w: World, f: Firm, level: number, out: Float64Array, o: number): void {
  const k = marketLevel(w.marketOfType[f.type], level);
  const a = w.lambdaBar[k] * tokenValueFactor(w, f);
  const pol = f.tp.policy;
  const h = f.tp.hostedUsableShare * f.budgetScale;
  const equity = levelValue(pol.equityByLevel, level);
  out[o] = f.offerValue[level];
  out[o + 1] = equity * f.tp.equityRiskDiscount;
  out[o + 2] = a;
  out[o + 3] = h;
  out[o + 4] = Math.min(h * pol.tokenBudgetCap, capValue(w, w.phiBar[k]));
  out[o + 5] = a * h * pol.tokenBudgetFixed;
  out[o + 6] = 1 + a * h * pol.tokenBudgetShareOfBase;
  out[o + 7] = pol.tokenBudgetShareOfBase;
  out[o + 8] = pol.tokenBudgetFixed;
  out[o + TERM_EQUITY] = equity;
}

/** offerCash for pay factor `payFactor` from the terms at t[o] (cashForValue's steps). */
export function offerCashFromTerms(t: Float64Array, o: number, payFactor: number): number {
  const target = payFactor * t[o] - t[o + 1];
  if (t[o + 2] <= 0) return Math.max(0, target);
  const linear = (target - t[o + 5]) / t[o + 6];
  const cash = t[o + 3] * (t[o + 7] * linear + t[o + 8]) <= t[o + 4] ? linear : target - t[o + 2] * t[o + 4];
  return Math.max(0, cash);
}

/** What a package with this cash is worth to the level's typical searcher (the inverse of cashForValue). */
export function valueOfCash(w: World, f: Firm, level: number, cash: number): number {
  const k = marketLevel(w.marketOfType[f.type], level);
  const budget = policyBudget(f.tp.policy, cash) * f.budgetScale;
  const usable = Math.min(budget * f.tp.hostedUsableShare, capValue(w, w.phiBar[k]));
  const equity = levelValue(f.tp.policy.equityByLevel, level);
  return cash + equity * f.tp.equityRiskDiscount + w.lambdaBar[k] * tokenValueFactor(w, f) * usable;
}

/**
 * A hire's expected monthly output and monthly cost to firm f at this level and cash, with the
 * level's mean skill and the searchers' mean fluency: output Y_L·s + Y_C·(c0 + Q·κ·u/unit), cost
 * (cash + equity + tooling)/12 + productive tokens at wholesale. At a firm with no output yet, output is s.
 */
export function hireEconomics(w: World, f: Firm, level: number, cash: number, out: { output: number; cost: number }): void {
  const m = w.market.state;
  const pp = w.p.production;
  const kappa = w.phiBar[marketLevel(w.marketOfType[f.type], level)];
  const s = w.levelSkill[level];
  const budget = policyBudget(f.tp.policy, cash) * f.budgetScale;
  const tokens = Math.min(((budget / 12) * f.tp.hostedUsableShare) / m.priceRetail, m.orchestrationCap * kappa);
  out.output = f.n > 0 && f.Y > 0 ? f.YL * s + f.YC * directedCompute(m, pp, kappa, tokens) : s;
  out.cost = (cash + f.tp.policy.equityByLevel[LEVELS[level]] + pp.toolingCostPerEngineerYear) / 12 + tokens * m.priceRetail * f.tp.wholesaleDiscount;
}

/** What hireAtTerms writes: the offer's cash, the hire's monthly output and monthly cost. */
export const HIRE_CASH = 0;
export const HIRE_OUTPUT = 1;
export const HIRE_COST = 2;

/**
 * hireEconomics(w, f, level, offerCash(w, f, level, payFactor)) from the firm's terms for the
 * level at t[o] (offerCashTerms, with t[o] the posted value): the cash, output and cost into
 * out[HIRE_*]. The same operations in the same order (offerCashFromTerms' and hireEconomics'
 * written out), so the same bits, with no number passed to or returned from a call (a loop
 * that calls hireEconomics with a cash boxes it each time). Used where a firm tries many
 * values (capAtMarginalRevenue) or every level (the CFO's hiring mix).
 */
export function hireAtTerms(w: World, f: Firm, level: number, t: Float64Array, o: number, payFactor: number, out: Float64Array): void {
  const m = w.market.state;
  const pp = w.p.production;
  const pol = f.tp.policy;
  const target = payFactor * t[o] - t[o + 1];
  let cash: number;
  if (t[o + 2] <= 0) cash = Math.max(0, target);
  else {
    const linear = (target - t[o + 5]) / t[o + 6];
    cash = Math.max(0, t[o + 3] * (t[o + 7] * linear + t[o + 8]) <= t[o + 4] ? linear : target - t[o + 2] * t[o + 4]);
  }
  const kappa = w.phiBar[marketLevel(w.marketOfType[f.type], level)];
  const s = w.levelSkill[level];
  const budget = Math.min(pol.tokenBudgetCap, pol.tokenBudgetShareOfBase * cash + pol.tokenBudgetFixed) * f.budgetScale;
  const tokens = Math.min(((budget / 12) * f.tp.hostedUsableShare) / m.priceRetail, m.orchestrationCap * kappa);
  // directedCompute: 1 + Q·κ·e·u.
  out[HIRE_OUTPUT] = f.n > 0 && f.Y > 0 ? f.YL * s + f.YC * (1 + m.capability * kappa * pp.effectiveComputePerMTokens * tokens) : s;
  out[HIRE_COST] = (cash + t[o + TERM_EQUITY] + pp.toolingCostPerEngineerYear) / 12 + tokens * m.priceRetail * f.tp.wholesaleDiscount;
  out[HIRE_CASH] = cash;
}

/**
 * The least value a firm posts for a level: what unemployment is worth to an engineer who last
 * earned the level's month-0 market pay, grown with the outside wage. A firm whose hires are
 * worth less than that to it posts the floor, which no one takes, and its CFO lays off instead.
 */
export function offerFloor(w: World, f: Firm, level: number): number {
  offerFloorInto(w, f, level, floorOut);
  return floorOut[0];
}

/**
 * out[0] ← offerFloor(w, f, level). The offer cap calls this for every firm and level each month:
 * V8 does not inline it there, and a number returned from a call that is not inlined is boxed.
 */
function offerFloorInto(w: World, f: Firm, level: number, out: Float64Array): void {
  const k = marketLevel(w.marketOfType[f.type], level);
  out[0] = w.p.labour.unemploymentBenefitShare * w.marketPay0[k] * pow(w.p.supply.outsideWageGrowthPerYear, w.month / 12);
}

const floorOut = new Float64Array(1);

/** capAtMarginalRevenue's scratch: the level's offer terms and the hire at the last value tried. */
const capTerms = new Float64Array(OFFER_TERMS);
const capHire = new Float64Array(3);

/**
 * Lowers V where needed (not below the floor) so the package costs the firm no more than the
 * hire's marginal revenue. Each value v tried is the hire's monthly cost less marginal revenue
 * × output when the firm posts v: hireAtTerms with the terms' posted value set to v (up to 26
 * times per firm and level every month, so no call with numbers in it).
 */
function capAtMarginalRevenue(w: World, f: Firm, level: number): void {
  if (f.n === 0 || f.Y <= 0) return;
  const mr = marginalRevenueOfOutput(f, w.p.production.eta);
  const t = capTerms;
  const hire = capHire;
  offerCashTerms(w, f, level, t, 0);
  let hi = f.offerValue[level];
  hireAtTerms(w, f, level, t, 0, 1, hire);
  if (hire[HIRE_COST] - mr * hire[HIRE_OUTPUT] <= 0) return;
  offerFloorInto(w, f, level, floorOut);
  const floor = floorOut[0];
  if (f.tp.policy.tokenBudgetShareOfBase === 0) {
    // Tokens do not depend on cash, so output is fixed and cost linear in cash: solve directly.
    const fixed = t[TERM_EQUITY] + w.p.production.toolingCostPerEngineerYear;
    const tokens = hire[HIRE_COST] - (hire[HIRE_CASH] + fixed) / 12;
    const cash = Math.max(0, 12 * (mr * hire[HIRE_OUTPUT] - tokens) - fixed);
    f.offerValue[level] = Math.min(hi, Math.max(floor, valueOfCash(w, f, level, cash)));
    return;
  }
  let lo = floor;
  if (lo >= hi) {
    f.offerValue[level] = Math.min(hi, lo);
    return;
  }
  t[0] = lo;
  hireAtTerms(w, f, level, t, 0, 1, hire);
  if (hire[HIRE_COST] - mr * hire[HIRE_OUTPUT] > 0) {
    f.offerValue[level] = Math.min(hi, lo);
    return;
  }
  for (let k = 0; k < 24; k++) {
    const mid = 0.5 * (lo + hi);
    t[0] = mid;
    hireAtTerms(w, f, level, t, 0, 1, hire);
    if (hire[HIRE_COST] - mr * hire[HIRE_OUTPUT] <= 0) lo = mid;
    else hi = mid;
  }
  f.offerValue[level] = lo;
}

/** Month-0 posted values from the firm's policy (base and equity by level, the policy budget). */
export function initOffers(w: World, f: Firm): void {
  for (let l = 0; l < NUM_LEVELS; l++) {
    f.offerValue[l] = valueOfCash(w, f, l, f.tp.policy.baseByLevel[LEVELS[l]]);
    f.vacancies[l] = 0;
    f.filled[l] = 0;
    f.acceptable[l] = 0;
    f.vacanciesRecent[l] = 0;
    f.filledRecent[l] = 0;
    f.acceptableRecent[l] = 0;
  }
  f.hiresThisQuarter = 0;
}

/** λ̄ and φ̄p by labour market and level from every engineer (month 0, before anyone searches). */
export function initSearcherMeans(w: World): void {
  const e = w.eng;
  const n = new Float64Array(w.lambdaBar.length);
  w.lambdaBar.fill(0);
  w.phiBar.fill(0);
  for (let i = 0; i < e.n; i++) {
    const k = marketLevel(e.labourMarket[i], e.level[i]);
    n[k] += 1;
    w.lambdaBar[k] += e.lambda[i];
    w.phiBar[k] += e.phiP[i];
  }
  for (let k = 0; k < n.length; k++) {
    w.lambdaBar[k] = n[k] > 0 ? w.lambdaBar[k] / n[k] : 0;
    w.phiBar[k] = n[k] > 0 ? w.phiBar[k] / n[k] : w.p.engineers.portableFluencyInitialMean;
  }
}

/** Market pay at month 0: headcount-weighted mean posted value by labour market and level. */
export function initMarketPay(w: World): void {
  const weight = new Float64Array(w.marketPay.length);
  w.marketPay.fill(0);
  for (const f of w.firms) {
    if (!f.alive || f.n === 0) continue;
    for (let l = 0; l < NUM_LEVELS; l++) {
      const k = marketLevel(w.marketOfType[f.type], l);
      weight[k] += f.n;
      w.marketPay[k] += f.n * f.offerValue[l];
    }
  }
  for (let k = 0; k < weight.length; k++) w.marketPay[k] = weight[k] > 0 ? w.marketPay[k] / weight[k] : 0;
  w.marketPay0.set(w.marketPay);
  w.payRing.fill(0);
  w.payRingCount.fill(0);
}

/** Records an accepted offer: the hiring firm's posted value for the level. */
export function recordAcceptedOffer(w: World, f: Firm, level: number): void {
  const cells = w.marketPay.length;
  const k = (w.month % 3) * cells + marketLevel(w.marketOfType[f.type], level);
  w.payRing[k] += f.offerValue[level];
  w.payRingCount[k] += 1;
}

/** Market pay from the last three months of accepted offers (a cell with none keeps its value). */
export function updateMarketPay(w: World): void {
  const cells = w.marketPay.length;
  for (let c = 0; c < cells; c++) {
    let sum = 0;
    let count = 0;
    for (let r = 0; r < 3; r++) {
      sum += w.payRing[r * cells + c];
      count += w.payRingCount[r * cells + c];
    }
    if (count > 0) w.marketPay[c] = sum / count;
  }
  // Clear next month's slot of the ring.
  const next = ((w.month + 1) % 3) * cells;
  w.payRing.fill(0, next, next + cells);
  w.payRingCount.fill(0, next, next + cells);
}

/** Weight of last month's tallies in the recent ones: about a quarter's memory. */
const RECENT = 2 / 3;

/**
 * The monthly offer rule, after matching, on recent months' vacancies (about a quarter's
 * worth, so small firms with a vacancy now and then still read a signal): while short of
 * target, up by offerRaiseSpeed × the unfilled share of the level's recent vacancies (of all
 * levels' when the level had none); otherwise down by offerCutSpeed while above target (beyond
 * the dead band) or while the level had more acceptable applicants than vacancies; then capped
 * at the hire's marginal revenue.
 */
export function adjustOffers(w: World): void {
  const lab = w.p.labour;
  const band = w.p.cfo.deadBand;
  for (const f of w.firms) {
    if (!f.alive) continue;
    let vacAll = 0;
    let fillAll = 0;
    for (let l = 0; l < NUM_LEVELS; l++) {
      f.vacanciesRecent[l] = RECENT * f.vacanciesRecent[l] + f.vacancies[l];
      f.filledRecent[l] = RECENT * f.filledRecent[l] + f.filled[l];
      f.acceptableRecent[l] = RECENT * f.acceptableRecent[l] + f.acceptable[l];
      vacAll += f.vacanciesRecent[l];
      fillAll += f.filledRecent[l];
    }
    const short = f.n < f.target * (1 - band);
    const above = f.n > f.target * (1 + band);
    for (let l = 0; l < NUM_LEVELS; l++) {
      const vac = f.vacanciesRecent[l];
      const unfilled = vac >= 0.5 ? 1 - f.filledRecent[l] / vac : vacAll >= 0.5 ? 1 - fillAll / vacAll : 0;
      if (short && unfilled > 0) f.offerValue[l] *= 1 + lab.offerRaiseSpeed * unfilled;
      else if (above || (vac >= 0.5 && f.acceptableRecent[l] > vac)) f.offerValue[l] *= 1 - lab.offerCutSpeed;
      capAtMarginalRevenue(w, f, l);
    }
  }
}

/**
 * Market package by labour market and level, for search and poaching premiums: headcount-
 * weighted means of the market's alive firms' cash offers at mean skill, equity, equity discount
 * and budgets. A market with no alive firm keeps its previous values.
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
  const t = statTerms;
  for (const f of w.firms) {
    if (!f.alive) continue;
    const weight = Math.max(1, f.n);
    const pol = f.tp.policy;
    for (let l = 0; l < NUM_LEVELS; l++) {
      const k = marketLevel(w.marketOfType[f.type], l);
      // offerCash(w, f, l, 1) and policyBudget from the level's terms, no number through a call.
      offerCashTerms(w, f, l, t, 0);
      const base = offerCashFromTerms(t, 0, 1);
      w.marketBase[k] += weight * base;
      w.marketEquity[k] += weight * t[TERM_EQUITY];
      w.marketEquityDiscount[k] += weight * f.tp.equityRiskDiscount;
      w.marketBudget[k] += weight * Math.min(pol.tokenBudgetCap, pol.tokenBudgetShareOfBase * base + pol.tokenBudgetFixed) * f.budgetScale;
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

const statTerms = new Float64Array(OFFER_TERMS);

/** Number of unemployed engineers in each labour market (into `out`), and the labour force. */
export function unemployedByMarket(w: World, unemployed: Float64Array, force: Float64Array): void {
  const e = w.eng;
  unemployed.fill(0);
  force.fill(0);
  for (let i = 0; i < e.n; i++) {
    force[e.labourMarket[i]] += 1;
    if (e.employer[i] === UNEMPLOYED) unemployed[e.labourMarket[i]] += 1;
  }
}
