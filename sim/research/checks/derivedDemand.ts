/**
 * Derived demand for engineers (ECONOMICS.md §2), measured on the CFO's own choice at a firm's
 * state in a run of the full engine: the elasticity of N* to the wholesale price, by shifting
 * the price ±δ (the engineers' own token cost moving with it, their budgets in tokens held),
 * against the formula at that state,
 *   ∂ln N* ÷ ∂ln p = s_C·(σ − ε) − (s_C·σ + (1 − s_C)·ε)·ψ,
 * s_C = q·C/(q·C + N·w̃) at the optimum, ψ = (p·u − q·d̄)/w̃, q the price of an effective unit of
 * agent compute, w̃ = w − q·d̄. It reduces to Hicks–Allen's s_C·(σ − ε) when engineers direct
 * little compute. At a state where agents do not pay, the formula is −ε·p·u/w.
 */
import { agentUnitsPerMTokens } from '../../model/agents.ts';
import { bucketByEmployer, cfoScratch, optimalHeadcount, replacementCostPerEngineer } from '../../model/cfo.ts';
import { costMinimisingIntensity } from '../../model/production.ts';
import type { Firm, World } from '../../model/world.ts';

export interface DerivedDemand {
  /** ln(N*₊ ÷ N*₋) ÷ ln((1 + δ) ÷ (1 − δ)). */
  measured: number;
  formula: number;
  /** Whether agents are part of the CFO's optimum at this state (the interior of ECONOMICS §2). */
  agents: boolean;
  computeCostShare: number;
  psi: number;
}

/** The CFO's headcount at this state with the list price scaled by `factor` (restored after). */
function targetAtPrice(w: World, f: Firm, otherCost: number, tokenCost: number, factor: number): number {
  const m = w.market.state;
  const price = m.priceRetail;
  m.priceRetail = price * factor;
  try {
    return optimalHeadcount(w, f, otherCost + factor * tokenCost);
  } finally {
    m.priceRetail = price;
  }
}

/** Derived demand at firm f of world w (after the month's accounts), with a price shift of ±δ. */
export function derivedDemandAt(w: World, f: Firm, delta = 0.05): DerivedDemand {
  const sc = cfoScratch(w.firms.length, w.eng.capacity, w.typeNames.length);
  bucketByEmployer(w, sc);
  const cost = replacementCostPerEngineer(f, sc.offerCashSum[f.slot]);
  const tokenCost = f.tokenCost / f.n;
  const other = cost - tokenCost;
  const up = targetAtPrice(w, f, other, tokenCost, 1 + delta);
  const down = targetAtPrice(w, f, other, tokenCost, 1 - delta);
  const measured = Math.log(up / down) / Math.log((1 + delta) / (1 - delta));
  const pp = w.p.production;
  const eps = 1 / (1 - pp.eta);
  const b = f.bench;
  const skill = f.L / f.n;
  const directed = (f.C - f.X) / f.n;
  const units = agentUnitsPerMTokens(w, f);
  if (units > 0) {
    const q = (w.market.state.priceRetail * f.tp.wholesaleDiscount) / units;
    const net = cost - q * directed;
    if (net > 0) {
      const intensity = costMinimisingIntensity(net, skill, q, b, pp.sigma);
      const compute = q * b.k0 * intensity * skill;
      if (b.k0 * intensity * skill > directed) {
        const sC = compute / (compute + net);
        const psi = (tokenCost - q * directed) / net;
        return { measured, formula: sC * (pp.sigma - eps) - (sC * pp.sigma + (1 - sC) * eps) * psi, agents: true, computeCostShare: sC, psi };
      }
    }
  }
  return { measured, formula: (-eps * tokenCost) / cost, agents: false, computeCostShare: 0, psi: 0 };
}
