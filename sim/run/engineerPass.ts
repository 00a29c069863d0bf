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
    const e = w.eng;
    const g = this.g;
    const m = w.market.state;
    const lab = w.p.labour;
    const { sums, typeCol, levelCol, levelN, unempN, cellN, cellTenure, budgets, employedIds, premium } = this;
    const { marketBase, marketBudget, marketEquity, marketEquityDiscount, ratingPayLoss } = w;
    const cap = m.orchestrationCap;
    const price = m.priceRetail;
    sums.fill(0);
    levelN.fill(0);
    unempN.fill(0);
    cellN.fill(0);
    cellTenure.fill(0);
    let nEmp = 0;
    // The `all` row's sums in locals (the same additions in the same order as sums[k] += v).
    let aWealth = 0;
    let aCash = 0;
    let aComp = 0;
    let aTokenPay = 0;
    let aBudget = 0;
    let aPhiF = 0;
    let aOutput = 0;
    let aUsed = 0;
    let aWasted = 0;
    let aSpend = 0;
    let aPayroll = 0;
    let aTokenValue = 0;
    // Ranges, as OrderStats.count would find them (members in index order, same comparisons).
    let wealthMin = Infinity;
    let wealthMax = -Infinity;
    let wealthNaN = false;
    let cashMin = Infinity;
    let cashMax = -Infinity;
    let cashNaN = false;
    let budgetMin = Infinity;
    let budgetMax = -Infinity;
    let budgetNaN = false;
    let premiumMin = Infinity;
    let premiumMax = -Infinity;
    let premiumNaN = false;
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
      if (wealth < wealthMin) wealthMin = wealth;
      if (wealth > wealthMax) wealthMax = wealth;
      if (wealth !== wealth) wealthNaN = true;
      aWealth += wealth;
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
      if (budget < budgetMin) budgetMin = budget;
      if (budget > budgetMax) budgetMax = budget;
      if (budget !== budget) budgetNaN = true;
      if (base < cashMin) cashMin = base;
      if (base > cashMax) cashMax = base;
      if (base !== base) cashNaN = true;
      sums[rt + Sum.Wealth] += wealth;
      aCash += base;
      sums[rt + Sum.Cash] += base;
      sums[rl + Sum.Cash] += base;
      aComp += comp;
      sums[rt + Sum.Comp] += comp;
      sums[rl + Sum.Comp] += comp;
      aTokenPay += tokenPay;
      sums[rt + Sum.TokenPay] += tokenPay;
      sums[rl + Sum.TokenPay] += tokenPay;
      aBudget += budget;
      sums[rt + Sum.Budget] += budget;
      sums[rl + Sum.Budget] += budget;
      aPhiF += phiF;
      sums[rt + Sum.PhiF] += phiF;
      sums[rl + Sum.PhiF] += phiF;
      aOutput += output;
      sums[rt + Sum.Output] += output;
      sums[rl + Sum.Output] += output;
      aUsed += used;
      sums[rt + Sum.Used] += used;
      sums[rl + Sum.Used] += used;
      aWasted += wasted;
      sums[rt + Sum.Wasted] += wasted;
      sums[rl + Sum.Wasted] += wasted;
      aSpend += spend;
      sums[rt + Sum.Spend] += spend;
      sums[rl + Sum.Spend] += spend;
      const payroll = base / 12;
      aPayroll += payroll;
      sums[rt + Sum.Payroll] += payroll;
      sums[rl + Sum.Payroll] += payroll;
      // The usable token value of the current job (usableTokenValue), for the token value and the premium.
      const usable = Math.min(budget * tp.hostedUsableShare, cap * (phiP + phiF) * price * 12);
      if (tokenPay > 0) {
        const value = lambda * usable;
        aTokenValue += value;
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
      if (x < premiumMin) premiumMin = x;
      if (x > premiumMax) premiumMax = x;
      if (x !== x) premiumNaN = true;
    }
    sums[Sum.Wealth] = aWealth;
    sums[Sum.Cash] = aCash;
    sums[Sum.Comp] = aComp;
    sums[Sum.TokenPay] = aTokenPay;
    sums[Sum.Budget] = aBudget;
    sums[Sum.PhiF] = aPhiF;
    sums[Sum.Output] = aOutput;
    sums[Sum.Used] = aUsed;
    sums[Sum.Wasted] = aWasted;
    sums[Sum.Spend] = aSpend;
    sums[Sum.Payroll] = aPayroll;
    sums[Sum.TokenValue] = aTokenValue;
    this.premiumRange.set(premiumMin, premiumMax, premiumNaN);
    this.wealthRange.set(wealthMin, wealthMax, wealthNaN);
    this.cashRange.set(cashMin, cashMax, cashNaN);
    this.budgetRange.set(budgetMin, budgetMax, budgetNaN);
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
    return nEmp;
  }
}
