/**
 * The simulation's state: engineers as struct-of-arrays, firms as a few objects, the market,
 * and per-month event counters by group. Created once per run; the tick allocates nothing
 * per engineer.
 */
import type { FirmTypeParams, Params } from './params.ts';
import { LEVELS } from './params.ts';
import type { Stream } from '../lib/rng.ts';
import type { TokenMarket } from './market.ts';

export const UNEMPLOYED = -1;
export const NUM_LEVELS = LEVELS.length;

/** Engineer state, one typed array per field (index = engineer id). */
export class Engineers {
  readonly n: number;
  readonly level: Uint8Array;
  /** Human skill s, labour units. */
  readonly skill: Float64Array;
  /**
   * (skill ÷ the level's mean skill)^payForSkillElasticity: how this engineer's pay scales
   * within the level. Cached (set by setSkill) because offers, search and poaching premiums
   * need it every month; it changes only with skill or level.
   */
  readonly payFactor: Float64Array;
  /** Firm slot, or UNEMPLOYED. */
  readonly employer: Int32Array;
  /** Base cash, $/year (the last base while unemployed). */
  readonly base: Float64Array;
  /** Equity granted per year, $ at grant value. */
  readonly equity: Float64Array;
  /** Personal token budget before the firm's budget scale and top-up, retail $/year. */
  readonly budget: Float64Array;
  /** Months at the current employer (or unemployed). */
  readonly tenure: Int32Array;
  /** Portable AI fluency φp and firm-specific leverage φf. */
  readonly phiP: Float64Array;
  readonly phiF: Float64Array;
  /** Wealth, $. */
  readonly wealth: Float64Array;
  /** Unvested portable compute credits, retail $. */
  readonly credits: Float64Array;
  /** Smoothed rating (output ÷ expected output). */
  readonly rating: Float64Array;
  /** Personal valuation of $1 of usable retail tokens, in cash $. */
  readonly lambda: Float64Array;
  /** This month's output (output units per month). */
  readonly output: Float64Array;
  /** Last month's relative productivity: output ÷ (firm output per labour unit × skill). */
  readonly prevOutput: Float64Array;
  /** This month's productive tokens and wasted tokens, million tokens. */
  readonly tokensUsed: Float64Array;
  readonly tokensWasted: Float64Array;
  /** Remaining token pool this year under yearly expiry, retail $. */
  readonly pool: Float64Array;
  /** Output drop (share) this engineer would suffer on moving, estimated this month. */
  readonly moveDrop: Float64Array;
  /** 1 in the first month after a job-to-job move (for the movers' output drop). */
  readonly moved: Uint8Array;
  /** The labour market the engineer belongs to (see FirmTypeParams.labourMarket). */
  readonly labourMarket: Uint8Array;

  constructor(n: number) {
    this.n = n;
    this.level = new Uint8Array(n);
    this.skill = new Float64Array(n);
    this.payFactor = new Float64Array(n);
    this.employer = new Int32Array(n).fill(UNEMPLOYED);
    this.base = new Float64Array(n);
    this.equity = new Float64Array(n);
    this.budget = new Float64Array(n);
    this.tenure = new Int32Array(n);
    this.phiP = new Float64Array(n);
    this.phiF = new Float64Array(n);
    this.wealth = new Float64Array(n);
    this.credits = new Float64Array(n);
    this.rating = new Float64Array(n).fill(1);
    this.lambda = new Float64Array(n);
    this.output = new Float64Array(n);
    this.prevOutput = new Float64Array(n);
    this.tokensUsed = new Float64Array(n);
    this.tokensWasted = new Float64Array(n);
    this.pool = new Float64Array(n);
    this.moveDrop = new Float64Array(n);
    this.moved = new Uint8Array(n);
    this.labourMarket = new Uint8Array(n);
  }
}

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
  /** Product demand shifter Z (revenue = Z·Y^η per month). */
  Z: number;
  /** Cash, $. */
  cash: number;
  /** The CFO's headcount target. */
  target: number;
  /** Multiplier on policy budgets chosen by the CFO (1 unless cfoSetsBudget). */
  budgetScale: number;
  /** Multiplier on the policy's base cash for new offers (moves with the labour market). */
  offerIndex: number;
  /** Mean leverage κ of the firm's engineers at the last quarter (sets expectations). */
  kappaBar: number;
  /** Hiring mix weights by level (sum 1). */
  hireWeights: Float64Array;
  // This month's aggregates.
  n: number;
  L: number;
  C: number;
  Y: number;
  YL: number;
  YC: number;
  revenue: number;
  payroll: number;
  equityExpense: number;
  tokenCost: number;
  creditCost: number;
  profit: number;
  /** Σ of engineers' Euler outputs this month (equals Y: checked as an invariant). */
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
  /** Mean skill by level at start (the reference for pay-for-skill). */
  levelSkill: Float64Array;
  /** Mean cash raise at the most recent review by group (NaN before the first). */
  raiseByGroup: Float64Array;
}

export function newCounters(groups: number): Counters {
  const a = () => new Float64Array(groups);
  return {
    hires: a(),
    juniorHires: a(),
    layoffs: a(),
    quits: a(),
    moves: a(),
    exits: a(),
    moverDropSum: a(),
    moverDropCount: a(),
  };
}

export function resetCounters(c: Counters): void {
  c.hires.fill(0);
  c.juniorHires.fill(0);
  c.layoffs.fill(0);
  c.quits.fill(0);
  c.moves.fill(0);
  c.exits.fill(0);
  c.moverDropSum.fill(0);
  c.moverDropCount.fill(0);
}

/** Adds `v` to `all`, the firm type's group (if t ≥ 0) and the level's group. */
export function count(arr: Float64Array, g: Groups, t: number, level: number, v = 1): void {
  arr[0] += v;
  if (t >= 0) arr[g.type(t)] += v;
  arr[g.level(level)] += v;
}
