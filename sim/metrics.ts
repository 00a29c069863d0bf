/**
 * Metric collection: once per month, every declared metric (metricDefs.ts) for every group it
 * is reported for, written into preallocated series. One pass over engineers for sums, one
 * sort per group for each distribution metric, and a short pass over firms.
 */
import { METRIC_DEFS } from './metricDefs.ts';
import { quantilesInPlace, rankQuartiles } from './quantile.ts';

export { quantileSorted } from './quantile.ts';
import type { Series } from './result.ts';
import { effectiveBudget } from './policy.ts';
import { currentValue, poachingPremium } from './labour.ts';
import { NUM_LEVELS, UNEMPLOYED } from './world.ts';
import type { Groups, World } from './world.ts';

const WINDOW = 12;
const P10_50_90 = [0.1, 0.5, 0.9] as const;
const P10_50 = [0.1, 0.5] as const;
const P50 = [0.5] as const;

/** Adds v to the `all` group and to group a. */
function add2(arr: Float64Array, a: number, v: number): void {
  arr[0] += v;
  arr[a] += v;
}

/** Adds v to the `all` group and to groups a and b. */
function add3(arr: Float64Array, a: number, b: number, v: number): void {
  arr[0] += v;
  arr[a] += v;
  arr[b] += v;
}

/** Values bucketed by group for distribution metrics (each engineer sits in up to 4 groups). */
class GroupBuckets {
  readonly values: Float64Array;
  readonly counts: Int32Array;
  readonly offsets: Int32Array;
  private readonly fill: Int32Array;
  constructor(n: number, groups: number) {
    this.values = new Float64Array(4 * n);
    this.counts = new Int32Array(groups);
    this.offsets = new Int32Array(groups + 1);
    this.fill = new Int32Array(groups);
  }
  reset(): void {
    this.counts.fill(0);
  }
  /** First pass: count members of group g. */
  tally(g: number): void {
    this.counts[g] += 1;
  }
  /** Between passes: lay out segments. */
  layout(): void {
    this.offsets[0] = 0;
    for (let g = 0; g < this.counts.length; g++) this.offsets[g + 1] = this.offsets[g] + this.counts[g];
    this.fill.set(this.offsets.subarray(0, this.counts.length));
  }
  /** Second pass: store a value for group g. */
  put(g: number, v: number): void {
    this.values[this.fill[g]++] = v;
  }
  /** Segment of group g (reordered by quantile selection). */
  segment(g: number): Float64Array {
    return this.values.subarray(this.offsets[g], this.offsets[g + 1]);
  }
}

export class MetricsCollector {
  readonly series: Series[] = [];
  private readonly table = new Map<string, (Float64Array | undefined)[]>();
  private readonly g: Groups;
  private readonly buckets: GroupBuckets;
  /** Budgets of the employed in engineer order, and a copy reordered by selection. */
  private readonly budgets: Float64Array;
  private readonly budgetScratch: Float64Array;
  /** Budget quartile (0–3) of each employed engineer this month. */
  private readonly quartile: Uint8Array;
  private readonly premium: Float64Array;
  private readonly q = new Float64Array(3);
  private readonly hireRing: Float64Array;
  private readonly juniorRing: Float64Array;
  private readonly dropSumRing: Float64Array;
  private readonly dropCountRing: Float64Array;
  // Per-group sums, reused each month.
  private readonly s: Record<string, Float64Array>;
  private readonly f: Record<'rev' | 'profit' | 'cash' | 'target' | 'Y' | 'YCC' | 'cost' | 'tokens', Float64Array>;

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
    const n = w.eng.n;
    this.buckets = new GroupBuckets(n, G);
    this.budgets = new Float64Array(n);
    this.budgetScratch = new Float64Array(n);
    this.quartile = new Uint8Array(n);
    this.premium = new Float64Array(n);
    this.hireRing = new Float64Array(WINDOW * G);
    this.juniorRing = new Float64Array(WINDOW * G);
    this.dropSumRing = new Float64Array(WINDOW * G);
    this.dropCountRing = new Float64Array(WINDOW * G);
    const names = ['emp', 'cash', 'comp', 'tokenPay', 'budget', 'tenure', 'phiF', 'output', 'used', 'wasted', 'spend', 'payroll', 'wealthN', 'wealth', 'force', 'unemp'];
    this.s = Object.fromEntries(names.map((k) => [k, new Float64Array(G)]));
    const a = () => new Float64Array(G);
    this.f = { rev: a(), profit: a(), cash: a(), target: a(), Y: a(), YCC: a(), cost: a(), tokens: a() };
  }

  private put(metric: string, gid: number, v: number, month: number): void {
    const arr = this.table.get(metric)?.[gid];
    if (arr) arr[month] = v;
  }

  /** Records every metric for month index `month` (the state at the end of that month). */
  collect(w: World, month: number): void {
    const e = w.eng;
    const g = this.g;
    const G = g.count;
    const s = this.s;
    const m = w.market.state;
    for (const k in s) s[k].fill(0);
    // Pass 1: sums by group, and budgets for the quartiles.
    let nEmp = 0;
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      const lg = g.level(e.level[i]);
      s.force[0] += 1;
      s.force[lg] += 1;
      s.wealthN[0] += 1;
      s.wealthN[lg] += 1;
      s.wealth[0] += e.wealth[i];
      s.wealth[lg] += e.wealth[i];
      if (slot === UNEMPLOYED) {
        s.unemp[0] += 1;
        s.unemp[lg] += 1;
        continue;
      }
      const f = w.firms[slot];
      const tg = g.type(f.type);
      const budget = effectiveBudget(f, e.budget[i], e.rating[i]);
      const tokenPay = f.tp.policy.tokenBudgetIsPay === 1 ? budget : 0;
      const comp = e.base[i] + e.equity[i] + tokenPay;
      const spend = (e.tokensUsed[i] + e.tokensWasted[i]) * m.priceRetail * f.tp.wholesaleDiscount;
      this.budgets[nEmp++] = budget;
      s.wealthN[tg] += 1;
      s.wealth[tg] += e.wealth[i];
      add3(s.emp, tg, lg, 1);
      add3(s.cash, tg, lg, e.base[i]);
      add3(s.comp, tg, lg, comp);
      add3(s.tokenPay, tg, lg, tokenPay);
      add3(s.budget, tg, lg, budget);
      add3(s.tenure, tg, lg, e.tenure[i]);
      add3(s.phiF, tg, lg, e.phiF[i]);
      add3(s.output, tg, lg, e.output[i]);
      add3(s.used, tg, lg, e.tokensUsed[i]);
      add3(s.wasted, tg, lg, e.tokensWasted[i]);
      add3(s.spend, tg, lg, spend);
      add3(s.payroll, tg, lg, e.base[i] / 12);
    }
    this.assignQuartiles(nEmp);
    const ratio = (a: number, c: number) => (c > 0 ? a / c : 0);
    for (let gid = 0; gid < G; gid++) {
      this.put('cash_base_mean', gid, ratio(s.cash[gid], s.emp[gid]), month);
      this.put('total_comp_mean', gid, ratio(s.comp[gid], s.emp[gid]), month);
      this.put('token_share_of_comp', gid, ratio(s.tokenPay[gid], s.comp[gid]), month);
      this.put('token_budget_mean', gid, ratio(s.budget[gid], s.emp[gid]), month);
      this.put('wealth_mean', gid, ratio(s.wealth[gid], s.wealthN[gid]), month);
      this.put('headcount', gid, s.emp[gid], month);
      this.put('unemployment_rate', gid, ratio(s.unemp[gid], s.force[gid]), month);
      this.put('token_spend_to_payroll', gid, ratio(s.spend[gid], s.payroll[gid]), month);
      this.put('output_per_engineer', gid, ratio(s.output[gid], s.emp[gid]), month);
      this.put('tenure_mean_months', gid, ratio(s.tenure[gid], s.emp[gid]), month);
      this.put('firm_specific_leverage_mean', gid, ratio(s.phiF[gid], s.emp[gid]), month);
      this.put('tokens_consumed', gid, s.used[gid] + s.wasted[gid], month);
      this.put('token_waste_share', gid, ratio(s.wasted[gid], s.used[gid] + s.wasted[gid]), month);
      this.put('cash_raise_rate', gid, Number.isNaN(w.raiseByGroup[gid]) ? 0 : w.raiseByGroup[gid], month);
      const c = w.counters;
      const emp = Math.max(1, s.emp[gid]);
      this.put('hires', gid, c.hires[gid], month);
      this.put('layoffs', gid, c.layoffs[gid], month);
      this.put('quit_rate_annual', gid, (12 * c.quits[gid]) / emp, month);
      this.put('job_to_job_moves', gid, 12 * c.moves[gid], month);
      this.put('firm_exits', gid, c.exits[gid], month);
      const slotIdx = (month % WINDOW) * G + gid;
      this.hireRing[slotIdx] = c.hires[gid];
      this.juniorRing[slotIdx] = c.juniorHires[gid];
      this.dropSumRing[slotIdx] = c.moverDropSum[gid];
      this.dropCountRing[slotIdx] = c.moverDropCount[gid];
      let hires = 0;
      let juniors = 0;
      let dropSum = 0;
      let dropCount = 0;
      for (let k = 0; k < WINDOW; k++) {
        hires += this.hireRing[k * G + gid];
        juniors += this.juniorRing[k * G + gid];
        dropSum += this.dropSumRing[k * G + gid];
        dropCount += this.dropCountRing[k * G + gid];
      }
      this.put('junior_share_of_hires', gid, ratio(juniors, hires), month);
      this.put('mover_output_drop', gid, ratio(dropSum, dropCount), month);
    }
    // Pass 2: distributions. Count group members, lay out, fill, sort, read quantiles.
    this.distribution(w, month);
    this.firmMetrics(w, month);
  }

  private distribution(w: World, month: number): void {
    const e = w.eng;
    const g = this.g;
    const b = this.buckets;
    // Cash base (employed).
    b.reset();
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      if (slot === UNEMPLOYED) continue;
      b.tally(0);
      b.tally(g.type(w.firms[slot].type));
      b.tally(g.level(e.level[i]));
    }
    b.layout();
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      if (slot === UNEMPLOYED) continue;
      b.put(0, e.base[i]);
      b.put(g.type(w.firms[slot].type), e.base[i]);
      b.put(g.level(e.level[i]), e.base[i]);
    }
    const q = this.q;
    for (let gid = 0; gid < g.quartileOffset; gid++) {
      const a = b.segment(gid);
      quantilesInPlace(a, P10_50_90, q);
      this.put('cash_base_p10', gid, a.length ? q[0] : 0, month);
      this.put('cash_base_median', gid, a.length ? q[1] : 0, month);
      this.put('cash_base_p90', gid, a.length ? q[2] : 0, month);
    }
    // Wealth: everyone in all and level groups; the employed in their firm type's group.
    b.reset();
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      b.tally(0);
      b.tally(g.level(e.level[i]));
      if (slot !== UNEMPLOYED) b.tally(g.type(w.firms[slot].type));
    }
    b.layout();
    for (let i = 0; i < e.n; i++) {
      const slot = e.employer[i];
      b.put(0, e.wealth[i]);
      b.put(g.level(e.level[i]), e.wealth[i]);
      if (slot !== UNEMPLOYED) b.put(g.type(w.firms[slot].type), e.wealth[i]);
    }
    for (let gid = 0; gid < g.quartileOffset; gid++) {
      const a = b.segment(gid);
      quantilesInPlace(a, P10_50, q);
      this.put('wealth_p10', gid, a.length ? q[0] : 0, month);
      this.put('wealth_median', gid, a.length ? q[1] : 0, month);
    }
    // Poaching premium (employed), also by rank quartile of token budget (ties by engineer id).
    b.reset();
    for (let i = 0, k = 0; i < e.n; i++) {
      const slot = e.employer[i];
      if (slot === UNEMPLOYED) continue;
      this.premium[i] = poachingPremium(w, i, currentValue(w, i));
      b.tally(0);
      b.tally(g.type(w.firms[slot].type));
      b.tally(g.level(e.level[i]));
      b.tally(g.quartileOffset + this.quartile[k++]);
    }
    b.layout();
    for (let i = 0, k = 0; i < e.n; i++) {
      const slot = e.employer[i];
      if (slot === UNEMPLOYED) continue;
      const v = this.premium[i];
      b.put(0, v);
      b.put(g.type(w.firms[slot].type), v);
      b.put(g.level(e.level[i]), v);
      b.put(g.quartileOffset + this.quartile[k++], v);
    }
    for (let gid = 0; gid < g.count; gid++) {
      const a = b.segment(gid);
      quantilesInPlace(a, P50, q);
      this.put('poaching_premium_median', gid, a.length ? q[0] : 0, month);
    }
  }

  private assignQuartiles(nEmp: number): void {
    rankQuartiles(this.budgets.subarray(0, nEmp), this.budgetScratch, this.quartile);
  }

  private firmMetrics(w: World, month: number): void {
    const g = this.g;
    const G = g.count;
    const m = w.market.state;
    const { rev, profit, cash, target, Y, YCC, cost, tokens } = this.f;
    for (const k in this.f) this.f[k as keyof typeof this.f].fill(0);
    for (const f of w.firms) {
      if (!f.alive) continue;
      const tg = g.type(f.type);
      add2(rev, tg, 12 * f.revenue);
      add2(profit, tg, 12 * f.profit);
      add2(cash, tg, f.cash);
      add2(target, tg, f.target);
      add2(Y, tg, f.Y);
      add2(YCC, tg, f.YC * f.C);
      add2(cost, tg, f.tokenCost);
      add2(tokens, tg, f.tokensProductive + f.tokensWasted);
    }
    this.put('token_price_retail', 0, m.priceRetail, month);
    this.put('capability_index', 0, m.capability, month);
    this.put('orchestration_cap', 0, m.orchestrationCap, month);
    for (let gid = 0; gid < G; gid++) {
      this.put('revenue', gid, rev[gid], month);
      this.put('profit_margin', gid, rev[gid] > 0 ? profit[gid] / rev[gid] : 0, month);
      this.put('firm_cash', gid, cash[gid], month);
      this.put('headcount_target', gid, target[gid], month);
      this.put('compute_share_of_output', gid, Y[gid] > 0 ? YCC[gid] / Y[gid] : 0, month);
    }
    this.put('token_price_wholesale', 0, tokens[0] > 0 ? cost[0] / tokens[0] : m.priceRetail, month);
    for (let t = 0; t < w.typeNames.length; t++) {
      this.put('token_price_wholesale', g.type(t), m.priceRetail * w.p.firmTypes[w.typeNames[t]].wholesaleDiscount, month);
    }
  }
}
