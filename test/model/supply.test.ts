/**
 * Unit tests of sim/model/supply.ts on small worlds built with the engine's own constructor
 * (createWorld): the month-0 calibration of entry, and one month of labour supply —
 * retirements, exits to other occupations, involuntary separations and entrants. Engineers are
 * told apart by their skill (a continuous draw), since an index changes hands when someone leaves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { initSupply, supplyStep } from '../../sim/model/supply.ts';
import { pow } from '../../sim/lib/dmath.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { marketLevel, UNEMPLOYED } from '../../sim/model/world.ts';
import type { World } from '../../sim/model/world.ts';

/** A small world from the defaults, or from a scenario file, after `change` has edited its parameters. */
function smallWorld(change: (p: Params) => void = () => {}, scenario?: string, seed = 1, engineers = 1000): World {
  const p = scenario ? parseScenario(readFileSync(`scenarios/${scenario}.json`, 'utf8'), scenario) : cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  p.run.firms = 10;
  p.run.years = 1;
  change(p);
  return createWorld(p, seed);
}

/** Sets the monthly-flow rates: retirement and employed exits per year, unemployed exit hazards per month, separations per year. */
const rates = (o: { retire?: number; employedExit?: number; h0?: number; h1?: number; separation?: number }) => (p: Params) => {
  p.engineers.retirementRatePerYear = o.retire ?? 0;
  p.supply.exitRateEmployedPerYear = o.employedExit ?? 0;
  p.supply.exitHazardUnemployed = o.h0 ?? 0;
  p.supply.exitHazardPerMonthUnemployed = o.h1 ?? 0;
  p.labour.separationRatePerYear = o.separation ?? 0;
};

const ids = (w: World) => [...Array(w.eng.n).keys()];
const isUnemployed = (w: World, i: number) => w.eng.employer[i] === UNEMPLOYED;

/** Monthly chance that engineer i leaves the labour force at relative pay 1 (retirement or another occupation), by the formulas of the model. */
function leaveChance(w: World, i: number): number {
  const s = w.p.supply;
  const hazard = isUnemployed(w, i) ? s.exitHazardUnemployed + s.exitHazardPerMonthUnemployed * Math.min(12, w.eng.tenure[i]) : s.exitRateEmployedPerYear / 12;
  return w.p.engineers.retirementRatePerYear / 12 + hazard;
}

/** Each engineer's record keyed by skill, before a step. */
function snapshot(w: World) {
  const e = w.eng;
  return new Map(ids(w).map((i) => [e.skill[i], { employer: e.employer[i], level: e.level[i], base: e.base[i], wealth: e.wealth[i], phiP: e.phiP[i], market: e.labourMarket[i], tenure: e.tenure[i] }]));
}

/** After a step: the engineers already there (by skill), and the indices of the entrants (the last `entrants`). */
function split(w: World) {
  const entrants = w.counters.entrants[0];
  const stayers = ids(w).slice(0, w.eng.n - entrants);
  return { stayers, entrants: ids(w).slice(w.eng.n - entrants) };
}

describe('initSupply', () => {
  it('sets entry per member of the labour force to the month-0 outflow rate, market by market', () => {
    const w = smallWorld(rates({ retire: 0.03, employedExit: 0.02, h0: 0.01, h1: 0.004 }), 'cash-sensitive-region');
    const st = w.supply;
    expect(w.markets).toBe(2);
    for (let m = 0; m < w.markets; m++) {
      const members = ids(w).filter((i) => w.eng.labourMarket[i] === m);
      const unemployed = members.filter((i) => isUnemployed(w, i)).length;
      expect(st.labourForce0[m]).toBe(members.length);
      expect(st.entryRate[m]).toBeCloseTo(members.reduce((a, i) => a + leaveChance(w, i), 0) / members.length, 12);
      expect(st.expectedEarnings0[m]).toBeCloseTo((1 - unemployed / members.length) * w.marketPay[marketLevel(m, 1)], 6);
      expect(st.relativePay[m]).toBe(1);
    }
  });

  it('entrants to a market take the token valuation multiplier of the market’s first firm type', () => {
    const w = smallWorld(() => {}, 'cash-sensitive-region');
    expect(Array.from(w.supply.lambdaMultiplier)).toEqual([w.p.firmTypes.bigtech.tokenValuationMultiplier, w.p.firmTypes.region.tokenValuationMultiplier]);
  });
});

describe('supplyStep', () => {
  const busy = rates({ retire: 0.6, employedExit: 0.12, h0: 0.05, h1: 0.01 });

  it('month 0 is steady: entrants are the expected leavers, rounded up or down', () => {
    for (const scenario of [undefined, 'cash-sensitive-region']) {
      const w = smallWorld(busy, scenario);
      const expected = [0, 1].map((m) => ids(w).filter((i) => w.eng.labourMarket[i] === m).reduce((a, i) => a + leaveChance(w, i), 0));
      supplyStep(w);
      const entered = [0, 1].map((m) => split(w).entrants.filter((i) => w.eng.labourMarket[i] === m).length);
      for (let m = 0; m < w.markets; m++) {
        expect(expected[m]).toBeGreaterThan(5);
        expect(entered[m]).toBeGreaterThanOrEqual(Math.floor(expected[m]));
        expect(entered[m]).toBeLessThanOrEqual(Math.ceil(expected[m]));
      }
    }
  });

  it('month 0 keeps the labour force steady in expectation: over seeds the net change averages about zero', () => {
    const seeds = 30;
    let net = 0;
    let leavers = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const w = smallWorld(busy, undefined, seed, 500);
      const before = w.eng.n;
      supplyStep(w);
      net += w.eng.n - before;
      leavers += before - (w.eng.n - w.counters.entrants[0]);
    }
    // About 38 leavers a month each time, binomial: the mean net change has s.d. ≈ 1.1.
    expect(leavers / seeds).toBeGreaterThan(30);
    expect(Math.abs(net / seeds)).toBeLessThan(3.5);
  });

  it('removes leavers without leaving gaps: everyone else keeps their record, and firm headcounts match their staff', () => {
    const w = smallWorld(rates({ retire: 3, employedExit: 0.5, h0: 0.1, separation: 0.6 }));
    const e = w.eng;
    const before = snapshot(w);
    const n0 = e.n;
    supplyStep(w);
    const { stayers, entrants } = split(w);
    expect(entrants.length).toBeGreaterThan(100);
    expect(n0 - stayers.length).toBeGreaterThan(100);
    expect(new Set(stayers.map((i) => e.skill[i])).size).toBe(stayers.length);
    let separated = 0;
    for (const i of stayers) {
      const b = before.get(e.skill[i])!;
      expect(b).toBeDefined();
      expect([e.level[i], e.base[i], e.wealth[i], e.phiP[i], e.labourMarket[i]]).toEqual([b.level, b.base, b.wealth, b.phiP, b.market]);
      if (e.employer[i] !== b.employer) {
        expect(e.employer[i]).toBe(UNEMPLOYED);
        separated += 1;
      }
    }
    expect(separated).toBeGreaterThan(0);
    for (const f of w.firms) expect(f.n).toBe(ids(w).filter((i) => e.employer[i] === f.slot).length);
    // Every employed engineer who left or was separated is counted once, by their employer.
    const employedBefore = [...before.values()].filter((b) => b.employer !== UNEMPLOYED).length;
    expect(w.counters.otherSeparations[0]).toBe(employedBefore - ids(w).filter((i) => !isUnemployed(w, i)).length);
  });

  it('the arrays grow when entrants need the room, keeping everyone already there', () => {
    const w = smallWorld(rates({ retire: 0.3 }));
    const e = w.eng;
    const capacity = e.capacity;
    const before = snapshot(w);
    w.marketPay[marketLevel(0, 1)] *= 10; // relative pay 10: entry × 10^1.5
    supplyStep(w);
    expect(e.n).toBeGreaterThan(capacity);
    expect(e.capacity).toBeGreaterThanOrEqual(e.n);
    for (const i of split(w).stayers) expect(before.get(e.skill[i])?.base).toBe(e.base[i]);
  });

  it('entrants are unemployed, new to the market, at the market’s cash offer for their level', () => {
    const w = smallWorld((p) => (busy(p), (p.engineers.tokenValuationDispersion = 0)), 'cash-sensitive-region');
    const e = w.eng;
    supplyStep(w);
    const { entrants } = split(w);
    expect(new Set(entrants.map((i) => e.labourMarket[i]))).toEqual(new Set([0, 1]));
    for (const i of entrants) {
      const m = e.labourMarket[i];
      expect([e.employer[i], e.equity[i], e.budget[i], e.tenure[i], e.phiF[i], e.rating[i]]).toEqual([UNEMPLOYED, 0, 0, 0, 0, 1]);
      expect([0, 1]).toContain(e.level[i]);
      expect(e.base[i]).toBe(w.marketBase[marketLevel(m, e.level[i])] * e.payFactor[i]);
      expect(e.wealth[i]).toBeCloseTo(0.1 * e.base[i], 9);
      expect(e.lambda[i]).toBeCloseTo(w.p.engineers.tokenValuation * w.supply.lambdaMultiplier[m], 12);
    }
  });

  it('the junior share of entrants follows entrantJuniorShare; the rest enter at mid level', () => {
    const levels = (share: number) => {
      const w = smallWorld((p) => (busy(p), (p.supply.entrantJuniorShare = share)));
      supplyStep(w);
      return split(w).entrants.map((i) => w.eng.level[i]);
    };
    expect(new Set(levels(1))).toEqual(new Set([0]));
    expect(new Set(levels(0))).toEqual(new Set([1]));
    const mixed = levels(0.5);
    expect(mixed.filter((l) => l === 0).length / mixed.length).toBeGreaterThan(0.3);
    expect(mixed.filter((l) => l === 0).length / mixed.length).toBeLessThan(0.7);
  });

  it('exits to other occupations rise with months unemployed, up to twelve; the employed stay', () => {
    const w = smallWorld((p) => (rates({ h0: 0.05, h1: 0.02 })(p), (p.engineers.employedShareInitial = 0.5)), undefined, 1, 3000);
    const e = w.eng;
    const durations = [0, 6, 12, 30];
    ids(w)
      .filter((i) => isUnemployed(w, i))
      .forEach((i, k) => (e.tenure[i] = durations[k % durations.length]));
    const before = snapshot(w);
    supplyStep(w);
    const stayed = new Set(split(w).stayers.map((i) => e.skill[i]));
    const left = (match: (b: { employer: number; tenure: number }) => boolean) => {
      const group = [...before].filter(([, b]) => match(b));
      expect(group.length).toBeGreaterThan(300);
      return group.filter(([skill]) => !stayed.has(skill)).length / group.length;
    };
    const share = durations.map((t) => left((b) => b.employer === UNEMPLOYED && b.tenure === t));
    durations.forEach((t, k) => expect(Math.abs(share[k] - (0.05 + 0.02 * Math.min(12, t)))).toBeLessThan(0.06));
    expect(share[0]).toBeLessThan(share[1]);
    expect(share[1]).toBeLessThan(share[2]);
    expect(left((b) => b.employer !== UNEMPLOYED)).toBe(0);
    expect(w.counters.exitsToOtherOccupations[0]).toBe(before.size - stayed.size);
  });

  it('entry rises and exits fall with expected pay relative to the outside wage; the cohort pool grows on trend', () => {
    const elasticity = DEFAULTS.supply.supplyElasticity;
    const run = (payFactor: number, month: number) => {
      const w = smallWorld(rates({ employedExit: 1.2 }), undefined, 1, 2000);
      const employed = ids(w).filter((i) => !isUnemployed(w, i)).length;
      const base = w.supply.labourForce0[0] * w.supply.entryRate[0];
      w.marketPay[marketLevel(0, 1)] *= payFactor;
      w.month = month;
      supplyStep(w);
      const r = payFactor / pow(w.p.supply.outsideWageGrowthPerYear, month / 12);
      const left = employed - ids(w).filter((i) => !isUnemployed(w, i)).length;
      return { w, r, base, entrants: w.counters.entrants[0], exitShare: left / employed };
    };
    for (const [payFactor, month] of [[1, 0], [2, 0], [1, 12], [1.5, 24]]) {
      const { w, r, base, entrants } = run(payFactor, month);
      expect(w.supply.relativePay[0]).toBeCloseTo(r, 12);
      const expected = base * pow(w.p.supply.cohortGrowthPerYear, month / 12) * pow(r, elasticity);
      expect(entrants).toBeGreaterThanOrEqual(Math.floor(expected));
      expect(entrants).toBeLessThanOrEqual(Math.ceil(expected));
    }
    const [even, rich] = [run(1, 0), run(2, 0)];
    expect(rich.entrants).toBeGreaterThan(2.5 * even.entrants);
    expect(Math.abs(even.exitShare - 0.1)).toBeLessThan(0.025);
    expect(Math.abs(rich.exitShare - 0.1 * pow(2, -elasticity))).toBeLessThan(0.015);
  });

  it('an involuntary separation ends the job but keeps the engineer in the labour force', () => {
    const w = smallWorld(rates({ separation: 12 }));
    const e = w.eng;
    e.credits.fill(1_000);
    const before = snapshot(w);
    const wasEmployed = ids(w).filter((i) => !isUnemployed(w, i));
    const n0 = e.n;
    supplyStep(w);
    expect([e.n, w.counters.entrants[0], w.counters.exitsToOtherOccupations[0]]).toEqual([n0, 0, 0]);
    expect(ids(w).every((i) => isUnemployed(w, i))).toBe(true);
    for (const f of w.firms) expect(f.n).toBe(0);
    for (const i of wasEmployed) expect([e.phiF[i], e.credits[i], e.tenure[i]]).toEqual([0, 0, 0]);
    for (const i of ids(w)) expect(e.level[i]).toBe(before.get(e.skill[i])!.level);
    expect(w.counters.otherSeparations[0]).toBe(wasEmployed.length);
  });

  it('with no retirement, exits or separations, nobody leaves and nobody enters', () => {
    const w = smallWorld(rates({}));
    const [employer, skill] = [Array.from(w.eng.employer.subarray(0, w.eng.n)), Array.from(w.eng.skill.subarray(0, w.eng.n))];
    initSupply(w);
    expect(w.supply.entryRate[0]).toBe(0);
    supplyStep(w);
    expect(Array.from(w.eng.employer.subarray(0, w.eng.n))).toEqual(employer);
    expect(Array.from(w.eng.skill.subarray(0, w.eng.n))).toEqual(skill);
  });
});
