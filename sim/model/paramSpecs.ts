/**
 * Metadata of every numeric parameter: label, unit, range, slider step, meaning and source.
 * Validation, CLI flags, web sliders and the model document read it; a test checks that every
 * numeric leaf of DEFAULTS has an entry and that every default lies in its range.
 */
import type { ParamSpecKey } from './paramPaths.ts';

/** Metadata of one numeric parameter: what the CLI, sliders, validation and the model document read. */
export interface ParamSpec {
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Slider step; integers when `integer` is set. */
  step: number;
  integer?: boolean;
  description: string;
  source: string;
}

const spec = (
  label: string,
  unit: string,
  min: number,
  max: number,
  step: number,
  description: string,
  source: string,
  integer = false,
): ParamSpec => ({ label, unit, min, max, step, description, source, integer });

const ASSUMPTION = 'model assumption (docs/model.md)';
const LEVEL_NOTE = 'one value per level: junior, mid, senior, staff';

/**
 * Metadata by dotted path. `firmTypes.*` applies to every firm type; `.{level}` fields are
 * written once for the four levels. Typed by the keys derived from `Params`, so every numeric
 * field has exactly one entry and a key that names no field fails to compile; `specFor`
 * (paramPaths.ts) finds the entry of a concrete path.
 */
export const PARAM_SPECS: Readonly<Record<ParamSpecKey, ParamSpec>> = {
  'run.engineers': spec('Engineers', 'engineers', 10, 2_000_000, 1_000, 'Engineers in the simulated labour market (employed and unemployed).', ASSUMPTION, true),
  'run.firms': spec('Firms', 'firms', 1, 5_000, 1, 'Firm slots; a venture firm that exits is replaced by a new entrant in its slot.', ASSUMPTION, true),
  'run.years': spec('Years', 'years', 1, 50, 1, 'Horizon; one tick is one month.', 'model design (docs/model.md)', true),

  'market.listPriceInitial': spec('Token list price', '$ per million tokens', 0.01, 1_000, 0.5, 'Retail list price of the blended frontier token mix at month 0.', 'public API price lists, late 2025: ≈ $5 in / $25 out, blended ≈ $8'),
  'market.priceDeclineFirstYear': spec('Price decline, first year', '× per year', 0.5, 10, 0.1, 'Factor by which the frontier list price falls in the first year (below 1 it rises); the log rate decays toward the long-run rate.', 'frontier list prices fall ≈ 3× per model generation (≈ ×2 a year)'),
  'market.priceDeclineLongRun': spec('Price decline, long run', '× per year', 0.5, 10, 0.1, 'Long-run factor by which the list price falls per year (below 1 it rises).', ASSUMPTION),
  'market.capabilityGrowthFirstYear': spec('Capability growth, first year', '× per year', 1, 1_000, 0.5, 'Growth of useful work per token in the first year; with the price fall it sets the fall of P/Q (≈ ×10 at default).', 'a16z "LLMflation"; Epoch AI inference price trends (×10 a year at constant capability)'),
  'market.capabilityGrowthLongRun': spec('Capability growth, long run', '× per year', 1, 100, 0.1, 'Long-run growth of useful work per token.', ASSUMPTION),
  'market.rateDecayHalfLifeYears': spec('Trend decay half-life', 'years', 0.25, 100, 0.25, 'Half-life with which the first-year log rates of price, capability and orchestration cap decay to their long-run rates.', ASSUMPTION),
  'market.priceVolatility': spec('Price volatility', 'log s.d. per month', 0, 0.5, 0.01, 'Monthly log-normal noise on the list price.', ASSUMPTION),
  'market.priceElasticity': spec('Price response to demand', 'elasticity', 0, 3, 0.05, 'Exponent on (market demand ÷ capacity) in the price; 0 makes firms price takers.', 'model design (docs/model.md)'),
  'market.marketScale': spec('Market scale', 'market tokens per simulated token at 10,000 engineers', 1, 1e9, 100, 'Scales simulated consumption up to the whole market for the demand feedback.', ASSUMPTION),
  'market.capacityInitial': spec('Inference capacity', 'million tokens per month', 1, 1e15, 1e8, 'Market inference capacity at month 0.', 'order of magnitude of reported monthly tokens served by a hyperscaler, 2025'),
  'market.capacityGrowthPerYear': spec('Capacity growth', '× per year', 1, 100, 0.1, 'Growth of market inference capacity.', ASSUMPTION),
  'market.orchestrationCapInitial': spec('Orchestration cap', 'million tokens per month at leverage 1', 1, 1e7, 10, 'Productive tokens one engineer can direct per month at leverage κ = 1 (heavy agent user ≈ $3,000 a month).', 'agent tooling cost reports: heavy users ≈ $3,000 / month; seeds 002, 003 (millions of tokens a day)'),
  'market.orchestrationCapGrowthFirstYear': spec('Orchestration cap growth, first year', '× per year', 1, 100, 0.1, 'Growth of the cap as agents become more autonomous (the displacement lever).', 'seed 003: chat ≈ 10k tokens a session → agent swarms of millions a day'),
  'market.orchestrationCapGrowthLongRun': spec('Orchestration cap growth, long run', '× per year', 1, 100, 0.1, 'Long-run growth of the orchestration cap.', ASSUMPTION),
  'market.autonomyInitial': spec('Agent autonomy at start', 'leverage units', 0, 10, 0.005, 'Autonomy index a at month 0: effective compute per agent token, as a share of what a token directed at leverage κ = 1 yields. Agents are not tied to headcount, so this is what lets compute stand in for people.', 'model assumption (near zero: agents need a person today); swept in the findings'),
  'market.autonomyGrowthFirstYear': spec('Autonomy growth, first year', '× per year', 1, 100, 0.1, 'Growth of the autonomy index in the first year; the log rate decays toward the long-run rate.', 'model assumption; swept in the findings'),
  'market.autonomyGrowthLongRun': spec('Autonomy growth, long run', '× per year', 1, 100, 0.05, 'Long-run growth of the autonomy index.', 'model assumption; swept in the findings'),
  'market.events.*.startMonth': spec('Event start', 'month', 0, 600, 1, 'First month of a price event.', 'model design (docs/model.md)', true),
  'market.events.*.months': spec('Event length', 'months', 1, 600, 1, 'Duration of a price event.', 'model design (docs/model.md)', true),
  'market.events.*.priceFactor': spec('Event price factor', '×', 0.01, 100, 0.1, 'Multiplier on the list price during the event.', 'model design (docs/model.md)'),

  'demand.events.*.startMonth': spec('Demand event start', 'month', 0, 600, 1, 'First month of a product-demand event.', 'model design (docs/model.md)', true),
  'demand.events.*.months': spec('Demand event length', 'months', 1, 600, 1, 'Duration of a product-demand event (a long one is permanent).', 'model design (docs/model.md)', true),
  'demand.events.*.factor': spec('Demand event factor', '×', 0.05, 20, 0.05, 'Multiplier on every firm’s product demand during the event.', 'model design (docs/model.md)'),
  'demand.cycleAmplitude': spec('Demand cycle amplitude', 'share', 0, 0.9, 0.01, 'Amplitude of a triangular cycle in every firm’s product demand (0 = none): demand × (1 + amplitude × cycle).', 'model design (docs/model.md)'),
  'demand.cyclePeriodYears': spec('Demand cycle period', 'years', 0.5, 50, 0.5, 'Length of one demand cycle.', 'US business cycles ≈ 5–8 years'),

  'production.sigma': spec('σ, people vs compute', 'elasticity of substitution', 0.05, 20, 0.05, 'Elasticity of substitution between human labour and compute in the firm CES; σ < 1 complements, σ > 1 substitutes, σ = 1 Cobb-Douglas (exact).', 'no direct estimate for AI; capital–labour σ ≈ 0.5 (Gechert, Havranek et al. meta-analysis); default is a model choice'),
  'production.eta': spec('Revenue curvature η', 'exponent', 0.05, 0.95, 0.05, 'Revenue R = Z·Y^η; product-demand elasticity ε = 1/(1 − η).', ASSUMPTION),
  'production.sectorDemandElasticity': spec('Sector demand elasticity ε_S', 'elasticity', 0.2, 20, 0.1, "Price elasticity of demand for a firm type's software as a whole (the outer nest of its product demand). Each firm faces ε = 1/(1 − η) and takes its demand level as given; when the whole type's output grows, its demand level moves by (sector output ÷ month 0)^(1/ε − 1/ε_S), so spending on the type's software grows with output^(1 − 1/ε_S). 1 keeps spending unchanged by output (unit-elastic); equal to ε turns the sector feedback off.", 'model assumption: unit-elastic sector demand (constant spending share), docs/model.md'),
  'production.sectorPriceAdjustmentPerMonth': spec('Sector price adjustment', 'share per month', 0.01, 1, 0.01, "Share of the gap between the sector's demand level and its market-clearing value closed each month (a lag that keeps the feedback from cycling).", ASSUMPTION),
  'production.toolingCostPerEngineerYear': spec('Pre-AI tooling cost', '$ per engineer-year', 100, 200_000, 500, 'What one engineer’s pre-AI tooling costs the firm (laptop, CI, cloud development environment, licences): one effective compute unit a month. A priced input that sets labour’s cost share π0 at month 0.', 'model assumption: order of magnitude of developer tooling and cloud spend per engineer'),
  'production.effectiveComputePerMTokens': spec('Effective compute per token', 'compute units per million tokens at Q = 1', 0.01, 1e6, 1, 'Effective compute e of a million tokens directed at leverage 1 and month-0 capability, in units of one engineer’s pre-AI tooling. Calibrated so the RCT treatment (an assistant of ≈ $15 a month at 2023 capability) raises a treated engineer’s output by ≈ 30 %.', 'Copilot RCT +55.8 %; Google RCT ≈ +21 %; field experiments +26 % (calibration in docs/model.md)'),

  'engineers.levelShares.{level}': spec('Level share', 'share', 0, 1, 0.01, `Share of engineers at each level at start (${LEVEL_NOTE}).`, 'industry level mixes'),
  'engineers.skillByLevel.{level}': spec('Skill by level', 'labour units', 0.05, 20, 0.05, `Mean human skill s at each level (${LEVEL_NOTE}).`, ASSUMPTION),
  'engineers.skillDispersion': spec('Skill dispersion', 'log s.d.', 0, 2, 0.01, 'Log-normal dispersion of skill within a level.', ASSUMPTION),
  'engineers.employedShareInitial': spec('Employed at start', 'share', 0.01, 1, 0.01, 'Share of engineers employed at month 0.', 'US tech unemployment ≈ 3–5 %'),
  'engineers.portableFluencyInitialMean': spec('AI fluency at start', 'leverage units', 0, 5, 0.05, 'Mean portable AI fluency φp at month 0.', ASSUMPTION),
  'engineers.portableFluencyDispersion': spec('AI fluency dispersion', 'log s.d.', 0, 2, 0.01, 'Log-normal dispersion of φp at start.', ASSUMPTION),
  'engineers.portableFluencyMax': spec('AI fluency ceiling', 'leverage units', 0.01, 10, 0.05, 'Saturation level of portable fluency φp.', ASSUMPTION),
  'engineers.firmLeverageMax': spec('Firm-specific leverage ceiling', 'leverage units', 0, 10, 0.05, 'Saturation level of firm-specific leverage φf (lost on moving).', ASSUMPTION),
  'engineers.learningRatePortable': spec('Fluency learning rate', 'share of gap per month at full use', 0, 1, 0.005, 'Monthly growth of φp toward its ceiling, times the share of the orchestration cap used.', ASSUMPTION),
  'engineers.learningRateFirm': spec('Firm leverage learning rate', 'share of gap per month at full use', 0, 1, 0.005, 'Monthly growth of φf toward its ceiling, times the share of the cap used.', ASSUMPTION),
  'engineers.tokenValuation': spec('Token valuation λ', '$ cash per $ retail tokens', 0, 2, 0.05, 'What $1 of usable retail tokens is worth to an engineer in cash (mean).', 'seeds 001–003: tokens are productivity allowances first, compensation second'),
  'engineers.tokenValuationDispersion': spec('Token valuation dispersion', 's.d.', 0, 1, 0.01, 'Standard deviation of λ across engineers (truncated at 0).', ASSUMPTION),
  'engineers.tokenmaxxing': spec('Tokenmaxxing', 'share of unused budget burned', 0, 1, 0.05, 'Leaderboard pressure: share of the unproductive remainder of the budget burned anyway.', 'a large firm’s internal token leaderboard, as reported: top user ≈ 400 × mean'),
  'engineers.savingsRate': spec('Savings rate', 'share of cash pay', 0, 1, 0.01, 'Share of cash pay saved into wealth.', ASSUMPTION),
  'engineers.initialWealthYearsOfBase': spec('Initial wealth', 'years of base', 0, 20, 0.1, 'Mean initial wealth as a multiple of base cash (log-normal).', ASSUMPTION),
  'engineers.tenureInitialMeanMonths': spec('Tenure at start', 'months (mean)', 0, 240, 1, 'Mean of the exponential distribution of tenure at month 0.', 'the model’s own stationary mean at the defaults (≈ 5.3 years), so tenure does not drift; surveys quote ≈ 2 years at large firms (docs/model.md §7.3)'),
  'engineers.firmLeverageInitialShare': spec('Firm leverage at start', 'share of ceiling after 2 years', 0, 1, 0.05, 'Firm-specific leverage at month 0 as a share of its ceiling, reached after 24 months of tenure.', ASSUMPTION),
  'engineers.retirementRatePerYear': spec('Retirement rate', 'share per year', 0, 0.5, 0.005, 'Engineers leaving the profession each year for good (entry is separate: see supply.*).', ASSUMPTION),

  'labour.searchProbEmployed': spec('On-the-job search', 'probability per month', 0, 1, 0.005, 'Base monthly probability an employed engineer searches.', 'calibrated by simulated moments against the labour-market moments of docs/validation.md: estimate 0.056 (95 % interval 0.015–0.097), default kept inside it (docs/calibration.md)'),
  'labour.separationRatePerYear': spec('Involuntary separations', 'share per year', 0, 1, 0.005, 'Separations into unemployment other than CFO layoffs and closures (project ends, performance exits, moves out of the area).', 'calibrated by simulated moments: estimate 0.010 (95 % interval 0.005–0.058), default kept inside it (docs/calibration.md); JOLTS layoffs and discharges ≈ 1 % a month across all occupations, lower for engineers'),
  'labour.underpaySearchBoost': spec('Under-pay search boost', 'multiplier per 100 % under-pay', 0, 50, 0.1, 'Raises search when cash is below the market wage for the level.', ASSUMPTION),
  'labour.lowRatingSearchBoost': spec('Low-rating search boost', 'multiplier per rating point below 1', 0, 50, 0.1, 'Raises search when the rating is below expectations.', ASSUMPTION),
  'labour.applicationsPerSearcher': spec('Applications per searcher', 'applications per month', 1, 50, 1, 'Vacancies each searcher samples per month.', 'search-and-matching literature (Petrongolo–Pissarides)', true),
  'labour.matchingEfficiency': spec('Matching efficiency μ', 'contacts per searcher per month at tightness 1', 0.001, 5, 0.01, 'Scale of the matching function: a searcher makes contact with probability min(1, μ·θ^(1−γ)), θ = vacancies ÷ searchers.', 'calibrated by simulated moments: estimate 0.49 (95 % interval 0.30–0.68), default kept inside it (docs/calibration.md); Shimer 2005: monthly job-finding 0.3–0.45'),
  'labour.matchingElasticity': spec('Matching elasticity γ', 'elasticity w.r.t. searchers', 0.05, 0.95, 0.01, 'Elasticity of matches with respect to searchers in m = μ·S^γ·V^(1−γ).', 'Petrongolo & Pissarides 2001; Shimer 2005: 0.28 – 0.54, default 0.4'),
  'labour.switchingThreshold': spec('Switching threshold', 'share of current value', 0, 2, 0.01, 'An offer must beat the current job by this share.', 'model assumption: the labour-market moments do not pin it apart from on-the-job search (docs/calibration.md)'),
  'labour.lossAversion': spec('Loss aversion', 'ratio', 1, 5, 0.05, 'Weight on a token budget below the one the engineer is used to.', 'Tversky & Kahneman 1992 (≈ 2.25)'),
  'labour.unemploymentBenefitShare': spec('Unemployment benefit', 'share of last base', 0, 1, 0.01, 'Value of unemployment to a searcher and their income while unemployed.', ASSUMPTION),
  'labour.raiseRatingSensitivity': spec('Pay per rating point', 'share per rating point', 0, 1, 0.005, 'At a review the pay an engineer is moved toward is the firm’s current offer for the level × (1 + this × (rating − 1)).', 'merit-pay practice: a few points of raise between average and top ratings (compensation surveys)'),
  'labour.marketCatchUp': spec('Market catch-up', 'share of gap per year', 0, 1, 0.05, 'Share of the gap to the firm’s current offer for the level (adjusted for rating) closed at the annual review; raises are never negative.', ASSUMPTION),
  'labour.promotionRaise': spec('Promotion raise', 'share', 0, 1, 0.005, 'Least raise on promotion (more if the new level’s offer is further above).', 'compensation surveys: +8.5 %'),
  'labour.promotionProbByLevel.{level}': spec('Promotion probability', 'probability per year', 0, 1, 0.01, `Yearly probability of promotion at a rating of 1 (${LEVEL_NOTE}).`, ASSUMPTION),
  'labour.promotionSkillGain': spec('Skill gain on promotion', 'share', 0, 2, 0.01, 'Skill growth that comes with a promotion.', ASSUMPTION),
  'labour.ratingNoise': spec('Rating noise', 'log s.d. per month', 0, 2, 0.01, 'Noise in how output is observed.', ASSUMPTION),
  'labour.ratingSmoothingMonths': spec('Rating memory', 'months', 1, 60, 1, 'Time constant of the exponentially smoothed rating.', ASSUMPTION),
  'labour.offerRaiseSpeed': spec('Offer rise speed', 'share per month at all vacancies unfilled', 0, 0.5, 0.001, 'A firm short of its target raises the value it posts for a level by this × the share of that month’s vacancies at the level left unfilled.', 'model assumption, to calibrate (docs/model.md)'),
  'labour.offerCutSpeed': spec('Offer cut speed', 'share per month', 0, 0.2, 0.001, 'A firm above its target, or with more acceptable applicants than vacancies at a level, lowers the value it posts by this much a month.', 'model assumption: the labour-market moments barely move with it (docs/calibration.md)'),
  'labour.counterofferProb': spec('Counteroffer probability', 'probability', 0, 1, 0.05, 'Chance an employer matches an accepted outside offer when the engineer’s marginal revenue covers the matched pay.', ASSUMPTION),
  'labour.downLevelAfterMonths': spec('Down-levelling after', 'months unemployed', 0, 120, 1, 'After this many months out of work an engineer also applies one level down, at that level’s pay.', ASSUMPTION, true),
  'labour.toolsBudgetValuation': spec('Value of a tools budget', 'share of λ', 0, 1, 0.05, 'How much of λ × usable retail tokens an engineer counts as pay when the budget is a tools budget rather than pay (its effect on output and ratings is modelled anyway).', 'model design (MODEL.md §10.3): 0'),
  'labour.movingLossHorizonYears': spec('Moving-loss horizon', 'years', 0, 20, 0.5, 'Years over which an engineer counts the pay a lower rating after a move costs them (review raises and promotions, from the review rules).', ASSUMPTION),
  'labour.payForSkillElasticity': spec('Pay for skill', 'elasticity', 0, 2, 0.05, 'Cash offers and starting pay scale with (skill ÷ level mean skill) to this power.', ASSUMPTION),

  'supply.outsideWageGrowthPerYear': spec('Outside wage growth', '× per year', 0.9, 1.5, 0.005, 'Nominal growth of the wage in other occupations; firms’ product demand grows with it (all money is nominal).', 'US Employment Cost Index, wages and salaries: ≈ 3–4.5 % a year, 2015–24 (BLS)'),
  'supply.cohortGrowthPerYear': spec('Cohort pool growth', '× per year', 0.8, 1.3, 0.005, 'Growth of the pool of people who could enter the occupation (graduates and career switchers).', 'US computer-science degree completions roughly doubled 2013–22 and then levelled off (NCES); default a model choice'),
  'supply.supplyElasticity': spec('Supply elasticity', 'elasticity', 0, 5, 0.1, 'Elasticity of entry (and, negatively, of exits to other occupations) to expected pay in the occupation relative to the outside wage.', 'Freeman 1976; Ryoo & Rosen 2004 (JPE): engineering enrolments respond strongly to relative lifetime earnings'),
  'supply.exitHazardUnemployed': spec('Exit hazard, unemployed', 'probability per month', 0, 1, 0.001, 'Monthly chance an unemployed engineer leaves for another occupation, at zero duration and relative pay 1.', ASSUMPTION),
  'supply.exitHazardPerMonthUnemployed': spec('Exit hazard rise with duration', 'probability per month per month unemployed', 0, 0.2, 0.0005, 'Added to the exit hazard per month of unemployment, up to 12 months.', ASSUMPTION),
  'supply.exitRateEmployedPerYear': spec('Exits of the employed', 'share per year', 0, 0.5, 0.005, 'Employed engineers leaving for other occupations each year at relative pay 1.', ASSUMPTION),
  'supply.entrantJuniorShare': spec('Entrants who are junior', 'share', 0, 1, 0.05, 'Share of entrants who start at junior level (the rest at mid: career switchers).', ASSUMPTION),

  'cfo.deadBand': spec('Dead band', 'share of headcount', 0, 0.5, 0.005, 'The CFO leaves the target alone when the optimum is this close.', ASSUMPTION),
  'cfo.maxHireRatePerQuarter': spec('Hiring limit', 'share of headcount per quarter', 0, 5, 0.01, 'Most hires a firm makes in a quarter, as a share of its headcount (the target itself is not limited).', ASSUMPTION),
  'cfo.maxLayoffRatePerQuarter': spec('Layoff limit', 'share of headcount per quarter', 0, 1, 0.01, 'Most the firm may lay off in a quarter.', 'tech layoffs 150k – 265k a year, 2022–24'),
  'cfo.hiringMixSharpness': spec('Hiring-mix sharpness', 'exponent', 0, 100, 0.5, 'How strongly the hiring mix favours the level with the lowest cost per unit of output.', ASSUMPTION),
  'cfo.expectationPassThrough': spec('Expectations follow budget', 'share', 0, 1, 0.05, 'Share of the output the budget should buy that the CFO adds to expected output (productivity paradox).', 'seed 003: at $250k of compute, the output of two or three people is expected'),
  'cfo.cfoSetsBudget': spec('CFO sets budgets', '0 or 1', 0, 1, 1, '1: the CFO moves token budgets toward marginal revenue = wholesale cost instead of following the policy.', 'model design (docs/model.md)', true),
  'cfo.budgetAdjustSpeed': spec('Budget adjustment', 'elasticity per quarter', 0, 2, 0.05, 'Step of the CFO’s budget rule: budget × (marginal revenue ÷ cost)^speed.', ASSUMPTION),
  'cfo.finopsQuotaShareOfCap': spec('FinOps quota', 'share of the orchestration cap (0 = none)', 0, 10, 0.05, 'Consumption quota per engineer; 0 disables quotas.', 'FinOps practice'),
  'cfo.finopsChargebackWasteCut': spec('FinOps chargeback', 'share of waste removed', 0, 1, 0.05, 'Share of tokenmaxxing waste that chargebacks to teams remove.', 'FinOps practice'),

  'firmTypes.*.firmShare': spec('Share of firms', 'share', 0, 1, 0.01, 'Share of firm slots of this type.', ASSUMPTION),
  'firmTypes.*.sizeWeight': spec('Relative size', 'engineers per firm, relative', 0.01, 1_000, 0.5, 'Initial engineers of a firm relative to other types.', ASSUMPTION),
  'firmTypes.*.productivityMean': spec('Productivity A', 'index', 0.01, 100, 0.05, 'Mean total factor productivity.', ASSUMPTION),
  'firmTypes.*.productivityDispersion': spec('Productivity dispersion', 'log s.d.', 0, 2, 0.01, 'Dispersion of A across firms of the type.', ASSUMPTION),
  'firmTypes.*.demandGrowthPerYear': spec('Real demand growth', '× per year', 0.5, 5, 0.005, 'Trend growth of product demand Z beyond the outside wage’s nominal growth (Z grows at both).', ASSUMPTION),
  'firmTypes.*.demandVolatility': spec('Demand volatility', 'log s.d. per month', 0, 0.5, 0.005, 'Monthly noise in product demand.', ASSUMPTION),
  'firmTypes.*.overheadShareOfRevenue': spec('Overhead', 'share of revenue', 0, 2, 0.01, 'Non-engineering costs (sales, G&A) as a share of revenue.', ASSUMPTION),
  'firmTypes.*.wholesaleDiscount': spec('Wholesale price', 'share of list price', 0.01, 1, 0.01, 'What the firm pays per token relative to retail (hyperscalers near marginal cost).', 'inference cost models: 0.3 – 0.5 of list for a hyperscaler'),
  'firmTypes.*.equityRiskDiscount': spec('Equity risk discount', '$ per $ granted', 0, 1, 0.01, 'What an engineer counts $1 of granted equity as worth.', ASSUMPTION),
  'firmTypes.*.cashMonthsInitial': spec('Cash at start', 'months of costs', 0, 600, 1, 'Initial cash as months of total cost.', ASSUMPTION),
  'firmTypes.*.venture': spec('Venture-funded', '0 or 1', 0, 1, 1, '1: raises rounds when runway is short, exits when cash runs out, and is replaced by an entrant.', ASSUMPTION, true),
  'firmTypes.*.equityLiquidityProbPerYear': spec('Liquidity events', 'probability per year', 0, 1, 0.01, 'For a venture firm, whose vested equity is illiquid: the yearly chance of an acquisition or listing that pays it out at grant value (a failure writes it off).', 'model assumption: a few per cent of venture-backed startups a year exit by acquisition or listing'),
  'firmTypes.*.funding.runwayTriggerMonths': spec('Runway trigger', 'months', 0, 120, 1, 'A venture firm seeks a round when runway falls below this.', ASSUMPTION),
  'firmTypes.*.funding.roundProbPerMonth': spec('Funding probability', 'probability per month', 0, 1, 0.01, 'Chance a round closes in a month while seeking.', ASSUMPTION),
  'firmTypes.*.funding.roundSizeMonthsOfBurn': spec('Round size', 'months of costs', 0, 240, 1, 'Size of a round in months of current costs.', ASSUMPTION),
  'firmTypes.*.funding.reentryDelayMonths': spec('Re-entry delay', 'months', 0, 120, 1, 'Months before a new entrant takes an exited firm’s slot.', ASSUMPTION, true),
  'firmTypes.*.funding.planningRevenueMultiple': spec('Planned revenue multiple', '× current revenue', 1, 50, 0.5, 'The CFO sizes headcount for this multiple of today’s revenue (the growth investors fund; 1 = plans on today’s revenue). Above 1/η the firm burns cash.', ASSUMPTION),
  'firmTypes.*.tokenValuationMultiplier': spec('Token valuation multiplier', '×', 0, 5, 0.05, 'Multiplies λ for engineers who start at firms of this type (e.g. a cash-sensitive region).', ASSUMPTION),
  'firmTypes.*.hostedUsableShare': spec('Usable hosted inference', 'share', 0, 1, 0.05, 'Share of hosted inference the firm’s engineers may use (data residency, sanctions, connectivity).', ASSUMPTION),
  'firmTypes.*.labourMarket': spec('Labour market', 'market id', 0, 15, 1, 'The labour market a firm type hires from: engineers who start at its firms stay in that market and search only its vacancies (0 = the main market; e.g. a region).', ASSUMPTION, true),
  'firmTypes.*.policy.baseByLevel.{level}': spec('Base cash', '$ per year', 0, 5_000_000, 5_000, `Base cash by level (${LEVEL_NOTE}).`, 'BLS median ≈ $133,000; top tier ≈ $375,000 (seeds 002, 003)'),
  'firmTypes.*.policy.equityByLevel.{level}': spec('Equity grant', '$ per year at grant value', 0, 10_000_000, 5_000, `Equity granted per year by level (${LEVEL_NOTE}).`, 'compensation surveys'),
  'firmTypes.*.policy.tokenBudgetShareOfBase': spec('Token budget, share of base', 'share of base', 0, 5, 0.01, 'Token budget as a share of base cash (retail $).', 'seeds: 0.27 (Tunguz), 0.5 (Huang)'),
  'firmTypes.*.policy.tokenBudgetFixed': spec('Token budget, fixed', '$ per year retail', 0, 5_000_000, 1_000, 'Fixed token budget added to the share of base.', 'seeds: $100,000 (Tunguz); typical agentic spend $150–250 / month'),
  'firmTypes.*.policy.tokenBudgetCap': spec('Token budget cap', '$ per year retail', 0, 10_000_000, 5_000, 'Upper limit on an engineer’s token budget.', 'seeds: up to $250,000 (Huang)'),
  'firmTypes.*.policy.tokenBudgetIsPay': spec('Budget presented as pay', '0 or 1', 0, 1, 1, '1: the budget is part of the offer and of total comp; 0: a tools budget paid centrally.', 'model design: the baseline pays tools centrally', true),
  'firmTypes.*.policy.tokenPortability': spec('Token portability', 'share', 0, 1, 0.05, 'Share of unused budget that accrues to the engineer as a portable compute credit (0 = use it or lose it).', 'seeds 001–003: tokens do not vest, appreciate or transfer'),
  'firmTypes.*.policy.creditVestingMonths': spec('Credit vesting', 'months of tenure', 0, 120, 1, 'Portable credits are forfeited if the engineer leaves before this tenure.', ASSUMPTION, true),
  'firmTypes.*.policy.equityCliffMonths': spec('Equity cliff', 'months of tenure', 0, 60, 1, 'No equity vests before this tenure.', 'common four-year vesting with a one-year cliff', true),
  'firmTypes.*.policy.performanceTopUp': spec('Performance top-up', 'share of budget per rating point above 1', 0, 5, 0.05, 'Extra token budget for ratings above 1.', ASSUMPTION),
  'firmTypes.*.policy.cashToTokenRaiseShare': spec('Raises paid in tokens', 'share of raise', 0, 1, 0.05, 'Part of each annual raise paid as token budget instead of cash.', 'seeds: firms hold cash flatter while pointing to larger compute budgets'),
};
