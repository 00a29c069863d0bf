/**
 * Unit tests of sim/model/labour.ts on small worlds built with the engine's own constructor
 * (createWorld): how engineers value jobs and moves, search and matching (the quarterly hiring
 * limit, down-levelling of the long unemployed) and counteroffers. The fused poaching premium
 * is compared with poachingPremium(currentValue) over whole runs in test/run/metricsFast.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS, cloneParams } from '../../sim/model/params.ts';
import type { CompPolicy, Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import {
  counteroffer,
  currentValue,
  ensureLabourScratch,
  labourScratch,
  marketLevel,
  matchMarket,
  movingLoss,
  poachingPremium,
  ratingPayLoss,
} from '../../sim/model/labour.ts';
import type { LabourScratch } from '../../sim/model/labour.ts';
import { employ, setSkill } from '../../sim/model/engineers.ts';
import { marginalRevenueOfOutput } from '../../sim/model/firms.ts';
import { offerCash } from '../../sim/model/offers.ts';
import { effectiveBudget, packageValue, skillPayFactor, usableTokenValue } from '../../sim/model/policy.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../../sim/model/world.ts';
import type { Firm, World } from '../../sim/model/world.ts';

/** A small world (seed 1) from the defaults, or from a scenario file, after `change` has edited its parameters. */
function smallWorld(change: (p: Params) => void = () => {}, scenario?: string, engineers = 1000): World {
  const p = scenario ? parseScenario(readFileSync(`scenarios/${scenario}.json`, 'utf8'), scenario) : cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  p.run.firms = 10;
  p.run.years = 1;
  change(p);
  return createWorld(p, 1);
}

const everyPolicy = (over: Partial<CompPolicy>) => (p: Params) => Object.values(p.firmTypes).forEach((t) => Object.assign(t.policy, over));
const ids = (w: World) => [...Array(w.eng.n).keys()];
const employed = (w: World) => ids(w).filter((i) => w.eng.employer[i] !== UNEMPLOYED);
const unemployed = (w: World) => ids(w).filter((i) => w.eng.employer[i] === UNEMPLOYED);
const scratch = (w: World) => labourScratch(w.eng.capacity, w.groups.count);
/** The most a firm may hire in a quarter (labour.ts: the hiring rate × headcount, at least ten). */
/** The quarter's hiring limit: a small firm hires as if it had 25 engineers. */
const quarterLimit = (w: World, f: Firm) => Math.ceil(w.p.cfo.maxHireRatePerQuarter * Math.max(f.n, 25));
/** Every alive firm wants `extra` more engineers. */
const wantMore = (w: World, extra: number) => w.firms.forEach((f) => (f.target = f.alive ? f.n + extra : 0));
const staffOf = (w: World, f: Firm) => ids(w).filter((i) => w.eng.employer[i] === f.slot).length;

/** A world where every searcher makes contact, employers never counter, and alive firms each want `extra` more engineers. */
function hiringWorld(change: (p: Params) => void, extra = 20, scenario?: string, engineers = 1000): World {
  const w = smallWorld(
    (p) => {
      p.labour.matchingEfficiency = 1e6;
      p.labour.counterofferProb = 0;
      change(p);
    },
    scenario,
    engineers,
  );
  wantMore(w, extra);
  return w;
}

describe('marketLevel and the scratch', () => {
  it('lays out (labour market, level) cells market by market, each once', () => {
    expect(marketLevel(0, 0)).toBe(0);
    expect(marketLevel(1, 0)).toBe(NUM_LEVELS);
    const cells = new Set<number>();
    for (let m = 0; m < 16; m++) for (let l = 0; l < NUM_LEVELS; l++) cells.add(marketLevel(m, l));
    expect([...cells].sort((a, b) => a - b)).toEqual([...Array(16 * NUM_LEVELS).keys()]);
  });

  it('labourScratch starts with no engineer holding a vacancy; ensureLabourScratch regrows it only when outgrown', () => {
    const sc = labourScratch(50, 12);
    expect([sc.searchers.length, sc.raiseSums.length]).toEqual([50, 12]);
    expect(sc.engBestVac.every((x) => x === -1)).toBe(true);
    expect(ensureLabourScratch(sc, 50)).toBe(sc);
    const grown = ensureLabourScratch(sc, 80);
    expect([grown.searchers.length, grown.engBestVac.length, grown.raiseSums.length]).toEqual([80, 80, 12]);
    expect(grown.engBestVac.every((x) => x === -1)).toBe(true);
  });
});

describe('what a job and a move are worth', () => {
  const w = smallWorld();
  const e = w.eng;
  const lab = w.p.labour;
  const [i] = employed(w);
  const f = w.firms[e.employer[i]];

  it('an unemployed engineer values staying put at the benefit share of their last base, and moving costs them nothing', () => {
    const [j] = unemployed(w);
    expect(currentValue(w, j)).toBe(lab.unemploymentBenefitShare * e.base[j]);
    expect(movingLoss(w, j, 0, 1)).toBe(0);
  });

  it('an employed engineer values the job at its package with their own leverage', () => {
    const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
    expect(currentValue(w, i)).toBe(packageValue(w, f, e.lambda[i], e.base[i], e.equity[i], eb, e.phiP[i] + e.phiF[i]));
  });

  it('a point of rating costs H × (catch-up × rating sensitivity + 2 × promotion chance × promotion raise) of base', () => {
    // Defaults: H 3, catch-up 0.5, sensitivity 0.03, promotion raise 0.085; juniors promoted with 0.15, staff never.
    expect(ratingPayLoss(w, 0)).toBeCloseTo(3 * (0.5 * 0.03 + 2 * 0.15 * 0.085), 12);
    expect(ratingPayLoss(w, 2)).toBeCloseTo(3 * (0.5 * 0.03 + 2 * 0.04 * 0.085), 12);
    expect(ratingPayLoss(w, NUM_LEVELS - 1)).toBeCloseTo(3 * 0.5 * 0.03, 12);
    expect(ratingPayLoss(smallWorld((p) => (p.labour.movingLossHorizonYears = 0)), 0)).toBe(0);
  });

  it('under a tools budget valued at nothing, the moving loss is the rating pay lost to the output drop, whatever the budgets', () => {
    e.moveDrop[i] = 0.2;
    const drop = ratingPayLoss(w, e.level[i]) * e.base[i] * 0.2;
    expect(drop).toBeGreaterThan(0);
    for (const usable of [0, 1_000, 1e6]) expect(movingLoss(w, i, usable, 0)).toBeCloseTo(drop, 9);
  });

  it('under token pay, loss aversion adds (aversion − 1) × λ × the λ-valued usable budget lost, and nothing for a larger one', () => {
    const v = smallWorld(everyPolicy({ tokenBudgetIsPay: 1, tokenBudgetShareOfBase: 0.05 }));
    const ev = v.eng;
    const k = employed(v).find((x) => ev.lambda[x] > 0)!;
    const g = v.firms[ev.employer[k]];
    ev.moveDrop[k] = 0.1;
    const drop = ratingPayLoss(v, ev.level[k]) * ev.base[k] * 0.1;
    const cur = usableTokenValue(v, g, effectiveBudget(g, ev.budget[k], ev.rating[k]), ev.phiP[k] + ev.phiF[k]);
    const aversion = (v.p.labour.lossAversion - 1) * ev.lambda[k];
    expect(cur).toBeGreaterThan(2_000);
    expect(movingLoss(v, k, cur + 5_000, 1)).toBeCloseTo(drop, 9);
    expect(movingLoss(v, k, cur - 1_000, 1)).toBeCloseTo(drop + aversion * 1_000, 9);
    // A move to a tools budget valued at nothing loses the whole current budget; valued at half, half of what is lost.
    expect(movingLoss(v, k, cur, 0)).toBeCloseTo(drop + aversion * cur, 9);
    expect(movingLoss(v, k, cur, 0.5)).toBeCloseTo(drop + aversion * 0.5 * cur, 9);
  });

  it('at a tools budget counted at the tools valuation, the current budget is valued in the same units', () => {
    const v = smallWorld((p) => (p.labour.toolsBudgetValuation = 0.5));
    const k = employed(v).find((x) => v.eng.lambda[x] > 0)!;
    const g = v.firms[v.eng.employer[k]];
    v.eng.moveDrop[k] = 0;
    const cur = usableTokenValue(v, g, effectiveBudget(g, v.eng.budget[k], v.eng.rating[k]), v.eng.phiP[k] + v.eng.phiF[k]);
    expect(cur).toBeGreaterThan(0);
    expect(movingLoss(v, k, 0, 0.5)).toBeCloseTo((v.p.labour.lossAversion - 1) * v.eng.lambda[k] * 0.5 * cur, 9);
  });

  it('the poaching premium is never negative and rises with the current job’s value by the switching threshold', () => {
    expect(poachingPremium(w, i, 0)).toBe(0);
    const cur = currentValue(w, i) + 1e6;
    expect(poachingPremium(w, i, cur + 1_000) - poachingPremium(w, i, cur)).toBeCloseTo(1_000 * (1 + lab.switchingThreshold), 6);
  });
});

describe('matchMarket', () => {
  it('unemployed engineers always search: with on-the-job search off, one alone on the market is hired', () => {
    for (let k = 0; k < 5; k++) {
      const w = hiringWorld((p) => (p.labour.searchProbEmployed = 0));
      const e = w.eng;
      const [seeker, ...others] = unemployed(w).slice(k);
      const f = w.firms.find((x) => x.alive)!;
      for (const i of [...unemployed(w).slice(0, k), ...others]) employ(w, i, f, offerCash(w, f, e.level[i], e.payFactor[i]));
      f.n = staffOf(w, f);
      wantMore(w, 20);
      const before = Array.from(e.employer);
      matchMarket(w, scratch(w));
      expect(e.employer[seeker]).not.toBe(UNEMPLOYED);
      expect(w.counters.hires[0]).toBe(1);
      expect(ids(w).filter((i) => e.employer[i] !== before[i])).toEqual([seeker]);
    }
  });

  it('the switching threshold holds back the employed but not the unemployed', () => {
    const w = hiringWorld((p) => ([p.labour.searchProbEmployed, p.labour.switchingThreshold] = [1, 1e9]));
    matchMarket(w, scratch(w));
    expect(w.counters.moves[0]).toBe(0);
    expect(w.counters.hires[0]).toBeGreaterThan(0);
  });

  it('firm-specific leverage resets on a move, and a mover is counted as a quit and a move', () => {
    const w = hiringWorld((p) => ([p.labour.searchProbEmployed, p.labour.switchingThreshold] = [1, -1]));
    const e = w.eng;
    e.credits.fill(500);
    const before = Array.from(e.employer);
    matchMarket(w, scratch(w));
    const movers = employed(w).filter((i) => before[i] !== UNEMPLOYED && before[i] !== e.employer[i]);
    expect(movers.length).toBeGreaterThan(10);
    for (const i of movers) expect([e.phiF[i], e.tenure[i], e.credits[i], e.moved[i]]).toEqual([0, 0, 0, 1]);
    expect([w.counters.moves[0], w.counters.quits[0], w.counters.hiresFromEmployment[0]]).toEqual([movers.length, movers.length, movers.length]);
  });

  it('hires at the firm’s offer for the level and skill, within its vacancies; headcounts and tallies follow', () => {
    const w = hiringWorld((p) => (p.labour.searchProbEmployed = 0.5));
    const e = w.eng;
    const open = w.firms.map((f) => (f.alive ? Math.min(quarterLimit(w, f), 20) : 0));
    const before = Array.from(e.employer);
    matchMarket(w, scratch(w));
    const hired = w.firms.map(() => 0);
    for (const i of ids(w)) {
      const slot = e.employer[i];
      if (slot === UNEMPLOYED || slot === before[i]) continue;
      hired[slot] += 1;
      const g = w.firms[slot];
      expect(e.base[i]).toBe(offerCash(w, g, e.level[i], e.payFactor[i]));
      expect(e.equity[i]).toBe(g.tp.policy.equityByLevel[LEVELS[e.level[i]]]);
    }
    for (const f of w.firms) {
      const vacancies = f.vacancies.reduce((a, b) => a + b, 0);
      expect(vacancies).toBe(open[f.slot]);
      expect(hired[f.slot]).toBe(f.filled.reduce((a, b) => a + b, 0));
      expect(f.hiresThisQuarter).toBe(hired[f.slot]);
      for (let l = 0; l < NUM_LEVELS; l++) expect(f.acceptable[l]).toBeGreaterThanOrEqual(f.filled[l]);
      expect(f.n).toBe(staffOf(w, f));
    }
    expect(w.counters.vacancies[0]).toBe(open.reduce((a, b) => a + b, 0));
    expect(hired.reduce((a, b) => a + b, 0)).toBe(w.counters.hires[0]);
    expect(w.counters.hires[0]).toBeGreaterThan(0);
  });

  it('vacancies stay within what is left of the quarter’s hiring limit, which resets at each quarter’s start', () => {
    const posted = (month: number) => {
      const w = hiringWorld(() => {}, 50);
      w.month = month;
      const full = w.firms.map((f) => Math.min(50, quarterLimit(w, f)));
      for (const f of w.firms) f.hiresThisQuarter = quarterLimit(w, f) - 2;
      matchMarket(w, scratch(w));
      return w.firms.filter((f) => f.alive).map((f) => [f.vacancies.reduce((a, b) => a + b, 0), full[f.slot], f.hiresThisQuarter]);
    };
    for (const month of [1, 2, 4]) for (const [vacancies] of posted(month)) expect(vacancies).toBe(2);
    for (const [vacancies, full, hires] of posted(3)) {
      expect(vacancies).toBe(full);
      expect(hires).toBeLessThanOrEqual(full);
    }
  });

  it('after downLevelAfterMonths out of work, an engineer also applies one level down and is hired at that level’s pay', () => {
    const w = hiringWorld((p) => ([p.labour.searchProbEmployed, p.engineers.employedShareInitial] = [0, 0.8]), 50, undefined, 3000);
    const e = w.eng;
    const after = w.p.labour.downLevelAfterMonths;
    for (const f of w.firms) f.hireWeights.set([0, 1, 0, 0]); // vacancies at mid level only
    const seekers = unemployed(w);
    seekers.forEach((i, k) => {
      setSkill(w, i, k % NUM_LEVELS, e.skill[i]);
      e.tenure[i] = Math.floor(k / NUM_LEVELS) % 2 === 0 ? after - 1 : after;
    });
    const before = new Map(seekers.map((i) => [i, { level: e.level[i], tenure: e.tenure[i], skill: e.skill[i] }]));
    matchMarket(w, scratch(w));
    const hired = seekers.filter((i) => e.employer[i] !== UNEMPLOYED);
    const from = (level: number, long: boolean) => hired.filter((i) => before.get(i)!.level === level && before.get(i)!.tenure >= after === long).length;
    expect(from(1, false) + from(1, true)).toBeGreaterThan(0);
    expect(from(2, true)).toBeGreaterThan(0);
    expect([from(0, false), from(0, true), from(2, false), from(3, false), from(3, true)]).toEqual([0, 0, 0, 0, 0]);
    for (const i of hired) {
      expect(e.level[i]).toBe(1);
      expect(e.skill[i]).toBe(before.get(i)!.skill);
      expect(e.payFactor[i]).toBe(skillPayFactor(w, 1, e.skill[i]));
      expect(e.base[i]).toBe(offerCash(w, w.firms[e.employer[i]], 1, e.payFactor[i]));
    }
  });

  it('λ̄ and φ̄p become this month’s searchers’ means; searchers are counted', () => {
    const w = hiringWorld((p) => (p.labour.searchProbEmployed = 1), 0, 'cash-sensitive-region');
    const e = w.eng;
    e.lambda.fill(0.25, 0, e.n);
    for (let i = 0; i < e.n; i++) e.phiP[i] = 0.1 * e.level[i] + 0.05 * e.labourMarket[i];
    matchMarket(w, scratch(w));
    for (let m = 0; m < w.markets; m++) {
      for (let l = 0; l < NUM_LEVELS; l++) {
        expect(w.lambdaBar[marketLevel(m, l)]).toBeCloseTo(0.25, 12);
        expect(w.phiBar[marketLevel(m, l)]).toBeCloseTo(0.1 * l + 0.05 * m, 12);
      }
    }
    expect([w.counters.searchers[0], w.counters.unemployedSearching[0]]).toEqual([e.n, unemployed(w).length]);
  });

  it('no one is hired across labour markets', () => {
    const w = hiringWorld((p) => ([p.labour.searchProbEmployed, p.labour.switchingThreshold] = [1, -1]), 20, 'cash-sensitive-region');
    matchMarket(w, scratch(w));
    expect(w.counters.hires[0]).toBeGreaterThan(0);
    for (const i of employed(w)) expect(w.marketOfType[w.firms[w.eng.employer[i]].type]).toBe(w.eng.labourMarket[i]);
  });

  it('a month without vacancies hires no one and changes no job', () => {
    const w = smallWorld((p) => (p.labour.searchProbEmployed = 1));
    wantMore(w, 0);
    const before = Array.from(w.eng.employer);
    matchMarket(w, scratch(w));
    expect(Array.from(w.eng.employer)).toEqual(before);
    expect([w.counters.vacancies[0], w.counters.hires[0]]).toEqual([0, 0]);
  });

  it('the same world and seed give the same matches', () => {
    const run = () => {
      const w = hiringWorld((p) => (p.labour.searchProbEmployed = 0.5));
      matchMarket(w, scratch(w));
      return Array.from(w.eng.employer);
    };
    expect(run()).toEqual(run());
  });
});

/**
 * The value of the offer engineer i accepted this month, from the scratch of `vacancies`
 * vacancies: the one they value most among those where they ranked first, else the first
 * vacancy that turned to them as its second-best after its best went elsewhere.
 */
function placedValue(sc: LabourScratch, i: number, vacancies: number): number {
  const chosen = (b: number): number => {
    let best = -1;
    for (let j = 0; j < vacancies; j++) if (sc.vacBest[j] === b && (best < 0 || sc.vacBestValue[j] > sc.vacBestValue[best])) best = j;
    return best;
  };
  const own = chosen(i);
  if (own >= 0) return sc.vacBestValue[own];
  for (let j = 0; j < vacancies; j++) {
    const b = sc.vacBest[j];
    if (b >= 0 && chosen(b) !== j && sc.vacNext[j] === i) return sc.vacNextValue[j];
  }
  return Number.NaN;
}

describe('counteroffers', () => {
  /** Employed engineers all search and outside offers beat their jobs; employers counter with `prob`; everyone’s output is `output`. */
  function poachedWorld(prob: number, output: number): { w: World; sc: LabourScratch; base: number[]; employer: number[] } {
    const w = hiringWorld((p) => ([p.labour.searchProbEmployed, p.labour.counterofferProb] = [1, prob]), 30);
    for (const f of w.firms) f.offerValue.forEach((v, l) => (f.offerValue[l] = 1.5 * v));
    w.eng.output.fill(output);
    const [base, employer] = [Array.from(w.eng.base), Array.from(w.eng.employer)];
    const sc = scratch(w);
    matchMarket(w, sc);
    return { w, sc, base, employer };
  }

  it('with probability 1, an engineer whose marginal revenue covers the matched pay stays, paid to value the job as the offer', () => {
    const { w, sc, base, employer } = poachedWorld(1, 1e9);
    const e = w.eng;
    const countered = ids(w).filter((i) => e.base[i] !== base[i] && employer[i] !== UNEMPLOYED);
    expect(countered.length).toBeGreaterThan(5);
    expect(w.counters.counteroffers[0]).toBe(countered.length);
    expect(w.counters.moves[0]).toBe(0);
    for (const i of countered) {
      expect(e.employer[i]).toBe(employer[i]);
      expect(e.base[i]).toBeGreaterThan(base[i]);
      expect((currentValue(w, i) * (1 + w.p.labour.switchingThreshold)) / placedValue(sc, i, w.counters.vacancies[0])).toBeCloseTo(1, 12);
    }
  });

  it('when marginal revenue does not cover the matched pay, or the employer never counters, the engineer leaves', () => {
    const countered = poachedWorld(1, 1e9).w.counters.counteroffers[0];
    for (const { w } of [poachedWorld(1, 0), poachedWorld(0, 1e9)]) {
      expect(w.counters.counteroffers[0]).toBe(0);
      expect(w.counters.moves[0]).toBe(countered);
    }
  });

  it('counteroffer matches when output × marginal revenue reaches the matched monthly cost, and not a hair below', () => {
    const w = smallWorld((p) => (p.labour.counterofferProb = 1));
    const e = w.eng;
    const i = employed(w)[3];
    const f = w.firms[e.employer[i]];
    const thr = w.p.labour.switchingThreshold;
    const cur = currentValue(w, i);
    const outside = cur * (1 + thr) * 1.1;
    const raise = outside / (1 + thr) - cur;
    const m = w.market.state;
    const cost = (e.base[i] + raise + e.equity[i]) / 12 + (e.tokensUsed[i] + e.tokensWasted[i]) * m.priceRetail * f.tp.wholesaleDiscount;
    const needed = cost / marginalRevenueOfOutput(f, w.p.production.eta);
    const base = e.base[i];
    e.output[i] = needed * (1 - 1e-9);
    expect(counteroffer(w, i, outside)).toBe(false);
    expect(e.base[i]).toBe(base);
    e.output[i] = needed * (1 + 1e-9);
    expect(counteroffer(w, i, outside)).toBe(true);
    expect(e.base[i]).toBeCloseTo(base + raise, 6);
    expect(w.counters.counteroffers[w.groups.type(f.type)]).toBe(1);
    expect(w.counters.counteroffers[w.groups.level(e.level[i])]).toBe(1);
  });

  it('an outside offer that does not beat the job by the switching threshold is never matched', () => {
    const w = smallWorld((p) => (p.labour.counterofferProb = 1));
    const i = employed(w)[0];
    w.eng.output[i] = 1e12;
    const base = w.eng.base[i];
    expect(counteroffer(w, i, currentValue(w, i) * (1 + w.p.labour.switchingThreshold) * 0.99)).toBe(false);
    expect(w.eng.base[i]).toBe(base);
  });
});
