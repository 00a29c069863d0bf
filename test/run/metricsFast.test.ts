/**
 * The metrics collector against a straightforward recomputation from the world each month:
 * sequential sums per group, a sorted array per group for quantiles, and a full sort for the
 * budget quartiles. Every value must agree bit for bit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { quantileSorted } from '../../sim/lib/quantile.ts';
import { effectiveBudget } from '../../sim/model/policy.ts';
import { currentValue, employedPoachingPremium, poachingPremium } from '../../sim/model/labour.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../../sim/model/world.ts';
import type { World } from '../../sim/model/world.ts';

type Expected = Map<string, number>;

/** metric/group → value for month w.month, computed naively. */
function reference(w: World): Expected {
  const e = w.eng;
  const g = w.groups;
  const out: Expected = new Map();
  const set = (metric: string, gid: number, v: number) => out.set(`${metric}/${g.names[gid]}`, v);
  const groupsOf = (i: number, employedOnly: boolean): number[] => {
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) return employedOnly ? [] : [0, g.level(e.level[i])];
    return [0, g.type(w.firms[slot].type), g.level(e.level[i])];
  };
  const lists = (value: (i: number) => number, employedOnly: boolean, extra?: (i: number) => number): number[][] => {
    const by: number[][] = Array.from({ length: g.count }, () => []);
    for (let i = 0; i < e.n; i++) {
      const gs = groupsOf(i, employedOnly);
      if (extra && gs.length > 0) gs.push(extra(i));
      for (const gid of gs) by[gid].push(value(i));
    }
    return by;
  };
  const q = (xs: number[], p: number) => (xs.length ? quantileSorted(Float64Array.from(xs).sort(), p) : 0);
  // Budget quartiles of the employed: rank by (budget, engineer id).
  const employed: number[] = [];
  for (let i = 0; i < e.n; i++) if (e.employer[i] !== UNEMPLOYED) employed.push(i);
  const budget = (i: number) => effectiveBudget(w.firms[e.employer[i]], e.budget[i], e.rating[i]);
  const order = [...employed].sort((a, b) => budget(a) - budget(b) || a - b);
  const quartileOf = new Map<number, number>();
  order.forEach((i, rank) => quartileOf.set(i, Math.min(3, Math.floor((4 * rank) / employed.length))));
  const cash = lists((i) => e.base[i], true);
  const wealth = lists((i) => e.wealth[i], false);
  const premium = lists((i) => poachingPremium(w, i, currentValue(w, i)), true, (i) => g.quartileOffset + quartileOf.get(i)!);
  for (let gid = 0; gid < g.count; gid++) {
    if (gid < g.quartileOffset) {
      set('cash_base_p10', gid, q(cash[gid], 0.1));
      set('cash_base_median', gid, q(cash[gid], 0.5));
      set('cash_base_p90', gid, q(cash[gid], 0.9));
      set('wealth_p10', gid, q(wealth[gid], 0.1));
      set('wealth_median', gid, q(wealth[gid], 0.5));
      // Sums in engineer order.
      let sumCash = 0;
      for (const x of cash[gid]) sumCash += x;
      let sumWealth = 0;
      for (const x of wealth[gid]) sumWealth += x;
      set('cash_base_mean', gid, cash[gid].length ? sumCash / cash[gid].length : 0);
      set('headcount', gid, cash[gid].length);
      set('wealth_mean', gid, wealth[gid].length ? sumWealth / wealth[gid].length : 0);
    }
    set('poaching_premium_median', gid, q(premium[gid], 0.5));
  }
  // Unemployment and tenure by level (integer sums).
  for (let l = 0; l < NUM_LEVELS; l++) {
    let force = 0;
    let unemp = 0;
    for (let i = 0; i < e.n; i++) {
      if (e.level[i] !== l) continue;
      force += 1;
      if (e.employer[i] === UNEMPLOYED) unemp += 1;
    }
    set('unemployment_rate', g.level(l), force > 0 ? unemp / force : 0);
  }
  let tenure = 0;
  for (const i of employed) tenure += e.tenure[i];
  set('tenure_mean_months', 0, employed.length ? tenure / employed.length : 0);
  // Compute and agents, over alive firms in slot order: all, then each firm type.
  for (const gid of [0, ...w.typeNames.map((_, t) => g.type(t))]) {
    let computeCost = 0;
    let labourCost = 0;
    let X = 0;
    let C = 0;
    let agentTokens = 0;
    for (const f of w.firms) {
      if (!f.alive || (gid !== 0 && g.type(f.type) !== gid)) continue;
      computeCost += f.toolingCost + f.tokenCost + f.agentTokenCost;
      labourCost += f.payroll + f.equityExpense;
      X += f.X;
      C += f.C;
      agentTokens += f.G;
    }
    set('compute_cost_share', gid, computeCost + labourCost > 0 ? computeCost / (computeCost + labourCost) : 0);
    set('autonomous_compute_share', gid, C > 0 ? X / C : 0);
    set('agent_tokens', gid, agentTokens);
  }
  return out;
}

function check(p: Params, seed: number): void {
  const expected: Expected[] = [];
  const r = simulate(p, seed, { inspect: (w) => expected.push(reference(w)) });
  let compared = 0;
  for (let month = 0; month < r.months; month++) {
    for (const s of r.series) {
      const want = expected[month].get(`${s.metric}/${s.group}`);
      if (want === undefined) continue;
      if (!Object.is(s.values[month], want)) throw new Error(`${s.metric}/${s.group} month ${month}: ${s.values[month]} ≠ ${want}`);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(r.months * 50);
}

describe('metrics collector equals a straightforward recomputation', () => {
  it('on the default parameters', () => {
    const p = cloneParams(DEFAULTS);
    p.run.engineers = 600;
    p.run.years = 2;
    check(p, 3);
  });

  it('at σ = 3, where firms run agents (compute cost share, autonomous share, agent tokens)', () => {
    const p = cloneParams(DEFAULTS);
    p.run.engineers = 600;
    p.run.years = 2;
    p.production.sigma = 3;
    let agentMonths = 0;
    simulate(p, 3, { inspect: (w) => void (agentMonths += w.firms.some((f) => f.alive && f.X > 0) ? 1 : 0) });
    expect(agentMonths).toBeGreaterThan(12);
    check(p, 3);
  });

  it('on a scenario with an extra firm type and its own labour market', () => {
    const p = parseScenario(readFileSync('scenarios/cash-sensitive-region.json', 'utf8'), 'cash-sensitive-region.json');
    p.run.engineers = 600;
    p.run.years = 2;
    check(p, 1);
  });
});

describe('the fused poaching premium', () => {
  it('equals poachingPremium(currentValue) for every employed engineer, portable credits included', () => {
    for (const file of ['portable-credits.json', 'tunguz-100k.json', 'huang-half-salary.json']) {
      const p = parseScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
      p.run.engineers = 800;
      p.run.years = 2;
      let compared = 0;
      let positive = 0;
      simulate(p, 2, {
        inspect: (w) => {
          for (let i = 0; i < w.eng.n; i++) {
            if (w.eng.employer[i] === UNEMPLOYED) continue;
            const want = poachingPremium(w, i, currentValue(w, i));
            const got = employedPoachingPremium(w, i);
            if (!Object.is(got, want)) throw new Error(`${file} month ${w.month} engineer ${i}: ${got} ≠ ${want}`);
            compared++;
            if (want > 0) positive++;
          }
        },
      });
      expect(compared).toBeGreaterThan(10_000);
      expect(positive).toBeGreaterThan(0);
    }
  });
});
