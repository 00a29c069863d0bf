/**
 * Pass 1 of the monthly metrics (metrics.ts): one pass over engineers for the sums by group,
 * each engineer's group columns, the effective budgets and poaching premiums of the employed,
 * and the range of each value the OrderStats rounds rank (ValueRange: so the rounds need not
 * look for it). One pass reads each engineer's fields once; the premium reuses the effective
 * budget and usable token value the sums have just computed.
 *
 * Floating-point sums take their terms in engineer order, as a separate sum per group would;
 * integer sums are exact in any order and are built from tallies by (firm type, level).
 */
import { NO_GROUP, ValueRange } from '../lib/orderStats.ts';
import { effectiveBudget } from '../model/policy.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../model/world.ts';
import type { Groups, World } from '../model/world.ts';

/**
 * Floating-point sums of pass 1: one row of Sum.Entries entries per group, at gid·Sum.Entries + k.
 * Each entry receives its terms in engineer order, as separate sums per group would. A const
 * enum so that the offsets are literals in the pass's loop: V8 reads a module-level constant
 * from the module's context, with a check, at each use, and the loop uses these ~40 times an
 * engineer (≈ 10 % of the pass).
 */
export const enum Sum {
  Wealth,
  Cash,
  Comp,
  TokenPay,
  Budget,
  PhiF,
  Output,
  Used,
  Wasted,
  Spend,
  Payroll,
  TokenValue,
  Entries,
}

/** The loop's value ranges: minimum, maximum and NaN seen (1) of wealth, base cash, budgets and premiums. */
const enum Bound {
  WealthMin,
  WealthMax,
  WealthNaN,
  CashMin,
  CashMax,
  CashNaN,
  BudgetMin,
  BudgetMax,
  BudgetNaN,
  PremiumMin,
  PremiumMax,
  PremiumNaN,
  Entries,
}
/** The ranges before any value: min +∞, max −∞, no NaN. */
const NO_BOUNDS = [Infinity, -Infinity, 0, Infinity, -Infinity, 0, Infinity, -Infinity, 0, Infinity, -Infinity, 0];

/**
 * Integer sums by group, at gid·COUNTS + k: headcount of the employed, their tenure, engineers
 * counted for wealth, the labour force and the unemployed. Integers below 2^53 add exactly in
 * any order, so these are built from tallies by (firm type, level) after the pass.
 */
export const EMP = 0;
export const TENURE = 1;
export const WEALTH_N = 2;
export const FORCE = 3;
export const UNEMP = 4;
export const COUNTS = 5;

export class EngineerPass {
  /** Pass-1 sums (see Sum.Entries and COUNTS). */
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  /**
   * Each engineer's group by firm type (NO_GROUP when unemployed) and by level: columns of the
   * OrderStats rounds.
   */
  typeCol!: Uint8Array;
  levelCol!: Uint8Array;
  /** The effective budgets of the employed in engineer order, and their ids. */
  budgets!: Float64Array;
  employedIds!: Int32Array;
  /**
   * Each employed engineer's poaching premium, by engineer index (entries of the unemployed are
   * left as they were: column typeCol leaves them out of the premium round).
   */
  premium!: Float64Array;
  /** Ranges: budgets and base cash of the employed, wealth of everyone. */
  readonly budgetRange = new ValueRange();
  readonly cashRange = new ValueRange();
  readonly wealthRange = new ValueRange();
  readonly premiumRange = new ValueRange();
  /** The loop's ranges (see Bound), for the ValueRanges above. */
  private readonly bounds = new Float64Array(Bound.Entries);
  /** Tallies by level, and by firm type × level (index type·NUM_LEVELS + level). */
  private readonly levelN: Float64Array;
  private readonly unempN: Float64Array;
  private readonly cellN: Float64Array;
  private readonly cellTenure: Float64Array;

  constructor(
    private readonly g: Groups,
    types: number,
    capacity: number,
  ) {
    this.sums = new Float64Array(g.count * Sum.Entries);
    this.counts = new Float64Array(g.count * COUNTS);
    this.levelN = new Float64Array(NUM_LEVELS);
    this.unempN = new Float64Array(NUM_LEVELS);
    this.cellN = new Float64Array(types * NUM_LEVELS);
    this.cellTenure = new Float64Array(types * NUM_LEVELS);
    this.reserve(capacity);
  }

  /** Allocates the per-engineer arrays for `n` engineers (the labour force's capacity). */
  reserve(n: number): void {
    this.typeCol = new Uint8Array(n);
    this.levelCol = new Uint8Array(n);
    this.budgets = new Float64Array(n);
    this.employedIds = new Int32Array(n);
    this.premium = new Float64Array(n);
  }

  /** Runs the pass over this month's engineers; returns the number employed. */
  run(w: World): number {
    this.sums.fill(0);
    this.levelN.fill(0);
    this.unempN.fill(0);
    this.cellN.fill(0);
    this.cellTenure.fill(0);
    const nEmp = this.loop(w);
    const b = this.bounds;
    this.wealthRange.set(b[Bound.WealthMin], b[Bound.WealthMax], b[Bound.WealthNaN] === 1);
    this.cashRange.set(b[Bound.CashMin], b[Bound.CashMax], b[Bound.CashNaN] === 1);
    this.budgetRange.set(b[Bound.BudgetMin], b[Bound.BudgetMax], b[Bound.BudgetNaN] === 1);
    this.premiumRange.set(b[Bound.PremiumMin], b[Bound.PremiumMax], b[Bound.PremiumNaN] === 1);
    this.countSums(w);
    return nEmp;
  }

  /**
   * The loop over engineers: sums (the `all` row's included), columns, budgets, premiums, and
   * value ranges into `bounds`; returns the number employed. Nothing follows the loop in this
   * function: V8 compiles a long loop while it runs (on-stack replacement), before any code
   * after it has run, and such code sent the compiled loop back to the interpreter at its end
   * every month, ≈ 0.4 ms a month, often for whole runs; so results leave the loop as it goes.
   */
  private loop(w: World): number {
    const e = w.eng;
    const g = this.g;
    const m = w.market.state;
    const lab = w.p.labour;
    const { sums, typeCol, levelCol, levelN, unempN, cellN, cellTenure, budgets, employedIds, premium, bounds } = this;
    const { marketBase, marketBudget, marketEquity, marketEquityDiscount, ratingPayLoss } = w;
    const cap = m.orchestrationCap;
    const price = m.priceRetail;
    let nEmp = 0;
    // Ranges, as OrderStats.count would find them (members in index order, same comparisons);
    // each change is also stored in bounds.
    bounds.set(NO_BOUNDS);
    let wealthMin = Infinity;
    let wealthMax = -Infinity;
    let cashMin = Infinity;
    let cashMax = -Infinity;
    let budgetMin = Infinity;
    let budgetMax = -Infinity;
    let premiumMin = Infinity;
    let premiumMax = -Infinity;
    // Imported bindings in locals: V8 loads an import from its module cell, with a check, at each use.
    const levels = NUM_LEVELS;
    const unemployed = UNEMPLOYED;
    const noGroup = NO_GROUP;
    const budgetOf = effectiveBudget;
    // The premium's parameters, read once (the same values as lab.x in the loop would give).
    const toolsValuation = lab.toolsBudgetValuation;
    const lossAversionExtra = lab.lossAversion - 1;
    const switching = 1 + lab.switchingThreshold;
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      const l = e.level[i];
      const lg = g.level(l);
      const rl = lg * Sum.Entries;
      levelCol[i] = lg;
      levelN[l] += 1;
      const wealth = e.wealth[i];
      if (wealth < wealthMin) bounds[Bound.WealthMin] = wealthMin = wealth;
      if (wealth > wealthMax) bounds[Bound.WealthMax] = wealthMax = wealth;
      if (wealth !== wealth) bounds[Bound.WealthNaN] = 1;
      sums[Sum.Wealth] += wealth;
      sums[rl + Sum.Wealth] += wealth;
      if (slot === unemployed) {
        typeCol[i] = noGroup;
        unempN[l] += 1;
        continue;
      }
      const f = w.firms[slot];
      const tp = f.tp;
      const pol = tp.policy;
      const tg = g.type(f.type);
      const rt = tg * Sum.Entries;
      typeCol[i] = tg;
      const cell = f.type * levels + l;
      cellN[cell] += 1;
      cellTenure[cell] += e.tenure[i];
      const budget = budgetOf(f, e.budget[i], e.rating[i]);
      const isPay = pol.tokenBudgetIsPay === 1;
      const tokenPay = isPay ? budget : 0;
      const base = e.base[i];
      const equity = e.equity[i];
      const comp = base + equity + tokenPay;
      const used = e.tokensUsed[i];
      const wasted = e.tokensWasted[i];
      const spend = (used + wasted) * price * tp.wholesaleDiscount;
      const phiP = e.phiP[i];
      const phiF = e.phiF[i];
      const output = e.output[i];
      const lambda = e.lambda[i];
      budgets[nEmp] = budget;
      employedIds[nEmp++] = i;
      if (budget < budgetMin) bounds[Bound.BudgetMin] = budgetMin = budget;
      if (budget > budgetMax) bounds[Bound.BudgetMax] = budgetMax = budget;
      if (budget !== budget) bounds[Bound.BudgetNaN] = 1;
      if (base < cashMin) bounds[Bound.CashMin] = cashMin = base;
      if (base > cashMax) bounds[Bound.CashMax] = cashMax = base;
      if (base !== base) bounds[Bound.CashNaN] = 1;
      sums[rt + Sum.Wealth] += wealth;
      sums[Sum.Cash] += base;
      sums[rt + Sum.Cash] += base;
      sums[rl + Sum.Cash] += base;
      sums[Sum.Comp] += comp;
      sums[rt + Sum.Comp] += comp;
      sums[rl + Sum.Comp] += comp;
      sums[Sum.TokenPay] += tokenPay;
      sums[rt + Sum.TokenPay] += tokenPay;
      sums[rl + Sum.TokenPay] += tokenPay;
      sums[Sum.Budget] += budget;
      sums[rt + Sum.Budget] += budget;
      sums[rl + Sum.Budget] += budget;
      sums[Sum.PhiF] += phiF;
      sums[rt + Sum.PhiF] += phiF;
      sums[rl + Sum.PhiF] += phiF;
      sums[Sum.Output] += output;
      sums[rt + Sum.Output] += output;
      sums[rl + Sum.Output] += output;
      sums[Sum.Used] += used;
      sums[rt + Sum.Used] += used;
      sums[rl + Sum.Used] += used;
      sums[Sum.Wasted] += wasted;
      sums[rt + Sum.Wasted] += wasted;
      sums[rl + Sum.Wasted] += wasted;
      sums[Sum.Spend] += spend;
      sums[rt + Sum.Spend] += spend;
      sums[rl + Sum.Spend] += spend;
      const payroll = base / 12;
      sums[Sum.Payroll] += payroll;
      sums[rt + Sum.Payroll] += payroll;
      sums[rl + Sum.Payroll] += payroll;
      // The usable token value of the current job (usableTokenValue), for the token value and the premium.
      const usable = Math.min(budget * tp.hostedUsableShare, cap * (phiP + phiF) * price * 12);
      if (tokenPay > 0) {
        const value = lambda * usable;
        sums[Sum.TokenValue] += value;
        sums[rt + Sum.TokenValue] += value;
        sums[rl + Sum.TokenValue] += value;
      }
      // The poaching premium: employedPoachingPremiums (jobValue.ts), the same operations in the same order.
      const factor = isPay ? 1 : toolsValuation;
      let cur = base + equity * tp.equityRiskDiscount;
      cur += lambda * factor * usable;
      if (pol.tokenPortability > 0) cur += pol.tokenPortability * Math.max(0, budget - usable);
      const mk = e.labourMarket[i] * levels + l;
      const cash = marketBase[mk] * e.payFactor[i];
      const newUsable = Math.min(marketBudget[mk], cap * phiP * price * 12) * tp.hostedUsableShare;
      let loss = ratingPayLoss[l] * base * e.moveDrop[i];
      const curValued = factor * usable;
      const newValued = factor * newUsable;
      if (newValued < curValued) loss += lossAversionExtra * lambda * (curValued - newValued);
      const offer = cash + marketEquity[mk] * marketEquityDiscount[mk] + lambda * factor * newUsable - loss;
      const x = Math.max(0, cur * switching - offer);
      premium[i] = x;
      if (x < premiumMin) bounds[Bound.PremiumMin] = premiumMin = x;
      if (x > premiumMax) bounds[Bound.PremiumMax] = premiumMax = x;
      if (x !== x) bounds[Bound.PremiumNaN] = 1;
    }
    return nEmp;
  }

  /** The integer sums by group (see COUNTS), from the loop's tallies. */
  private countSums(w: World): void {
    const e = w.eng;
    const g = this.g;
    const { levelN, unempN, cellN, cellTenure } = this;
    // Integer sums by group from the tallies (exact whatever the order of the terms).
    const counts = this.counts;
    counts.fill(0);
    counts[FORCE] = e.n;
    counts[WEALTH_N] = e.n;
    for (let l = 0; l < NUM_LEVELS; l++) {
      const rl = g.level(l) * COUNTS;
      counts[rl + FORCE] = levelN[l];
      counts[rl + WEALTH_N] = levelN[l];
      counts[rl + UNEMP] = unempN[l];
      counts[UNEMP] += unempN[l];
      for (let t = 0; t < w.typeNames.length; t++) {
        const rt = g.type(t) * COUNTS;
        const cell = t * NUM_LEVELS + l;
        counts[EMP] += cellN[cell];
        counts[rt + EMP] += cellN[cell];
        counts[rl + EMP] += cellN[cell];
        counts[TENURE] += cellTenure[cell];
        counts[rt + TENURE] += cellTenure[cell];
        counts[rl + TENURE] += cellTenure[cell];
        counts[rt + WEALTH_N] += cellN[cell];
      }
    }
  }
}
