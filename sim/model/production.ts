/**
 * Firm-level CES production in human labour L (Σ skill) and effective compute C, normalised
 * around each firm type's month-0 bundle (Klump, McAdam & Willman 2007; ECONOMICS.md §1):
 *   Y = A·[π0·L^ρ + (1 − π0)·(C/k0)^ρ]^(1/ρ),  ρ = (σ − 1)/σ,
 *   σ = 1 (exactly, not a tiny ρ):  Y = A·L^π0·(C/k0)^(1 − π0),
 * with π0 labour's share of factor cost and k0 = C0/L0 the compute intensity of the type at
 * month 0. At that bundle Y = A·L and labour's output elasticity is π0 for every σ, so σ changes
 * the curvature and not the starting point. Constant returns: Y_L·L + Y_C·C = Y (Euler), so
 * engineers' outputs y_i = Y_L·s_i + Y_C·d_i plus the agents' output Y_C·X add up to Y.
 *
 * Effective compute (one unit = one mean engineer's month-0 pre-AI tooling): an engineer
 * directs d_i = 1 + Q·κ_i·e·u_i (tooling plus tokens u_i, million a month, at capability Q,
 * leverage κ_i and e units per million tokens at Q = 1); agents the firm runs on their own add
 * X = Q·a·e·G for G million tokens a month at autonomy a.
 */
import { pow } from '../lib/dmath.ts';
import type { MarketState } from './market.ts';
import type { ProductionParams } from './params.ts';

/** |σ − 1| below this is treated as Cobb-Douglas (the exact limit, not a tiny ρ). */
export const COBB_DOUGLAS_TOLERANCE = 1e-9;

export interface Production {
  Y: number;
  /** ∂Y/∂L, output per labour unit at the margin. */
  YL: number;
  /** ∂Y/∂C, output per effective compute unit at the margin. */
  YC: number;
}

/** The normalisation of a firm type's CES: labour's cost share π0 and compute intensity k0 at month 0. */
export interface Benchmark {
  pi0: number;
  k0: number;
}

/** Output and marginal products; writes into `out` to avoid allocation in the tick. */
export function ces(A: number, L: number, C: number, b: Benchmark, sigma: number, out: Production): Production {
  cesIn[CES_A] = A;
  cesIn[CES_L] = L;
  cesIn[CES_C] = C;
  cesIn[CES_SIGMA] = sigma;
  cesFromInputs(b, out);
  return out;
}

/**
 * ces' numbers A, L, C and σ. A caller that runs every month (produce) writes them here and
 * calls cesFromInputs: ces is too large for V8 to inline there, and a double passed to a call
 * that is not inlined is boxed on the heap.
 */
export const cesIn = new Float64Array(4);
export const CES_A = 0;
export const CES_L = 1;
export const CES_C = 2;
export const CES_SIGMA = 3;

/** ces(cesIn[CES_A], cesIn[CES_L], cesIn[CES_C], b, cesIn[CES_SIGMA], out). */
export function cesFromInputs(b: Benchmark, out: Production): void {
  const A = cesIn[CES_A];
  const L = cesIn[CES_L];
  const C = cesIn[CES_C];
  const sigma = cesIn[CES_SIGMA];
  if (L <= 0 || C <= 0) {
    out.Y = 0;
    out.YL = 0;
    out.YC = 0;
    return;
  }
  const c = C / b.k0;
  if (Math.abs(sigma - 1) < COBB_DOUGLAS_TOLERANCE) {
    const Y = A * pow(L, b.pi0) * pow(c, 1 - b.pi0);
    out.Y = Y;
    out.YL = (b.pi0 * Y) / L;
    out.YC = ((1 - b.pi0) * Y) / C;
    return;
  }
  const rho = (sigma - 1) / sigma;
  const aL = b.pi0 * pow(L, rho);
  const aC = (1 - b.pi0) * pow(c, rho);
  const G = aL + aC;
  const Y = A * pow(G, 1 / rho);
  out.Y = Y;
  // Shares of G give the factor shares exactly: Y_L·L/Y = aL/G, Y_C·C/Y = aC/G.
  out.YL = ((aL / G) * Y) / L;
  out.YC = ((aC / G) * Y) / C;
}

/**
 * Output per labour unit at compute intensity c/L (C normalised by k0, per labour unit):
 * A·[π0 + (1 − π0)·(c/L)^ρ]^(1/ρ), or A·(c/L)^(1 − π0) at σ = 1. Output is L times this.
 */
export function outputPerLabour(A: number, intensity: number, b: Benchmark, sigma: number): number {
  unitIo[UNIT_A] = A;
  unitIo[UNIT_INTENSITY] = intensity;
  unitIo[UNIT_SIGMA] = sigma;
  outputPerLabourInPlace(b);
  return unitIo[UNIT_OUT];
}

/**
 * The compute intensity (c/L, c = C/k0) at which the ratio of marginal products equals the
 * ratio of prices, Y_L/Y_C = w̃/(p_C·s̄): c/L = [w̃·(1 − π0)/(p_C·k0·π0·s̄)]^σ, for a labour unit
 * costing w̃/s̄ net of the compute it brings and a compute unit costing p_C.
 */
export function costMinimisingIntensity(netWagePerEngineer: number, skill: number, computePrice: number, b: Benchmark, sigma: number): number {
  unitIo[UNIT_WAGE] = netWagePerEngineer;
  unitIo[UNIT_SKILL] = skill;
  unitIo[UNIT_PRICE] = computePrice;
  unitIo[UNIT_SIGMA] = sigma;
  costMinimisingIntensityInPlace(b);
  return unitIo[UNIT_OUT];
}

/**
 * The numbers of outputPerLabour and costMinimisingIntensity, for the CFO's optimalHeadcount,
 * which calls their in-place forms: V8 does not inline them there, and a double passed to or
 * returned from a call that is not inlined is boxed on the heap (as cesIn).
 */
export const unitIo = new Float64Array(7);
export const UNIT_A = 0;
export const UNIT_INTENSITY = 1;
export const UNIT_SIGMA = 2;
export const UNIT_WAGE = 3;
export const UNIT_SKILL = 4;
export const UNIT_PRICE = 5;
/** The result of either. */
export const UNIT_OUT = 6;

/** unitIo[UNIT_OUT] ← outputPerLabour(unitIo[UNIT_A], unitIo[UNIT_INTENSITY], b, unitIo[UNIT_SIGMA]). */
export function outputPerLabourInPlace(b: Benchmark): void {
  const A = unitIo[UNIT_A];
  const intensity = unitIo[UNIT_INTENSITY];
  const sigma = unitIo[UNIT_SIGMA];
  if (Math.abs(sigma - 1) < COBB_DOUGLAS_TOLERANCE) {
    unitIo[UNIT_OUT] = A * pow(intensity, 1 - b.pi0);
    return;
  }
  const rho = (sigma - 1) / sigma;
  unitIo[UNIT_OUT] = A * pow(b.pi0 + (1 - b.pi0) * pow(intensity, rho), 1 / rho);
}

/** unitIo[UNIT_OUT] ← costMinimisingIntensity(unitIo[UNIT_WAGE], unitIo[UNIT_SKILL], unitIo[UNIT_PRICE], b, unitIo[UNIT_SIGMA]). */
export function costMinimisingIntensityInPlace(b: Benchmark): void {
  unitIo[UNIT_OUT] = pow((unitIo[UNIT_WAGE] * (1 - b.pi0)) / (unitIo[UNIT_PRICE] * b.k0 * b.pi0 * unitIo[UNIT_SKILL]), unitIo[UNIT_SIGMA]);
}

/** An engineer's directed effective compute: one unit of tooling plus Q·κ·e·u for u million tokens a month. */
export function directedCompute(m: MarketState, pp: ProductionParams, kappa: number, tokens: number): number {
  return 1 + m.capability * kappa * pp.effectiveComputePerMTokens * tokens;
}

/** A fresh Production record. */
export const production = (): Production => ({ Y: 0, YL: 0, YC: 0 });
