/**
 * Unit tests of sim/model/offers.ts on small worlds built with the engine's own constructor
 * (createWorld): how a posted value turns into cash and back, what a hire costs and yields,
 * the month-0 offers and means, market pay from accepted offers, the monthly offer rule with
 * its cap at marginal revenue, and the market package that search and poaching read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS, cloneParams } from '../../sim/model/params.ts';
import type { CompPolicy, Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import {
  adjustOffers,
  capValue,
  cashForValue,
  hireEconomics,
  initMarketPay,
  offerFloor,
  initSearcherMeans,
  offerCash,
  offerCashFromTerms,
  offerCashTerms,
  OFFER_TERMS,
  recordAcceptedOffer,
  tokenValueFactor,
  updateMarketPay,
  valueOfCash,
} from '../../sim/model/offers.ts';
import { marginalRevenueOfOutput } from '../../sim/model/firms.ts';
import { policyBudget } from '../../sim/model/policy.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { marketLevel, NUM_LEVELS } from '../../sim/model/world.ts';
import type { Firm, World } from '../../sim/model/world.ts';

/** A small world (seed 1) from the defaults, or from a scenario file, after `change` has edited its parameters. */
function smallWorld(change: (p: Params) => void = () => {}, scenario?: string): World {
  const p = scenario ? parseScenario(readFileSync(`scenarios/${scenario}.json`, 'utf8'), scenario) : cloneParams(DEFAULTS);
  p.run.engineers = 1000;
  p.run.firms = 10;
  p.run.years = 1;
  change(p);
  return createWorld(p, 1);
}

/** Sets policy fields in every firm type. */
const everyPolicy = (over: Partial<CompPolicy>) => (p: Params) => {
  for (const t of Object.values(p.firmTypes)) Object.assign(t.policy, over);
};
/** Every firm type pays its token budget as pay: 10 % of base plus $2,000. */
const tokenPay = everyPolicy({ tokenBudgetIsPay: 1, tokenBudgetShareOfBase: 0.1, tokenBudgetFixed: 2_000 });

const ids = (w: World) => [...Array(w.eng.n).keys()];
const alive = (w: World) => w.firms.filter((f) => f.alive && f.n > 0);
const biggest = (w: World): Firm => w.firms.reduce((a, b) => (b.n > a.n ? b : a));
const cell = (w: World, f: Firm, level: number) => marketLevel(w.marketOfType[f.type], level);
const equityOf = (f: Firm, level: number) => f.tp.policy.equityByLevel[LEVELS[level]];
/** The searcher's valuation a = λ̄·f and leverage κ = φ̄p that firm f's offers assume at this level. */
const searcher = (w: World, f: Firm, level: number) => ({ a: w.lambdaBar[cell(w, f, level)] * tokenValueFactor(w, f), kappa: w.phiBar[cell(w, f, level)] });

describe('tokenValueFactor and capValue', () => {
  it('tokens count in full when the budget is pay, at the tools setting when it is a tools budget', () => {
    const w = smallWorld((p) => ((p.firmTypes.startup.policy.tokenBudgetIsPay = 1), (p.labour.toolsBudgetValuation = 0.4)));
    for (const f of w.firms) expect(tokenValueFactor(w, f)).toBe(f.tp.policy.tokenBudgetIsPay === 1 ? 1 : 0.4);
    expect(w.firms.some((f) => tokenValueFactor(w, f) === 1)).toBe(true);
  });

  it('the usable value at the cap is orchestration cap × κ × retail price × 12', () => {
    const w = smallWorld();
    const m = w.market.state;
    expect(capValue(w, 0.5)).toBeCloseTo(m.orchestrationCap * 0.5 * m.priceRetail * 12, 9);
    expect(capValue(w, 0)).toBe(0);
  });
});

describe('cashForValue, offerCash and valueOfCash', () => {
  it('cashForValue inverts valueOfCash on the linear piece and on the flat one (cap or budget cap binding)', () => {
    const w = smallWorld((p) => (tokenPay(p), (p.firmTypes.bigtech.policy.tokenBudgetCap = 12_000)));
    biggest(w).budgetScale = 1.5;
    const pieces = new Set<string>();
    for (const f of alive(w)) {
      for (let l = 0; l < NUM_LEVELS; l++) {
        const { a, kappa } = searcher(w, f, l);
        expect(a).toBeGreaterThan(0);
        for (const extra of [30_000, 80_000, 150_000, 300_000, 600_000]) {
          const value = equityOf(f, l) * f.tp.equityRiskDiscount + extra;
          const cash = cashForValue(w, f, value, equityOf(f, l), a, kappa);
          expect(cash).toBeGreaterThan(0);
          expect(valueOfCash(w, f, l, cash) / value).toBeCloseTo(1, 12);
          const pol = f.tp.policy;
          const h = f.tp.hostedUsableShare * f.budgetScale;
          const wanted = h * (pol.tokenBudgetShareOfBase * cash + pol.tokenBudgetFixed);
          const budgetCap = h * pol.tokenBudgetCap;
          pieces.add(wanted <= Math.min(budgetCap, capValue(w, kappa)) ? 'linear' : budgetCap < capValue(w, kappa) ? 'budget cap' : 'orchestration cap');
        }
      }
    }
    expect([...pieces].sort()).toEqual(['budget cap', 'linear', 'orchestration cap']);
  });

  it('on the linear piece, each dollar of value costs 1 ÷ (1 + a·h·share) dollars of cash', () => {
    const w = smallWorld(tokenPay);
    const f = biggest(w);
    const share = f.tp.policy.tokenBudgetShareOfBase;
    const a = 0.6;
    const kappa = 1e6; // the cap never binds
    const slope = cashForValue(w, f, 101_000, 0, a, kappa) - cashForValue(w, f, 100_000, 0, a, kappa);
    expect(slope / 1_000).toBeCloseTo(1 / (1 + a * f.tp.hostedUsableShare * share), 12);
    // On the flat piece, cash takes the whole of any extra value.
    const flat = cashForValue(w, f, 301_000, 0, a, 0.01) - cashForValue(w, f, 300_000, 0, a, 0.01);
    expect(flat).toBeCloseTo(1_000, 6);
  });

  it('a tools budget (f = 0) leaves cash = value − equity × discount, whatever the searchers’ λ̄', () => {
    const w = smallWorld();
    for (const f of alive(w)) {
      expect(tokenValueFactor(w, f)).toBe(0);
      for (let l = 0; l < NUM_LEVELS; l++) {
        const expected = f.offerValue[l] - equityOf(f, l) * f.tp.equityRiskDiscount;
        expect(offerCash(w, f, l, 1)).toBeCloseTo(expected, 6);
        expect(cashForValue(w, f, 250_000, equityOf(f, l), 0, 0.5)).toBeCloseTo(250_000 - equityOf(f, l) * f.tp.equityRiskDiscount, 6);
      }
    }
  });

  it('cash is never negative, even when equity alone is worth more than the value', () => {
    const w = smallWorld(tokenPay);
    const f = biggest(w);
    expect(cashForValue(w, f, 1_000, 250_000, 0, 0.5)).toBe(0);
    expect(cashForValue(w, f, 1_000, 250_000, 0.8, 0.5)).toBe(0);
  });

  it('at month 0 each firm offers its policy base at mean skill, and pay scales with the skill factor', () => {
    for (const w of [smallWorld(), smallWorld(tokenPay)]) {
      for (const f of alive(w)) {
        for (let l = 0; l < NUM_LEVELS; l++) {
          expect(offerCash(w, f, l, 1) / f.tp.policy.baseByLevel[LEVELS[l]]).toBeCloseTo(1, 12);
          expect(valueOfCash(w, f, l, offerCash(w, f, l, 1.2)) / (1.2 * f.offerValue[l])).toBeCloseTo(1, 12);
        }
      }
    }
  });
});

describe('offerCashTerms and offerCashFromTerms', () => {
  it('give offerCash bit for bit, on both pieces of cashForValue, with and without token pay', () => {
    const t = new Float64Array(2 * OFFER_TERMS);
    const pieces = [0, 0];
    const policies = [everyPolicy({}), tokenPay, everyPolicy({ tokenBudgetIsPay: 1, tokenBudgetShareOfBase: 0.5, tokenBudgetCap: 20_000 })];
    for (const w of policies.map((p) => smallWorld(p))) {
      for (const f of w.firms) {
        for (let l = 0; l < NUM_LEVELS; l++) {
          offerCashTerms(w, f, l, t, OFFER_TERMS);
          for (const factor of [0, 0.3, 0.77, 1, 1.2345, 3, 40]) {
            const want = offerCash(w, f, l, factor);
            const got = offerCashFromTerms(t, OFFER_TERMS, factor);
            if (!Object.is(got, want)) throw new Error(`slot ${f.slot} level ${l} factor ${factor}: ${got} ≠ ${want}`);
            // Which piece of cashForValue the offer is on (the budget and cap bind, or not).
            if (t[OFFER_TERMS + 2] > 0) {
              const linear = (factor * t[OFFER_TERMS] - t[OFFER_TERMS + 1] - t[OFFER_TERMS + 5]) / t[OFFER_TERMS + 6];
              pieces[t[OFFER_TERMS + 3] * (t[OFFER_TERMS + 7] * linear + t[OFFER_TERMS + 8]) <= t[OFFER_TERMS + 4] ? 0 : 1]++;
            }
          }
        }
      }
    }
    expect(pieces[0]).toBeGreaterThan(0);
    expect(pieces[1]).toBeGreaterThan(0);
  });
});

describe('hireEconomics', () => {
  it('output is Y_L·s + Y_C·(1 + Q·κ·e·tokens) and cost is pay and tooling plus tokens at wholesale', () => {
    const w = smallWorld(tokenPay);
    const f = biggest(w);
    const m = w.market.state;
    const pp = w.p.production;
    const out = { output: 0, cost: 0 };
    for (let l = 0; l < NUM_LEVELS; l++) {
      const cash = 150_000 + 50_000 * l;
      const kappa = w.phiBar[cell(w, f, l)];
      const budget = policyBudget(f.tp.policy, cash) * f.budgetScale;
      const tokens = Math.min((budget / 12) * f.tp.hostedUsableShare / m.priceRetail, m.orchestrationCap * kappa);
      hireEconomics(w, f, l, cash, out);
      expect(out.output).toBeCloseTo(f.YL * w.levelSkill[l] + f.YC * (1 + m.capability * kappa * pp.effectiveComputePerMTokens * tokens), 9);
      expect(out.cost).toBeCloseTo((cash + equityOf(f, l) + pp.toolingCostPerEngineerYear) / 12 + tokens * m.priceRetail * f.tp.wholesaleDiscount, 6);
    }
  });

  it('at a firm with no output yet, a hire’s output is the level’s mean skill', () => {
    const w = smallWorld();
    const f = biggest(w);
    f.Y = 0;
    const out = { output: 0, cost: 0 };
    for (let l = 0; l < NUM_LEVELS; l++) {
      hireEconomics(w, f, l, 100_000, out);
      expect(out.output).toBe(w.levelSkill[l]);
    }
  });
});

describe('month-0 means and market pay', () => {
  it('λ̄ and φ̄p start as every engineer’s mean by labour market and level', () => {
    const w = smallWorld(() => {}, 'cash-sensitive-region');
    const e = w.eng;
    initSearcherMeans(w);
    for (let k = 0; k < w.markets * NUM_LEVELS; k++) {
      const members = ids(w).filter((i) => marketLevel(e.labourMarket[i], e.level[i]) === k);
      expect(members.length).toBeGreaterThan(0);
      expect(w.lambdaBar[k]).toBeCloseTo(members.reduce((s, i) => s + e.lambda[i], 0) / members.length, 12);
      expect(w.phiBar[k]).toBeCloseTo(members.reduce((s, i) => s + e.phiP[i], 0) / members.length, 12);
    }
  });

  it('market pay starts as the headcount-weighted mean posted value of the market’s alive firms', () => {
    const w = smallWorld(() => {}, 'cash-sensitive-region');
    w.firms[0].alive = false;
    initMarketPay(w);
    for (let m = 0; m < w.markets; m++) {
      for (let l = 0; l < NUM_LEVELS; l++) {
        const firms = alive(w).filter((f) => w.marketOfType[f.type] === m);
        const mean = firms.reduce((s, f) => s + f.n * f.offerValue[l], 0) / firms.reduce((s, f) => s + f.n, 0);
        expect(w.marketPay[marketLevel(m, l)]).toBeCloseTo(mean, 6);
      }
    }
  });

  it('market pay is the mean posted value of the offers accepted over the last three months', () => {
    const w = smallWorld();
    const [f, g] = alive(w);
    const k = cell(w, f, 1);
    const untouched = w.marketPay[cell(w, f, 2)];
    w.month = 0;
    recordAcceptedOffer(w, f, 1);
    recordAcceptedOffer(w, f, 1);
    recordAcceptedOffer(w, g, 1);
    updateMarketPay(w);
    const first = (2 * f.offerValue[1] + g.offerValue[1]) / 3;
    expect(w.marketPay[k]).toBeCloseTo(first, 6);
    expect(w.marketPay[cell(w, f, 2)]).toBe(untouched);
    // Months 1 and 2 without hires keep it; in month 3, month 0's offers have dropped out.
    for (const month of [1, 2]) {
      w.month = month;
      updateMarketPay(w);
      expect(w.marketPay[k]).toBeCloseTo(first, 6);
    }
    w.month = 3;
    g.offerValue[1] *= 1.1;
    recordAcceptedOffer(w, g, 1);
    updateMarketPay(w);
    expect(w.marketPay[k]).toBeCloseTo(g.offerValue[1], 6);
  });
});

describe('adjustOffers', () => {
  /** A world whose firms' marginal revenue is far above any package (the cap never binds). */
  function richWorld(): World {
    const w = smallWorld();
    for (const f of w.firms) f.revenue *= 1_000;
    return w;
  }
  const lab = DEFAULTS.labour;
  /** A target that leaves the firm short by twice the dead band. */
  const shortBeyondBand = (w: World, f: Firm) => Math.ceil(f.n / (1 - 2 * w.p.cfo.deadBand));

  it('short of target beyond the dead band, a level’s value rises by the raise speed × the unfilled share of its recent vacancies', () => {
    const w = richWorld();
    const f = biggest(w);
    f.target = shortBeyondBand(w, f);
    [f.vacancies[0], f.filled[0], f.acceptable[0]] = [4, 1, 10]; // three quarters unfilled
    [f.vacancies[2], f.filled[2], f.acceptable[2]] = [2, 2, 1]; // filled, not over-subscribed
    [f.vacancies[3], f.filled[3], f.acceptable[3]] = [2, 2, 5]; // filled, over-subscribed
    const before = Array.from(f.offerValue);
    adjustOffers(w);
    const allUnfilled = 1 - 5 / 8;
    expect(f.offerValue[0] / before[0]).toBeCloseTo(1 + lab.offerRaiseSpeed * 0.75, 12);
    // A level with no vacancies of its own reads the firm’s other levels.
    expect(f.offerValue[1] / before[1]).toBeCloseTo(1 + lab.offerRaiseSpeed * allUnfilled, 12);
    expect(f.offerValue[2]).toBe(before[2]);
    expect(f.offerValue[3] / before[3]).toBeCloseTo(1 - lab.offerCutSpeed, 12);
  });

  it('short inside the dead band, unfilled vacancies raise nothing', () => {
    const w = richWorld();
    const f = biggest(w);
    f.target = Math.floor(f.n / (1 - w.p.cfo.deadBand / 2));
    expect(f.target).toBeGreaterThan(f.n);
    [f.vacancies[0], f.filled[0]] = [4, 0];
    const before = Array.from(f.offerValue);
    adjustOffers(w);
    expect(Array.from(f.offerValue)).toEqual(before);
  });

  it('the signal lasts about a quarter: a month after the vacancies, the unfilled share still raises offers', () => {
    const w = richWorld();
    const f = biggest(w);
    f.target = shortBeyondBand(w, f);
    [f.vacancies[0], f.filled[0]] = [3, 0];
    adjustOffers(w);
    f.vacancies.fill(0);
    f.filled.fill(0);
    const before = f.offerValue[0];
    adjustOffers(w);
    expect(f.vacanciesRecent[0]).toBeCloseTo(2, 12);
    expect(f.offerValue[0] / before).toBeCloseTo(1 + lab.offerRaiseSpeed, 12);
  });

  it('above target beyond the dead band every level is cut by the cut speed; inside it nothing moves', () => {
    const w = richWorld();
    const [above, inside] = [...alive(w)].sort((a, b) => b.n - a.n);
    above.target = Math.floor(above.n / (1 + 2 * w.p.cfo.deadBand));
    inside.target = Math.ceil(inside.n / (1 + w.p.cfo.deadBand / 2));
    const [va, vi] = [Array.from(above.offerValue), Array.from(inside.offerValue)];
    adjustOffers(w);
    for (let l = 0; l < NUM_LEVELS; l++) {
      expect(above.offerValue[l] / va[l]).toBeCloseTo(1 - lab.offerCutSpeed, 12);
      expect(inside.offerValue[l]).toBe(vi[l]);
    }
  });

  it('caps each value where the hire’s cost reaches its marginal revenue (not below the floor), and only lowers values', () => {
    const w = smallWorld();
    for (const f of w.firms) f.revenue *= 0.5;
    const f = biggest(w);
    const before = Array.from(f.offerValue);
    adjustOffers(w);
    const mr = marginalRevenueOfOutput(f, w.p.production.eta);
    const out = { output: 0, cost: 0 };
    const net = (level: number, value: number) => {
      const keep = f.offerValue[level];
      f.offerValue[level] = value;
      hireEconomics(w, f, level, offerCash(w, f, level, 1), out);
      f.offerValue[level] = keep;
      return out.cost - mr * out.output;
    };
    let interior = 0;
    for (let l = 0; l < NUM_LEVELS; l++) {
      const v = f.offerValue[l];
      const floor = offerFloor(w, f, l);
      expect(v).toBeLessThan(before[l]);
      expect(v).toBeGreaterThanOrEqual(floor);
      if (v > floor) {
        interior += 1;
        expect(net(l, v)).toBeLessThanOrEqual(0);
        // The cap is found by bisection: within a millionth of the value where the two meet.
        expect(net(l, v * (1 + 1e-6))).toBeGreaterThan(0);
      } else {
        // Even the floor costs more than the hire brings in: the firm posts it, and no one takes it.
        expect(net(l, floor)).toBeGreaterThan(0);
      }
    }
    expect(interior).toBeGreaterThan(0);
  });

  it('a firm whose hires cover their cost keeps its offers, and a closed firm’s offers do not move', () => {
    const w = richWorld();
    const [open, closed] = alive(w);
    closed.alive = false;
    closed.target = closed.n + 10;
    closed.vacancies[0] = 5;
    const [vo, vc] = [Array.from(open.offerValue), Array.from(closed.offerValue)];
    adjustOffers(w);
    expect(Array.from(open.offerValue)).toEqual(vo);
    expect(Array.from(closed.offerValue)).toEqual(vc);
  });
});
