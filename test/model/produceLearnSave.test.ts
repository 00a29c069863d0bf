/**
 * Unit tests of produceLearnSave (sim/model/engineers.ts) on small worlds built with the
 * engine's own constructor: Euler attribution of output, learning and saving.
 */
import { describe, expect, it } from 'vitest';
import { produceLearnSave, useTokens } from '../../sim/model/engineers.ts';
import { produce } from '../../sim/model/firms.ts';
import { UNEMPLOYED } from '../../sim/model/world.ts';
import type { World } from '../../sim/model/world.ts';
import { biggest, employed, everyPolicy, ids, setBudgets, smallWorld, staff, sum } from '../support/engineerWorld.ts';

function month(w: World): void {
  useTokens(w);
  produce(w);
  produceLearnSave(w);
}

describe('produceLearnSave', () => {
  it('individual outputs add up to each firm’s output (Euler attribution)', () => {
    const w = smallWorld();
    month(w);
    for (const f of w.firms) {
      if (f.n === 0) continue;
      expect(f.outputSum / f.Y).toBeCloseTo(1, 12);
      expect(sum(staff(w, f).map((i) => w.eng.output[i]))).toBeCloseTo(f.outputSum, 9);
    }
  });

  it('both leverages learn toward their maxima in proportion to the share of the cap used', () => {
    const w = smallWorld();
    const e = w.eng;
    const ep = w.p.engineers;
    setBudgets(w, 1e9);
    const [a, b] = employed(w);
    e.budget[b] = 0; // uses no tokens, so learns nothing
    const before = { pa: e.phiP[a], fa: e.phiF[a], pb: e.phiP[b], fb: e.phiF[b] };
    month(w);
    // a used the whole cap: a full step of each learning rate.
    expect(e.phiP[a]).toBeCloseTo(before.pa + ep.learningRatePortable * (ep.portableFluencyMax - before.pa), 12);
    expect(e.phiF[a]).toBeCloseTo(before.fa + ep.learningRateFirm * (ep.firmLeverageMax - before.fa), 12);
    expect([e.phiP[b], e.phiF[b]]).toEqual([before.pb, before.fb]);
  });

  it('leverage never passes its maximum, even learning at full speed every month', () => {
    const w = smallWorld((p) => ([p.engineers.learningRatePortable, p.engineers.learningRateFirm] = [1, 1]));
    setBudgets(w, 1e9);
    for (let k = 0; k < 3; k++) month(w);
    for (const i of employed(w)) {
      expect(w.eng.phiP[i]).toBeLessThanOrEqual(w.p.engineers.portableFluencyMax);
      expect(w.eng.phiF[i]).toBeLessThanOrEqual(w.p.engineers.firmLeverageMax);
    }
  });

  it('with no rating noise, meeting the firm’s expectation keeps a rating of one; beating it raises the rating', () => {
    const w = smallWorld((p) => (p.labour.ratingNoise = 0));
    const e = w.eng;
    const f = biggest(w);
    setBudgets(w, 1e9);
    const [hi, ...rest] = staff(w, f);
    for (const i of rest) [e.phiP[i], e.phiF[i], e.rating[i]] = [0.5, 0, 1];
    [e.phiP[hi], e.phiF[hi], e.rating[hi]] = [1, 0, 1];
    f.kappaBar = 0.5;
    month(w);
    for (const i of rest) expect(e.rating[i]).toBeCloseTo(1, 12);
    expect(e.rating[hi]).toBeGreaterThan(1);
  });

  it('the unemployed save the benefit and count months out of work', () => {
    const w = smallWorld();
    const e = w.eng;
    const i = ids(w).find((k) => e.employer[k] === UNEMPLOYED)!;
    const [wealth, tenure] = [e.wealth[i], e.tenure[i]];
    month(w);
    const ep = w.p.engineers;
    expect(e.wealth[i]).toBeCloseTo(wealth + (ep.savingsRate * w.p.labour.unemploymentBenefitShare * e.base[i]) / 12, 9);
    expect(e.tenure[i]).toBe(tenure + 1);
  });

  it('equity vests for the whole cliff at the cliff, then monthly; a firm books a twelfth of pay a month', () => {
    const w = smallWorld();
    const e = w.eng;
    const f = biggest(w);
    const [early, atCliff, after] = staff(w, f);
    const cliff = f.tp.policy.equityCliffMonths;
    [e.tenure[early], e.tenure[atCliff], e.tenure[after]] = [cliff - 5, cliff - 1, cliff + 10];
    const before = [early, atCliff, after].map((i) => e.wealth[i]);
    month(w);
    const saved = (i: number) => (w.p.engineers.savingsRate * e.base[i]) / 12;
    const vest = (i: number, months: number) => ((e.equity[i] * months) / 12) * f.tp.equityRiskDiscount;
    expect(e.wealth[early]).toBeCloseTo(before[0] + saved(early), 6);
    expect(e.wealth[atCliff]).toBeCloseTo(before[1] + saved(atCliff) + vest(atCliff, cliff), 6);
    expect(e.wealth[after]).toBeCloseTo(before[2] + saved(after) + vest(after, 1), 6);
    expect(e.tenure[atCliff]).toBe(cliff);
    expect(f.payroll).toBeCloseTo(sum(staff(w, f).map((i) => e.base[i] / 12)), 6);
    expect(f.equityExpense).toBeCloseTo(sum(staff(w, f).map((i) => e.equity[i] / 12)), 6);
  });

  it('credits vest into wealth once tenure reaches the vesting months, and not before', () => {
    const w = smallWorld(everyPolicy({ creditVestingMonths: 12, equityCliffMonths: 48 }));
    const e = w.eng;
    const [young, vesting] = staff(w, biggest(w));
    [e.tenure[young], e.tenure[vesting], e.credits[young], e.credits[vesting]] = [3, 11, 5_000, 5_000];
    const wealth = e.wealth[vesting];
    month(w);
    expect([e.credits[young], e.credits[vesting]]).toEqual([5_000, 0]);
    expect(e.wealth[vesting]).toBeCloseTo(wealth + (w.p.engineers.savingsRate * e.base[vesting]) / 12 + 5_000, 6);
  });

  it('the handcuff: no output drop on a move without firm-specific leverage, a partial one with it', () => {
    const w = smallWorld();
    const e = w.eng;
    setBudgets(w, 1e9);
    const [none, some] = staff(w, biggest(w));
    [e.phiF[none], e.phiF[some]] = [0, 0.5];
    month(w);
    expect(e.moveDrop[none]).toBe(0);
    expect(e.moveDrop[some]).toBeGreaterThan(0);
    expect(e.moveDrop[some]).toBeLessThan(1);
  });

  it('counts a mover’s output drop once, in the month after the move', () => {
    const w = smallWorld();
    const e = w.eng;
    const movers = staff(w, biggest(w)).slice(0, 3);
    for (const i of movers) [e.moved[i], e.prevOutput[i]] = [1, 1];
    e.prevOutput[movers[2]] = 0; // no output on record before the move: not counted
    month(w);
    expect(w.counters.moverDropCount[0]).toBe(2);
    for (const i of movers) expect(e.moved[i]).toBe(0);
    month(w);
    expect(w.counters.moverDropCount[0]).toBe(2);
  });
});
