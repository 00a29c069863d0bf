/**
 * Compensation policy arithmetic: offers, token budgets, and how an engineer values a job
 * (docs/model.md: cash + equity × risk discount + λ·f·usable tokens − moving loss, with loss
 * aversion on a smaller budget than the one they are used to). Offers are in offers.ts.
 */
import type { CompPolicy } from './params.ts';
import type { Firm, World } from './world.ts';
import { pow } from '../lib/dmath.ts';

/** (skill ÷ the level's mean skill)^elasticity: how pay scales with skill within a level. */
export function skillPayFactor(w: World, level: number, skill: number): number {
  return pow(skill / w.levelSkill[level], w.p.labour.payForSkillElasticity);
}

/** The policy's token budget for a base cash, retail $/year (before the CFO's scale). */
export function policyBudget(policy: CompPolicy, base: number): number {
  return Math.min(policy.tokenBudgetCap, policy.tokenBudgetShareOfBase * base + policy.tokenBudgetFixed);
}

/** An engineer's budget this month: personal budget × CFO scale × performance top-up, retail $/year. */
export function effectiveBudget(f: Firm, personalBudget: number, rating: number): number {
  const topUp = 1 + f.tp.policy.performanceTopUp * Math.max(0, rating - 1);
  return personalBudget * f.budgetScale * topUp;
}

/**
 * Retail $/year of tokens an engineer with leverage κ can use productively from a budget at
 * firm f: the usable share of the budget, capped by the orchestration cap.
 */
export function usableTokenValue(w: World, f: Firm, budget: number, kappa: number): number {
  const m = w.market.state;
  const capValue = m.orchestrationCap * kappa * m.priceRetail * 12;
  return Math.min(budget * f.tp.hostedUsableShare, capValue);
}

/**
 * Value to an engineer with token valuation λ of a package (cash, equity, budget) at firm f
 * given leverage κ there, excluding moving costs: cash + equity × risk discount + λ·f·usable
 * tokens + the portable share of the unusable rest at face value, where f = 1 when the budget
 * is presented as pay and `labour.toolsBudgetValuation` (default 0) for a tools budget, whose
 * effects on output and ratings are modelled separately (MODEL.md §10.3).
 */
export function packageValue(
  w: World,
  f: Firm,
  lambda: number,
  cash: number,
  equity: number,
  budget: number,
  kappa: number,
): number {
  const pol = f.tp.policy;
  let v = cash + equity * f.tp.equityRiskDiscount;
  const usable = usableTokenValue(w, f, budget, kappa);
  v += lambda * (pol.tokenBudgetIsPay === 1 ? 1 : w.p.labour.toolsBudgetValuation) * usable;
  if (pol.tokenPortability > 0) v += pol.tokenPortability * Math.max(0, budget - usable);
  return v;
}
