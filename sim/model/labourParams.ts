/**
 * Parameters of the labour market, the open occupation and the CFO, with each field's meaning,
 * unit, default and source (the metadata of paramSpecs.ts; a test keeps them equal). Part of
 * Params (params.ts), split out to keep each file short.
 */
import type { ByLevel } from './params.ts';

/** Search, matching, offers, reviews and promotions (sim/model/labour.ts). */
export interface LabourParams {
  /** On-the-job search: Base monthly probability an employed engineer searches.
   *  Unit: probability per month; default: 0.08; source: calibrated by simulated moments against the labour-market moments of docs/validation.md: estimate 0.056 (95 % interval 0.015–0.097), default kept inside it (docs/calibration.md). */
  searchProbEmployed: number;
  /** Involuntary separations: Separations into unemployment other than CFO layoffs and closures (project ends, performance exits, moves out of the area).
   *  Unit: share per year; default: 0.035; source: calibrated by simulated moments: estimate 0.010 (95 % interval 0.005–0.058), default kept inside it (docs/calibration.md); JOLTS layoffs and discharges ≈ 1 % a month across all occupations, lower for engineers. */
  separationRatePerYear: number;
  /** Under-pay search boost: Raises search when cash is below the market wage for the level.
   *  Unit: multiplier per 100 % under-pay; default: 3; source: model assumption (docs/model.md). */
  underpaySearchBoost: number;
  /** Low-rating search boost: Raises search when the rating is below expectations.
   *  Unit: multiplier per rating point below 1; default: 2; source: model assumption (docs/model.md). */
  lowRatingSearchBoost: number;
  /** Applications per searcher: Vacancies each searcher samples per month.
   *  Unit: applications per month; default: 3; source: search-and-matching literature (Petrongolo–Pissarides). */
  applicationsPerSearcher: number;
  /** Matching efficiency μ: Scale of the matching function: a searcher makes contact with probability min(1, μ·θ^(1−γ)), θ = vacancies ÷ searchers.
   *  Unit: contacts per searcher per month at tightness 1; default: 0.5; source: calibrated by simulated moments: estimate 0.49 (95 % interval 0.30–0.68), default kept inside it (docs/calibration.md); Shimer 2005: monthly job-finding 0.3–0.45. */
  matchingEfficiency: number;
  /** Matching elasticity γ: Elasticity of matches with respect to searchers in m = μ·S^γ·V^(1−γ).
   *  Unit: elasticity w.r.t. searchers; default: 0.4; source: Petrongolo & Pissarides 2001; Shimer 2005: 0.28 – 0.54, default 0.4. */
  matchingElasticity: number;
  /** Switching threshold: An offer must beat the current job by this share.
   *  Unit: share of current value; default: 0.05; source: model assumption: the labour-market moments do not pin it apart from on-the-job search (docs/calibration.md). */
  switchingThreshold: number;
  /** Loss aversion: Weight on a token budget below the one the engineer is used to.
   *  Unit: ratio; default: 2.25; source: Tversky & Kahneman 1992 (≈ 2.25). */
  lossAversion: number;
  /** Unemployment benefit: Value of unemployment to a searcher and their income while unemployed.
   *  Unit: share of last base; default: 0.3; source: model assumption (docs/model.md). */
  unemploymentBenefitShare: number;
  /** Pay per rating point: At a review the pay an engineer is moved toward is the firm’s current offer for the level × (1 + this × (rating − 1)).
   *  Unit: share per rating point; default: 0.03; source: merit-pay practice: a few points of raise between average and top ratings (compensation surveys). */
  raiseRatingSensitivity: number;
  /** Market catch-up: Share of the gap to the firm’s current offer for the level (adjusted for rating) closed at the annual review; raises are never negative.
   *  Unit: share of gap per year; default: 0.5; source: model assumption (docs/model.md). */
  marketCatchUp: number;
  /** Promotion raise: Least raise on promotion (more if the new level’s offer is further above).
   *  Unit: share; default: 0.085; source: compensation surveys: +8.5 %. */
  promotionRaise: number;
  /** Promotion probability: Yearly probability of promotion at a rating of 1 (one value per level: junior, mid, senior, staff).
   *  Unit: probability per year; default: 0.15 / 0.08 / 0.04 / 0; source: model assumption (docs/model.md). */
  promotionProbByLevel: ByLevel;
  /** Skill gain on promotion: Skill growth that comes with a promotion. Unit: share; default: 0.25; source: model assumption (docs/model.md). */
  promotionSkillGain: number;
  /** Rating noise: Noise in how output is observed. Unit: log s.d. per month; default: 0.1; source: model assumption (docs/model.md). */
  ratingNoise: number;
  /** Rating memory: Time constant of the exponentially smoothed rating. Unit: months; default: 6; source: model assumption (docs/model.md). */
  ratingSmoothingMonths: number;
  /** Pay for skill: Cash offers and starting pay scale with (skill ÷ level mean skill) to this power.
   *  Unit: elasticity; default: 0.5; source: model assumption (docs/model.md). */
  payForSkillElasticity: number;
  /** Offer rise speed: A firm short of its target raises the value it posts for a level by this × the share of that month’s vacancies at the level left unfilled.
   *  Unit: share per month at all vacancies unfilled; default: 0.02; source: model assumption, to calibrate (docs/model.md). */
  offerRaiseSpeed: number;
  /** Offer cut speed: A firm above its target, or with more acceptable applicants than vacancies at a level, lowers the value it posts by this much a month.
   *  Unit: share per month; default: 0.004; source: model assumption: the labour-market moments barely move with it (docs/calibration.md). */
  offerCutSpeed: number;
  /** Counteroffer probability: Chance an employer matches an accepted outside offer when the engineer’s marginal revenue covers the matched pay.
   *  Unit: probability; default: 0.3; source: model assumption (docs/model.md). */
  counterofferProb: number;
  /** Down-levelling after: After this many months out of work an engineer also applies one level down, at that level’s pay.
   *  Unit: months unemployed; default: 6; source: model assumption (docs/model.md). */
  downLevelAfterMonths: number;
  /** Value of a tools budget: How much of λ × usable retail tokens an engineer counts as pay when the budget is a tools budget rather than pay (its effect on output and ratings is modelled anyway).
   *  Unit: share of λ; default: 0; source: model design (MODEL.md §10.3): 0. */
  toolsBudgetValuation: number;
  /** Moving-loss horizon: Years over which an engineer counts the pay a lower rating after a move costs them (review raises and promotions, from the review rules).
   *  Unit: years; default: 3; source: model assumption (docs/model.md). */
  movingLossHorizonYears: number;
}

/** The open occupation: the outside wage, entry from a cohort pool, exits to other work (sim/model/supply.ts). */
export interface SupplyParams {
  /** Outside wage growth: Nominal growth of the wage in other occupations; firms’ product demand grows with it (all money is nominal).
   *  Unit: × per year; default: 1.035; source: US Employment Cost Index, wages and salaries: ≈ 3–4.5 % a year, 2015–24 (BLS). */
  outsideWageGrowthPerYear: number;
  /** Cohort pool growth: Growth of the pool of people who could enter the occupation (graduates and career switchers).
   *  Unit: × per year; default: 1.01; source: US computer-science degree completions roughly doubled 2013–22 and then levelled off (NCES); default a model choice. */
  cohortGrowthPerYear: number;
  /** Supply elasticity: Elasticity of entry (and, negatively, of exits to other occupations) to expected pay in the occupation relative to the outside wage.
   *  Unit: elasticity; default: 1.5; source: Freeman 1976; Ryoo & Rosen 2004 (JPE): engineering enrolments respond strongly to relative lifetime earnings. */
  supplyElasticity: number;
  /** Exit hazard, unemployed: Monthly chance an unemployed engineer leaves for another occupation, at zero duration and relative pay 1.
   *  Unit: probability per month; default: 0.01; source: model assumption (docs/model.md). */
  exitHazardUnemployed: number;
  /** Exit hazard rise with duration: Added to the exit hazard per month of unemployment, up to 12 months.
   *  Unit: probability per month per month unemployed; default: 0.003; source: model assumption (docs/model.md). */
  exitHazardPerMonthUnemployed: number;
  /** Exits of the employed: Employed engineers leaving for other occupations each year at relative pay 1.
   *  Unit: share per year; default: 0.01; source: model assumption (docs/model.md). */
  exitRateEmployedPerYear: number;
  /** Entrants who are junior: Share of entrants who start at junior level (the rest at mid: career switchers).
   *  Unit: share; default: 0.8; source: model assumption (docs/model.md). */
  entrantJuniorShare: number;
}

/** Each firm's CFO: headcount target, hiring mix, budgets, FinOps controls (sim/model/cfo.ts). */
export interface CfoParams {
  /** Dead band: The CFO leaves the target alone when the optimum is this close.
   *  Unit: share of headcount; default: 0.03; source: model assumption (docs/model.md). */
  deadBand: number;
  /** Hiring limit: Most hires a firm makes in a quarter, as a share of its headcount (the target itself is not limited).
   *  Unit: share of headcount per quarter; default: 0.08; source: model assumption (docs/model.md). */
  maxHireRatePerQuarter: number;
  /** Layoff limit: Most the firm may lay off in a quarter.
   *  Unit: share of headcount per quarter; default: 0.05; source: tech layoffs 150k – 265k a year, 2022–24. */
  maxLayoffRatePerQuarter: number;
  /** Hiring-mix sharpness: How strongly the hiring mix favours the level with the lowest cost per unit of output.
   *  Unit: exponent; default: 6; source: model assumption (docs/model.md). */
  hiringMixSharpness: number;
  /** Expectations follow budget: Share of the output the budget should buy that the CFO adds to expected output (productivity paradox).
   *  Unit: share; default: 1; source: seed 003: at $250k of compute, the output of two or three people is expected. */
  expectationPassThrough: number;
  /** CFO sets budgets: 1: the CFO moves token budgets toward marginal revenue = wholesale cost instead of following the policy.
   *  Unit: 0 or 1; default: 0; source: model design (docs/model.md). */
  cfoSetsBudget: number;
  /** Budget adjustment: Step of the CFO’s budget rule: budget × (marginal revenue ÷ cost)^speed.
   *  Unit: elasticity per quarter; default: 0.5; source: model assumption (docs/model.md). */
  budgetAdjustSpeed: number;
  /** FinOps quota: Consumption quota per engineer; 0 disables quotas.
   *  Unit: share of the orchestration cap (0 = none); default: 0; source: FinOps practice. */
  finopsQuotaShareOfCap: number;
  /** FinOps chargeback: Share of tokenmaxxing waste that chargebacks to teams remove.
   *  Unit: share of waste removed; default: 0; source: FinOps practice. */
  finopsChargebackWasteCut: number;
}
