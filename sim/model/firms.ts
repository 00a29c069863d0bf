/**
 * Firms (docs/model.md): slots by type, productivity A, demand Z, production and revenue,
 * cash, venture funding rounds, exits and entrants.
 */
import { storeAsDoubles } from '../lib/doubleFields.ts';
import type { Params } from './params.ts';
import { LEVELS } from './params.ts';
import { restream, stream, STREAMS } from '../lib/rng.ts';
import type { Stream } from '../lib/rng.ts';
import { CES_A, CES_C, CES_L, CES_SIGMA, cesFromInputs, cesIn, production } from './production.ts';
import { firmGenerationId, meanOneLogNormal } from './engineers.ts';
import { count, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';
import { pow } from '../lib/dmath.ts';
import { initOffers } from './offers.ts';
import { updateSectorDemand } from './sector.ts';

/** Number of slots per type by largest remainder of the normalised firm shares (deterministic). */
export function allocateSlots(shares: number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (s / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, k) => ({ r: x - Math.floor(x), k })).sort((a, b) => b.r - a.r || a.k - b.k);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) counts[order[j].k] += 1;
  return counts;
}

function newFirm(p: Params, typeNames: string[], seed: number, slot: number, type: number, A: number): Firm {
  const tp = p.firmTypes[typeNames[type]];
  const f: Firm = {
    slot,
    generation: 0,
    type,
    tp,
    rng: stream(seed, STREAMS.firm(slot, 0)),
    alive: true,
    reentryMonth: -1,
    A,
    bench: { pi0: 1, k0: 1 },
    Z: 0,
    cash: 0,
    target: 0,
    budgetScale: 1,
    offerValue: new Float64Array(LEVELS.length),
    vacancies: new Float64Array(LEVELS.length),
    filled: new Float64Array(LEVELS.length),
    acceptable: new Float64Array(LEVELS.length),
    vacanciesRecent: new Float64Array(LEVELS.length),
    filledRecent: new Float64Array(LEVELS.length),
    acceptableRecent: new Float64Array(LEVELS.length),
    hiresThisQuarter: 0,
    kappaBar: p.engineers.portableFluencyInitialMean,
    hireWeights: new Float64Array(LEVELS.length).fill(1 / LEVELS.length),
    n: 0,
    L: 0,
    C: 0,
    X: 0,
    G: 0,
    Y: 0,
    YL: 0,
    YC: 0,
    revenue: 0,
    payroll: 0,
    equityExpense: 0,
    tokenCost: 0,
    agentTokenCost: 0,
    toolingCost: 0,
    creditCost: 0,
    profit: 0,
    outputSum: 0,
    tokensProductive: 0,
    tokensWasted: 0,
    capped: 0,
  };
  // Agents' X and G get their first fraction only when firms first run agents (month 27 of a
  // default run), which changed every firm's layout and threw away 28 optimised functions at once.
  return storeAsDoubles(f, DOUBLE_FIELDS);
}

/** The firm fields that hold fractional numbers, some of them only months into a run (agents' X, G). */
const DOUBLE_FIELDS = [
  'A', 'Z', 'cash', 'target', 'budgetScale', 'kappaBar', 'L', 'C', 'X', 'G', 'Y', 'YL', 'YC', 'revenue', 'payroll',
  'equityExpense', 'tokenCost', 'agentTokenCost', 'toolingCost', 'creditCost', 'profit', 'outputSum', 'tokensProductive', 'tokensWasted',
] as const;

/** Creates the firm slots and returns them with each slot's initial size weight. */
export function initFirms(p: Params, typeNames: string[], seed: number, rng: Stream): { firms: Firm[]; weights: Float64Array } {
  const counts = allocateSlots(
    typeNames.map((t) => p.firmTypes[t].firmShare),
    p.run.firms,
  );
  const firms: Firm[] = [];
  const weights: number[] = [];
  typeNames.forEach((name, type) => {
    const tp = p.firmTypes[name];
    for (let k = 0; k < counts[type]; k++) {
      const A = tp.productivityMean * meanOneLogNormal(rng, tp.productivityDispersion);
      firms.push(newFirm(p, typeNames, seed, firms.length, type, A));
      weights.push(tp.sizeWeight * meanOneLogNormal(rng, 0.3));
    }
  });
  return { firms, weights: Float64Array.from(weights) };
}

const prodScratch = production();

/** Output and marginal products of every alive firm from this month's L and C (directed and autonomous). */
export function produce(w: World): void {
  const pp = w.p.production;
  for (const f of w.firms) {
    if (!f.alive || f.n === 0) continue;
    // ces(f.A, f.L, f.C, f.bench, pp.sigma, prodScratch), its numbers through cesIn (not boxed).
    cesIn[CES_A] = f.A;
    cesIn[CES_L] = f.L;
    cesIn[CES_C] = f.C;
    cesIn[CES_SIGMA] = pp.sigma;
    cesFromInputs(f.bench, prodScratch);
    f.Y = prodScratch.Y;
    f.YL = prodScratch.YL;
    f.YC = prodScratch.YC;
  }
}

/**
 * The CES normalisation (ECONOMICS.md §1) from the month-0 bundle, after token use: labour's
 * share of factor cost π0 = pay ÷ (pay + tooling + tokens at wholesale) and the compute
 * intensity k0 = C0/L0 — of each firm, so that at month 0 every firm's output, factor shares and
 * optimal headcount are the same whatever σ, and of each type's firms together, which entrants
 * use. A type with no engineers at month 0 takes the mean of the others (or π0 = 0.95, k0 = 1
 * if there are none).
 */
export function setBenchmarks(w: World, pay: Float64Array): void {
  const T = w.typeNames.length;
  const L = new Float64Array(T);
  const C = new Float64Array(T);
  const labour = new Float64Array(T);
  const computeCost = new Float64Array(T);
  for (const f of w.firms) {
    if (f.n === 0) continue;
    const compute = f.toolingCost + f.tokenCost + f.creditCost;
    f.bench = { pi0: pay[f.slot] / (pay[f.slot] + compute), k0: f.C / f.L };
    L[f.type] += f.L;
    C[f.type] += f.C;
    labour[f.type] += pay[f.slot];
    computeCost[f.type] += compute;
  }
  let pi0Sum = 0;
  let k0Sum = 0;
  let known = 0;
  for (let t = 0; t < T; t++) {
    if (L[t] <= 0) continue;
    w.benchmarks[t] = { pi0: labour[t] / (labour[t] + computeCost[t]), k0: C[t] / L[t] };
    pi0Sum += w.benchmarks[t].pi0;
    k0Sum += w.benchmarks[t].k0;
    known += 1;
  }
  for (let t = 0; t < T; t++) {
    if (L[t] > 0) continue;
    w.benchmarks[t] = known > 0 ? { pi0: pi0Sum / known, k0: k0Sum / known } : { pi0: 0.95, k0: 1 };
  }
  for (const f of w.firms) if (f.n === 0) f.bench = w.benchmarks[f.type];
}

/** Loaded monthly cost of the firm's engineers, $ per engineer (cash + equity + tooling + their tokens + credits). */
export function loadedCostPerEngineer(f: Firm): number {
  return f.n > 0 ? (f.payroll + f.equityExpense + f.toolingCost + f.tokenCost + f.creditCost) / f.n : 0;
}

/**
 * Net marginal revenue of one more unit of output this month, $ per output unit:
 * (1 − overhead)·η·g·R/Y, with g the planning multiple (0 for a firm with no output).
 */
export function marginalRevenueOfOutput(f: Firm, eta: number): number {
  return f.Y > 0 ? ((1 - f.tp.overheadShareOfRevenue) * eta * f.revenue * planningGrowth(f)) / f.Y : 0;
}

/** The multiple of today's revenue the CFO sizes headcount for (1 for firms that plan on today). */
export function planningGrowth(f: Firm): number {
  return f.tp.funding.planningRevenueMultiple;
}

/**
 * Sets demand Z so that at N engineers producing Y with loaded cost `cost` per engineer the
 * marginal revenue of a hire (who produces `hireShare` of the average: cfo.ts hireOutputShare)
 * net of overhead equals its cost, so the firm starts at its optimum:
 * (1 − overhead)·η·R·g·hireShare = N·cost, R = Z·Y^η, g = planning growth.
 */
export function calibrateDemand(w: World, f: Firm, N: number, Y: number, cost: number, hireShare = 1): void {
  const eta = w.p.production.eta;
  const R = (N * cost) / ((1 - f.tp.overheadShareOfRevenue) * eta * planningGrowth(f) * hireShare);
  f.Z = Y > 0 ? R / (w.demandShift * w.sectorShift[f.type] * pow(Y, eta)) : 0;
}

/** The firm's demand level this month, $ per month per output^η: revenue = demandLevel·Y^η. */
export function demandLevel(w: World, f: Firm): number {
  return f.Z * w.demandShift * w.sectorShift[f.type];
}

/**
 * Economy-wide demand shifter in `month`: the product of active demand events and the
 * triangular cycle 1 + amplitude·tri(t/period) (tri rises from 0 to 1, falls to −1, returns;
 * piecewise linear, so it is the same bits everywhere).
 */
export function demandShiftAt(p: Params, month: number): number {
  let shift = 1;
  for (const e of p.demand.events) if (month >= e.startMonth && month < e.startMonth + e.months) shift *= e.factor;
  const d = p.demand;
  if (d.cycleAmplitude > 0) {
    const x = month / 12 / d.cyclePeriodYears;
    const phase = x - Math.floor(x);
    const tri = phase < 0.25 ? 4 * phase : phase < 0.75 ? 2 - 4 * phase : 4 * phase - 4;
    shift *= 1 + d.cycleAmplitude * tri;
  }
  return shift;
}

/** Revenue, profit and cash; venture rounds; exits of firms out of cash. */
export function settleAccounts(w: World): void {
  const eta = w.p.production.eta;
  for (const f of w.firms) {
    if (!f.alive) continue;
    f.revenue = f.n > 0 ? demandLevel(w, f) * pow(f.Y, eta) : 0;
    const overhead = f.tp.overheadShareOfRevenue * f.revenue;
    const cashCosts = f.payroll + f.toolingCost + f.tokenCost + f.agentTokenCost + f.creditCost + overhead;
    f.profit = f.revenue - cashCosts - f.equityExpense;
    f.cash += f.revenue - cashCosts;
    if (f.tp.venture === 1 && f.rng.next() < f.tp.equityLiquidityProbPerYear / 12) settleIlliquidEquity(w, f, true);
    if (f.tp.venture === 1 && cashCosts > f.revenue) {
      const runway = f.cash / (cashCosts - f.revenue);
      const fp = f.tp.funding;
      if (runway < fp.runwayTriggerMonths && f.rng.next() < fp.roundProbPerMonth) f.cash += fp.roundSizeMonthsOfBurn * cashCosts;
    }
    if (f.cash < 0) exitFirm(w, f);
  }
}

/**
 * A venture firm's illiquid equity held by its current and former engineers: paid out into
 * wealth at grant value at a liquidity event (an acquisition or listing), or written off when
 * the firm fails.
 */
export function settleIlliquidEquity(w: World, f: Firm, liquid: boolean): void {
  const e = w.eng;
  const id = firmGenerationId(f);
  for (let i = 0; i < e.n; i++) {
    if (e.illiquidFirm[i] !== id) continue;
    if (liquid) e.wealth[i] += e.illiquid[i];
    e.illiquid[i] = 0;
    e.illiquidFirm[i] = -1;
  }
}

/** Lays off everyone, writes off its illiquid equity and closes the slot until an entrant takes it. */
export function exitFirm(w: World, f: Firm): void {
  if (f.tp.venture === 1) settleIlliquidEquity(w, f, false);
  layOffEveryone(w, f);
  f.alive = false;
  f.n = 0;
  f.target = 0;
  f.reentryMonth = w.month + f.tp.funding.reentryDelayMonths;
  w.counters.exits[0] += 1;
  w.counters.exits[w.groups.type(f.type)] += 1;
}

/**
 * Separates every engineer of firm f, counted as layoffs. Nothing follows the loop in this
 * function (see produceLearnSave, engineers.ts).
 */
function layOffEveryone(w: World, f: Firm): void {
  const e = w.eng;
  for (let i = 0; i < e.n; i++) {
    if (e.employer[i] !== f.slot) continue;
    separate(w, i);
    count(w.counters.layoffs, w.groups, f.type, e.level[i]);
  }
}

/** Engineer i leaves their employer (laid off or firm closed): unvested credits are forfeited. */
export function separate(w: World, i: number): void {
  const e = w.eng;
  e.employer[i] = UNEMPLOYED;
  e.tenure[i] = 0;
  e.phiF[i] = 0;
  e.credits[i] = 0;
}

/**
 * Month-start demand moves and re-entry: Z grows with the outside wage (money is nominal) and the
 * type's real growth, with noise; an exited slot whose delay has passed gets a new firm of the
 * same type sized like the type's alive firms.
 */
export function updateDemandAndEntry(w: World): void {
  const nominal = w.p.supply.outsideWageGrowthPerYear;
  w.demandShift = demandShiftAt(w.p, w.month);
  if (w.month > 0) updateSectorDemand(w);
  for (const f of w.firms) {
    if (f.alive) {
      f.Z *= pow(nominal * f.tp.demandGrowthPerYear, 1 / 12) * meanOneLogNormal(f.rng, f.tp.demandVolatility);
    } else if (w.month >= f.reentryMonth) {
      enter(w, f);
    }
  }
}

function enter(w: World, f: Firm): void {
  f.generation += 1;
  f.bench = w.benchmarks[f.type];
  f.rng = restream(f.rng, w.seed, STREAMS.firm(f.slot, f.generation));
  f.alive = true;
  f.A = f.tp.productivityMean * meanOneLogNormal(f.rng, f.tp.productivityDispersion);
  // Size and unit economics of an entrant: the mean of alive firms of the same type.
  let n = 0;
  let y = 0;
  let cost = 0;
  let peers = 0;
  initOffers(w, f);
  f.offerValue.fill(0);
  for (const g of w.firms) {
    if (!g.alive || g === f || g.type !== f.type || g.n === 0) continue;
    peers += 1;
    n += g.n;
    y += g.Y / g.n / g.A;
    cost += loadedCostPerEngineer(g);
    for (let l = 0; l < LEVELS.length; l++) f.offerValue[l] += g.offerValue[l];
  }
  const N0 = peers > 0 ? Math.max(1, Math.round(n / peers)) : 10;
  const yPer = peers > 0 ? (y / peers) * f.A : f.A;
  const costPer = peers > 0 ? cost / peers : 0;
  if (peers > 0) for (let l = 0; l < LEVELS.length; l++) f.offerValue[l] /= peers;
  else initOffers(w, f);
  f.budgetScale = 1;
  f.target = N0;
  calibrateDemand(w, f, N0, N0 * yPer, costPer);
  f.cash = f.tp.cashMonthsInitial * N0 * costPer;
}
