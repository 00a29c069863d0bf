/**
 * Derived demand on whole price paths, frictions off (the implementation check of MODEL.md
 * §10.2 (a)): the engine's own mechanisms month by month — market, demand, token use, agents,
 * production, accounts, the quarterly CFO — with the labour market's frictions removed: no
 * noise (price, demand, ratings), no dead band, no flow limits, every vacancy filled at once at
 * the posted offer from a closed pool of unemployed engineers (in engineer order; no entry,
 * exits or retirement, whose random draws would differ between arms), offers held on their
 * month-0 path, and identical engineers (one level, no skill or fluency dispersion, no
 * learning, no firm-specific leverage) so that whom a firm hires leaves its per-engineer state
 * alone. The shift starts at month 1, after the month-0 normalisation and calibration. Three arms differ only in the whole wholesale-price path (× 0.95, × 1,
 * × 1.05). At a quarter's end the CFO's optimum N* in the outer arms gives the elasticity
 * ln(N*₊ ÷ N*₋) ÷ ln(1.05 ÷ 0.95), set against ECONOMICS.md §2's formula at the middle
 * arm's state that month (derivedDemandAt). The firm-level formula holds the firm's demand
 * level, so the sector's outer nest is off here (ε_S = ε); engineers' budgets are large
 * enough that everyone directs up to the orchestration cap, so their tokens are fixed in
 * quantity as the formula assumes.
 */
import { cloneParams, DEFAULTS } from '../../model/params.ts';
import type { Params } from '../../model/params.ts';
import { createWorld } from '../../run/simulate.ts';
import { produceLearnSave, useTokens, employ } from '../../model/engineers.ts';
import { produce, settleAccounts, updateDemandAndEntry } from '../../model/firms.ts';
import { cfoScratch, quarterlyCfo } from '../../model/cfo.ts';
import { chooseAgents } from '../../model/agents.ts';
import { offerCash, updateMarketStats } from '../../model/offers.ts';
import { resetCounters, UNEMPLOYED } from '../../model/world.ts';
import type { World } from '../../model/world.ts';
import { derivedDemandAt } from './derivedDemand.ts';

/** The frictionless scenario at σ with the agents' month-0 autonomy `autonomy`, price path × `factor`. */
export function frictionlessParams(sigma: number, autonomy: number, factor: number, engineers = 1500, firms = 12): Params {
  const p = cloneParams(DEFAULTS);
  [p.run.engineers, p.run.firms, p.run.years] = [engineers, firms, 5];
  p.production.sigma = sigma;
  p.production.sectorDemandElasticity = 1 / (1 - p.production.eta);
  p.market.autonomyInitial = autonomy;
  p.market.priceVolatility = 0;
  p.labour.ratingNoise = 0;
  p.cfo.deadBand = 0;
  p.cfo.maxLayoffRatePerQuarter = 1;
  p.cfo.maxHireRatePerQuarter = 5;
  // A closed pool: no entry, exits or retirement, and a third of it unemployed at the start to
  // hire from, so the arms differ only through the price path and whom they hire.
  p.engineers.employedShareInitial = 0.7;
  // Identical engineers (one level, no dispersion, fluency fixed, no firm-specific leverage),
  // so whom a firm hires does not change its engineers' average and N* answers to prices alone.
  p.engineers.levelShares = { junior: 0, mid: 1, senior: 0, staff: 0 };
  p.engineers.skillDispersion = 0;
  p.engineers.portableFluencyDispersion = 0;
  p.engineers.learningRatePortable = 0;
  p.engineers.firmLeverageMax = 0;
  for (const t of Object.values(p.firmTypes)) {
    t.demandVolatility = 0;
    t.policy.tokenBudgetShareOfBase = 0.27;
    t.policy.tokenBudgetIsPay = 0;
  }
  if (factor !== 1) p.market.events = [{ label: 'price path', startMonth: 1, months: 1200, priceFactor: factor }];
  return p;
}

/** Fills every firm up to its target at its posted offer from the unemployed, in engineer order. */
function fillAtPostedOffers(w: World): void {
  const e = w.eng;
  let i = 0;
  for (const f of w.firms) {
    if (!f.alive) continue;
    while (f.n < f.target) {
      while (i < e.n && e.employer[i] !== UNEMPLOYED) i++;
      if (i >= e.n) return;
      employ(w, i, f, offerCash(w, f, e.level[i], e.payFactor[i]));
      f.n += 1;
    }
  }
}

/** One arm at the month of the comparison: the CFO's N* and, at the state it saw, ECONOMICS §2 per slot. */
export interface Arm {
  w: World;
  nStar: Float64Array;
  formula: Float64Array;
  /** 1 where agents are part of the CFO's optimum (the interior of ECONOMICS §2). */
  interior: Uint8Array;
}

/** Runs months 0 … `month` of one arm (`month` a quarter's end), reading the CFO's state before it decides. */
export function frictionlessArm(p: Params, seed: number, month: number): Arm {
  const w = createWorld(p, seed);
  const sc = cfoScratch(w.firms.length, w.eng.capacity, w.typeNames.length);
  const formula = new Float64Array(w.firms.length).fill(Number.NaN);
  const interior = new Uint8Array(w.firms.length);
  for (let m = 0; m <= month; m++) {
    w.month = m;
    resetCounters(w.counters);
    if (m > 0) w.market.step(m);
    updateDemandAndEntry(w);
    useTokens(w);
    chooseAgents(w);
    produce(w);
    produceLearnSave(w);
    settleAccounts(w);
    if (m === month) {
      for (const f of w.firms) {
        if (!f.alive || f.n === 0) continue;
        const dd = derivedDemandAt(w, f);
        formula[f.slot] = dd.formula;
        interior[f.slot] = dd.agents ? 1 : 0;
      }
    }
    if (m % 3 === 2) quarterlyCfo(w, sc);
    updateMarketStats(w);
    fillAtPostedOffers(w);
  }
  return { w, nStar: sc.nStar.slice(), formula, interior };
}

export interface PathDerivedDemand {
  slot: number;
  measured: number;
  formula: number;
  /** Agents part of the CFO's optimum (the interior of ECONOMICS §2) in all three arms at this month. */
  agents: boolean;
}

/** Per firm with at least `minEngineers` in the middle arm, the whole-path elasticity and the formula at `month`. */
export function derivedDemandOnPaths(sigma: number, autonomy: number, seed = 1, month = 23, minEngineers = 40, delta = 0.05): PathDerivedDemand[] {
  const down = frictionlessArm(frictionlessParams(sigma, autonomy, 1 - delta), seed, month);
  const mid = frictionlessArm(frictionlessParams(sigma, autonomy, 1), seed, month);
  const up = frictionlessArm(frictionlessParams(sigma, autonomy, 1 + delta), seed, month);
  const out: PathDerivedDemand[] = [];
  for (const f of mid.w.firms) {
    const [fd, fu] = [down.w.firms[f.slot], up.w.firms[f.slot]];
    if (!f.alive || !fd.alive || !fu.alive || f.n < minEngineers || f.generation !== fd.generation || f.generation !== fu.generation) continue;
    const formula = mid.formula[f.slot];
    const measured = Math.log(up.nStar[f.slot] / down.nStar[f.slot]) / Math.log((1 + delta) / (1 - delta));
    out.push({ slot: f.slot, measured, formula, agents: down.interior[f.slot] === 1 && mid.interior[f.slot] === 1 && up.interior[f.slot] === 1 });
  }
  return out;
}
