/**
 * Pass 1 of the monthly metrics (metrics.ts): one pass over engineers for the sums by group,
 * each engineer's group columns, the effective budgets of the employed, and the range of each
 * value the OrderStats rounds rank (ValueRange: so the rounds need not look for it).
 *
 * Floating-point sums take their terms in engineer order, as a separate sum per group would;
 * integer sums are exact in any order and are built from tallies by (firm type, level).
 */
import { NO_GROUP, ValueRange } from '../lib/orderStats.ts';
import { effectiveBudget } from '../model/policy.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../model/world.ts';
import type { Groups, World } from '../model/world.ts';

/**
 * Floating-point sums of pass 1: one row of SUMS entries per group, at gid·SUMS + k. Each entry
 * receives its terms in engineer order, as separate sums per group would.
 */
export const WEALTH = 0;
export const CASH = 1;
export const COMP = 2;
export const TOKEN_PAY = 3;
export const BUDGET = 4;
export const PHI_F = 5;
export const OUTPUT = 6;
export const USED = 7;
export const WASTED = 8;
export const SPEND = 9;
export const PAYROLL = 10;
export const TOKEN_VALUE = 11;
export const SUMS = 12;

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

/** Adds v to entry k of the `all` row and of the rows starting at ra and rb. */
function add3(sums: Float64Array, ra: number, rb: number, k: number, v: number): void {
  sums[k] += v;
  sums[ra + k] += v;
  sums[rb + k] += v;
}

export class EngineerPass {
  /** Pass-1 sums (see SUMS and COUNTS). */
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
  /** Ranges: budgets and base cash of the employed, wealth of everyone. */
  readonly budgetRange = new ValueRange();
  readonly cashRange = new ValueRange();
  readonly wealthRange = new ValueRange();
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
    this.sums = new Float64Array(g.count * SUMS);
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
  }

  /** Runs the pass over this month's engineers; returns the number employed. */
  run(w: World): number {
    const e = w.eng;
    const g = this.g;
    const m = w.market.state;
    const { sums, typeCol, levelCol, levelN, unempN, cellN, cellTenure, budgets, employedIds } = this;
    sums.fill(0);
    levelN.fill(0);
    unempN.fill(0);
    cellN.fill(0);
    cellTenure.fill(0);
    let nEmp = 0;
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
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      const l = e.level[i];
      const lg = g.level(l);
      const rl = lg * SUMS;
      levelCol[i] = lg;
      levelN[l] += 1;
      const wealth = e.wealth[i];
      if (wealth < wealthMin) wealthMin = wealth;
      if (wealth > wealthMax) wealthMax = wealth;
      if (wealth !== wealth) wealthNaN = true;
      sums[WEALTH] += wealth;
      sums[rl + WEALTH] += wealth;
      if (slot === UNEMPLOYED) {
        typeCol[i] = NO_GROUP;
        unempN[l] += 1;
        continue;
      }
      const f = w.firms[slot];
      const tg = g.type(f.type);
      const rt = tg * SUMS;
      typeCol[i] = tg;
      const cell = f.type * NUM_LEVELS + l;
      cellN[cell] += 1;
      cellTenure[cell] += e.tenure[i];
      const budget = effectiveBudget(f, e.budget[i], e.rating[i]);
      const tokenPay = f.tp.policy.tokenBudgetIsPay === 1 ? budget : 0;
      const base = e.base[i];
      const comp = base + e.equity[i] + tokenPay;
      const spend = (e.tokensUsed[i] + e.tokensWasted[i]) * m.priceRetail * f.tp.wholesaleDiscount;
      budgets[nEmp] = budget;
      employedIds[nEmp++] = i;
      if (budget < budgetMin) budgetMin = budget;
      if (budget > budgetMax) budgetMax = budget;
      if (budget !== budget) budgetNaN = true;
      if (base < cashMin) cashMin = base;
      if (base > cashMax) cashMax = base;
      if (base !== base) cashNaN = true;
      sums[rt + WEALTH] += wealth;
      add3(sums, rt, rl, CASH, base);
      add3(sums, rt, rl, COMP, comp);
      add3(sums, rt, rl, TOKEN_PAY, tokenPay);
      add3(sums, rt, rl, BUDGET, budget);
      add3(sums, rt, rl, PHI_F, e.phiF[i]);
      add3(sums, rt, rl, OUTPUT, e.output[i]);
      add3(sums, rt, rl, USED, e.tokensUsed[i]);
      add3(sums, rt, rl, WASTED, e.tokensWasted[i]);
      add3(sums, rt, rl, SPEND, spend);
      add3(sums, rt, rl, PAYROLL, base / 12);
      if (tokenPay > 0) {
        const usable = Math.min(budget * f.tp.hostedUsableShare, m.orchestrationCap * (e.phiP[i] + e.phiF[i]) * m.priceRetail * 12);
        add3(sums, rt, rl, TOKEN_VALUE, e.lambda[i] * usable);
      }
    }
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
