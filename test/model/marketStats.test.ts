/** Market statistics behind search and poaching premiums: the market wage, budget and equity by level, and the unemployed and labour force by labour market. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { offerCash, unemployedByMarket, updateMarketStats } from '../../sim/model/offers.ts';
import { policyBudget } from '../../sim/model/policy.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { marketLevel, NUM_LEVELS, UNEMPLOYED } from '../../sim/model/world.ts';
import type { Firm, World } from '../../sim/model/world.ts';

/** A small world (seed 1) from the defaults or a scenario file. */
function smallWorld(scenario?: string): World {
  const p: Params = scenario ? parseScenario(readFileSync(`scenarios/${scenario}.json`, 'utf8'), scenario) : cloneParams(DEFAULTS);
  [p.run.engineers, p.run.firms, p.run.years] = [1000, 10, 1];
  return createWorld(p, 1);
}

const ids = (w: World) => [...Array(w.eng.n).keys()];
const equityOf = (f: Firm, level: number) => f.tp.policy.equityByLevel[LEVELS[level]];

describe('updateMarketStats and unemployedByMarket', () => {
  it('the market wage is the mean cash offer at mean skill, weighted by headcount (at least one), of alive firms', () => {
    const w = smallWorld();
    const [small, closed] = w.firms;
    small.n = 0;
    closed.alive = false;
    closed.offerValue[1] *= 10;
    updateMarketStats(w);
    for (let l = 0; l < NUM_LEVELS; l++) {
      let [weights, wage, budget, equity] = [0, 0, 0, 0];
      for (const f of w.firms.filter((x) => x.alive)) {
        const weight = Math.max(1, f.n);
        weights += weight;
        wage += weight * offerCash(w, f, l, 1);
        budget += weight * policyBudget(f.tp.policy, offerCash(w, f, l, 1)) * f.budgetScale;
        equity += weight * equityOf(f, l);
      }
      expect(w.marketBase[marketLevel(0, l)]).toBeCloseTo(wage / weights, 6);
      expect(w.marketBudget[marketLevel(0, l)]).toBeCloseTo(budget / weights, 6);
      expect(w.marketEquity[marketLevel(0, l)]).toBeCloseTo(equity / weights, 6);
    }
  });

  it('a labour market whose firms have all closed keeps its last wage', () => {
    const w = smallWorld('cash-sensitive-region');
    const region = w.typeNames.indexOf('region');
    const k = marketLevel(w.marketOfType[region], 2);
    updateMarketStats(w);
    const before = w.marketBase[k];
    for (const f of w.firms) if (f.type === region) [f.alive, f.offerValue[2]] = [false, 3 * f.offerValue[2]];
    updateMarketStats(w);
    expect(w.marketBase[k]).toBe(before);
    for (const f of w.firms) if (f.type === region) f.alive = true;
    updateMarketStats(w);
    expect(w.marketBase[k]).toBeGreaterThan(2 * before);
  });

  it('counts the unemployed and the labour force of each labour market', () => {
    const w = smallWorld('cash-sensitive-region');
    const e = w.eng;
    const [unemp, force] = [new Float64Array(w.markets), new Float64Array(w.markets)];
    unemployedByMarket(w, unemp, force);
    for (let m = 0; m < w.markets; m++) {
      const members = ids(w).filter((i) => e.labourMarket[i] === m);
      expect(force[m]).toBe(members.length);
      expect(unemp[m]).toBe(members.filter((i) => e.employer[i] === UNEMPLOYED).length);
    }
    expect(force.reduce((a, b) => a + b, 0)).toBe(e.n);
  });
});
