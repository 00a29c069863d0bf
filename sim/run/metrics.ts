/**
 * Metric collection: once per month, every declared metric (metricDefs.ts) for every group it
 * is reported for, written into preallocated series. One pass over engineers for sums, group
 * columns and value ranges (engineerPass.ts), exact quantiles by group from bucket histograms
 * (orderStats.ts) for each distribution metric, the three histograms counted in one more pass
 * (metricRounds.ts), and a short pass over firms.
 *
 * Results are bit for bit those of a straightforward version (a sequential sum per group, a
 * sorted array per group): floating-point sums take their terms in engineer order, integer
 * sums are exact in any order, and quantiles are exact order statistics (see quantile.ts).
 */
import { METRIC_DEFS, type MetricName } from './metricDefs.ts';
import { rankQuartiles, roundQuantiles } from '../lib/groupStats.ts';
import { MetricRounds } from './metricRounds.ts';

export { quantileSorted } from '../lib/quantile.ts';
import type { Series } from './result.ts';
import { NUM_LEVELS } from '../model/world.ts';
import type { Groups, World } from '../model/world.ts';
import { exp } from '../lib/dmath.ts';
import { FirmMetrics } from './firmMetrics.ts';
import { COUNTS, EMP, EngineerPass, FORCE, Sum, TENURE, UNEMP, WEALTH_N } from './engineerPass.ts';

const WINDOW = 12;
/** A statistic over an empty group (nothing to average, a share of nothing) is undefined: NaN. */
const ratio = (a: number, c: number): number => (c > 0 ? a / c : Number.NaN);
const P10_50_90 = [0.1, 0.5, 0.9] as const;
const P10_50 = [0.1, 0.5] as const;
const P50 = [0.5] as const;

export class MetricsCollector {
  readonly series: Series[] = [];
  /** Each metric's series by group id; `unreported` for a group it is not reported for. */
  private readonly rows = new Map<MetricName, Float64Array[]>();
  private readonly g: Groups;
  /** Exact order statistics by group: the quantile rounds, counted together (the budget quartiles use the cash round's). */
  private rounds!: MetricRounds;
  /** Pass 1: sums, group columns by firm type and level, budgets and value ranges. */
  private readonly pass: EngineerPass;
  /** Each employed engineer's group by budget quartile this month (a column of the premium round). */
  private quartileCol!: Uint8Array;
  private cashColumns!: readonly Uint8Array[];
  private wealthColumns!: readonly Uint8Array[];
  private premiumColumns!: readonly Uint8Array[];
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
  private readonly firms: FirmMetrics;
  /** Where a metric goes for a group it is not reported for (written, never read). */
  private readonly unreported: Float64Array;

  constructor(w: World) {
    this.g = w.groups;
    const G = this.g.count;
    this.unreported = new Float64Array(w.months);
    const familyGroups = (fam: string): number[] => {
      const ids: number[] = [];
      if (fam === 'firmType') for (let t = 0; t < w.typeNames.length; t++) ids.push(this.g.type(t));
      if (fam === 'level') for (let l = 0; l < NUM_LEVELS; l++) ids.push(this.g.level(l));
      if (fam === 'budgetQuartile') for (let q = 0; q < 4; q++) ids.push(this.g.quartileOffset + q);
      return ids;
    };
    for (const d of METRIC_DEFS) {
      const row: Float64Array[] = new Array<Float64Array>(G).fill(this.unreported);
      for (const gid of [0, ...d.groups.flatMap(familyGroups)]) {
        const values = new Float64Array(w.months);
        row[gid] = values;
        this.series.push({ metric: d.name, group: this.g.names[gid], values });
      }
      this.rows.set(d.name, row);
    }
    this.pass = new EngineerPass(this.g, w.typeNames.length, w.eng.capacity);
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
    this.firms = new FirmMetrics(this.g, this.rows);
  }

  /** The per-engineer scratch for `n` engineers (the labour force's capacity). */
  private allocateEngineerScratch(n: number): void {
    const g = this.g;
    this.rounds = new MetricRounds(n, g.quartileOffset, g.count);
    if (this.pass.budgets.length < n) this.pass.reserve(n);
    const { typeCol, levelCol } = this.pass;
    this.quartileCol = new Uint8Array(n);
    const types0 = g.type(0);
    const levels0 = g.level(0);
    this.rounds.columns(typeCol, levelCol, this.quartileCol, types0, types0 + g.typeNames.length, levels0, levels0 + NUM_LEVELS);
    // Column 0 decides membership: the employed for cash and premium, everyone for wealth.
    this.cashColumns = [typeCol, levelCol];
    this.wealthColumns = [levelCol, typeCol];
    this.premiumColumns = [typeCol, levelCol, this.quartileCol];
    this.quartile = new Uint8Array(n);
  }

  /** Regrows the per-engineer scratch when the labour force has outgrown it. */
  private ensureCapacity(w: World): void {
    if (this.quartile.length < w.eng.capacity) this.allocateEngineerScratch(w.eng.capacity);
  }

  /**
   * The series of `metric` for group `gid`, for the caller to store this month's value in
   * (`this.cell(metric, gid)[month] = v`). The value is not an argument, and the body is this
   * short so that V8 inlines every call however large collect is: a double passed to or
   * returned from a call that is not inlined is boxed on the heap (hundreds a month).
   */
  private cell(metric: MetricName, gid: number): Float64Array {
    return this.rows.get(metric)![gid];
  }

  /** Records every metric for month index `month` (the state at the end of that month). */
  collect(w: World, month: number): void {
    const g = this.g;
    const G = g.count;
    this.ensureCapacity(w);
    const pass = this.pass;
    const nEmp = pass.run(w);
    rankQuartiles(pass.budgets, this.rounds.cash, this.quartile, pass.budgetRange, nEmp);
    const { sums, counts } = pass;
    for (let gid = 0; gid < G; gid++) {
      // This group's sums and counts (sums[s + Sum.Cash], counts[n + EMP], …).
      const s = gid * Sum.Entries;
      const n = gid * COUNTS;
      const emp = counts[n + EMP];
      this.cell('cash_base_mean', gid)[month] = ratio(sums[s + Sum.Cash], emp);
      this.cell('total_comp_mean', gid)[month] = ratio(sums[s + Sum.Comp], emp);
      this.cell('token_share_of_comp', gid)[month] = ratio(sums[s + Sum.TokenPay], sums[s + Sum.Comp]);
      this.cell('token_budget_mean', gid)[month] = ratio(sums[s + Sum.Budget], emp);
      this.cell('token_pay_value_mean', gid)[month] = ratio(sums[s + Sum.TokenValue], emp);
      this.cell('wealth_mean', gid)[month] = ratio(sums[s + Sum.Wealth], counts[n + WEALTH_N]);
      this.cell('headcount', gid)[month] = emp;
      this.cell('unemployment_rate', gid)[month] = ratio(counts[n + UNEMP], counts[n + FORCE]);
      this.cell('token_spend_to_payroll', gid)[month] = ratio(sums[s + Sum.Spend], sums[s + Sum.Payroll]);
      this.cell('output_per_engineer', gid)[month] = ratio(sums[s + Sum.Output], emp);
      this.cell('tenure_mean_months', gid)[month] = ratio(counts[n + TENURE], emp);
      this.cell('firm_specific_leverage_mean', gid)[month] = ratio(sums[s + Sum.PhiF], emp);
      this.cell('tokens_consumed', gid)[month] = sums[s + Sum.Used] + sums[s + Sum.Wasted];
      this.cell('token_waste_share', gid)[month] = ratio(sums[s + Sum.Wasted], sums[s + Sum.Used] + sums[s + Sum.Wasted]);
      this.cell('cash_raise_rate', gid)[month] = w.raiseByGroup[gid];
      const c = w.counters;
      this.cell('hires', gid)[month] = c.hires[gid];
      this.cell('layoffs', gid)[month] = c.layoffs[gid];
      this.cell('job_to_job_moves', gid)[month] = 12 * c.moves[gid];
      this.cell('firm_exits', gid)[month] = c.exits[gid];
      this.cell('labour_force', gid)[month] = counts[n + FORCE];
      this.cell('entrants', gid)[month] = c.entrants[gid];
      this.cell('exits_to_other_occupations', gid)[month] = c.exitsToOtherOccupations[gid];
      this.cell('vacancies', gid)[month] = c.vacancies[gid];
      this.cell('tightness', gid)[month] = ratio(c.vacancies[gid], c.searchers[gid]);
      this.cell('job_finding_rate', gid)[month] = ratio(c.hiresFromUnemployment[gid], c.unemployedSearching[gid]);
      this.cell('counteroffers', gid)[month] = c.counteroffers[gid];
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
      this.cell('junior_share_of_hires', gid)[month] = ratio(juniors, hires);
      let recentCash = 0;
      let recentHires = 0;
      for (let k = 0; k < 3; k++) {
        const idx = (((month - k) % WINDOW) + WINDOW) % WINDOW;
        recentCash += this.hireCashRing[idx * G + gid];
        recentHires += this.hireRing[idx * G + gid];
      }
      this.cell('new_hire_cash_mean', gid)[month] = ratio(recentCash, recentHires);
      this.cell('job_to_job_share_of_hires', gid)[month] = ratio(jobToJob, hires);
      // Quits per person-month employed over the trailing year, as an annual probability.
      this.cell('quit_rate_annual', gid)[month] = personMonths > 0 ? 1 - exp((-12 * quits) / personMonths) : Number.NaN;
      this.cell('turnover_rate_annual', gid)[month] = personMonths > 0 ? 1 - exp((-12 * separations) / personMonths) : Number.NaN;
      this.cell('mover_output_drop', gid)[month] = ratio(dropSum, dropCount);
    }
    this.distribution(w, month);
    this.firmMetrics(w, month);
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
    const { rounds, q, qSizes: sizes, quartile, pass } = this;
    // One loop counts the three rounds and sets the premium round's third column, the budget
    // quartile groups; with NaN in one, each round is counted on its own.
    const together = rounds.count(n, quartile, g.quartileOffset, e.base, pass.cashRange, e.wealth, pass.wealthRange, pass.premium, pass.premiumRange);
    if (!together) rounds.setQuartiles(n, quartile, g.quartileOffset);
    // Groups below quartileOffset: all, firm types, levels.
    const TL = g.quartileOffset;
    const cashCounted = together || rounds.cash.count(e.base, n, this.cashColumns, TL, pass.cashRange);
    roundQuantiles(cashCounted, rounds.cash, e.base, n, this.cashColumns, TL, P10_50_90, q, sizes);
    for (let gid = 0; gid < TL; gid++) {
      const any = sizes[gid] > 0;
      this.cell('cash_base_p10', gid)[month] = any ? q[3 * gid] : Number.NaN;
      this.cell('cash_base_median', gid)[month] = any ? q[3 * gid + 1] : Number.NaN;
      this.cell('cash_base_p90', gid)[month] = any ? q[3 * gid + 2] : Number.NaN;
    }
    const wealthCounted = together || rounds.wealth.count(e.wealth, n, this.wealthColumns, TL, pass.wealthRange);
    roundQuantiles(wealthCounted, rounds.wealth, e.wealth, n, this.wealthColumns, TL, P10_50, q, sizes);
    for (let gid = 0; gid < TL; gid++) {
      const any = sizes[gid] > 0;
      this.cell('wealth_p10', gid)[month] = any ? q[2 * gid] : Number.NaN;
      this.cell('wealth_median', gid)[month] = any ? q[2 * gid + 1] : Number.NaN;
    }
    // Poaching premium (computed in pass 1), also by rank quartile of token budget (ties by engineer id).
    const premiumCounted = together || rounds.premium.count(pass.premium, n, this.premiumColumns, g.count, pass.premiumRange);
    roundQuantiles(premiumCounted, rounds.premium, pass.premium, n, this.premiumColumns, g.count, P50, q, sizes);
    for (let gid = 0; gid < g.count; gid++) {
      this.cell('poaching_premium_median', gid)[month] = sizes[gid] > 0 ? q[gid] : Number.NaN;
    }
  }

  private firmMetrics(w: World, month: number): void {
    this.firms.collect(w, month);
  }
}
