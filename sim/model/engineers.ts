/**
 * Engineers' monthly life (docs/model.md): use tokens up to the orchestration cap, produce their
 * Euler share of the firm's output, learn (φp portable, φf firm-specific), save.
 * Struct-of-arrays state lives in world.ts; these passes allocate nothing.
 */
import { LEVELS } from './params.ts';
import type { Params } from './params.ts';
import type { Stream } from '../lib/rng.ts';
import { effectiveBudget, policyBudget, skillPayFactor } from './policy.ts';
import { count, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';
import { exp, log } from '../lib/dmath.ts';
import { directedCompute } from './production.ts';
import { levelValue } from './levels.ts';
import { drawRatingNoise, ratingNoise, rewindRatingNoise } from './ratingNoise.ts';

/** Draws a log-normal multiplier with mean 1 and log s.d. `sd`. */
export function meanOneLogNormal(rng: Stream, sd: number): number {
  return exp(sd * rng.normal() - 0.5 * sd * sd);
}

/** Index drawn from cumulative weights `cum` (last entry = total). */
export function drawIndex(rng: Stream, cum: Float64Array | number[]): number {
  const x = rng.next() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Sets engineer i's level and skill, and the pay factor that follows from them. */
export function setSkill(w: World, i: number, level: number, skill: number): void {
  w.eng.skill[i] = skill;
  setLevel(w, i, level);
}

/**
 * Sets engineer i's level, and the pay factor that follows from it and their skill e.skill[i].
 * A promotion or a hire a level down calls this after writing the skill into e.skill, rather
 * than setSkill: a double passed to a call that V8 does not inline is boxed on the heap.
 */
export function setLevel(w: World, i: number, level: number): void {
  const e = w.eng;
  e.level[i] = level;
  e.payFactor[i] = skillPayFactor(w, level, e.skill[i]);
}

/** Draws a new engineer's personal traits into slot i (level, skill, fluency, valuation, wealth). */
export function drawEngineer(w: World, rng: Stream, i: number, level: number): void {
  const ep = w.p.engineers;
  const e = w.eng;
  setSkill(w, i, level, w.levelSkill[level] * meanOneLogNormal(rng, ep.skillDispersion));
  e.phiP[i] = Math.min(ep.portableFluencyMax, ep.portableFluencyInitialMean * meanOneLogNormal(rng, ep.portableFluencyDispersion));
  e.phiF[i] = 0;
  e.lambda[i] = Math.max(0, ep.tokenValuation + ep.tokenValuationDispersion * rng.normal());
  e.rating[i] = 1;
  e.credits[i] = 0;
  e.moved[i] = 0;
  e.output[i] = 0;
  e.prevOutput[i] = 0;
  e.tokensUsed[i] = 0;
  e.tokensWasted[i] = 0;
  e.moveDrop[i] = 0;
  e.pool[i] = 0;
  e.illiquid[i] = 0;
  e.illiquidFirm[i] = -1;
}

/** Places engineer i in firm f at base cash `base` ($/year). */
export function employ(w: World, i: number, f: Firm, base: number): void {
  w.eng.base[i] = base;
  employAtBase(w, i, f);
}

/**
 * employ at the base cash already in e.base[i]. A hire (labour.ts) calls this: its cash stays
 * in the array, as a double passed to a call that V8 does not inline is boxed on the heap.
 */
export function employAtBase(w: World, i: number, f: Firm): void {
  const e = w.eng;
  const pol = f.tp.policy;
  e.employer[i] = f.slot;
  // levelValue, not equityByLevel[LEVELS[…]]: a keyed load by a varying name boxes its result.
  e.equity[i] = levelValue(pol.equityByLevel, e.level[i]);
  e.budget[i] = policyBudget(pol, e.base[i]);
  e.pool[i] = effectiveBudget(f, e.budget[i], 1);
  e.tenure[i] = 0;
  e.phiF[i] = 0;
  e.rating[i] = 1;
}

/** Initial population: levels, traits, employers by firm size, tenure and starting leverage. */
export function initEngineers(w: World, rng: Stream, firmWeights: Float64Array): void {
  const p: Params = w.p;
  const ep = p.engineers;
  const e = w.eng;
  const levelCum = new Float64Array(LEVELS.length);
  let acc = 0;
  LEVELS.forEach((l, k) => {
    acc += ep.levelShares[l];
    levelCum[k] = acc;
  });
  const firmCum = new Float64Array(firmWeights.length);
  acc = 0;
  for (let f = 0; f < firmWeights.length; f++) firmCum[f] = acc += firmWeights[f];
  for (let i = 0; i < e.n; i++) {
    drawEngineer(w, rng, i, drawIndex(rng, levelCum));
    const f = w.firms[drawIndex(rng, firmCum)];
    const level = e.level[i];
    const base = f.tp.policy.baseByLevel[LEVELS[level]] * e.payFactor[i];
    e.lambda[i] *= f.tp.tokenValuationMultiplier;
    e.labourMarket[i] = w.marketOfType[f.type];
    e.wealth[i] = ep.initialWealthYearsOfBase * base * meanOneLogNormal(rng, 0.8);
    const tenure = Math.floor(-ep.tenureInitialMeanMonths * log(1 - rng.next()));
    if (rng.next() < ep.employedShareInitial) {
      employ(w, i, f, base);
      e.tenure[i] = tenure;
      e.phiF[i] = ep.firmLeverageMax * ep.firmLeverageInitialShare * Math.min(1, tenure / 24);
    } else {
      e.employer[i] = UNEMPLOYED;
      e.base[i] = base;
      e.tenure[i] = Math.min(tenure, 6);
    }
  }
}

/**
 * Pass 1 of the month: each employed engineer spends tokens (productive up to the cap
 * orchestrationCap × κ, plus tokenmaxxing waste of the rest, limited by FinOps), and firms
 * accumulate labour L, compute C and token costs.
 */
export function useTokens(w: World): void {
  const e = w.eng;
  const m = w.market.state;
  const pp = w.p.production;
  const ep = w.p.engineers;
  const cfo = w.p.cfo;
  const tooling = pp.toolingCostPerEngineerYear / 12;
  const monthOfYear = w.month % 12;
  const monthsLeft = 12 - monthOfYear;
  for (const f of w.firms) resetMonth(f);
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) continue;
    const f = w.firms[slot];
    const pol = f.tp.policy;
    const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
    const yearly = pol.tokenExpiry === 'yearly';
    if (yearly && monthOfYear === 0) e.pool[i] = eb;
    const allowance = yearly ? e.pool[i] / monthsLeft : eb / 12;
    const available = (allowance * f.tp.hostedUsableShare) / m.priceRetail;
    const kappa = e.phiP[i] + e.phiF[i];
    const capTokens = m.orchestrationCap * kappa;
    let used = Math.min(available, capTokens);
    const quota = cfo.finopsQuotaShareOfCap > 0 ? cfo.finopsQuotaShareOfCap * capTokens : Infinity;
    if (used > quota) used = quota;
    let waste = ep.tokenmaxxing * (available - used) * (1 - cfo.finopsChargebackWasteCut);
    if (used + waste > quota) waste = Math.max(0, quota - used);
    const spent = (used + waste) * m.priceRetail;
    if (yearly) e.pool[i] = Math.max(0, e.pool[i] - spent);
    if (pol.tokenPortability > 0 && (!yearly || monthOfYear === 11)) {
      const unused = yearly ? e.pool[i] : Math.max(0, allowance - spent);
      const credit = pol.tokenPortability * unused;
      e.credits[i] += credit;
      // A credit redeems at its retail face value, so that is what it costs the firm.
      f.creditCost += credit;
    }
    e.tokensUsed[i] = used;
    e.tokensWasted[i] = waste;
    f.n += 1;
    f.L += e.skill[i];
    f.C += directedCompute(m, pp, kappa, used);
    f.toolingCost += tooling;
    f.tokensProductive += used;
    f.tokensWasted += waste;
    f.tokenCost += (used + waste) * m.priceRetail * f.tp.wholesaleDiscount;
    if (available > capTokens && used >= capTokens * (1 - 1e-12)) f.capped += 1;
  }
}

/** The id of a firm's current generation, as held by engineers with illiquid equity in it. */
export const firmGenerationId = (f: Firm): number => f.slot * 65536 + f.generation;

/**
 * Vested equity of a venture firm stays illiquid (at grant value) until the firm has a
 * liquidity event (then it is wealth) or fails (then it is worth 0). An engineer holds one such
 * stake: joining a second venture firm marks the first at its risk discount into wealth.
 */
function vestIlliquid(w: World, i: number, f: Firm, vested: number): void {
  const e = w.eng;
  const id = firmGenerationId(f);
  if (e.illiquidFirm[i] !== id && e.illiquid[i] > 0) {
    const old = w.firms[Math.floor(e.illiquidFirm[i] / 65536)];
    e.wealth[i] += e.illiquid[i] * old.tp.equityRiskDiscount;
    e.illiquid[i] = 0;
  }
  e.illiquidFirm[i] = id;
  e.illiquid[i] += vested;
}

/**
 * Engineer i's directed compute this month, d_i = 1 + Q·κ·e·u: valid between token use and
 * learning (which moves κ). Not stored: recomputing it is cheaper than 8 bytes per engineer.
 */
export function computeInput(w: World, i: number): number {
  const e = w.eng;
  return directedCompute(w.market.state, w.p.production, e.phiP[i] + e.phiF[i], e.tokensUsed[i]);
}

function resetMonth(f: Firm): void {
  f.n = 0;
  f.L = 0;
  f.C = 0;
  f.X = 0;
  f.G = 0;
  f.Y = 0;
  f.YL = 0;
  f.YC = 0;
  f.revenue = 0;
  f.payroll = 0;
  f.equityExpense = 0;
  f.tokenCost = 0;
  f.agentTokenCost = 0;
  f.toolingCost = 0;
  f.creditCost = 0;
  f.profit = 0;
  f.outputSum = 0;
  f.tokensProductive = 0;
  f.tokensWasted = 0;
  f.capped = 0;
}

/**
 * produceLearnSave's rating noise, drawn through memory: the loop is too large for the optimiser
 * to inline normal() into it, and a double returned from a call is boxed on the heap.
 */
const noise = new Float64Array(1);

/**
 * Pass 2, after firm production: Euler output y_i = Y_L·s_i + Y_C·c_i, rating against the
 * expected output (which rises with the budget: the productivity paradox), learning,
 * savings and vesting, and the output drop a move would cost (the golden handcuff).
 * The rating noise is drawn before the loop and the streams rewound after it (ratingNoise.ts),
 * outside the loop's function: V8 compiles a long loop while it runs (on-stack replacement),
 * before code after the loop has ever run, and such code, reached at the loop's end, sent that
 * compiled loop back to the interpreter every month until a later recompilation.
 */
export function produceLearnSave(w: World): void {
  drawRatingNoise(w, w.p.labour.ratingNoise);
  produceLearnSaveLoop(w);
  rewindRatingNoise(w);
}

function produceLearnSaveLoop(w: World): void {
  const e = w.eng;
  const m = w.market.state;
  const p = w.p;
  const pp = p.production;
  const ep = p.engineers;
  const pass = p.cfo.expectationPassThrough;
  const noiseSd = p.labour.ratingNoise;
  const smooth = 1 / p.labour.ratingSmoothingMonths;
  const benefit = p.labour.unemploymentBenefitShare;
  const c = w.counters;
  const { factors: noiseFactors, start: noiseStart, count: noiseCount, used: noiseUsed } = ratingNoise;
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) {
      e.wealth[i] += (ep.savingsRate * benefit * e.base[i]) / 12;
      e.tenure[i] += 1;
      continue;
    }
    const f = w.firms[slot];
    const s = e.skill[i];
    // The directed compute from token use (κ has not moved since): d_i = 1 + Q·κ·e·u.
    const ci = directedCompute(m, pp, e.phiP[i] + e.phiF[i], e.tokensUsed[i]);
    const y = f.YL * s + f.YC * ci;
    e.output[i] = y;
    f.outputSum += y;
    // Expected output: what the budget should buy at the firm's mean leverage.
    const eb = effectiveBudget(f, e.budget[i], e.rating[i]);
    const budgetTokens = ((eb / 12) * f.tp.hostedUsableShare) / m.priceRetail;
    const expTokens = Math.min(budgetTokens, m.orchestrationCap * f.kappaBar);
    const expected = f.YL * s + f.YC * directedCompute(m, pp, pass * f.kappaBar, expTokens);
    let raw = 1;
    if (expected > 0) {
      // The firm's next factor from the batch; once a batch is used up (or the firm has none)
      // the stream stands right after it, so drawing here continues the same sequence.
      const u = noiseUsed[slot];
      if (u < noiseCount[slot]) {
        raw = (y / expected) * noiseFactors[noiseStart[slot] + u];
        noiseUsed[slot] = u + 1;
      } else {
        f.rng.normalInto(noise, 0);
        raw = (y / expected) * exp(noiseSd * noise[0] - 0.5 * noiseSd * noiseSd);
      }
    }
    e.rating[i] += (raw - e.rating[i]) * smooth;
    // Learning, in proportion to the share of the cap actually used.
    const kappa = e.phiP[i] + e.phiF[i];
    const capTokens = m.orchestrationCap * kappa;
    const useShare = capTokens > 0 ? e.tokensUsed[i] / capTokens : 0;
    e.phiP[i] += ep.learningRatePortable * useShare * (ep.portableFluencyMax - e.phiP[i]);
    e.phiF[i] += ep.learningRateFirm * useShare * (ep.firmLeverageMax - e.phiF[i]);
    // The handcuff: output lost if φf reset today (same budget, leverage φp only).
    const phiP = e.phiP[i];
    const usedIfMoved = Math.min(budgetTokens, m.orchestrationCap * phiP);
    const cMoved = directedCompute(m, pp, phiP, usedIfMoved);
    e.moveDrop[i] = y > 0 ? Math.max(0, (f.YC * (ci - cMoved)) / y) : 0;
    // Relative productivity: output ÷ (the firm's output per labour unit × skill), so a mover's
    // drop reflects their own leverage, not the productivity gap between the two firms.
    const relative = f.L > 0 ? y / ((f.Y / f.L) * s) : 0;
    if (e.moved[i] === 1) {
      if (e.prevOutput[i] > 0) {
        count(c.moverDropSum, w.groups, -1, e.level[i], 1 - relative / e.prevOutput[i]);
        count(c.moverDropCount, w.groups, -1, e.level[i]);
      }
      e.moved[i] = 0;
    }
    e.prevOutput[i] = relative;
    // Pay, savings and vesting.
    f.payroll += e.base[i] / 12;
    f.equityExpense += e.equity[i] / 12;
    e.wealth[i] += (ep.savingsRate * e.base[i]) / 12;
    const cliff = f.tp.policy.equityCliffMonths;
    const tenure = e.tenure[i] + 1;
    if (tenure >= cliff) {
      const vested = (e.equity[i] * (tenure === cliff ? cliff : 1)) / 12;
      if (f.tp.venture === 1) vestIlliquid(w, i, f, vested);
      else e.wealth[i] += vested * f.tp.equityRiskDiscount;
    }
    if (e.credits[i] > 0 && tenure >= f.tp.policy.creditVestingMonths) {
      e.wealth[i] += e.credits[i];
      e.credits[i] = 0;
    }
    e.tenure[i] = tenure;
  }
}
