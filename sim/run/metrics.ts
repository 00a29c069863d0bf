/**
 * Metric collection: once per month, every declared metric (metricDefs.ts) for every group it
 * is reported for, written into preallocated series. One pass over engineers for sums and
 * group columns, exact quantiles by group from bucket histograms (quantile.ts) for each
 * distribution metric, and a short pass over firms.
 *
 * Results are bit for bit those of a straightforward version (a sequential sum per group, a
 * sorted array per group): floating-point sums take their terms in engineer order, integer
 * sums are exact in any order, and quantiles are exact order statistics (see quantile.ts).
 */
import { METRIC_DEFS, type MetricName } from './metricDefs.ts';
import { NO_GROUP, OrderStats } from '../lib/orderStats.ts';
import { groupQuantiles, rankQuartiles } from '../lib/groupStats.ts';

export { quantileSorted } from '../lib/quantile.ts';
import type { Series } from './result.ts';
import { effectiveBudget } from '../model/policy.ts';
import { employedPoachingPremium } from '../model/labour.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../model/world.ts';
import type { Groups, World } from '../model/world.ts';
import { exp } from '../lib/dmath.ts';
import { FirmMetrics } from './firmMetrics.ts';

const WINDOW = 12;
const P10_50_90 = [0.1, 0.5, 0.9] as const;
const P10_50 = [0.1, 0.5] as const;
const P50 = [0.5] as const;

/**
 * Floating-point sums of pass 1: one row of SUMS entries per group, at gid·SUMS + k. Each entry
 * receives its terms in engineer order, as separate sums per group would.
 */
const WEALTH = 0;
const CASH = 1;
const COMP = 2;
const TOKEN_PAY = 3;
const BUDGET = 4;
const PHI_F = 5;
const OUTPUT = 6;
const USED = 7;
const WASTED = 8;
const SPEND = 9;
const PAYROLL = 10;
const TOKEN_VALUE = 11;
const SUMS = 12;

/**
 * Integer sums by group, at gid·COUNTS + k: headcount of the employed, their tenure, engineers
 * counted for wealth, the labour force and the unemployed. Integers below 2^53 add exactly in
 * any order, so these are built from tallies by (firm type, level) after the pass.
 */
const EMP = 0;
const TENURE = 1;
const WEALTH_N = 2;
const FORCE = 3;
const UNEMP = 4;
const COUNTS = 5;

/** Adds v to entry k of the `all` row and of the rows starting at ra and rb. */
function add3(sums: Float64Array, ra: number, rb: number, k: number, v: number): void {
  sums[k] += v;
  sums[ra + k] += v;
  sums[rb + k] += v;
}

export class MetricsCollector {
  readonly series: Series[] = [];
  private readonly table = new Map<MetricName, (Float64Array | undefined)[]>();
  private readonly g: Groups;
  /** Exact order statistics by group (its scratch holds one value per engineer). */
  private stats!: OrderStats;
  /**
   * Each engineer's group by firm type (NO_GROUP when unemployed), by level, and by budget
   * quartile (employed only), this month: the columns of the OrderStats rounds.
   */
  private typeCol!: Uint8Array;
  private levelCol!: Uint8Array;
  private quartileCol!: Uint8Array;
  private cashColumns!: readonly Uint8Array[];
  private wealthColumns!: readonly Uint8Array[];
  private premiumColumns!: readonly Uint8Array[];
  /**
   * First the budgets of the employed in engineer order (for the quartiles); once they are
   * ranked, each employed engineer's poaching premium, by engineer id.
   */
  private work!: Float64Array;
  /** Budget quartile (0–3) of each employed engineer this month, in engineer order. */
  private quartile!: Uint8Array;
  /** Quantiles by group (up to 3 each) and group sizes from groupQuantiles. */
  private readonly q: Float64Array;
  private readonly qSizes: Int32Array;
  private readonly hireRing: Float64Array;
  private readonly quitRing: Float64Array;
  private readonly sepRing: Float64Array;
  private readonly empRing: Float64Array;
  private readonly j2jRing: Float64Array;
  private readonly hireCashRing: Float64Array;
  private readonly juniorRing: Float64Array;
  private readonly dropSumRing: Float64Array;
  private readonly dropCountRing: Float64Array;
  /** Pass-1 sums (see SUMS and COUNTS), reused each month. */
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  /** Tallies by level, and by firm type × level (index type·NUM_LEVELS + level). */
  private readonly levelN: Float64Array;
  private readonly unempN: Float64Array;
  private readonly cellN: Float64Array;
  private readonly cellTenure: Float64Array;
  private readonly firms: FirmMetrics;
  private readonly putFn = (metric: MetricName, gid: number, v: number, month: number): void => this.put(metric, gid, v, month);

  constructor(w: World) {
    this.g = w.groups;
    const G = this.g.count;
    const familyGroups = (fam: string): number[] => {
      const ids: number[] = [];
      if (fam === 'firmType') for (let t = 0; t < w.typeNames.length; t++) ids.push(this.g.type(t));
      if (fam === 'level') for (let l = 0; l < NUM_LEVELS; l++) ids.push(this.g.level(l));
      if (fam === 'budgetQuartile') for (let q = 0; q < 4; q++) ids.push(this.g.quartileOffset + q);
      return ids;
    };
    for (const d of METRIC_DEFS) {
      const row: (Float64Array | undefined)[] = new Array(G).fill(undefined);
      for (const gid of [0, ...d.groups.flatMap(familyGroups)]) {
        const values = new Float64Array(w.months);
        row[gid] = values;
        this.series.push({ metric: d.name, group: this.g.names[gid], values });
      }
      this.table.set(d.name, row);
    }
    this.allocateEngineerScratch(w.eng.capacity);
    this.q = new Float64Array(3 * G);
    this.qSizes = new Int32Array(G);
    this.hireRing = new Float64Array(WINDOW * G);
    this.quitRing = new Float64Array(WINDOW * G);
    this.sepRing = new Float64Array(WINDOW * G);
    this.empRing = new Float64Array(WINDOW * G);
    this.j2jRing = new Float64Array(WINDOW * G);
    this.hireCashRing = new Float64Array(WINDOW * G);
    this.juniorRing = new Float64Array(WINDOW * G);
    this.dropSumRing = new Float64Array(WINDOW * G);
    this.dropCountRing = new Float64Array(WINDOW * G);
    this.sums = new Float64Array(G * SUMS);
    this.counts = new Float64Array(G * COUNTS);
    this.levelN = new Float64Array(NUM_LEVELS);
    this.unempN = new Float64Array(NUM_LEVELS);
    this.cellN = new Float64Array(w.typeNames.length * NUM_LEVELS);
    this.cellTenure = new Float64Array(w.typeNames.length * NUM_LEVELS);
    this.firms = new FirmMetrics(this.g);
  }

  /** The per-engineer scratch for `n` engineers (the labour force's capacity). */
  private allocateEngineerScratch(n: number): void {
    this.stats = new OrderStats(n, this.g.count);
    this.typeCol = new Uint8Array(n);
    this.levelCol = new Uint8Array(n);
    this.quartileCol = new Uint8Array(n);
    // Column 0 decides membership: the employed for cash and premium, everyone for wealth.
    this.cashColumns = [this.typeCol, this.levelCol];
    this.wealthColumns = [this.levelCol, this.typeCol];
    this.premiumColumns = [this.typeCol, this.levelCol, this.quartileCol];
    this.work = new Float64Array(n);
    this.quartile = new Uint8Array(n);
  }

  /** Regrows the per-engineer scratch when the labour force has outgrown it. */
  private ensureCapacity(w: World): void {
    if (this.work.length < w.eng.capacity) this.allocateEngineerScratch(w.eng.capacity);
  }

  private put(metric: MetricName, gid: number, v: number, month: number): void {
    const arr = this.table.get(metric)?.[gid];
    if (arr) arr[month] = v;
  }

  /** Records every metric for month index `month` (the state at the end of that month). */
  collect(w: World, month: number): void {
    const g = this.g;
    const G = g.count;
    this.ensureCapacity(w);
    const nEmp = this.sumEngineers(w);
    rankQuartiles(this.work.subarray(0, nEmp), this.stats, this.quartile);
    const sums = this.sums;
    const counts = this.counts;
    const sum = (gid: number, k: number) => sums[gid * SUMS + k];
    const count = (gid: number, k: number) => counts[gid * COUNTS + k];
    // A statistic over an empty group (nothing to average, a share of nothing) is undefined: NaN.
    const ratio = (a: number, c: number) => (c > 0 ? a / c : Number.NaN);
    for (let gid = 0; gid < G; gid++) {
      const emp = count(gid, EMP);
      this.put('cash_base_mean', gid, ratio(sum(gid, CASH), emp), month);
      this.put('total_comp_mean', gid, ratio(sum(gid, COMP), emp), month);
      this.put('token_share_of_comp', gid, ratio(sum(gid, TOKEN_PAY), sum(gid, COMP)), month);
      this.put('token_budget_mean', gid, ratio(sum(gid, BUDGET), emp), month);
      this.put('token_pay_value_mean', gid, ratio(sum(gid, TOKEN_VALUE), emp), month);
      this.put('wealth_mean', gid, ratio(sum(gid, WEALTH), count(gid, WEALTH_N)), month);
      this.put('headcount', gid, emp, month);
      this.put('unemployment_rate', gid, ratio(count(gid, UNEMP), count(gid, FORCE)), month);
      this.put('token_spend_to_payroll', gid, ratio(sum(gid, SPEND), sum(gid, PAYROLL)), month);
      this.put('output_per_engineer', gid, ratio(sum(gid, OUTPUT), emp), month);
      this.put('tenure_mean_months', gid, ratio(count(gid, TENURE), emp), month);
      this.put('firm_specific_leverage_mean', gid, ratio(sum(gid, PHI_F), emp), month);
      this.put('tokens_consumed', gid, sum(gid, USED) + sum(gid, WASTED), month);
      this.put('token_waste_share', gid, ratio(sum(gid, WASTED), sum(gid, USED) + sum(gid, WASTED)), month);
      this.put('cash_raise_rate', gid, w.raiseByGroup[gid], month);
      const c = w.counters;
      this.put('hires', gid, c.hires[gid], month);
      this.put('layoffs', gid, c.layoffs[gid], month);
      this.put('job_to_job_moves', gid, 12 * c.moves[gid], month);
      this.put('firm_exits', gid, c.exits[gid], month);
      this.put('labour_force', gid, count(gid, FORCE), month);
      this.put('entrants', gid, c.entrants[gid], month);
      this.put('exits_to_other_occupations', gid, c.exitsToOtherOccupations[gid], month);
      this.put('vacancies', gid, c.vacancies[gid], month);
      this.put('tightness', gid, ratio(c.vacancies[gid], c.searchers[gid]), month);
      this.put('job_finding_rate', gid, ratio(c.hiresFromUnemployment[gid], c.unemployedSearching[gid]), month);
      this.put('counteroffers', gid, c.counteroffers[gid], month);
      const slotIdx = (month % WINDOW) * G + gid;
      this.quitRing[slotIdx] = c.quits[gid];
      this.sepRing[slotIdx] = c.quits[gid] + c.layoffs[gid] + c.otherSeparations[gid];
      this.empRing[slotIdx] = emp;
      this.j2jRing[slotIdx] = c.hiresFromEmployment[gid];
      this.hireCashRing[slotIdx] = c.hireCash[gid];
      this.hireRing[slotIdx] = c.hires[gid];
      this.juniorRing[slotIdx] = c.juniorHires[gid];
      this.dropSumRing[slotIdx] = c.moverDropSum[gid];
      this.dropCountRing[slotIdx] = c.moverDropCount[gid];
      let hires = 0;
      let juniors = 0;
      let dropSum = 0;
      let dropCount = 0;
      let quits = 0;
      let separations = 0;
      let personMonths = 0;
      let jobToJob = 0;
      for (let k = 0; k < WINDOW; k++) {
        quits += this.quitRing[k * G + gid];
        separations += this.sepRing[k * G + gid];
        personMonths += this.empRing[k * G + gid];
        jobToJob += this.j2jRing[k * G + gid];
        hires += this.hireRing[k * G + gid];
        juniors += this.juniorRing[k * G + gid];
        dropSum += this.dropSumRing[k * G + gid];
        dropCount += this.dropCountRing[k * G + gid];
      }
      this.put('junior_share_of_hires', gid, ratio(juniors, hires), month);
      let recentCash = 0;
      let recentHires = 0;
      for (let k = 0; k < 3; k++) {
        const idx = (((month - k) % WINDOW) + WINDOW) % WINDOW;
        recentCash += this.hireCashRing[idx * G + gid];
        recentHires += this.hireRing[idx * G + gid];
      }
      this.put('new_hire_cash_mean', gid, ratio(recentCash, recentHires), month);
      this.put('job_to_job_share_of_hires', gid, ratio(jobToJob, hires), month);
      // Quits per person-month employed over the trailing year, as an annual probability.
      this.put('quit_rate_annual', gid, personMonths > 0 ? 1 - exp((-12 * quits) / personMonths) : Number.NaN, month);
      this.put('turnover_rate_annual', gid, personMonths > 0 ? 1 - exp((-12 * separations) / personMonths) : Number.NaN, month);
      this.put('mover_output_drop', gid, ratio(dropSum, dropCount), month);
    }
    this.distribution(w, month);
    this.firmMetrics(w, month);
  }

  /**
   * Pass 1 over engineers: the sums by group, each engineer's type and level group (typeCol,
   * levelCol), and the effective budgets of the employed, in engineer order, into `work`.
   * Returns the number employed.
   */
  private sumEngineers(w: World): number {
    const e = w.eng;
    const g = this.g;
    const m = w.market.state;
    const { sums, typeCol, levelCol, levelN, unempN, cellN, cellTenure, work: budgets } = this;
    sums.fill(0);
    levelN.fill(0);
    unempN.fill(0);
    cellN.fill(0);
    cellTenure.fill(0);
    let nEmp = 0;
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      const l = e.level[i];
      const lg = g.level(l);
      const rl = lg * SUMS;
      levelCol[i] = lg;
      levelN[l] += 1;
      const wealth = e.wealth[i];
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
      budgets[nEmp++] = budget;
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

  /**
   * Pass 2: distributions, as exact quantiles by group straight from the engineers' values:
   * base cash and poaching premium of the employed by firm type and level (the premium also by
   * budget quartile), wealth of everyone by level and of the employed by firm type.
   */
  private distribution(w: World, month: number): void {
    const e = w.eng;
    const n = e.n;
    const g = this.g;
    const { stats, q, qSizes: sizes, typeCol, quartileCol, quartile } = this;
    // Groups below quartileOffset: all, firm types, levels.
    const TL = g.quartileOffset;
    groupQuantiles(stats, e.base, n, this.cashColumns, TL, P10_50_90, q, sizes);
    for (let gid = 0; gid < TL; gid++) {
      const any = sizes[gid] > 0;
      this.put('cash_base_p10', gid, any ? q[3 * gid] : Number.NaN, month);
      this.put('cash_base_median', gid, any ? q[3 * gid + 1] : Number.NaN, month);
      this.put('cash_base_p90', gid, any ? q[3 * gid + 2] : Number.NaN, month);
    }
    groupQuantiles(stats, e.wealth, n, this.wealthColumns, TL, P10_50, q, sizes);
    for (let gid = 0; gid < TL; gid++) {
      const any = sizes[gid] > 0;
      this.put('wealth_p10', gid, any ? q[2 * gid] : Number.NaN, month);
      this.put('wealth_median', gid, any ? q[2 * gid + 1] : Number.NaN, month);
    }
    // Poaching premium, also by rank quartile of token budget (ties by engineer id).
    const premium = this.work;
    for (let i = 0, k = 0; i < n; i++) {
      if (typeCol[i] === NO_GROUP) continue;
      premium[i] = employedPoachingPremium(w, i);
      quartileCol[i] = g.quartileOffset + quartile[k++];
    }
    groupQuantiles(stats, premium, n, this.premiumColumns, g.count, P50, q, sizes);
    for (let gid = 0; gid < g.count; gid++) {
      this.put('poaching_premium_median', gid, sizes[gid] > 0 ? q[gid] : Number.NaN, month);
    }
  }

  private firmMetrics(w: World, month: number): void {
    this.firms.collect(w, month, this.putFn);
  }
}
