/**
 * Parameters of the model: the types, and the defaults (DEFAULTS, one visible const in
 * defaults.ts, exported here too). Money is US dollars; rates are per year unless the name
 * says per month.
 */

export { DEFAULTS } from './defaults.ts';

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
