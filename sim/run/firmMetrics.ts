/**
 * The firm-level metrics (metricDefs.ts): revenue, margins, cash, targets, compute's shares of
 * output and of cost, agents, token prices — one short pass over firms a month, summed by
 * firm type and for all.
 */
import type { MetricName } from './metricDefs.ts';
import type { Groups, World } from '../model/world.ts';


/** Adds v to the `all` group and to group a. */
function add2(arr: Float64Array, a: number, v: number): void {
  arr[0] += v;
  arr[a] += v;
}

export class FirmMetrics {
  private readonly f: Record<'rev' | 'profit' | 'cash' | 'target' | 'Y' | 'YCC' | 'cost' | 'tokens' | 'computeCost' | 'labourCost' | 'X' | 'C' | 'agents', Float64Array>;

  /** rows: each metric's series by group id (MetricsCollector's). */
  constructor(
    private readonly g: Groups,
    private readonly rows: ReadonlyMap<MetricName, readonly Float64Array[]>,
  ) {
    const a = () => new Float64Array(g.count);
    this.f = { rev: a(), profit: a(), cash: a(), target: a(), Y: a(), YCC: a(), cost: a(), tokens: a(), computeCost: a(), labourCost: a(), X: a(), C: a(), agents: a() };
  }

  /** The series of `metric` for group `gid`: as MetricsCollector.cell, short so that it is inlined. */
  private cell(metric: MetricName, gid: number): Float64Array {
    return this.rows.get(metric)![gid];
  }

  /** Records the firm-level metrics of month index `month`. */
  collect(w: World, month: number): void {
    const g = this.g;
    const G = g.count;
    const m = w.market.state;
    const { rev, profit, cash, target, Y, YCC, cost, tokens, computeCost, labourCost, X, C, agents } = this.f;
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
      add2(computeCost, tg, f.toolingCost + f.tokenCost + f.agentTokenCost);
      add2(labourCost, tg, f.payroll + f.equityExpense);
      add2(X, tg, f.X);
      add2(C, tg, f.C);
      add2(agents, tg, f.G);
      add2(tokens, tg, f.tokensProductive + f.tokensWasted);
    }
    this.cell('token_price_retail', 0)[month] = m.priceRetail;
    this.cell('capability_index', 0)[month] = m.capability;
    this.cell('orchestration_cap', 0)[month] = m.orchestrationCap;
    for (let gid = 0; gid < G; gid++) {
      this.cell('revenue', gid)[month] = rev[gid];
      this.cell('profit_margin', gid)[month] = rev[gid] > 0 ? profit[gid] / rev[gid] : Number.NaN;
      this.cell('firm_cash', gid)[month] = cash[gid];
      this.cell('headcount_target', gid)[month] = target[gid];
      this.cell('compute_share_of_output', gid)[month] = Y[gid] > 0 ? YCC[gid] / Y[gid] : Number.NaN;
      const factorCost = computeCost[gid] + labourCost[gid];
      this.cell('compute_cost_share', gid)[month] = factorCost > 0 ? computeCost[gid] / factorCost : Number.NaN;
      this.cell('autonomous_compute_share', gid)[month] = C[gid] > 0 ? X[gid] / C[gid] : Number.NaN;
      this.cell('agent_tokens', gid)[month] = agents[gid];
    }
    this.cell('token_price_wholesale', 0)[month] = tokens[0] > 0 ? cost[0] / tokens[0] : m.priceRetail;
    for (let t = 0; t < w.typeNames.length; t++) {
      this.cell('token_price_wholesale', g.type(t))[month] = m.priceRetail * w.p.firmTypes[w.typeNames[t]].wholesaleDiscount;
    }
  }
}
