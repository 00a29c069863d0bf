/**
 * Parameters of the model: the types, each field with its meaning, unit, default and source
 * (the same words as the metadata in paramSpecs.ts; a test keeps them equal), and the defaults
 * (DEFAULTS, one visible const in defaults.ts, exported here too). Money is US dollars; rates
 * are per year unless the name says per month.
 */

export { DEFAULTS } from './defaults.ts';
export type { CfoParams, LabourParams, SupplyParams } from './labourParams.ts';
import type { CfoParams, LabourParams, SupplyParams } from './labourParams.ts';

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
  /** Price decline, first year: Factor by which the frontier list price falls in the first year (below 1 it rises); the log rate decays toward the long-run rate.
   *  Unit: × per year; default: 2; source: frontier list prices fall ≈ 3× per model generation (≈ ×2 a year). */
  priceDeclineFirstYear: number;
  /** Price decline, long run: Long-run factor by which the list price falls per year (below 1 it rises).
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
  /** Sector demand elasticity ε_S: Price elasticity of demand for a firm type's software as a whole (the outer nest of its product demand). Each firm faces ε = 1/(1 − η) and takes its demand level as given; when the whole type's output grows, its demand level moves by (sector output ÷ month 0)^(1/ε − 1/ε_S), so spending on the type's software grows with output^(1 − 1/ε_S). 1 keeps spending unchanged by output (unit-elastic); equal to ε turns the sector feedback off.
   *  Unit: elasticity; default: 1; source: model assumption: unit-elastic sector demand (constant spending share), docs/model.md. */
  sectorDemandElasticity: number;
  /** Sector price adjustment: Share of the gap between the sector's demand level and its market-clearing value closed each month (a lag that keeps the feedback from cycling).
   *  Unit: share per month; default: 0.25; source: model assumption (docs/model.md). */
  sectorPriceAdjustmentPerMonth: number;
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
   *  Unit: months (mean); default: 66; source: the model’s own stationary mean at the defaults (≈ 5.3 years), so tenure does not drift; surveys quote ≈ 2 years at large firms (docs/model.md §7.3). */
  tenureInitialMeanMonths: number;
  /** Firm leverage at start: Firm-specific leverage at month 0 as a share of its ceiling, reached after 24 months of tenure.
   *  Unit: share of ceiling after 2 years; default: 0.2; source: model assumption (docs/model.md). */
  firmLeverageInitialShare: number;
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
