/**
 * The arithmetic of one application in matching (labour.ts): what the searcher's current job is
 * worth to them, what the offer is worth to them less the moving loss, and the firm's score of
 * the applicant. The definitions are currentValue, packageValue and movingLoss (jobValue.ts,
 * policy.ts) and applicantScore below; the functions here write the same operations out in the
 * same order, so they give the same bits (test/model/application.test.ts compares them), with
 * no call that passes or returns a number: matchMarket runs them about 150,000 times a month,
 * and every double passed to or returned from a call V8 does not inline is boxed on the heap
 * (about 5 MB a default run when these called the definitions).
 *
 * Numbers go in and out through `app`. The part of the moving loss that depends only on the
 * searcher's current job (the rating pay loss, and the current usable budget as valued) is
 * worked out once per searcher by evaluateSearcher, not once per application.
 */
import { LEVELS } from './params.ts';
import { skillPayFactor } from './policy.ts';
import { OFFER_TERMS, TERM_EQUITY } from './offers.ts';
import { NUM_LEVELS, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';
import { directedCompute } from './production.ts';

/** What evaluateSearcher, evaluateApplication and scoreApplication hand back (indices below). */
export const app = new Float64Array(8);
/** The searcher's current value (currentValue). */
export const APP_CURRENT = 0;
/** movingLoss's rating part, ratingPayLoss × base × move drop (0 when unemployed). */
export const APP_LOSS_BASE = 1;
/** movingLoss's current usable budget as valued, factor × usable (0 when unemployed). */
export const APP_CUR_VALUED = 2;
/** The searcher's pay factor one level down (skillPayFactor), when they may apply there. */
export const APP_DOWN_PAY_FACTOR = 7;
/** The offer's cash and budget. */
export const APP_CASH = 3;
export const APP_BUDGET = 4;
/** The offer's value to the searcher less the moving loss. */
export const APP_VALUE = 5;
/** The firm's score of the applicant (applicantScore). */
export const APP_SCORE = 6;

/**
 * Expected output per monthly cost of engineer i at firm g at this level, cash and budget: how
 * firms rank applicants (the definition; scoreApplication writes it out).
 */
export function applicantScore(w: World, g: Firm, i: number, level: number, cash: number, budget: number): number {
  const e = w.eng;
  const m = w.market.state;
  const pp = w.p.production;
  const phiP = e.phiP[i];
  const tokens = Math.min(((budget / 12) * g.tp.hostedUsableShare) / m.priceRetail, m.orchestrationCap * phiP);
  const y = g.n > 0 && g.Y > 0 ? g.YL * e.skill[i] + g.YC * directedCompute(m, pp, phiP, tokens) : e.skill[i];
  const cost = (cash + g.tp.policy.equityByLevel[LEVELS[level]] + pp.toolingCostPerEngineerYear) / 12 + tokens * m.priceRetail * g.tp.wholesaleDiscount;
  return y / Math.max(cost, 1e-9);
}

/**
 * Searcher i: app[APP_CURRENT] = currentValue(w, i), and movingLoss's parts that do not depend
 * on the offer (effectiveBudget, usableTokenValue and packageValue written out); with
 * `downLevel`, also their pay factor a level down.
 */
export function evaluateSearcher(w: World, i: number, downLevel: boolean): void {
  const e = w.eng;
  const slot = e.employer[i];
  // A pow, so a call (with its numbers boxed), once a searcher rather than once an application.
  if (downLevel) app[APP_DOWN_PAY_FACTOR] = skillPayFactor(w, e.level[i] - 1, e.skill[i]);
  if (slot === UNEMPLOYED) {
    app[APP_CURRENT] = w.p.labour.unemploymentBenefitShare * e.base[i];
    app[APP_LOSS_BASE] = 0;
    app[APP_CUR_VALUED] = 0;
    return;
  }
  const f = w.firms[slot];
  const tp = f.tp;
  const pol = tp.policy;
  const m = w.market.state;
  const base = e.base[i];
  const factor = pol.tokenBudgetIsPay === 1 ? 1 : w.p.labour.toolsBudgetValuation;
  const eb = e.budget[i] * f.budgetScale * (1 + pol.performanceTopUp * Math.max(0, e.rating[i] - 1));
  const usable = Math.min(eb * tp.hostedUsableShare, m.orchestrationCap * (e.phiP[i] + e.phiF[i]) * m.priceRetail * 12);
  let v = base + e.equity[i] * tp.equityRiskDiscount;
  v += e.lambda[i] * factor * usable;
  if (pol.tokenPortability > 0) v += pol.tokenPortability * Math.max(0, eb - usable);
  app[APP_CURRENT] = v;
  app[APP_LOSS_BASE] = w.ratingPayLoss[e.level[i]] * base * e.moveDrop[i];
  app[APP_CUR_VALUED] = factor * usable;
}

/**
 * Engineer i (at level l; evaluateSearcher already run) applying to firm g at level l or l − 1: the
 * offer's cash (offerCashFromTerms, from the firm's terms) and budget (policyBudget × the CFO's
 * scale), and its value packageValue − movingLoss, into app.
 */
export function evaluateApplication(w: World, g: Firm, i: number, lv: number, l: number, terms: Float64Array): void {
  const e = w.eng;
  const m = w.market.state;
  const lab = w.p.labour;
  const tp = g.tp;
  const pol = tp.policy;
  const phiP = e.phiP[i];
  const lambda = e.lambda[i];
  // Both from typed arrays: a call's result here would make V8 box the pay factor on every application.
  const pf = lv === l ? e.payFactor[i] : app[APP_DOWN_PAY_FACTOR];
  // offerCashFromTerms.
  const o = (g.slot * NUM_LEVELS + lv) * OFFER_TERMS;
  const target = pf * terms[o] - terms[o + 1];
  let cash: number;
  if (terms[o + 2] <= 0) cash = Math.max(0, target);
  else {
    const linear = (target - terms[o + 5]) / terms[o + 6];
    cash = Math.max(0, terms[o + 3] * (terms[o + 7] * linear + terms[o + 8]) <= terms[o + 4] ? linear : target - terms[o + 2] * terms[o + 4]);
  }
  const budget = Math.min(pol.tokenBudgetCap, pol.tokenBudgetShareOfBase * cash + pol.tokenBudgetFixed) * g.budgetScale;
  // usableTokenValue and packageValue.
  const usable = Math.min(budget * tp.hostedUsableShare, m.orchestrationCap * phiP * m.priceRetail * 12);
  const factor = pol.tokenBudgetIsPay === 1 ? 1 : lab.toolsBudgetValuation;
  // Equity × risk discount is the terms' o + 1.
  let v = cash + terms[o + 1];
  v += lambda * factor * usable;
  if (pol.tokenPortability > 0) v += pol.tokenPortability * Math.max(0, budget - usable);
  // movingLoss (0 for the unemployed, whose parts evaluateSearcher set to 0: adding 0 is exact).
  let loss = app[APP_LOSS_BASE];
  if (e.employer[i] !== UNEMPLOYED) {
    const cur = app[APP_CUR_VALUED];
    const next = factor * usable;
    if (next < cur) loss += (lab.lossAversion - 1) * lambda * (cur - next);
  }
  app[APP_CASH] = cash;
  app[APP_BUDGET] = budget;
  app[APP_VALUE] = v - loss;
}

/** app[APP_SCORE] = applicantScore of the application evaluateApplication has just evaluated, from the same terms. */
export function scoreApplication(w: World, g: Firm, i: number, lv: number, terms: Float64Array): void {
  const e = w.eng;
  const m = w.market.state;
  const pp = w.p.production;
  const tp = g.tp;
  const phiP = e.phiP[i];
  const skill = e.skill[i];
  const cash = app[APP_CASH];
  const tokens = Math.min(((app[APP_BUDGET] / 12) * tp.hostedUsableShare) / m.priceRetail, m.orchestrationCap * phiP);
  // directedCompute: 1 + Q·κ·e·u.
  const y = g.n > 0 && g.Y > 0 ? g.YL * skill + g.YC * (1 + m.capability * phiP * pp.effectiveComputePerMTokens * tokens) : skill;
  const cost = (cash + terms[(g.slot * NUM_LEVELS + lv) * OFFER_TERMS + TERM_EQUITY] + pp.toolingCostPerEngineerYear) / 12 + tokens * m.priceRetail * tp.wholesaleDiscount;
  app[APP_SCORE] = y / Math.max(cost, 1e-9);
}
