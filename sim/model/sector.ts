/**
 * The outer nest of product demand (docs/model.md): a firm type's software as a whole faces
 * the sector elasticity ε_S, each firm within it the firm elasticity ε = 1/(1 − η). Firms take
 * their demand level as given; the type's output moves it.
 */
import type { World } from './world.ts';
import { exp, log, pow } from '../lib/dmath.ts';

/**
 * Writes each firm type's sector output index per producing firm, mean Y^η over its alive firms
 * with output, into `out`. Per firm, so a failed startup's slot counts as an average firm until
 * it is re-entered: exits and entry do not move the other firms' demand, output growth does.
 */
export function sectorOutput(w: World, out: Float64Array): void {
  const eta = w.p.production.eta;
  const firms = w.sectorFirms;
  out.fill(0);
  firms.fill(0);
  for (const f of w.firms) {
    if (!f.alive || f.n === 0 || !(f.Y > 0)) continue;
    out[f.type] += pow(f.Y, eta);
    firms[f.type] += 1;
  }
  for (let t = 0; t < out.length; t++) out[t] = firms[t] > 0 ? out[t] / firms[t] : 0;
}

/**
 * The outer nest of product demand: each firm takes its demand level as given, but when a
 * firm type's output as a whole grows (last month's, relative to month 0) the level of demand
 * every firm of the type faces moves by (Y_S ÷ Y_S0)^(1/ε − 1/ε_S), with Y_S = (mean Y^η)^(1/η)
 * the type's Dixit–Stiglitz output index per firm, so spending on the type's software grows with
 * Y_S^(1 − 1/ε_S). The log index moves a share θ of the way each month.
 */
export function updateSectorDemand(w: World): void {
  const pp = w.p.production;
  const exponent = sectorExponent(w);
  if (exponent === 0) return;
  const now = w.sectorScratch;
  sectorOutput(w, now);
  for (let t = 0; t < now.length; t++) {
    if (!(now[t] > 0) || !(w.sectorBase[t] > 0)) continue;
    const target = log(now[t] / w.sectorBase[t]) / pp.eta;
    w.sectorLogOutput[t] += pp.sectorPriceAdjustmentPerMonth * (target - w.sectorLogOutput[t]);
    w.sectorShift[t] = exp(exponent * w.sectorLogOutput[t]);
  }
}

/** Exponent of the sector demand factor on sector output: 1/ε − 1/ε_S. */
export function sectorExponent(w: World): number {
  const pp = w.p.production;
  return 1 - pp.eta - 1 / pp.sectorDemandElasticity;
}

/**
 * Makes the CFOs' headcount targets consistent with the demand their type would face at them:
 * each firm's optimum `nStar` (per slot, at this month's demand level) is scaled within its type
 * by the common factor exp(δ) with which every firm of the type is at its optimum given the
 * sector demand that the type's output at those targets implies (output at a target taken as
 * today's output × target ÷ headcount, as in optimalHeadcount). With b = 1/ε − 1/ε_S,
 * M = (1/η)·ln(Σ Y^η·(N* ÷ N)^η ÷ Σ Y^η), L the log sector output relative to month 0 now and
 * L̂ its smoothed value in today's demand level, δ = b·(L + M − L̂) ÷ (1 − η − b). Without it
 * each CFO expands as if its rivals stood still, and a type that is short of engineers
 * everywhere targets more than it would want once they are hired.
 */
export function consistentTargets(w: World, nStar: Float64Array, sumNow: Float64Array, sumAt: Float64Array): void {
  const b = sectorExponent(w);
  if (b === 0) return;
  const eta = w.p.production.eta;
  sumNow.fill(0);
  sumAt.fill(0);
  const firms = w.sectorFirms;
  firms.fill(0);
  for (const f of w.firms) {
    if (!f.alive || f.n === 0 || !(f.Y > 0) || !(nStar[f.slot] > 0)) continue;
    const yEta = pow(f.Y, eta);
    sumNow[f.type] += yEta;
    sumAt[f.type] += yEta * pow(nStar[f.slot] / f.n, eta);
    firms[f.type] += 1;
  }
  for (let t = 0; t < sumNow.length; t++) {
    if (!(sumNow[t] > 0) || !(w.sectorBase[t] > 0)) {
      sumAt[t] = 1;
      continue;
    }
    const now = log(sumNow[t] / firms[t] / w.sectorBase[t]) / eta;
    const m = log(sumAt[t] / sumNow[t]) / eta;
    sumAt[t] = exp((b * (now + m - w.sectorLogOutput[t])) / (1 - eta - b));
  }
  for (const f of w.firms) if (f.alive && f.n > 0 && f.Y > 0) nStar[f.slot] *= sumAt[f.type];
}
