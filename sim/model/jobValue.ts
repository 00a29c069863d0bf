/**
 * What a job and a move are worth to an engineer (docs/model.md): the value of staying, the
 * moving loss — the pay a lower rating costs after firm-specific leverage resets, derived from
 * the review rules, plus loss aversion on a smaller valued budget: the golden handcuff — and
 * the premium an outside firm must add to move an engineer.
 */
import { LEVELS } from './params.ts';
import { effectiveBudget, packageValue, usableTokenValue } from './policy.ts';
import { marketLevel, NUM_LEVELS, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';

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
 * Pay lost per unit of rating lost, as a share of base, over the moving-loss horizon H: from
 * the review rules, a rating lower by Δ moves pay toward an offer lower by
 * raiseRatingSensitivity·Δ (a catch-up share of it each year) and lowers the promotion chance
 * p·rating² by about 2p·Δ (each promotion worth the promotion raise): H·(catchUp·rs + 2p·raise).
 */
export function ratingPayLoss(w: World, level: number): number {
  const lab = w.p.labour;
  const promo = level < NUM_LEVELS - 1 ? 2 * lab.promotionProbByLevel[LEVELS[level]] * lab.promotionRaise : 0;
  return lab.movingLossHorizonYears * (lab.marketCatchUp * lab.raiseRatingSensitivity + promo);
}

/**
 * The cost of moving to engineer i: the output lost when φf resets, as the rating and hence the
 * pay it costs inside the model (ratingPayLoss), plus loss aversion on a smaller usable token
 * budget than the current one, in the same units in which the engineer values tokens.
 */
export function movingLoss(w: World, i: number, newUsable: number, newFactor: number): number {
  const e = w.eng;
  const slot = e.employer[i];
  if (slot === UNEMPLOYED) return 0;
  const f = w.firms[slot];
  let loss = w.ratingPayLoss[e.level[i]] * e.base[i] * e.moveDrop[i];
  const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
  const curUsable = usableTokenValue(w, f, eb, e.phiP[i] + e.phiF[i]);
  const factor = f.tp.policy.tokenBudgetIsPay === 1 ? 1 : w.p.labour.toolsBudgetValuation;
  const cur = factor * curUsable;
  const next = newFactor * newUsable;
  if (next < cur) loss += (w.p.labour.lossAversion - 1) * e.lambda[i] * (cur - next);
  return loss;
}

/** λ-valuation factor of firm f's budget (1 as pay, the tools setting otherwise). */
export function valueFactor(w: World, f: Firm): number {
  return f.tp.policy.tokenBudgetIsPay === 1 ? 1 : w.p.labour.toolsBudgetValuation;
}

/**
 * The extra cash an outside firm offering the market package for the level must add to move
 * engineer i: the premium that makes the offer beat the current job by the switching threshold.
 * The market package is valued as pay when the engineer's own firm presents its budget as pay.
 */
export function poachingPremium(w: World, i: number, curValue: number): number {
  const e = w.eng;
  const l = e.level[i];
  const f = w.firms[e.employer[i]];
  const m = w.market.state;
  const k = marketLevel(e.labourMarket[i], l);
  const cash = w.marketBase[k] * e.payFactor[i];
  const factor = valueFactor(w, f);
  const newUsable = Math.min(w.marketBudget[k], m.orchestrationCap * e.phiP[i] * m.priceRetail * 12) * f.tp.hostedUsableShare;
  const offer = cash + w.marketEquity[k] * w.marketEquityDiscount[k] + e.lambda[i] * factor * newUsable - movingLoss(w, i, newUsable, factor);
  return Math.max(0, curValue * (1 + w.p.labour.switchingThreshold) - offer);
}

const oneId = new Int32Array(1);
const oneOut = new Float64Array(1);

/**
 * poachingPremium(w, i, currentValue(w, i)) for an employed engineer, computed in one go
 * (the two calls would work out the effective budget and the usable token value twice). Same
 * operations in the same order, so the same bits (test/run/metricsFast.test.ts compares the
 * two); the metrics' first pass (sim/run/engineerPass.ts) repeats these operations inline.
 */
export function employedPoachingPremium(w: World, i: number): number {
  const one = oneId;
  one[0] = i;
  employedPoachingPremiums(w, one, 1, oneOut);
  return oneOut[0];
}

/**
 * employedPoachingPremium of engineers ids[0 … count − 1] (all employed) into out[0 … count − 1],
 * with no call (and so no boxed number) per engineer.
 */
export function employedPoachingPremiums(w: World, ids: Int32Array, count: number, out: Float64Array): void {
  const e = w.eng;
  const m = w.market.state;
  const lab = w.p.labour;
  for (let k = 0; k < count; k++) {
    const i = ids[k];
    const f = w.firms[e.employer[i]];
    const tp = f.tp;
    const pol = tp.policy;
    const lambda = e.lambda[i];
    const base = e.base[i];
    const phiP = e.phiP[i];
    const factor = valueFactor(w, f);
    // Value of the current job (packageValue).
    const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
    const curUsable = Math.min(eb * tp.hostedUsableShare, m.orchestrationCap * (phiP + e.phiF[i]) * m.priceRetail * 12);
    let cur = base + e.equity[i] * tp.equityRiskDiscount;
    cur += lambda * factor * curUsable;
    if (pol.tokenPortability > 0) cur += pol.tokenPortability * Math.max(0, eb - curUsable);
    // The market offer less the moving loss (poachingPremium, movingLoss).
    const mk = marketLevel(e.labourMarket[i], e.level[i]);
    const cash = w.marketBase[mk] * e.payFactor[i];
    const newUsable = Math.min(w.marketBudget[mk], m.orchestrationCap * phiP * m.priceRetail * 12) * tp.hostedUsableShare;
    let loss = w.ratingPayLoss[e.level[i]] * base * e.moveDrop[i];
    const curValued = factor * curUsable;
    const newValued = factor * newUsable;
    if (newValued < curValued) loss += (lab.lossAversion - 1) * lambda * (curValued - newValued);
    const offer = cash + w.marketEquity[mk] * w.marketEquityDiscount[mk] + lambda * factor * newUsable - loss;
    out[k] = Math.max(0, cur * (1 + lab.switchingThreshold) - offer);
  }
}
