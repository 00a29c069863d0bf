/**
 * The simulation's state: engineers as struct-of-arrays, firms as a few objects, the market,
 * and per-month event counters by group. Created once per run; the tick allocates nothing
 * per engineer.
 */
import type { FirmTypeParams, Params } from './params.ts';
import { LEVELS } from './params.ts';
import type { Stream } from '../lib/rng.ts';
import type { TokenMarket } from './market.ts';
import type { Benchmark } from './production.ts';
import { Engineers, UNEMPLOYED } from './engineerArrays.ts';

export { Engineers, UNEMPLOYED };

export const NUM_LEVELS = LEVELS.length;

/** Index of (labour market, level) in the per-market arrays of World. */
export const marketLevel = (market: number, level: number): number => market * NUM_LEVELS + level;

/** A firm slot. A venture firm that exits is replaced in its slot by an entrant (generation + 1). */
export interface Firm {
  slot: number;
  generation: number;
  /** Index into World.typeNames. */
  type: number;
  tp: FirmTypeParams;
  rng: Stream;
  alive: boolean;
  /** Month when an entrant takes this slot after an exit. */
  reentryMonth: number;
  /** Total factor productivity A. */
  A: number;
  /** The CES normalisation: the firm's own month-0 bundle, or its type's for an entrant. */
  bench: Benchmark;
  /** Product demand shifter Z (revenue = Z·Y^η per month). */
  Z: number;
  /** Cash, $. */
  cash: number;
  /** The CFO's headcount target. */
  target: number;
  /** Multiplier on policy budgets chosen by the CFO (1 unless cfoSetsBudget). */
  budgetScale: number;
  /**
   * The value the firm posts per level (index = level) for an engineer of the level's mean
   * skill, as engineers value a package: cash + equity × risk discount + λ̄·f·usable tokens,
   * $/year. It moves with how the firm's vacancies fill (offers.ts).
   */
  offerValue: Float64Array;
  /** This month's vacancies, hires and acceptable applicants by level (for the offer rule). */
  vacancies: Float64Array;
  filled: Float64Array;
  acceptable: Float64Array;
  /** The same, exponentially weighted over recent months (weight 2/3 a month: about a quarter). */
  vacanciesRecent: Float64Array;
  filledRecent: Float64Array;
  acceptableRecent: Float64Array;
  /** Hires so far this quarter (the hiring limit caps them). */
  hiresThisQuarter: number;
  /** Mean leverage κ of the firm's engineers at the last quarter (sets expectations). */
  kappaBar: number;
  /** Hiring mix weights by level (sum 1). */
  hireWeights: Float64Array;
  // This month's aggregates.
  n: number;
  L: number;
  /** Effective compute: directed by engineers (tooling included) plus autonomous X. */
  C: number;
  /** Autonomous effective compute X = Q·a·e·G, and the agent tokens G (million a month) behind it. */
  X: number;
  G: number;
  Y: number;
  YL: number;
  YC: number;
  revenue: number;
  payroll: number;
  equityExpense: number;
  tokenCost: number;
  /** This month's cost of agent tokens and of pre-AI tooling, $ (wholesale and at cost). */
  agentTokenCost: number;
  toolingCost: number;
  creditCost: number;
  profit: number;
  /** Σ of engineers' Euler outputs this month (plus the agents' output Y_C·X it equals Y: an invariant). */
  outputSum: number;
  tokensProductive: number;
  tokensWasted: number;
  /** Engineers whose productive use was capped this month (for the CFO's budget rule). */
  capped: number;
}

/** Per-month event counts and sums by group id (see Groups). */
export interface Counters {
  hires: Float64Array;
  juniorHires: Float64Array;
  layoffs: Float64Array;
  quits: Float64Array;
  moves: Float64Array;
  exits: Float64Array;
  moverDropSum: Float64Array;
  moverDropCount: Float64Array;
  /** Vacancies posted this month (by the posting firm's type and the level). */
  vacancies: Float64Array;
  /** Hires from unemployment, and hires of engineers employed elsewhere (by the hiring firm). */
  hiresFromUnemployment: Float64Array;
  hiresFromEmployment: Float64Array;
  /** Unemployed engineers searching this month, by level (the job-finding rate's denominator). */
  unemployedSearching: Float64Array;
  /** Searchers this month (unemployed and employed), by level. */
  searchers: Float64Array;
  /** Engineers entering the occupation, and leaving it for other occupations (not retiring), by level. */
  entrants: Float64Array;
  exitsToOtherOccupations: Float64Array;
  /** Σ of new hires' base cash this month (by the hiring firm's type and the level). */
  hireCash: Float64Array;
  /** Employed engineers who retired, left the occupation or were separated involuntarily (by employer). */
  otherSeparations: Float64Array;
  /** Outside offers the employer matched (the engineer stayed), by the employer's type and level. */
  counteroffers: Float64Array;
}

/** Group ids: 0 = all, then firm types, then levels, then token-budget quartiles. */
export class Groups {
  readonly names: string[];
  readonly typeOffset = 1;
  readonly levelOffset: number;
  readonly quartileOffset: number;
  readonly count: number;
  constructor(readonly typeNames: string[]) {
    this.levelOffset = 1 + typeNames.length;
    this.quartileOffset = this.levelOffset + NUM_LEVELS;
    this.count = this.quartileOffset + 4;
    this.names = ['all', ...typeNames, ...LEVELS, 'budget_q1', 'budget_q2', 'budget_q3', 'budget_q4'];
  }
  type(t: number): number {
    return this.typeOffset + t;
  }
  level(l: number): number {
    return this.levelOffset + l;
  }
}

export interface World {
  p: Params;
  seed: number;
  months: number;
  month: number;
  typeNames: string[];
  groups: Groups;
  eng: Engineers;
  firms: Firm[];
  market: TokenMarket;
  labourRng: Stream;
  /** Entry, exits and separations (its own stream, so the matching draws do not shift with it). */
  supplyRng: Stream;
  counters: Counters;
  /** Labour market of each firm type (index as typeNames) and the number of markets. */
  marketOfType: Int32Array;
  markets: number;
  /**
   * Market wage by labour market and level (index market·levels + level): headcount-weighted
   * mean offer base across the market's alive firms, $/year.
   */
  marketBase: Float64Array;
  /** Market offer equity and token budget by level (for poaching premiums). */
  marketEquity: Float64Array;
  marketEquityDiscount: Float64Array;
  marketBudget: Float64Array;
  /** Scratch: headcount weight by level behind the market means. */
  marketWeight: Float64Array;
  /** The CES normalisation of each firm type's month-0 firms together (index as typeNames): what entrants use. */
  benchmarks: Benchmark[];
  /** This month's economy-wide demand shifter (demand events and cycle; firms.ts). */
  demandShift: number;
  /** Sector output index, mean Y^η over each firm type's producing firms, at month 0 (index as typeNames). */
  sectorBase: Float64Array;
  /** Smoothed log of each type's sector output relative to month 0 (firms.ts updateSectorDemand). */
  sectorLogOutput: Float64Array;
  /** Each type's sector demand factor this month: exp(sectorLogOutput·(1/ε − 1/ε_S)). */
  sectorShift: Float64Array;
  /** Scratch for this month's sector output index by type, and its firms with output. */
  sectorScratch: Float64Array;
  sectorFirms: Float64Array;
  /** Labour supply by labour market (supply.ts). */
  supply: SupplyState;
  /**
   * Mean token valuation λ̄ and portable fluency φ̄p of the searchers by labour market and level
   * (index as marketBase), last month's: what firms assume a hire values tokens at and can use.
   */
  lambdaBar: Float64Array;
  phiBar: Float64Array;
  /**
   * Market pay by labour market and level: hires-weighted mean posted value of the offers
   * accepted over the last three months, $/year (offers.ts).
   */
  marketPay: Float64Array;
  /** Market pay at month 0 (the reference for the offer floor). */
  marketPay0: Float64Array;
  /** Three months of (value × hires, hires) by labour market and level behind marketPay. */
  payRing: Float64Array;
  payRingCount: Float64Array;
  /** ratingPayLoss by level (labour.ts), fixed for the run. */
  ratingPayLoss: Float64Array;
  /** Mean skill by level at start (the reference for pay-for-skill). */
  levelSkill: Float64Array;
  /** Mean cash raise at the most recent review by group (NaN before the first). */
  raiseByGroup: Float64Array;
}

/** The open occupation's state, by labour market (index = market). */
export interface SupplyState {
  /** The labour force at month 0: the scale of the cohort pool. */
  labourForce0: Float64Array;
  /** Entry per month per member of the cohort pool at relative pay 1 (set so month 0 is steady). */
  entryRate: Float64Array;
  /** Expected earnings in the occupation at month 0: (1 − u) × market pay at mid level, $/year. */
  expectedEarnings0: Float64Array;
  /** Expected earnings ÷ the outside wage, both relative to month 0 (1 at month 0). */
  relativePay: Float64Array;
  /** Multiplier on λ for entrants to the market (that of the market's first firm type). */
  lambdaMultiplier: Float64Array;
  /** Scratch: unemployed engineers and the labour force by market this month, and r^(−e_s). */
  unemployed: Float64Array;
  force: Float64Array;
  exitScale: Float64Array;
}

/*
 * Objects made once a run (the world, its counters and supply state, the labour market's and
 * the CFO's scratch) are built by class constructors rather than as object literals. V8 makes a
 * literal's boilerplate the second time the literal runs, and for these that generalised the
 * recorded types of the object's fields: every function optimised for them (58) was thrown away
 * at the start of a process's second run and compiled again while that run ran.
 */

/** The World interface's fields, assigned in the constructor (declaration merging: no field is declared twice). */
interface WorldObject extends World {}
class WorldObject {
  constructor(f: World) {
    this.p = f.p;
    this.seed = f.seed;
    this.months = f.months;
    this.month = f.month;
    this.typeNames = f.typeNames;
    this.groups = f.groups;
    this.eng = f.eng;
    this.firms = f.firms;
    this.market = f.market;
    this.labourRng = f.labourRng;
    this.supplyRng = f.supplyRng;
    this.counters = f.counters;
    this.marketOfType = f.marketOfType;
    this.markets = f.markets;
    this.marketBase = f.marketBase;
    this.marketEquity = f.marketEquity;
    this.marketEquityDiscount = f.marketEquityDiscount;
    this.marketBudget = f.marketBudget;
    this.marketWeight = f.marketWeight;
    this.benchmarks = f.benchmarks;
    this.demandShift = f.demandShift;
    this.sectorBase = f.sectorBase;
    this.sectorLogOutput = f.sectorLogOutput;
    this.sectorShift = f.sectorShift;
    this.sectorScratch = f.sectorScratch;
    this.sectorFirms = f.sectorFirms;
    this.supply = f.supply;
    this.lambdaBar = f.lambdaBar;
    this.phiBar = f.phiBar;
    this.marketPay = f.marketPay;
    this.marketPay0 = f.marketPay0;
    this.payRing = f.payRing;
    this.payRingCount = f.payRingCount;
    this.ratingPayLoss = f.ratingPayLoss;
    this.levelSkill = f.levelSkill;
    this.raiseByGroup = f.raiseByGroup;
  }
}

/**
 * The world of a run, with the fields of `fields` (see the note above). Throws if the
 * constructor left out one of them (a field added to World but not to WorldObject).
 */
export function newWorld(fields: World): World {
  const w = new WorldObject(fields);
  for (const k in fields) if (!Object.hasOwn(w, k)) throw new Error(`newWorld: WorldObject does not copy ${k}`);
  return w;
}

interface SupplyArrays extends SupplyState {}
class SupplyArrays {
  constructor(markets: number) {
    this.labourForce0 = new Float64Array(markets);
    this.entryRate = new Float64Array(markets);
    this.expectedEarnings0 = new Float64Array(markets);
    this.relativePay = new Float64Array(markets);
    this.lambdaMultiplier = new Float64Array(markets);
    this.unemployed = new Float64Array(markets);
    this.force = new Float64Array(markets);
    this.exitScale = new Float64Array(markets);
  }
}

/** A SupplyState for `markets` labour markets (filled by initSupply). */
export function newSupplyState(markets: number): SupplyState {
  return new SupplyArrays(markets);
}

interface CounterArrays extends Counters {}
class CounterArrays {
  constructor(groups: number) {
    this.hires = new Float64Array(groups);
    this.juniorHires = new Float64Array(groups);
    this.layoffs = new Float64Array(groups);
    this.quits = new Float64Array(groups);
    this.moves = new Float64Array(groups);
    this.exits = new Float64Array(groups);
    this.moverDropSum = new Float64Array(groups);
    this.moverDropCount = new Float64Array(groups);
    this.vacancies = new Float64Array(groups);
    this.hiresFromUnemployment = new Float64Array(groups);
    this.hiresFromEmployment = new Float64Array(groups);
    this.unemployedSearching = new Float64Array(groups);
    this.searchers = new Float64Array(groups);
    this.entrants = new Float64Array(groups);
    this.exitsToOtherOccupations = new Float64Array(groups);
    this.hireCash = new Float64Array(groups);
    this.otherSeparations = new Float64Array(groups);
    this.counteroffers = new Float64Array(groups);
  }
}

export function newCounters(groups: number): Counters {
  return new CounterArrays(groups);
}

export function resetCounters(c: Counters): void {
  for (const k in c) c[k as keyof Counters].fill(0);
}

/** Adds `v` to `all`, the firm type's group (if t ≥ 0) and the level's group. */
export function count(arr: Float64Array, g: Groups, t: number, level: number, v = 1): void {
  arr[0] += v;
  if (t >= 0) arr[g.type(t)] += v;
  arr[g.level(level)] += v;
}

/**
 * count(arr, g, t, level, from[at]), the value read here rather than passed: a double passed to
 * a call that V8 does not inline is boxed on the heap (a hire's cash, labour.ts). The same
 * additions in the same order (test/model/counters.test.ts).
 */
export function countFrom(arr: Float64Array, g: Groups, t: number, level: number, from: Float64Array, at: number): void {
  const v = from[at];
  arr[0] += v;
  if (t >= 0) arr[g.type(t)] += v;
  arr[g.level(level)] += v;
}
