/**
 * Autonomous compute (docs/model.md; ECONOMICS.md §2): agents a firm runs without a person
 * directing each token. G million tokens a month give X = Q·a·e·h·G effective compute units
 * (autonomy a, the usable hosted share h), not tied to headcount: this is what lets compute
 * stand in for people. Each month, given its actual engineers and their directed compute, a
 * firm buys agent tokens until their marginal revenue equals the wholesale price,
 *   R′·Y_C·Q·a·e·h = p,   R′ = (1 − overhead)·g·η·R/Y,
 * or none where even the first agent token does not pay; a FinOps quota caps them at the quota
 * share of the orchestration cap per engineer. Compute has no hiring friction, so this is
 * re-set monthly; the CFO's quarterly headcount choice (cfo.ts) takes it into account.
 */
import { exp, log, pow } from '../lib/dmath.ts';
import { demandLevel, planningGrowth } from './firms.ts';
import { ces, COBB_DOUGLAS_TOLERANCE, production } from './production.ts';
import type { Firm, World } from './world.ts';

const scratch = production();

/** Effective compute units per agent token at firm f this month (0 when agents do nothing). */
export function agentUnitsPerMTokens(w: World, f: Firm): number {
  const m = w.market.state;
  return m.capability * m.autonomy * w.p.production.effectiveComputePerMTokens * f.tp.hostedUsableShare;
}

/**
 * Net marginal revenue of one more effective compute unit at total compute C, $ per month (the
 * definition; marginalAt writes it out for the solve).
 */
export function marginalRevenueOfCompute(w: World, f: Firm, C: number): number {
  const pp = w.p.production;
  ces(f.A, f.L, C, f.bench, pp.sigma, scratch);
  if (scratch.Y <= 0) return 0;
  const scale = (1 - f.tp.overheadShareOfRevenue) * planningGrowth(f) * pp.eta * demandLevel(w, f);
  return scale * pow(scratch.Y, pp.eta - 1) * scratch.YC;
}

/**
 * What the solve hands to and from marginalAt: compute C in; out, the marginal revenue there
 * and compute's output share Y_C·C/Y (for the slope); and the firm's parts that do not depend on
 * C (marginalTerms). Numbers go through this array rather than as arguments and results: the
 * solve runs a few steps per firm every month, and a double passed to or returned from a call
 * that V8 does not inline is boxed on the heap.
 */
export const at = new Float64Array(5);
export const AT_C = 0;
export const AT_MR = 1;
export const AT_SHARE = 2;
/** Labour's term of the CES: A·L^π0 (σ = 1) or π0·L^ρ. */
const AT_LABOUR = 3;
/** (1 − overhead)·g·η·demand level. */
const AT_SCALE = 4;

const isCobbDouglas = (sigma: number): boolean => Math.abs(sigma - 1) < COBB_DOUGLAS_TOLERANCE;

/** Firm f's parts of marginalAt that do not depend on compute (its L, A and demand this month). */
export function marginalTerms(w: World, f: Firm): void {
  const pp = w.p.production;
  const b = f.bench;
  const L = f.L;
  if (L > 0) at[AT_LABOUR] = isCobbDouglas(pp.sigma) ? f.A * pow(L, b.pi0) : b.pi0 * pow(L, (pp.sigma - 1) / pp.sigma);
  at[AT_SCALE] = (1 - f.tp.overheadShareOfRevenue) * planningGrowth(f) * pp.eta * demandLevel(w, f);
}

/**
 * at[AT_MR] = marginalRevenueOfCompute(w, f, at[AT_C]) and at[AT_SHARE] = Y_C·C/Y there (after
 * marginalTerms(w, f)), with ces (production.ts) written out: the same operations in the same
 * order, so the same bits (test/model/agents.test.ts compares them). Only dmath's pow is still
 * called (its numbers boxed), twice a step.
 */
export function marginalAt(w: World, f: Firm): void {
  const pp = w.p.production;
  const C = at[AT_C];
  const b = f.bench;
  let Y = 0;
  let YC = 0;
  // ces' test, negated as written there (so a NaN goes the same way).
  if (!(f.L <= 0 || C <= 0)) {
    const c = C / b.k0;
    if (isCobbDouglas(pp.sigma)) {
      Y = at[AT_LABOUR] * pow(c, 1 - b.pi0);
      YC = ((1 - b.pi0) * Y) / C;
    } else {
      const rho = (pp.sigma - 1) / pp.sigma;
      const aC = (1 - b.pi0) * pow(c, rho);
      const G = at[AT_LABOUR] + aC;
      Y = f.A * pow(G, 1 / rho);
      YC = ((aC / G) * Y) / C;
    }
  }
  if (Y <= 0) {
    at[AT_MR] = 0;
    return;
  }
  at[AT_MR] = at[AT_SCALE] * pow(Y, pp.eta - 1) * YC;
  at[AT_SHARE] = (YC * C) / Y;
}

/**
 * d ln(marginal revenue of compute) ÷ d ln C at the compute of the last marginalAt, from
 * compute's output share s_C there: (η − 1)·s_C + (ρ − 1)·(1 − s_C); < 0.
 */
function marginalRevenueSlope(w: World): number {
  const pp = w.p.production;
  const share = at[AT_SHARE];
  return (pp.eta - 1) * share + (pp.sigma === 1 ? -1 : -1 / pp.sigma) * (1 - share);
}

/** solveCompute's bracket and price in, its answer out (indices into `solve`). */
const solve = new Float64Array(4);
const SOLVE_LO = 0;
const SOLVE_TOP = 1;
const SOLVE_PRICE = 2;
const SOLVE_X = 3;

/**
 * The log compute at which marginal revenue equals the price, between solve[SOLVE_LO] (where it
 * is above) and at most solve[SOLVE_TOP], into solve[SOLVE_X]: Newton on ln C with the analytic
 * slope, falling back to bisection when a step leaves the bracket; 1e-12 in ln C.
 */
function solveCompute(w: World, f: Firm): void {
  const lnPrice = log(solve[SOLVE_PRICE]);
  let lo = solve[SOLVE_LO];
  let hi = solve[SOLVE_TOP];
  let x = lo;
  for (let k = 0; k < 60 && hi - lo > 1e-12; k++) {
    at[AT_C] = exp(x);
    marginalAt(w, f);
    const mr = at[AT_MR];
    if (mr <= 0) {
      hi = x;
      x = 0.5 * (lo + hi);
      continue;
    }
    const g = log(mr) - lnPrice;
    if (g > 0) lo = x;
    else hi = x;
    const next = x - g / marginalRevenueSlope(w);
    if (Math.abs(next - x) < 1e-12) {
      solve[SOLVE_X] = Math.min(Math.max(next, lo), hi);
      return;
    }
    x = next > lo && next < hi ? next : 0.5 * (lo + hi);
  }
  solve[SOLVE_X] = Math.min(Math.max(x, lo), hi);
}

/** Sets every alive firm's agent tokens G and compute X for this month (after token use, before production). */
export function chooseAgents(w: World): void {
  const m = w.market.state;
  const quota = w.p.cfo.finopsQuotaShareOfCap;
  for (const f of w.firms) {
    if (!f.alive || f.n === 0) continue;
    const units = agentUnitsPerMTokens(w, f);
    if (units <= 0) continue;
    const unitPrice = (m.priceRetail * f.tp.wholesaleDiscount) / units;
    const directed = f.C;
    marginalTerms(w, f);
    at[AT_C] = directed;
    marginalAt(w, f);
    if (at[AT_MR] <= unitPrice) continue;
    // Marginal revenue falls with compute (concave CES, η < 1): solve on log C, at most e^32 ≈
    // 10^14 times the directed compute (far beyond any path the trends reach).
    solve[SOLVE_LO] = log(directed);
    solve[SOLVE_TOP] = log(directed) + 32;
    solve[SOLVE_PRICE] = unitPrice;
    solveCompute(w, f);
    let G = Math.max(0, exp(solve[SOLVE_X]) - directed) / units;
    if (quota > 0) G = Math.min(G, quota * m.orchestrationCap * f.n);
    f.G = G;
    f.X = G * units;
    f.C = directed + f.X;
    f.agentTokenCost = G * m.priceRetail * f.tp.wholesaleDiscount;
  }
}
