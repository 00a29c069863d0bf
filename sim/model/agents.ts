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
  const scale = (1 - f.tp.overheadShareOfRevenue) * planningGrowth(f) * pp.eta * f.Z * w.demandShift;
  return scale * pow(scratch.Y, pp.eta - 1) * scratch.YC;
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
    // Marginal revenue falls with compute (concave CES, η < 1): bisect on log C, at most
    // e^32 ≈ 10^14 times the directed compute (far beyond any path the trends reach).
    let lo = log(directed);
    const top = lo + 32;
    let hi = lo + 1;
    while (hi < top && marginalRevenueOfCompute(w, f, exp(hi)) > unitPrice) hi = Math.min(top, hi + 4);
    for (let k = 0; k < 36; k++) {
      const mid = 0.5 * (lo + hi);
      if (marginalRevenueOfCompute(w, f, exp(mid)) > unitPrice) lo = mid;
      else hi = mid;
    }
    let G = (exp(lo) - directed) / units;
    if (quota > 0) G = Math.min(G, quota * m.orchestrationCap * f.n);
    f.G = G;
    f.X = G * units;
    f.C = directed + f.X;
    f.agentTokenCost = G * m.priceRetail * f.tp.wholesaleDiscount;
  }
}
