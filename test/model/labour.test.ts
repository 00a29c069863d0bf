/**
 * Unit tests of sim/model/labour.ts on small worlds built with the engine's own constructor
 * (createWorld): market statistics, retirements and separations, how engineers value jobs and
 * moves, search and matching, and annual reviews. The fused poaching premium is compared with
 * poachingPremium(currentValue) over whole runs in test/run/metricsFast.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import {
  annualReview,
  currentValue,
  labourScratch,
  marketLevel,
  matchMarket,
  movingLoss,
  poachingPremium,
  retireAndEnter,
  updateMarketStats,
} from '../../sim/model/labour.ts';
import { employ } from '../../sim/model/engineers.ts';
import { effectiveBudget, offerBase, packageValue, policyBudget } from '../../sim/model/policy.ts';
import { stream, STREAMS } from '../../sim/lib/rng.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../../sim/model/world.ts';
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

const ids = (w: World) => [...w.eng.employer.keys()];
const employed = (w: World) => ids(w).filter((i) => w.eng.employer[i] !== UNEMPLOYED);
const unemployed = (w: World) => ids(w).filter((i) => w.eng.employer[i] === UNEMPLOYED);
const scratch = (w: World) => labourScratch(w.eng.n, w.groups.count);
/** Vacancies a firm posts this month (labour.ts: target − headcount within the hiring limit). */
const openings = (w: World, f: Firm) => Math.min(Math.ceil(w.p.cfo.maxHireRatePerQuarter * Math.max(f.n, f.target, 10)), Math.max(0, f.target - f.n));
/** Every alive firm wants `extra` more engineers. */
const wantMore = (w: World, extra: number) => w.firms.forEach((f) => (f.target = f.alive ? f.n + extra : 0));

describe('marketLevel', () => {
  it('lays out (labour market, level) cells market by market, each once', () => {
    expect(marketLevel(0, 0)).toBe(0);
    expect(marketLevel(0, NUM_LEVELS - 1)).toBe(NUM_LEVELS - 1);
    expect(marketLevel(1, 0)).toBe(NUM_LEVELS);
    const cells = new Set<number>();
    for (let m = 0; m < 16; m++) for (let l = 0; l < NUM_LEVELS; l++) cells.add(marketLevel(m, l));
    expect([...cells].sort((a, b) => a - b)).toEqual([...Array(16 * NUM_LEVELS).keys()]);
  });

  it('labourScratch starts with no engineer holding a vacancy', () => {
    const sc = labourScratch(50, 12);
    expect([sc.searchers.length, sc.raiseSums.length]).toEqual([50, 12]);
    expect(sc.engBestVac.every((x) => x === -1)).toBe(true);
  });
});

describe('updateMarketStats', () => {
  it('the market wage is the mean offer at mean skill, weighted by headcount (at least one), of alive firms', () => {
    const w = smallWorld();
    const [small, closed] = w.firms;
    small.n = 0;
    closed.alive = false;
    closed.offerIndex = 10;
    updateMarketStats(w);
    for (let l = 0; l < NUM_LEVELS; l++) {
      let weights = 0;
      let wage = 0;
      let budget = 0;
      for (const f of w.firms.filter((x) => x.alive)) {
        const weight = Math.max(1, f.n);
        weights += weight;
        wage += weight * offerBase(f, l, 1);
        budget += weight * policyBudget(f.tp.policy, offerBase(f, l, 1)) * f.budgetScale;
      }
      expect(w.marketBase[marketLevel(0, l)]).toBeCloseTo(wage / weights, 6);
      expect(w.marketBudget[marketLevel(0, l)]).toBeCloseTo(budget / weights, 6);
    }
  });

  it('a labour market whose firms have all closed keeps its last wage', () => {
    const w = smallWorld(() => {}, 'cash-sensitive-region');
    const region = w.typeNames.indexOf('region');
    const k = marketLevel(w.marketOfType[region], 2);
    const before = w.marketBase[k];
    for (const f of w.firms) if (f.type === region) [f.alive, f.offerIndex] = [false, 3];
    updateMarketStats(w);
    expect(w.marketBase[k]).toBe(before);
    for (const f of w.firms) if (f.type === region) f.alive = true;
    updateMarketStats(w);
    expect(w.marketBase[k]).toBeCloseTo(3 * before, 6);
  });
});

describe('retireAndEnter', () => {
  it('with no retirement and no separation nobody leaves', () => {
    const w = smallWorld((p) => ([p.engineers.retirementRatePerYear, p.labour.separationRatePerYear] = [0, 0]));
    const before = Array.from(w.eng.employer);
    retireAndEnter(w);
    expect(Array.from(w.eng.employer)).toEqual(before);
  });

  it('a separation ends the job and forfeits firm-specific leverage and credits, keeping level and skill', () => {
    const w = smallWorld((p) => ([p.engineers.retirementRatePerYear, p.labour.separationRatePerYear] = [0, 12]));
    const e = w.eng;
    e.credits.fill(1_000);
    const [level, skill, wasEmployed] = [Array.from(e.level), Array.from(e.skill), employed(w)];
    retireAndEnter(w);
    expect(employed(w)).toEqual([]);
    for (const f of w.firms) expect(f.n).toBe(0);
    for (const i of wasEmployed) expect([e.phiF[i], e.credits[i], e.tenure[i]]).toEqual([0, 0, 0]);
    for (const i of ids(w)) expect([e.level[i], e.skill[i]]).toEqual([level[i], skill[i]]);
  });

  it('a retiree’s slot is refilled by an unemployed junior at the market’s junior wage', () => {
    const w = smallWorld((p) => (p.engineers.retirementRatePerYear = 12));
    const e = w.eng;
    retireAndEnter(w);
    for (const i of ids(w)) {
      expect([e.employer[i], e.level[i], e.equity[i], e.budget[i], e.tenure[i]]).toEqual([UNEMPLOYED, 0, 0, 0, 0]);
      expect(e.base[i]).toBe(w.marketBase[marketLevel(e.labourMarket[i], 0)] * e.payFactor[i]);
      expect(e.wealth[i]).toBe(0.1 * e.base[i]);
    }
  });
});

describe('what a job and a move are worth', () => {
  const w = smallWorld();
  const e = w.eng;
  const lab = w.p.labour;
  const [i] = employed(w);
  const f = w.firms[e.employer[i]];
  const curUsable = Math.min(effectiveBudget(f, e.budget[i], e.rating[i]) * f.tp.hostedUsableShare, w.market.state.orchestrationCap * (e.phiP[i] + e.phiF[i]) * w.market.state.priceRetail * 12);

  it('an unemployed engineer values staying put at the benefit share of their last base', () => {
    const [j] = unemployed(w);
    expect(currentValue(w, j)).toBe(lab.unemploymentBenefitShare * e.base[j]);
    expect(movingLoss(w, j, 0)).toBe(0);
  });

  it('an employed engineer values the job at its package with their own leverage', () => {
    const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
    expect(currentValue(w, i)).toBe(packageValue(w, f, e.lambda[i], e.base[i], e.equity[i], eb, e.phiP[i] + e.phiF[i]));
  });

  it('a move costs the rating pay lost to the output drop, plus loss aversion on a smaller usable budget', () => {
    e.moveDrop[i] = 0.2;
    const drop = lab.ratingPaySensitivity * e.base[i] * 0.2;
    expect(movingLoss(w, i, curUsable)).toBeCloseTo(drop, 9);
    expect(movingLoss(w, i, curUsable + 5_000)).toBeCloseTo(drop, 9);
    expect(movingLoss(w, i, curUsable - 1_000)).toBeCloseTo(drop + (lab.lossAversion - 1) * e.lambda[i] * 1_000, 9);
  });

  it('the poaching premium is never negative and rises with the current job’s value by the switching threshold', () => {
    expect(poachingPremium(w, i, 0)).toBe(0);
    const cur = currentValue(w, i) + 1e6;
    expect(poachingPremium(w, i, cur + 1_000) - poachingPremium(w, i, cur)).toBeCloseTo(1_000 * (1 + lab.switchingThreshold), 6);
  });
});

/** A world whose alive firms each want `extra` more engineers, after `change`. */
function hiringWorld(change: (p: Params) => void, extra = 20, scenario?: string): World {
  const w = smallWorld((p) => {
    p.labour.matchingEfficiency = 1e6; // every searcher makes contact
    change(p);
  }, scenario);
  wantMore(w, extra);
  return w;
}

describe('matchMarket', () => {
  it('unemployed engineers always search: with on-the-job search off, one alone on the market is hired', () => {
    for (let k = 0; k < 5; k++) {
      const w = hiringWorld((p) => (p.labour.searchProbEmployed = 0));
      const e = w.eng;
      const [seeker, ...others] = unemployed(w).slice(k);
      const f = w.firms.find((x) => x.alive)!;
      for (const i of [...unemployed(w).slice(0, k), ...others]) employ(w, i, f, offerBase(f, e.level[i], e.payFactor[i]));
      f.n = ids(w).filter((i) => e.employer[i] === f.slot).length;
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
    expect(w.counters.moves[0]).toBe(movers.length);
    expect(w.counters.quits[0]).toBe(movers.length);
  });

  it('hires at the firm’s offer for the level and skill, within its openings; headcounts follow', () => {
    const w = hiringWorld((p) => (p.labour.searchProbEmployed = 0.5));
    const e = w.eng;
    const open = w.firms.map((f) => openings(w, f));
    const before = Array.from(e.employer);
    matchMarket(w, scratch(w));
    const hired = w.firms.map(() => 0);
    for (const i of ids(w)) {
      const slot = e.employer[i];
      if (slot === UNEMPLOYED || slot === before[i]) continue;
      hired[slot] += 1;
      const g = w.firms[slot];
      expect(e.base[i]).toBe(offerBase(g, e.level[i], e.payFactor[i]));
      expect(e.equity[i]).toBe(g.tp.policy.equityByLevel[LEVELS[e.level[i]]]);
    }
    hired.forEach((h, k) => expect(h).toBeLessThanOrEqual(open[k]));
    expect(hired.reduce((a, b) => a + b, 0)).toBe(w.counters.hires[0]);
    for (const f of w.firms) expect(f.n).toBe(ids(w).filter((i) => e.employer[i] === f.slot).length);
  });

  it('no one is hired across labour markets', () => {
    const w = hiringWorld((p) => ([p.labour.searchProbEmployed, p.labour.switchingThreshold] = [1, -1]), 20, 'cash-sensitive-region');
    matchMarket(w, scratch(w));
    expect(w.counters.hires[0]).toBeGreaterThan(0);
    for (const i of employed(w)) expect(w.marketOfType[w.firms[w.eng.employer[i]].type]).toBe(w.eng.labourMarket[i]);
  });

  it('a month without vacancies changes nothing and draws nothing from the labour stream', () => {
    const w = smallWorld();
    wantMore(w, 0);
    const before = Array.from(w.eng.employer);
    matchMarket(w, scratch(w));
    expect(Array.from(w.eng.employer)).toEqual(before);
    expect(w.labourRng.next()).toBe(stream(1, STREAMS.labour).next());
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

describe('annualReview', () => {
  /** A world where every engineer has a year's tenure and the given rating. */
  function reviewWorld(change: (p: Params) => void, rating = 1): World {
    const w = smallWorld((p) => {
      p.labour.marketCatchUp = 0;
      p.labour.promotionProbByLevel = { junior: 0, mid: 0, senior: 0, staff: 0 };
      change(p);
    });
    w.eng.tenure.fill(12);
    w.eng.rating.fill(rating);
    return w;
  }

  it('the raise is the base raise plus the rating sensitivity times the rating’s distance from one', () => {
    const w = reviewWorld(() => {}, 1.5);
    const base = Array.from(w.eng.base);
    annualReview(w, scratch(w));
    const raise = w.p.labour.raiseBase + w.p.labour.raiseRatingSensitivity * 0.5;
    for (const i of employed(w)) expect(w.eng.base[i] / base[i]).toBeCloseTo(1 + raise, 12);
    for (const i of unemployed(w)) expect(w.eng.base[i]).toBe(base[i]);
    expect(w.raiseByGroup[0]).toBeCloseTo(raise, 12);
  });

  it('engineers with less than six months’ tenure wait for the next review', () => {
    const w = reviewWorld(() => {}, 1.5);
    const [i, j] = employed(w);
    [w.eng.tenure[i], w.eng.tenure[j]] = [5, 6];
    const [bi, bj] = [w.eng.base[i], w.eng.base[j]];
    annualReview(w, scratch(w));
    expect(w.eng.base[i]).toBe(bi);
    expect(w.eng.base[j]).toBeGreaterThan(bj);
  });

  it('counts ratings only up to two, and keeps raises between 0 and 50 %', () => {
    const raise = (rating: number, sensitivity: number) => {
      const w = reviewWorld((p) => (p.labour.raiseRatingSensitivity = sensitivity), rating);
      const [i] = employed(w);
      const base = w.eng.base[i];
      annualReview(w, scratch(w));
      return w.eng.base[i] / base - 1;
    };
    expect(raise(5, 0.03)).toBeCloseTo(raise(2, 0.03), 12);
    expect(raise(2, 0.03)).toBeCloseTo(0.035 + 0.03, 12);
    expect(raise(0, 10)).toBe(0);
    expect(raise(2, 10)).toBeCloseTo(0.5, 12);
  });

  it('a cash freeze pays the whole raise in tokens: the base stays and the budget grows by the raise', () => {
    const w = reviewWorld((p) => Object.values(p.firmTypes).forEach((t) => (t.policy.cashToTokenRaiseShare = 1)), 1.5);
    const [base, budget] = [Array.from(w.eng.base), Array.from(w.eng.budget)];
    annualReview(w, scratch(w));
    const raise = w.p.labour.raiseBase + w.p.labour.raiseRatingSensitivity * 0.5;
    for (const i of employed(w)) {
      expect(w.eng.base[i] / base[i]).toBeCloseTo(1, 12);
      expect(w.eng.budget[i] - budget[i]).toBeCloseTo(raise * base[i], 6);
    }
    expect(w.raiseByGroup[0]).toBe(0);
  });

  it('promotion moves up a level with a skill gain, a larger raise and the new level’s equity; staff stay staff', () => {
    const w = reviewWorld((p) => (p.labour.promotionProbByLevel = { junior: 1, mid: 1, senior: 1, staff: 1 }));
    const e = w.eng;
    const lab = w.p.labour;
    const before = ids(w).map((i) => ({ level: e.level[i], skill: e.skill[i], base: e.base[i] }));
    annualReview(w, scratch(w));
    for (const i of employed(w)) {
      const b = before[i];
      const top = b.level === NUM_LEVELS - 1;
      expect(e.level[i]).toBe(top ? b.level : b.level + 1);
      if (top) continue;
      expect(e.skill[i]).toBeCloseTo(b.skill * (1 + lab.promotionSkillGain), 12);
      expect(e.base[i] / b.base).toBeCloseTo(1 + lab.raiseBase + lab.promotionRaise, 12);
      expect(e.equity[i]).toBeGreaterThanOrEqual(w.firms[e.employer[i]].tp.policy.equityByLevel[LEVELS[e.level[i]]]);
    }
  });

  it('catch-up closes its share of the gap to what the firm now offers new hires', () => {
    const w = reviewWorld((p) => (p.labour.marketCatchUp = 0.5));
    for (const f of w.firms) f.offerIndex = 1.2;
    const base = Array.from(w.eng.base);
    annualReview(w, scratch(w));
    for (const i of employed(w)) {
      const offer = offerBase(w.firms[w.eng.employer[i]], w.eng.level[i], w.eng.payFactor[i]);
      const raise = Math.min(0.5, Math.max(0, w.p.labour.raiseBase + 0.5 * (offer / base[i] - 1)));
      expect(w.eng.base[i] / base[i]).toBeCloseTo(1 + raise, 12);
    }
  });
});
