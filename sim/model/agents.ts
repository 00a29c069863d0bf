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
import { demandLevel } from './firms.ts';
import { planningGrowth } from './firms.ts';
import { ces, production } from './production.ts';
import type { Firm, World } from './world.ts';

const scratch = production();

/** Effective compute units per agent token at firm f this month (0 when agents do nothing). */
export function agentUnitsPerMTokens(w: World, f: Firm): number {
  const m = w.market.state;
  return m.capability * m.autonomy * w.p.production.effectiveComputePerMTokens * f.tp.hostedUsableShare;
}

/** Net marginal revenue of one more effective compute unit at total compute C, $ per month. */
function marginalRevenueOfCompute(w: World, f: Firm, C: number): number {
  const pp = w.p.production;
  ces(f.A, f.L, C, f.bench, pp.sigma, scratch);
  if (scratch.Y <= 0) return 0;
  const scale = (1 - f.tp.overheadShareOfRevenue) * planningGrowth(f) * pp.eta * demandLevel(w, f);
  return scale * pow(scratch.Y, pp.eta - 1) * scratch.YC;
}

/**
 * d ln(marginal revenue of compute) ÷ d ln C at the compute of the last call to
 * marginalRevenueOfCompute: (η − 1)·s_C + (ρ − 1)·(1 − s_C), s_C compute's output share; < 0.
 */
function marginalRevenueSlope(w: World, C: number): number {
  const pp = w.p.production;
  const share = (scratch.YC * C) / scratch.Y;
  return (pp.eta - 1) * share + (pp.sigma === 1 ? -1 : -1 / pp.sigma) * (1 - share);
}

/**
 * The log compute at which marginal revenue equals `price`, between `lo` (where it is above)
 * and at most `top`: Newton on ln C with the analytic slope, falling back to bisection when a
 * step leaves the bracket; 1e-12 in ln C.
 */
function solveCompute(w: World, f: Firm, lo: number, top: number, price: number): number {
  const lnPrice = log(price);
  let hi = top;
  let x = lo;
  for (let k = 0; k < 60 && hi - lo > 1e-12; k++) {
    const C = exp(x);
    const mr = marginalRevenueOfCompute(w, f, C);
    if (mr <= 0) {
      hi = x;
      x = 0.5 * (lo + hi);
      continue;
    }
    const g = log(mr) - lnPrice;
    if (g > 0) lo = x;
    else hi = x;
    const next = x - g / marginalRevenueSlope(w, C);
    if (Math.abs(next - x) < 1e-12) return Math.min(Math.max(next, lo), hi);
    x = next > lo && next < hi ? next : 0.5 * (lo + hi);
  }
  return Math.min(Math.max(x, lo), hi);
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
    if (marginalRevenueOfCompute(w, f, directed) <= unitPrice) continue;
    // Marginal revenue falls with compute (concave CES, η < 1): solve on log C, at most e^32 ≈
    // 10^14 times the directed compute (far beyond any path the trends reach).
    const lnC = solveCompute(w, f, log(directed), log(directed) + 32, unitPrice);
    let G = Math.max(0, exp(lnC) - directed) / units;
    if (quota > 0) G = Math.min(G, quota * m.orchestrationCap * f.n);
    f.G = G;
    f.X = G * units;
    f.C = directed + f.X;
    f.agentTokenCost = G * m.priceRetail * f.tp.wholesaleDiscount;
  }
}
