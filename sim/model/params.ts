/**
 * Parameters of the model: the types, each field with its meaning, unit, default and source
 * (the same words as the metadata in paramSpecs.ts; a test keeps them equal), and the defaults
 * (DEFAULTS, one visible const in defaults.ts, exported here too). Money is US dollars; rates
 * are per year unless the name says per month.
 */

export { DEFAULTS } from './defaults.ts';

export const LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export type Level = (typeof LEVELS)[number];
export type ByLevel = Record<Level, number>;

/** The three firm types every scenario has; scenarios may add more under `firmTypes`. */
export const CORE_FIRM_TYPES = ['bigtech', 'startup', 'midmarket'] as const;

/** A temporary multiplier on the token list price (e.g. a GPU shortage). */
export interface PriceEvent {
  /** What happened, for reports (required, non-empty). Unit: text; no default; source: the scenario. */
  label: string;
  /** Event start: First month of a price event. Unit: month; default: (no events); source: model design (docs/model.md). */
  startMonth: number;
  /** Event length: Duration of a price event. Unit: months; default: (no events); source: model design (docs/model.md). */
  months: number;
  /** Event price factor: Multiplier on the list price during the event. Unit: ×; default: (no events); source: model design (docs/model.md). */
  priceFactor: number;
}

/** A change in product demand for every firm (a boom or a bust): demand × factor while it lasts. */
export interface DemandEvent {
  /** What happened, for reports (required, non-empty). Unit: text; no default; source: the scenario. */
  label: string;
  /** Demand event start: First month of a product-demand event. Unit: month; default: (no events); source: model design (docs/model.md). */
  startMonth: number;
  /** Demand event length: Duration of a product-demand event (a long one is permanent).
   *  Unit: months; default: (no events); source: model design (docs/model.md). */
  months: number;
  /** Demand event factor: Multiplier on every firm’s product demand during the event.
   *  Unit: ×; default: (no events); source: model design (docs/model.md). */
  factor: number;
}

/** Economy-wide product demand: events and a triangular cycle (sim/model/firms.ts). */
export interface DemandParams {
  /** Demand events, in any order; those active in a month multiply every firm's demand. Unit: list; default: none; source: the scenario. */
  events: DemandEvent[];
  /** Demand cycle amplitude: Amplitude of a triangular cycle in every firm’s product demand (0 = none): demand × (1 + amplitude × cycle).
   *  Unit: share; default: 0; source: model design (docs/model.md). */
  cycleAmplitude: number;
  /** Demand cycle period: Length of one demand cycle. Unit: years; default: 6; source: US business cycles ≈ 5–8 years. */
  cyclePeriodYears: number;
}

/** The token market every firm buys from (sim/model/market.ts). */
export interface MarketParams {
  /** Token list price: Retail list price of the blended frontier token mix at month 0.
   *  Unit: $ per million tokens; default: 8; source: public API price lists, late 2025: ≈ $5 in / $25 out, blended ≈ $8. */
  listPriceInitial: number;
  /** Price decline, first year: Factor by which the frontier list price falls in the first year; the log rate decays toward the long-run rate.
   *  Unit: × per year; default: 2; source: frontier list prices fall ≈ 3× per model generation (≈ ×2 a year). */
  priceDeclineFirstYear: number;
  /** Price decline, long run: Long-run factor by which the list price falls per year.
   *  Unit: × per year; default: 1.25; source: model assumption (docs/model.md). */
  priceDeclineLongRun: number;
  /** Capability growth, first year: Growth of useful work per token in the first year; with the price fall it sets the fall of P/Q (≈ ×10 at default).
   *  Unit: × per year; default: 5; source: a16z "LLMflation"; Epoch AI inference price trends (×10 a year at constant capability). */
  capabilityGrowthFirstYear: number;
  /** Capability growth, long run: Long-run growth of useful work per token.
   *  Unit: × per year; default: 1.25; source: model assumption (docs/model.md). */
  capabilityGrowthLongRun: number;
  /** Trend decay half-life: Half-life with which the first-year log rates of price, capability and orchestration cap decay to their long-run rates.
   *  Unit: years; default: 1; source: model assumption (docs/model.md). */
  rateDecayHalfLifeYears: number;
  /** Price volatility: Monthly log-normal noise on the list price.
   *  Unit: log s.d. per month; default: 0.05; source: model assumption (docs/model.md). */
  priceVolatility: number;
  /** Price response to demand: Exponent on (market demand ÷ capacity) in the price; 0 makes firms price takers.
   *  Unit: elasticity; default: 0; source: model design (docs/model.md). */
  priceElasticity: number;
  /** Market scale: Scales simulated consumption up to the whole market for the demand feedback.
   *  Unit: market tokens per simulated token at 10,000 engineers; default: 2000; source: model assumption (docs/model.md). */
  marketScale: number;
  /** Inference capacity: Market inference capacity at month 0.
   *  Unit: million tokens per month; default: 1,000M; source: order of magnitude of reported monthly tokens served by a hyperscaler, 2025. */
  capacityInitial: number;
  /** Capacity growth: Growth of market inference capacity. Unit: × per year; default: 3; source: model assumption (docs/model.md). */
  capacityGrowthPerYear: number;
  /** Orchestration cap: Productive tokens one engineer can direct per month at leverage κ = 1 (heavy agent user ≈ $3,000 a month).
   *  Unit: million tokens per month at leverage 1; default: 400; source: agent tooling cost reports: heavy users ≈ $3,000 / month; seeds 002, 003 (millions of tokens a day). */
  orchestrationCapInitial: number;
  /** Orchestration cap growth, first year: Growth of the cap as agents become more autonomous (the displacement lever).
   *  Unit: × per year; default: 2.5; source: seed 003: chat ≈ 10k tokens a session → agent swarms of millions a day. */
  orchestrationCapGrowthFirstYear: number;
  /** Orchestration cap growth, long run: Long-run growth of the orchestration cap.
   *  Unit: × per year; default: 1.3; source: model assumption (docs/model.md). */
  orchestrationCapGrowthLongRun: number;
  /** Agent autonomy at start: Autonomy index a at month 0: effective compute per agent token, as a share of what a token directed at leverage κ = 1 yields. Agents are not tied to headcount, so this is what lets compute stand in for people.
   *  Unit: leverage units; default: 0.02; source: model assumption (near zero: agents need a person today); swept in the findings. */
  autonomyInitial: number;
  /** Autonomy growth, first year: Growth of the autonomy index in the first year; the log rate decays toward the long-run rate.
   *  Unit: × per year; default: 2; source: model assumption; swept in the findings. */
  autonomyGrowthFirstYear: number;
  /** Autonomy growth, long run: Long-run growth of the autonomy index.
   *  Unit: × per year; default: 1.3; source: model assumption; swept in the findings. */
  autonomyGrowthLongRun: number;
  /** Temporary multipliers on the list price (a GPU shortage, a price war), each with its own months.
   *  Unit: list of events; default: none; source: the scenario (model design, docs/model.md). */
  events: PriceEvent[];
}

/** Firm production: Y = A·CES(labour, compute), revenue R = Z·Y^η (sim/model/production.ts). */
export interface ProductionParams {
  /** σ, people vs compute: Elasticity of substitution between human labour and compute in the firm CES; σ < 1 complements, σ > 1 substitutes, σ = 1 Cobb-Douglas (exact).
   *  Unit: elasticity of substitution; default: 0.8; source: no direct estimate for AI; capital–labour σ ≈ 0.5 (Gechert, Havranek et al. meta-analysis); default is a model choice. */
  sigma: number;
  /** Revenue curvature η: Revenue R = Z·Y^η; product-demand elasticity ε = 1/(1 − η).
   *  Unit: exponent; default: 0.5; source: model assumption (docs/model.md). */
  eta: number;
  /** Pre-AI tooling cost: What one engineer’s pre-AI tooling costs the firm (laptop, CI, cloud development environment, licences): one effective compute unit a month. A priced input that sets labour’s cost share π0 at month 0.
   *  Unit: $ per engineer-year; default: 10,000; source: model assumption: order of magnitude of developer tooling and cloud spend per engineer. */
  toolingCostPerEngineerYear: number;
  /** Effective compute per token: Effective compute e of a million tokens directed at leverage 1 and month-0 capability, in units of one engineer’s pre-AI tooling. Calibrated so the RCT treatment (an assistant of ≈ $15 a month at 2023 capability) raises a treated engineer’s output by ≈ 30 %.
   *  Unit: compute units per million tokens at Q = 1; default: 30; source: Copilot RCT +55.8 %; Google RCT ≈ +21 %; field experiments +26 % (calibration in docs/model.md). */
  effectiveComputePerMTokens: number;
}

/** A firm's compensation policy. All fields are reported with the run. */
export interface CompPolicy {
  /** Base cash: Base cash by level (one value per level: junior, mid, senior, staff).
   *  Unit: $ per year; default: bigtech 150,000 / 200,000 / 280,000 / 375,000; startup 120,000 / 160,000 / 210,000 / 280,000; midmarket 110,000 / 140,000 / 180,000 / 230,000; source: BLS median ≈ $133,000; top tier ≈ $375,000 (seeds 002, 003). */
  baseByLevel: ByLevel;
  /** Equity grant: Equity granted per year by level (one value per level: junior, mid, senior, staff).
   *  Unit: $ per year at grant value; default: bigtech 30,000 / 60,000 / 120,000 / 250,000; startup 20,000 / 40,000 / 80,000 / 150,000; midmarket 5000 / 10,000 / 20,000 / 40,000; source: compensation surveys. */
  equityByLevel: ByLevel;
  /** Token budget, share of base: Token budget as a share of base cash (retail $).
   *  Unit: share of base; default: 0; source: seeds: 0.27 (Tunguz), 0.5 (Huang). */
  tokenBudgetShareOfBase: number;
  /** Token budget, fixed: Fixed token budget added to the share of base.
   *  Unit: $ per year retail; default: 2400; source: seeds: $100,000 (Tunguz); typical agentic spend $150–250 / month. */
  tokenBudgetFixed: number;
  /** Token budget cap: Upper limit on an engineer’s token budget. Unit: $ per year retail; default: 1M; source: seeds: up to $250,000 (Huang). */
  tokenBudgetCap: number;
  /** Budget presented as pay: 1: the budget is part of the offer and of total comp; 0: a tools budget paid centrally.
   *  Unit: 0 or 1; default: 0; source: model design: the baseline pays tools centrally. */
  tokenBudgetIsPay: number;
  /** Token expiry: 'monthly': each month's allowance lapses; 'yearly': unused tokens roll over to year end.
   *  Unit: rule; default: monthly; source: model design (docs/model.md). */
  tokenExpiry: 'monthly' | 'yearly';
  /** Token portability: Share of unused budget that accrues to the engineer as a portable compute credit (0 = use it or lose it).
   *  Unit: share; default: 0; source: seeds 001–003: tokens do not vest, appreciate or transfer. */
  tokenPortability: number;
  /** Credit vesting: Portable credits are forfeited if the engineer leaves before this tenure.
   *  Unit: months of tenure; default: 0; source: model assumption (docs/model.md). */
  creditVestingMonths: number;
  /** Equity cliff: No equity vests before this tenure.
   *  Unit: months of tenure; default: 12; source: common four-year vesting with a one-year cliff. */
  equityCliffMonths: number;
  /** Performance top-up: Extra token budget for ratings above 1.
   *  Unit: share of budget per rating point above 1; default: 0; source: model assumption (docs/model.md). */
  performanceTopUp: number;
  /** Raises paid in tokens: Part of each annual raise paid as token budget instead of cash.
   *  Unit: share of raise; default: 0; source: seeds: firms hold cash flatter while pointing to larger compute budgets. */
  cashToTokenRaiseShare: number;
}

/** How a venture firm raises rounds and plans on growth (sim/model/firms.ts). */
export interface FundingParams {
  /** Runway trigger: A venture firm seeks a round when runway falls below this.
   *  Unit: months; default: 6; source: model assumption (docs/model.md). */
  runwayTriggerMonths: number;
  /** Funding probability: Chance a round closes in a month while seeking.
   *  Unit: probability per month; default: bigtech 0; startup 0.12; midmarket 0; source: model assumption (docs/model.md). */
  roundProbPerMonth: number;
  /** Round size: Size of a round in months of current costs. Unit: months of costs; default: 24; source: model assumption (docs/model.md). */
  roundSizeMonthsOfBurn: number;
  /** Re-entry delay: Months before a new entrant takes an exited firm’s slot. Unit: months; default: 3; source: model assumption (docs/model.md). */
  reentryDelayMonths: number;
  /** Planned revenue multiple: The CFO sizes headcount for this multiple of today’s revenue (the growth investors fund; 1 = plans on today’s revenue). Above 1/η the firm burns cash.
   *  Unit: × current revenue; default: bigtech 1; startup 5; midmarket 1; source: model assumption (docs/model.md). */
  planningRevenueMultiple: number;
}

/** One firm type: its share of firm slots, size, productivity, demand, costs, funding and pay policy. */
export interface FirmTypeParams {
  /** Share of firms: Share of firm slots of this type.
   *  Unit: share; default: bigtech 0.15; startup 0.5; midmarket 0.35; source: model assumption (docs/model.md). */
  firmShare: number;
  /** Relative size: Initial engineers of a firm relative to other types.
   *  Unit: engineers per firm, relative; default: bigtech 20; startup 1; midmarket 3; source: model assumption (docs/model.md). */
  sizeWeight: number;
  /** Productivity A: Mean total factor productivity.
   *  Unit: index; default: bigtech 1.2; startup 1; midmarket 0.9; source: model assumption (docs/model.md). */
  productivityMean: number;
  /** Productivity dispersion: Dispersion of A across firms of the type.
   *  Unit: log s.d.; default: bigtech 0.1; startup 0.25; midmarket 0.15; source: model assumption (docs/model.md). */
  productivityDispersion: number;
  /** Real demand growth: Trend growth of product demand Z beyond the outside wage’s nominal growth (Z grows at both).
   *  Unit: × per year; default: bigtech 1.015; startup 1.05; midmarket 1.02; source: model assumption (docs/model.md). */
  demandGrowthPerYear: number;
  /** Demand volatility: Monthly noise in product demand.
   *  Unit: log s.d. per month; default: bigtech 0.02; startup 0.05; midmarket 0.03; source: model assumption (docs/model.md). */
  demandVolatility: number;
  /** Overhead: Non-engineering costs (sales, G&A) as a share of revenue.
   *  Unit: share of revenue; default: bigtech 0.3; startup 0.4; midmarket 0.4; source: model assumption (docs/model.md). */
  overheadShareOfRevenue: number;
  /** Wholesale price: What the firm pays per token relative to retail (hyperscalers near marginal cost).
   *  Unit: share of list price; default: bigtech 0.4; startup 0.9; midmarket 0.7; source: inference cost models: 0.3 – 0.5 of list for a hyperscaler. */
  wholesaleDiscount: number;
  /** Equity risk discount: What an engineer counts $1 of granted equity as worth.
   *  Unit: $ per $ granted; default: bigtech 0.9; startup 0.3; midmarket 0.6; source: model assumption (docs/model.md). */
  equityRiskDiscount: number;
  /** Cash at start: Initial cash as months of total cost.
   *  Unit: months of costs; default: bigtech 36; startup 6; midmarket 12; source: model assumption (docs/model.md). */
  cashMonthsInitial: number;
  /** Venture-funded: 1: raises rounds when runway is short, exits when cash runs out, and is replaced by an entrant.
   *  Unit: 0 or 1; default: bigtech 0; startup 1; midmarket 0; source: model assumption (docs/model.md). */
  venture: number;
  /** Liquidity events: For a venture firm, whose vested equity is illiquid: the yearly chance of an acquisition or listing that pays it out at grant value (a failure writes it off).
   *  Unit: probability per year; default: bigtech 0; startup 0.04; midmarket 0; source: model assumption: a few per cent of venture-backed startups a year exit by acquisition or listing. */
  equityLiquidityProbPerYear: number;
  /** Venture funding: when a venture firm seeks a round, how likely and how large it is, how it plans. */
  funding: FundingParams;
  /** Token valuation multiplier: Multiplies λ for engineers who start at firms of this type (e.g. a cash-sensitive region).
   *  Unit: ×; default: 1; source: model assumption (docs/model.md). */
  tokenValuationMultiplier: number;
  /** Usable hosted inference: Share of hosted inference the firm’s engineers may use (data residency, sanctions, connectivity).
   *  Unit: share; default: 1; source: model assumption (docs/model.md). */
  hostedUsableShare: number;
  /** Labour market: The labour market a firm type hires from: engineers who start at its firms stay in that market and search only its vacancies (0 = the main market; e.g. a region).
   *  Unit: market id; default: 0; source: model assumption (docs/model.md). */
  labourMarket: number;
  /** Compensation policy: base, equity and the token budget, and how budgets vest and travel. */
  policy: CompPolicy;
}

/** Engineers at the start and how they learn, value tokens and save (sim/model/engineers.ts). */
export interface EngineerParams {
  /** Level share: Share of engineers at each level at start (one value per level: junior, mid, senior, staff).
   *  Unit: share; default: 0.3 / 0.35 / 0.25 / 0.1; source: industry level mixes. */
  levelShares: ByLevel;
  /** Skill by level: Mean human skill s at each level (one value per level: junior, mid, senior, staff).
   *  Unit: labour units; default: 0.7 / 1 / 1.35 / 1.8; source: model assumption (docs/model.md). */
  skillByLevel: ByLevel;
  /** Skill dispersion: Log-normal dispersion of skill within a level. Unit: log s.d.; default: 0.25; source: model assumption (docs/model.md). */
  skillDispersion: number;
  /** Employed at start: Share of engineers employed at month 0. Unit: share; default: 0.96; source: US tech unemployment ≈ 3–5 %. */
  employedShareInitial: number;
  /** AI fluency at start: Mean portable AI fluency φp at month 0. Unit: leverage units; default: 0.5; source: model assumption (docs/model.md). */
  portableFluencyInitialMean: number;
  /** AI fluency dispersion: Log-normal dispersion of φp at start. Unit: log s.d.; default: 0.3; source: model assumption (docs/model.md). */
  portableFluencyDispersion: number;
  /** AI fluency ceiling: Saturation level of portable fluency φp. Unit: leverage units; default: 1; source: model assumption (docs/model.md). */
  portableFluencyMax: number;
  /** Firm-specific leverage ceiling: Saturation level of firm-specific leverage φf (lost on moving).
   *  Unit: leverage units; default: 0.5; source: model assumption (docs/model.md). */
  firmLeverageMax: number;
  /** Fluency learning rate: Monthly growth of φp toward its ceiling, times the share of the orchestration cap used.
   *  Unit: share of gap per month at full use; default: 0.03; source: model assumption (docs/model.md). */
  learningRatePortable: number;
  /** Firm leverage learning rate: Monthly growth of φf toward its ceiling, times the share of the cap used.
   *  Unit: share of gap per month at full use; default: 0.08; source: model assumption (docs/model.md). */
  learningRateFirm: number;
  /** Token valuation λ: What $1 of usable retail tokens is worth to an engineer in cash (mean).
   *  Unit: $ cash per $ retail tokens; default: 0.6; source: seeds 001–003: tokens are productivity allowances first, compensation second. */
  tokenValuation: number;
  /** Token valuation dispersion: Standard deviation of λ across engineers (truncated at 0).
   *  Unit: s.d.; default: 0.2; source: model assumption (docs/model.md). */
  tokenValuationDispersion: number;
  /** Tokenmaxxing: Leaderboard pressure: share of the unproductive remainder of the budget burned anyway.
   *  Unit: share of unused budget burned; default: 0; source: a large firm’s internal token leaderboard, as reported: top user ≈ 400 × mean. */
  tokenmaxxing: number;
  /** Savings rate: Share of cash pay saved into wealth. Unit: share of cash pay; default: 0.2; source: model assumption (docs/model.md). */
  savingsRate: number;
  /** Initial wealth: Mean initial wealth as a multiple of base cash (log-normal).
   *  Unit: years of base; default: 1; source: model assumption (docs/model.md). */
  initialWealthYearsOfBase: number;
  /** Retirement rate: Engineers leaving the profession each year for good (entry is separate: see supply.*).
   *  Unit: share per year; default: 0.03; source: model assumption (docs/model.md). */
  retirementRatePerYear: number;
  /** Tenure at start: Mean of the exponential distribution of tenure at month 0.
   *  Unit: months (mean); default: 80; source: industry surveys: ≈ 2 years at large firms. */
  tenureInitialMeanMonths: number;
  /** Firm leverage at start: Firm-specific leverage at month 0 as a share of its ceiling, reached after 24 months of tenure.
   *  Unit: share of ceiling after 2 years; default: 0.2; source: model assumption (docs/model.md). */
  firmLeverageInitialShare: number;
}

/** Search, matching, offers, reviews and promotions (sim/model/labour.ts). */
export interface LabourParams {
  /** On-the-job search: Base monthly probability an employed engineer searches.
   *  Unit: probability per month; default: 0.03; source: annual turnover in tech ≈ 13 % (industry surveys). */
  searchProbEmployed: number;
  /** Involuntary separations: Separations into unemployment other than CFO layoffs and closures (project ends, performance exits, moves out of the area).
   *  Unit: share per year; default: 0.05; source: JOLTS: layoffs and discharges in information ≈ 1 % a month across all occupations; lower for engineers. */
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
   *  Unit: contacts per searcher per month at tightness 1; default: 0.35; source: search-and-matching literature (Shimer 2005: monthly job-finding ≈ 0.3–0.45). */
  matchingEfficiency: number;
  /** Matching elasticity γ: Elasticity of matches with respect to searchers in m = μ·S^γ·V^(1−γ).
   *  Unit: elasticity w.r.t. searchers; default: 0.4; source: Petrongolo & Pissarides 2001; Shimer 2005: 0.28 – 0.54, default 0.4. */
  matchingElasticity: number;
  /** Switching threshold: An offer must beat the current job by this share.
   *  Unit: share of current value; default: 0.08; source: model assumption (docs/model.md). */
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
   *  Unit: share per month; default: 0.004; source: model assumption, to calibrate (docs/model.md). */
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

/** Size and horizon of a run. */
export interface RunParams {
  /** Engineers: Engineers in the simulated labour market (employed and unemployed).
   *  Unit: engineers; default: 10,000; source: model assumption (docs/model.md). */
  engineers: number;
  /** Firms: Firm slots; a venture firm that exits is replaced by a new entrant in its slot.
   *  Unit: firms; default: 60; source: model assumption (docs/model.md). */
  firms: number;
  /** Years: Horizon; one tick is one month. Unit: years; default: 10; source: model design (docs/model.md). */
  years: number;
}

/** Everything a run reads besides its seed: a scenario file resolved over DEFAULTS. */
export interface Params {
  /** Scenario name: lower-case letters, digits and hyphens, equal to the file name without .json. Default: defaults. */
  name: string;
  /** What question the scenario asks, in a few sentences (non-empty). */
  description: string;
  /** Size and horizon of the run: engineers, firm slots, years. */
  run: RunParams;
  /** The token market: list price and capability trends, noise, demand feedback, capacity, orchestration cap. */
  market: MarketParams;
  /** Economy-wide product demand shocks: events and a cycle (off by default). */
  demand: DemandParams;
  /** The firms' CES production of output from people and compute, and revenue from output. */
  production: ProductionParams;
  /** The engineers: level mix, skill, AI fluency and firm-specific leverage, token valuation, saving, retirement. */
  engineers: EngineerParams;
  /** The labour market: search, matching, switching, reviews, raises and promotions, offers. */
  labour: LabourParams;
  /** The open occupation: outside wage, entry from a cohort pool, exits to other occupations. */
  supply: SupplyParams;
  /** How each firm's CFO sets headcount, the hiring mix and token budgets. */
  cfo: CfoParams;
  /** Firm types by name: bigtech, startup, midmarket, and any a scenario adds (starting from midmarket's values). */
  firmTypes: Record<string, FirmTypeParams>;
}

/** Deep copy of the defaults (scenario overrides are merged into a copy, never into DEFAULTS). */
export function cloneParams(p: Params): Params {
  return JSON.parse(JSON.stringify(p)) as Params;
}

/** Firm-type names in a stable order: the core types first, then added types alphabetically. */
export function firmTypeNames(p: Params): string[] {
  const core = CORE_FIRM_TYPES.filter((t) => t in p.firmTypes);
  const extra = Object.keys(p.firmTypes)
    .filter((t) => !(CORE_FIRM_TYPES as readonly string[]).includes(t))
    .sort();
  return [...core, ...extra];
}
