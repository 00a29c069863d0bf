/**
 * The open occupation (docs/model.md, "Labour supply"; ECONOMICS.md §3). Engineers enter from
 * an exogenous cohort pool B_t = LF_0·g_c^t at a rate rising with expected pay in the occupation
 * relative to the outside wage, and leave for other occupations — mostly from unemployment, at
 * a hazard rising with its duration — at a rate falling with it:
 *   entrants = B_t·b·r^e_s,   exit hazard = (h0 + h1·min(duration, 12))·r^(−e_s) unemployed,
 *                                           d_e·r^(−e_s) employed,
 * r = W_e ÷ W_out relative to month 0, W_e = (1 − u) × market pay at mid level, W_out growing at
 * the outside wage's trend. b is set so the labour force is steady at month 0. Entry depends on
 * the cohort pool, not on the current labour force, so long-run pay is not pinned to the outside
 * wage. Retirement (a constant hazard) and involuntary separations into unemployment stay.
 */
import { drawEngineer } from './engineers.ts';
import { separate } from './firms.ts';
import { unemployedByMarket } from './offers.ts';
import { count, marketLevel, UNEMPLOYED } from './world.ts';
import type { World } from './world.ts';
import type { SupplyParams } from './params.ts';
import { pow } from '../lib/dmath.ts';

/** Monthly hazard of leaving for another occupation of an employed engineer at relative pay factor rPow = r^(−e_s). */
function employedExitHazard(s: SupplyParams, rPow: number): number {
  return (s.exitRateEmployedPerYear / 12) * rPow;
}

/** Monthly hazard of leaving for another occupation of engineer i at relative pay factor rPow = r^(−e_s). */
function exitHazard(w: World, i: number, rPow: number): number {
  const s = w.p.supply;
  const e = w.eng;
  if (e.employer[i] !== UNEMPLOYED) return employedExitHazard(s, rPow);
  return (s.exitHazardUnemployed + s.exitHazardPerMonthUnemployed * Math.min(12, e.tenure[i])) * rPow;
}

const MID = 1;

/** supplyStep's per-market exit and leaving probabilities of the employed (regrown for more markets). */
let exitEmployed = new Float64Array(16);
let leaveEmployed = new Float64Array(16);

/** Month 0: the cohort scale, expected earnings and the entry rate that keeps each market's labour force steady. */
export function initSupply(w: World): void {
  const e = w.eng;
  const sp = w.p.engineers;
  const st = w.supply;
  const { unemployed: unemp, force } = st;
  unemployedByMarket(w, unemp, force);
  const outflow = new Float64Array(w.markets);
  for (let i = 0; i < e.n; i++) outflow[e.labourMarket[i]] += sp.retirementRatePerYear / 12 + exitHazard(w, i, 1);
  for (let m = 0; m < w.markets; m++) {
    st.labourForce0[m] = force[m];
    st.entryRate[m] = force[m] > 0 ? outflow[m] / force[m] : 0;
    st.expectedEarnings0[m] = (force[m] > 0 ? 1 - unemp[m] / force[m] : 1) * w.marketPay[marketLevel(m, MID)];
    st.relativePay[m] = 1;
  }
  for (let t = w.typeNames.length - 1; t >= 0; t--) {
    st.lambdaMultiplier[w.marketOfType[t]] = w.p.firmTypes[w.typeNames[t]].tokenValuationMultiplier;
  }
}

/** Expected earnings relative to the outside wage, each relative to month 0, by labour market. */
function updateRelativePay(w: World): void {
  const st = w.supply;
  const { unemployed: unemp, force } = st;
  unemployedByMarket(w, unemp, force);
  const outside = pow(w.p.supply.outsideWageGrowthPerYear, w.month / 12);
  for (let m = 0; m < w.markets; m++) {
    if (force[m] === 0 || st.expectedEarnings0[m] <= 0) continue;
    const earnings = (1 - unemp[m] / force[m]) * w.marketPay[marketLevel(m, MID)];
    // Floored so a market where no one has work sees a very high, not an infinite, exit hazard.
    st.relativePay[m] = Math.max(1e-3, earnings / (st.expectedEarnings0[m] * outside));
  }
}

/**
 * One month of labour supply: retirements, exits to other occupations and involuntary
 * separations (one draw per engineer, from the last index down so removals do not skip anyone),
 * then entrants, who arrive unemployed at the market's cash offer for their level.
 */
export function supplyStep(w: World): void {
  const e = w.eng;
  const s = w.p.supply;
  const rng = w.supplyRng;
  const c = w.counters;
  const groups = w.groups;
  updateRelativePay(w);
  const retire = w.p.engineers.retirementRatePerYear / 12;
  const separation = w.p.labour.separationRatePerYear / 12;
  const st = w.supply;
  const exitScale = st.exitScale;
  if (exitEmployed.length < w.markets) [exitEmployed, leaveEmployed] = [new Float64Array(w.markets), new Float64Array(w.markets)];
  for (let m = 0; m < w.markets; m++) {
    exitScale[m] = pow(st.relativePay[m], -s.supplyElasticity);
    // An employed engineer's chance of leaving the occupation (retirement + exitHazard) and of
    // leaving their job at all (+ separation), the same in the whole market.
    exitEmployed[m] = retire + employedExitHazard(s, exitScale[m]);
    leaveEmployed[m] = exitEmployed[m] + separation;
  }
  // The arrays in locals: the draw stores into the stream's fields, after which V8 would load
  // every array of w.eng afresh on each engineer. remove() copies within them, never replaces.
  const { labourMarket, employer, level } = e;
  for (let i = e.n - 1; i >= 0; i--) {
    const m = labourMarket[i];
    const u = rng.next();
    const slot = employer[i];
    const employed = slot !== UNEMPLOYED;
    const exit = employed ? exitEmployed[m] : retire + exitHazard(w, i, exitScale[m]);
    if (u < exit) {
      if (u >= retire) {
        c.exitsToOtherOccupations[0] += 1;
        c.exitsToOtherOccupations[groups.level(level[i])] += 1;
      }
      if (employed) {
        count(c.otherSeparations, groups, w.firms[slot].type, level[i]);
        w.firms[slot].n -= 1;
        separate(w, i);
      }
      e.remove(i);
    } else if (employed && u < leaveEmployed[m]) {
      count(c.otherSeparations, groups, w.firms[slot].type, level[i]);
      w.firms[slot].n -= 1;
      separate(w, i);
    }
  }
  const cohort = pow(s.cohortGrowthPerYear, w.month / 12);
  for (let m = 0; m < w.markets; m++) {
    const expected = st.labourForce0[m] * cohort * st.entryRate[m] * pow(st.relativePay[m], s.supplyElasticity);
    const k = Math.floor(expected) + (rng.next() < expected - Math.floor(expected) ? 1 : 0);
    for (let j = 0; j < k; j++) enter(w, m);
  }
}

/** A new engineer in labour market m: junior (or, for career switchers, mid), unemployed. */
function enter(w: World, m: number): void {
  const e = w.eng;
  const rng = w.supplyRng;
  const i = e.add();
  const level = rng.next() < w.p.supply.entrantJuniorShare ? 0 : 1;
  drawEngineer(w, rng, i, level);
  e.lambda[i] *= w.supply.lambdaMultiplier[m];
  e.labourMarket[i] = m;
  e.employer[i] = UNEMPLOYED;
  e.base[i] = w.marketBase[marketLevel(m, level)] * e.payFactor[i];
  e.equity[i] = 0;
  e.budget[i] = 0;
  e.pool[i] = 0;
  e.tenure[i] = 0;
  e.wealth[i] = 0.1 * e.base[i];
  w.counters.entrants[0] += 1;
  w.counters.entrants[w.groups.level(level)] += 1;
}
