/**
 * Parameters of the model: the types, the defaults (one visible const) and the metadata
 * (unit, range, source) that validation, the CLI, the web sliders and the model document read.
 * Money is US dollars; rates are per year unless the name says per month.
 */

export const LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export type Level = (typeof LEVELS)[number];
export type ByLevel = Record<Level, number>;

/** The three firm types every scenario has; scenarios may add more under `firmTypes`. */
export const CORE_FIRM_TYPES = ['bigtech', 'startup', 'midmarket'] as const;

/** A temporary multiplier on the token list price (e.g. a GPU shortage). */
export interface PriceEvent {
  /** What happened, for reports. */
  label: string;
  /** First month (0-based tick) of the event. */
  startMonth: number;
  /** Length of the event in months. */
  months: number;
  /** Multiplier on the retail list price while it lasts (2 = prices double). */
  priceFactor: number;
}

export interface MarketParams {
  listPriceInitial: number;
  priceDeclineFirstYear: number;
  priceDeclineLongRun: number;
  capabilityGrowthFirstYear: number;
  capabilityGrowthLongRun: number;
  rateDecayHalfLifeYears: number;
  priceVolatility: number;
  priceElasticity: number;
  marketScale: number;
  capacityInitial: number;
  capacityGrowthPerYear: number;
  orchestrationCapInitial: number;
  orchestrationCapGrowthFirstYear: number;
  orchestrationCapGrowthLongRun: number;
  events: PriceEvent[];
}

export interface ProductionParams {
  sigma: number;
  alpha: number;
  eta: number;
  c0: number;
  computeUnitMTokens: number;
}

/** A firm's compensation policy. All fields are reported with the run. */
export interface CompPolicy {
  baseByLevel: ByLevel;
  equityByLevel: ByLevel;
  tokenBudgetShareOfBase: number;
  tokenBudgetFixed: number;
  tokenBudgetCap: number;
  /** 1 = the budget is presented and valued as pay; 0 = a tools budget paid centrally. */
  tokenBudgetIsPay: number;
  /** 'monthly': each month's allowance lapses; 'yearly': unused tokens roll over to year end. */
  tokenExpiry: 'monthly' | 'yearly';
  tokenPortability: number;
  creditVestingMonths: number;
  equityCliffMonths: number;
  performanceTopUp: number;
  cashToTokenRaiseShare: number;
}

export interface FundingParams {
  runwayTriggerMonths: number;
  roundProbPerMonth: number;
  roundSizeMonthsOfBurn: number;
  reentryDelayMonths: number;
  planningRevenueMultiple: number;
}

export interface FirmTypeParams {
  firmShare: number;
  sizeWeight: number;
  productivityMean: number;
  productivityDispersion: number;
  demandGrowthPerYear: number;
  demandVolatility: number;
  overheadShareOfRevenue: number;
  wholesaleDiscount: number;
  equityRiskDiscount: number;
  cashMonthsInitial: number;
  /** 1 = the firm raises venture rounds when its runway is short and exits when cash runs out. */
  venture: number;
  funding: FundingParams;
  tokenValuationMultiplier: number;
  hostedUsableShare: number;
  /** The labour market its engineers belong to (0 = the main market); engineers search only within their own. */
  labourMarket: number;
  policy: CompPolicy;
}

export interface EngineerParams {
  levelShares: ByLevel;
  skillByLevel: ByLevel;
  skillDispersion: number;
  employedShareInitial: number;
  portableFluencyInitialMean: number;
  portableFluencyDispersion: number;
  portableFluencyMax: number;
  firmLeverageMax: number;
  learningRatePortable: number;
  learningRateFirm: number;
  tokenValuation: number;
  tokenValuationDispersion: number;
  tokenmaxxing: number;
  savingsRate: number;
  initialWealthYearsOfBase: number;
  retirementRatePerYear: number;
  tenureInitialMeanMonths: number;
  firmLeverageInitialShare: number;
}

export interface LabourParams {
  searchProbEmployed: number;
  separationRatePerYear: number;
  underpaySearchBoost: number;
  lowRatingSearchBoost: number;
  applicationsPerSearcher: number;
  matchingEfficiency: number;
  matchingElasticity: number;
  switchingThreshold: number;
  lossAversion: number;
  ratingPaySensitivity: number;
  unemploymentBenefitShare: number;
  raiseBase: number;
  raiseRatingSensitivity: number;
  marketCatchUp: number;
  promotionRaise: number;
  promotionProbByLevel: ByLevel;
  promotionSkillGain: number;
  ratingNoise: number;
  ratingSmoothingMonths: number;
  offerAdjustPerQuarter: number;
  payForSkillElasticity: number;
}

export interface CfoParams {
  deadBand: number;
  headcountAdjustSpeed: number;
  maxHireRatePerQuarter: number;
  maxLayoffRatePerQuarter: number;
  hiringMixSharpness: number;
  expectationPassThrough: number;
  cfoSetsBudget: number;
  budgetAdjustSpeed: number;
  finopsQuotaShareOfCap: number;
  finopsChargebackWasteCut: number;
}

export interface RunParams {
  engineers: number;
  firms: number;
  years: number;
}

export interface Params {
  name: string;
  description: string;
  run: RunParams;
  market: MarketParams;
  production: ProductionParams;
  engineers: EngineerParams;
  labour: LabourParams;
  cfo: CfoParams;
  firmTypes: Record<string, FirmTypeParams>;
}

const byLevel = (junior: number, mid: number, senior: number, staff: number): ByLevel => ({
  junior,
  mid,
  senior,
  staff,
});

const BASE_POLICY: CompPolicy = {
  baseByLevel: byLevel(150_000, 200_000, 280_000, 375_000),
  equityByLevel: byLevel(30_000, 60_000, 120_000, 250_000),
  tokenBudgetShareOfBase: 0,
  tokenBudgetFixed: 2_400,
  tokenBudgetCap: 1_000_000,
  tokenBudgetIsPay: 0,
  tokenExpiry: 'monthly',
  tokenPortability: 0,
  creditVestingMonths: 0,
  equityCliffMonths: 12,
  performanceTopUp: 0,
  cashToTokenRaiseShare: 0,
};

const NO_VENTURE: FundingParams = {
  runwayTriggerMonths: 6,
  roundProbPerMonth: 0,
  roundSizeMonthsOfBurn: 24,
  reentryDelayMonths: 3,
  planningRevenueMultiple: 1,
};

/** The default calibration. Scenario files override any part of it. */
export const DEFAULTS: Params = {
  name: 'defaults',
  description: 'The default calibration (docs/model.md).',
  run: { engineers: 10_000, firms: 60, years: 10 },
  market: {
    listPriceInitial: 8,
    priceDeclineFirstYear: 2,
    priceDeclineLongRun: 1.25,
    capabilityGrowthFirstYear: 5,
    capabilityGrowthLongRun: 1.25,
    rateDecayHalfLifeYears: 1,
    priceVolatility: 0.05,
    priceElasticity: 0,
    marketScale: 2_000,
    capacityInitial: 1e9,
    capacityGrowthPerYear: 3,
    orchestrationCapInitial: 400,
    orchestrationCapGrowthFirstYear: 2.5,
    orchestrationCapGrowthLongRun: 1.3,
    events: [],
  },
  production: { sigma: 0.8, alpha: 0.78, eta: 0.5, c0: 0.1, computeUnitMTokens: 1_000 },
  engineers: {
    levelShares: byLevel(0.3, 0.35, 0.25, 0.1),
    skillByLevel: byLevel(0.7, 1, 1.35, 1.8),
    skillDispersion: 0.25,
    employedShareInitial: 0.96,
    portableFluencyInitialMean: 0.5,
    portableFluencyDispersion: 0.3,
    portableFluencyMax: 1,
    firmLeverageMax: 0.5,
    learningRatePortable: 0.03,
    learningRateFirm: 0.08,
    tokenValuation: 0.6,
    tokenValuationDispersion: 0.2,
    tokenmaxxing: 0,
    savingsRate: 0.2,
    initialWealthYearsOfBase: 1,
    retirementRatePerYear: 0.03,
    tenureInitialMeanMonths: 24,
    firmLeverageInitialShare: 0.2,
  },
  labour: {
    searchProbEmployed: 0.03,
    separationRatePerYear: 0.05,
    underpaySearchBoost: 3,
    lowRatingSearchBoost: 2,
    applicationsPerSearcher: 3,
    matchingEfficiency: 0.35,
    matchingElasticity: 0.4,
    switchingThreshold: 0.08,
    lossAversion: 2.25,
    ratingPaySensitivity: 0.5,
    unemploymentBenefitShare: 0.3,
    raiseBase: 0.035,
    raiseRatingSensitivity: 0.03,
    marketCatchUp: 0.5,
    promotionRaise: 0.085,
    promotionProbByLevel: byLevel(0.15, 0.08, 0.04, 0),
    promotionSkillGain: 0.25,
    ratingNoise: 0.1,
    ratingSmoothingMonths: 6,
    offerAdjustPerQuarter: 0.03,
    payForSkillElasticity: 0.5,
  },
  cfo: {
    deadBand: 0.03,
    headcountAdjustSpeed: 0.5,
    maxHireRatePerQuarter: 0.08,
    maxLayoffRatePerQuarter: 0.05,
    hiringMixSharpness: 6,
    expectationPassThrough: 1,
    cfoSetsBudget: 0,
    budgetAdjustSpeed: 0.5,
    finopsQuotaShareOfCap: 0,
    finopsChargebackWasteCut: 0,
  },
  firmTypes: {
    bigtech: {
      firmShare: 0.15,
      sizeWeight: 20,
      productivityMean: 1.2,
      productivityDispersion: 0.1,
      demandGrowthPerYear: 1.03,
      demandVolatility: 0.02,
      overheadShareOfRevenue: 0.3,
      wholesaleDiscount: 0.4,
      equityRiskDiscount: 0.9,
      cashMonthsInitial: 36,
      venture: 0,
      funding: NO_VENTURE,
      tokenValuationMultiplier: 1,
      hostedUsableShare: 1,
      labourMarket: 0,
      policy: BASE_POLICY,
    },
    startup: {
      firmShare: 0.5,
      sizeWeight: 1,
      productivityMean: 1,
      productivityDispersion: 0.25,
      demandGrowthPerYear: 1.12,
      demandVolatility: 0.05,
      overheadShareOfRevenue: 0.4,
      wholesaleDiscount: 0.9,
      equityRiskDiscount: 0.3,
      cashMonthsInitial: 6,
      venture: 1,
      funding: { runwayTriggerMonths: 6, roundProbPerMonth: 0.12, roundSizeMonthsOfBurn: 24, reentryDelayMonths: 3, planningRevenueMultiple: 5 },
      tokenValuationMultiplier: 1,
      hostedUsableShare: 1,
      labourMarket: 0,
      policy: {
        ...BASE_POLICY,
        baseByLevel: byLevel(120_000, 160_000, 210_000, 280_000),
        equityByLevel: byLevel(20_000, 40_000, 80_000, 150_000),
      },
    },
    midmarket: {
      firmShare: 0.35,
      sizeWeight: 3,
      productivityMean: 0.9,
      productivityDispersion: 0.15,
      demandGrowthPerYear: 1.02,
      demandVolatility: 0.03,
      overheadShareOfRevenue: 0.4,
      wholesaleDiscount: 0.7,
      equityRiskDiscount: 0.6,
      cashMonthsInitial: 12,
      venture: 0,
      funding: NO_VENTURE,
      tokenValuationMultiplier: 1,
      hostedUsableShare: 1,
      labourMarket: 0,
      policy: {
        ...BASE_POLICY,
        baseByLevel: byLevel(110_000, 140_000, 180_000, 230_000),
        equityByLevel: byLevel(5_000, 10_000, 20_000, 40_000),
      },
    },
  },
};

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
