/**
 * The object-per-engineer version of the engine's monthly engineer update, for the engine
 * benchmark (bench/engine.ts): useTokens + produce + produceLearnSave written the way most ABM
 * code is written (one plain object per engineer, firms holding arrays of their staff), and
 * the checks that it reproduces the engine's state exactly.
 */
import { DEFAULTS, cloneParams } from '../sim/model/params.ts';
import type { FirmTypeParams, Params } from '../sim/model/params.ts';
import { createWorld } from '../sim/run/simulate.ts';
import { produceLearnSave, useTokens } from '../sim/model/engineers.ts';
import { produce } from '../sim/model/firms.ts';
import { ces, production } from '../sim/model/production.ts';
import { exp } from '../sim/lib/dmath.ts';
import type { Stream } from '../sim/lib/rng.ts';
import type { MarketState } from '../sim/model/market.ts';
import type { World } from '../sim/model/world.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../sim/model/world.ts';

/** Default parameters at this many engineers. */
export function paramsFor(engineers: number): Params {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  return p;
}
interface FirmObject {
  slot: number;
  alive: boolean;
  A: number;
  budgetScale: number;
  kappaBar: number;
  tp: FirmTypeParams;
  rng: Stream;
  /** Employees in engineer-index order. */
  staff: EngineerObject[];
  n: number;
  L: number;
  C: number;
  Y: number;
  YL: number;
  YC: number;
  payroll: number;
  equityExpense: number;
  tokenCost: number;
  creditCost: number;
  outputSum: number;
  tokensProductive: number;
  tokensWasted: number;
  capped: number;
}

interface EngineerObject {
  id: number;
  level: number;
  skill: number;
  firm: FirmObject | null;
  base: number;
  equity: number;
  budget: number;
  tenure: number;
  phiP: number;
  phiF: number;
  wealth: number;
  credits: number;
  rating: number;
  lambda: number;
  output: number;
  prevOutput: number;
  tokensUsed: number;
  tokensWasted: number;
  compute: number;
  pool: number;
  moveDrop: number;
  moved: boolean;
  labourMarket: number;
}

export interface ObjectModel {
  p: Params;
  market: MarketState;
  people: EngineerObject[];
  firms: FirmObject[];
  /** Movers' output drop sums and counts: index 0 = all, 1 + level. */
  moverDropSum: number[];
  moverDropCount: number[];
}

/** Copies a fresh world into objects (the world's firm streams are taken over, not copied). */
export function buildObjects(w: World): ObjectModel {
  const e = w.eng;
  const firms: FirmObject[] = w.firms.map((f) => ({
    slot: f.slot,
    alive: f.alive,
    A: f.A,
    budgetScale: f.budgetScale,
    kappaBar: f.kappaBar,
    tp: f.tp,
    rng: f.rng,
    staff: [],
    n: 0,
    L: 0,
    C: 0,
    Y: 0,
    YL: 0,
    YC: 0,
    payroll: 0,
    equityExpense: 0,
    tokenCost: 0,
    creditCost: 0,
    outputSum: 0,
    tokensProductive: 0,
    tokensWasted: 0,
    capped: 0,
  }));
  const people: EngineerObject[] = [];
  for (let i = 0; i < e.n; i++) {
    const firm = e.employer[i] === UNEMPLOYED ? null : firms[e.employer[i]];
    const person: EngineerObject = {
      id: i,
      level: e.level[i],
      skill: e.skill[i],
      firm,
      base: e.base[i],
      equity: e.equity[i],
      budget: e.budget[i],
      tenure: e.tenure[i],
      phiP: e.phiP[i],
      phiF: e.phiF[i],
      wealth: e.wealth[i],
      credits: e.credits[i],
      rating: e.rating[i],
      lambda: e.lambda[i],
      output: e.output[i],
      prevOutput: e.prevOutput[i],
      tokensUsed: e.tokensUsed[i],
      tokensWasted: e.tokensWasted[i],
      compute: 0,
      pool: e.pool[i],
      moveDrop: e.moveDrop[i],
      moved: e.moved[i] === 1,
      labourMarket: e.labourMarket[i],
    };
    people.push(person);
    if (firm) firm.staff.push(person);
  }
  return {
    p: w.p,
    market: w.market.state,
    people,
    firms,
    moverDropSum: new Array<number>(1 + NUM_LEVELS).fill(0),
    moverDropCount: new Array<number>(1 + NUM_LEVELS).fill(0),
  };
}

const objectProduction = production();

/** One month of token use, firm production and output/learning/saving, on objects. */
export function objectMonth(o: ObjectModel, month: number): void {
  const p = o.p;
  const m = o.market;
  const pp = p.production;
  const ep = p.engineers;
  const cfo = p.cfo;
  const monthOfYear = month % 12;
  const monthsLeft = 12 - monthOfYear;
  // Token use: each firm's staff spend their allowance; the firm sums labour, compute and costs.
  for (const f of o.firms) {
    f.n = 0;
    f.L = 0;
    f.C = 0;
    f.Y = 0;
    f.YL = 0;
    f.YC = 0;
    f.payroll = 0;
    f.equityExpense = 0;
    f.tokenCost = 0;
    f.creditCost = 0;
    f.outputSum = 0;
    f.tokensProductive = 0;
    f.tokensWasted = 0;
    f.capped = 0;
    const pol = f.tp.policy;
    const yearly = pol.tokenExpiry === 'yearly';
    for (const e of f.staff) {
      const topUp = 1 + pol.performanceTopUp * Math.max(0, e.rating - 1);
      const eb = e.budget * f.budgetScale * topUp;
      if (yearly && monthOfYear === 0) e.pool = eb;
      const allowance = yearly ? e.pool / monthsLeft : eb / 12;
      const available = (allowance * f.tp.hostedUsableShare) / m.priceRetail;
      const kappa = e.phiP + e.phiF;
      const capTokens = m.orchestrationCap * kappa;
      let used = Math.min(available, capTokens);
      const quota = cfo.finopsQuotaShareOfCap > 0 ? cfo.finopsQuotaShareOfCap * capTokens : Infinity;
      if (used > quota) used = quota;
      let waste = ep.tokenmaxxing * (available - used) * (1 - cfo.finopsChargebackWasteCut);
      if (used + waste > quota) waste = Math.max(0, quota - used);
      const spent = (used + waste) * m.priceRetail;
      if (yearly) e.pool = Math.max(0, e.pool - spent);
      if (pol.tokenPortability > 0 && (!yearly || monthOfYear === 11)) {
        const unused = yearly ? e.pool : Math.max(0, allowance - spent);
        const credit = pol.tokenPortability * unused;
        e.credits += credit;
        f.creditCost += credit * f.tp.wholesaleDiscount;
      }
      e.tokensUsed = used;
      e.tokensWasted = waste;
      const c = pp.c0 + (m.capability * kappa * used) / pp.computeUnitMTokens;
      e.compute = c;
      f.n += 1;
      f.L += e.skill;
      f.C += c;
      f.tokensProductive += used;
      f.tokensWasted += waste;
      f.tokenCost += (used + waste) * m.priceRetail * f.tp.wholesaleDiscount;
      if (available > capTokens && used >= capTokens * (1 - 1e-12)) f.capped += 1;
    }
  }
  // Firm production: CES output and marginal products.
  for (const f of o.firms) {
    if (!f.alive || f.n === 0) continue;
    ces(f.A, f.L, f.C, pp.alpha, pp.sigma, objectProduction);
    f.Y = objectProduction.Y;
    f.YL = objectProduction.YL;
    f.YC = objectProduction.YC;
  }
  // Output, rating, learning, the move drop, pay, savings and vesting.
  const pass = cfo.expectationPassThrough;
  const noiseSd = p.labour.ratingNoise;
  const smooth = 1 / p.labour.ratingSmoothingMonths;
  for (const f of o.firms) {
    const pol = f.tp.policy;
    for (const e of f.staff) {
      const y = f.YL * e.skill + f.YC * e.compute;
      e.output = y;
      f.outputSum += y;
      const topUp = 1 + pol.performanceTopUp * Math.max(0, e.rating - 1);
      const eb = e.budget * f.budgetScale * topUp;
      const budgetTokens = ((eb / 12) * f.tp.hostedUsableShare) / m.priceRetail;
      const expTokens = Math.min(budgetTokens, m.orchestrationCap * f.kappaBar);
      const expected = f.YL * e.skill + f.YC * (pp.c0 + (pass * m.capability * f.kappaBar * expTokens) / pp.computeUnitMTokens);
      const raw = expected > 0 ? (y / expected) * exp(noiseSd * f.rng.normal() - 0.5 * noiseSd * noiseSd) : 1;
      e.rating += (raw - e.rating) * smooth;
      const kappa = e.phiP + e.phiF;
      const capTokens = m.orchestrationCap * kappa;
      const useShare = capTokens > 0 ? e.tokensUsed / capTokens : 0;
      e.phiP += ep.learningRatePortable * useShare * (ep.portableFluencyMax - e.phiP);
      e.phiF += ep.learningRateFirm * useShare * (ep.firmLeverageMax - e.phiF);
      const usedIfMoved = Math.min(budgetTokens, m.orchestrationCap * e.phiP);
      const cMoved = pp.c0 + (m.capability * e.phiP * usedIfMoved) / pp.computeUnitMTokens;
      e.moveDrop = y > 0 ? Math.max(0, (f.YC * (e.compute - cMoved)) / y) : 0;
      const relative = f.L > 0 ? y / ((f.Y / f.L) * e.skill) : 0;
      if (e.moved) {
        if (e.prevOutput > 0) {
          const drop = 1 - relative / e.prevOutput;
          o.moverDropSum[0] += drop;
          o.moverDropSum[1 + e.level] += drop;
          o.moverDropCount[0] += 1;
          o.moverDropCount[1 + e.level] += 1;
        }
        e.moved = false;
      }
      e.prevOutput = relative;
      f.payroll += e.base / 12;
      f.equityExpense += e.equity / 12;
      e.wealth += (ep.savingsRate * e.base) / 12;
      const cliff = pol.equityCliffMonths;
      const tenure = e.tenure + 1;
      if (tenure >= cliff) {
        const months = tenure === cliff ? cliff : 1;
        e.wealth += ((e.equity * months) / 12) * f.tp.equityRiskDiscount;
      }
      if (e.credits > 0 && tenure >= pol.creditVestingMonths) {
        e.wealth += e.credits;
        e.credits = 0;
      }
      e.tenure = tenure;
    }
  }
  // The unemployed: benefit savings and tenure.
  const benefit = p.labour.unemploymentBenefitShare;
  for (const e of o.people) {
    if (e.firm !== null) continue;
    e.wealth += (ep.savingsRate * benefit * e.base) / 12;
    e.tenure += 1;
  }
}

/** The engine's own monthly engineer update, as simulate() runs it. */
export function engineMonth(w: World, month: number): void {
  w.month = month;
  useTokens(w);
  produce(w);
  produceLearnSave(w);
}

const relDiff = (a: number, b: number): number => (a === b || Object.is(a, b) ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

const ENGINEER_FIELDS = ['output', 'rating', 'phiP', 'phiF', 'wealth', 'credits', 'pool', 'tenure', 'tokensUsed', 'tokensWasted', 'moveDrop', 'prevOutput'] as const;
const FIRM_FIELDS = ['n', 'L', 'C', 'Y', 'YL', 'YC', 'payroll', 'equityExpense', 'tokenCost', 'creditCost', 'outputSum', 'tokensProductive', 'tokensWasted', 'capped'] as const;

/** Max relative difference, per field, between the object version and the engine's state. */
export function compare(w: World, o: ObjectModel): Record<string, number> {
  const e = w.eng;
  const d: Record<string, number> = {};
  for (const k of ENGINEER_FIELDS) {
    let max = 0;
    const arr = e[k];
    for (let i = 0; i < e.n; i++) max = Math.max(max, relDiff(arr[i], o.people[i][k]));
    d[k] = max;
  }
  let moved = 0;
  for (let i = 0; i < e.n; i++) moved = Math.max(moved, Number((e.moved[i] === 1) !== o.people[i].moved));
  d.moved = moved;
  for (const k of FIRM_FIELDS) {
    let max = 0;
    w.firms.forEach((f, s) => (max = Math.max(max, relDiff(f[k], o.firms[s][k]))));
    d[`firm.${k}`] = max;
  }
  d.moverDropSum = relDiff(w.counters.moverDropSum[0], o.moverDropSum[0]);
  d.moverDropCount = relDiff(w.counters.moverDropCount[0], o.moverDropCount[0]);
  return d;
}

export const maxOf = (d: Record<string, number>): number => Math.max(...Object.values(d));
export const mergeMax = (a: Record<string, number>, b: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.keys(a).map((k) => [k, Math.max(a[k], b[k] ?? 0)]));

/**
 * Two fresh worlds of the same params and seed (one for the engine, one copied into objects,
 * so each has firm streams at their initial state), optionally prepared alike.
 */
export function pair(p: Params, prepare?: (w: World) => void): { w: World; o: ObjectModel } {
  const w = createWorld(p, 1);
  const ow = createWorld(p, 1);
  if (prepare) {
    prepare(w);
    prepare(ow);
  }
  return { w, o: buildObjects(ow) };
}

/** Runs both for `months` from `start` and returns the per-field differences. */
export function runBoth(w: World, o: ObjectModel, start: number, months: number): Record<string, number> {
  for (let m = start; m < start + months; m++) {
    engineMonth(w, m);
    objectMonth(o, m);
  }
  return compare(w, o);
}

/**
 * Parameters that switch on every path of the update the defaults leave off: tokenmaxxing,
 * FinOps chargeback (and, with `quota`, the FinOps quota, which keeps use below the cap),
 * yearly expiry on alternate firm types, portable credits with vesting, performance top-ups,
 * partial expectation pass-through, budgets large enough to hit the orchestration cap.
 */
function stressParams(engineers: number, quota: boolean): Params {
  const p = paramsFor(engineers);
  p.engineers.tokenmaxxing = 0.4;
  p.cfo.finopsQuotaShareOfCap = quota ? 0.9 : 0;
  p.cfo.finopsChargebackWasteCut = 0.25;
  p.cfo.expectationPassThrough = 0.7;
  Object.values(p.firmTypes).forEach((tp, k) => {
    tp.policy.tokenExpiry = k % 2 === 1 ? 'yearly' : 'monthly';
    tp.policy.tokenPortability = 0.5;
    tp.policy.creditVestingMonths = 6;
    tp.policy.performanceTopUp = 0.3;
    tp.policy.tokenBudgetFixed = [2_400, 30_000, 60_000, 100_000][k % 4];
  });
  return p;
}

/** Firm budget scales other than 1, and movers (with a previous relative output) to count. */
function stressPrepare(w: World): void {
  for (const f of w.firms) f.budgetScale = 0.7 + 0.1 * (f.slot % 6);
  for (let i = 0; i < w.eng.n; i++) {
    if (i % 7 === 3 && w.eng.employer[i] !== UNEMPLOYED) {
      w.eng.moved[i] = 1;
      w.eng.prevOutput[i] = 0.9;
    }
  }
}

/**
 * Equality of the object version with the engine with every path switched on (small size,
 * in-process), with and without the FinOps quota, compared every 5 months. Also counts what the paths did: capped
 * engineers, movers' drops, credits granted and vested.
 */
export function stressCheck(engineers: number, months: number): { diff: Record<string, number>; capped: number; movers: number; creditCost: number } {
  let diff: Record<string, number> | undefined;
  let capped = 0;
  let movers = 0;
  let creditCost = 0;
  for (const quota of [true, false]) {
    const { w, o } = pair(stressParams(engineers, quota), stressPrepare);
    for (let m = 0; m < months; m++) {
      engineMonth(w, m);
      objectMonth(o, m);
      for (const f of w.firms) {
        capped += f.capped;
        creditCost += f.creditCost;
      }
      if (m % 5 === 4 || m === months - 1) {
        const d = compare(w, o);
        diff = diff ? mergeMax(diff, d) : d;
      }
    }
    movers += w.counters.moverDropCount[0];
  }
  return { diff: diff!, capped, movers, creditCost };
}
