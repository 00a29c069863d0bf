/**
 * The firm-level metrics (metricDefs.ts): revenue, margins, cash, targets, compute's shares of
 * output and of cost, agents, token prices — one short pass over firms a month, summed by
 * firm type and for all.
 */
import type { MetricName } from './metricDefs.ts';
import type { Groups, World } from '../model/world.ts';

type Put = (metric: MetricName, gid: number, v: number, month: number) => void;

/** Adds v to the `all` group and to group a. */
function add2(arr: Float64Array, a: number, v: number): void {
  arr[0] += v;
  arr[a] += v;
}

export class FirmMetrics {
  private readonly f: Record<'rev' | 'profit' | 'cash' | 'target' | 'Y' | 'YCC' | 'cost' | 'tokens' | 'computeCost' | 'labourCost' | 'X' | 'C' | 'agents', Float64Array>;

  constructor(private readonly g: Groups) {
    const a = () => new Float64Array(g.count);
    this.f = { rev: a(), profit: a(), cash: a(), target: a(), Y: a(), YCC: a(), cost: a(), tokens: a(), computeCost: a(), labourCost: a(), X: a(), C: a(), agents: a() };
  }

  /** Records the firm-level metrics of month index `month` through `put`. */
  collect(w: World, month: number, put: Put): void {
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
    put('token_price_retail', 0, m.priceRetail, month);
    put('capability_index', 0, m.capability, month);
    put('orchestration_cap', 0, m.orchestrationCap, month);
    for (let gid = 0; gid < G; gid++) {
      put('revenue', gid, rev[gid], month);
      put('profit_margin', gid, rev[gid] > 0 ? profit[gid] / rev[gid] : Number.NaN, month);
      put('firm_cash', gid, cash[gid], month);
      put('headcount_target', gid, target[gid], month);
      put('compute_share_of_output', gid, Y[gid] > 0 ? YCC[gid] / Y[gid] : Number.NaN, month);
      const factorCost = computeCost[gid] + labourCost[gid];
      put('compute_cost_share', gid, factorCost > 0 ? computeCost[gid] / factorCost : Number.NaN, month);
      put('autonomous_compute_share', gid, C[gid] > 0 ? X[gid] / C[gid] : Number.NaN, month);
      put('agent_tokens', gid, agents[gid], month);
    }
    put('token_price_wholesale', 0, tokens[0] > 0 ? cost[0] / tokens[0] : m.priceRetail, month);
    for (let t = 0; t < w.typeNames.length; t++) {
      put('token_price_wholesale', g.type(t), m.priceRetail * w.p.firmTypes[w.typeNames[t]].wholesaleDiscount, month);
    }
  }
}
