/**
 * Firm-level CES production in human labour L and compute C, with marginal products:
 *   Y = A·[α·L^ρ + (1−α)·C^ρ]^(1/ρ),  ρ = (σ−1)/σ,  and the Cobb-Douglas limit Y = A·L^α·C^(1−α) at σ = 1.
 * Constant returns, so Y_L·L + Y_C·C = Y (Euler) and each engineer's output
 * y_i = Y_L·s_i + Y_C·c_i adds up to Y exactly.
 */
import { pow } from '../lib/dmath.ts';

/** |σ − 1| below this is treated as Cobb-Douglas (the exact limit, not a tiny ρ). */
export const COBB_DOUGLAS_TOLERANCE = 1e-9;

export interface Production {
  Y: number;
  /** ∂Y/∂L, output per labour unit at the margin. */
  YL: number;
  /** ∂Y/∂C, output per compute unit at the margin. */
  YC: number;
}

/** Output and marginal products; writes into `out` to avoid allocation in the tick. */
export function ces(A: number, L: number, C: number, alpha: number, sigma: number, out: Production): Production {
  if (L <= 0 || C <= 0) {
    out.Y = 0;
    out.YL = 0;
    out.YC = 0;
    return out;
  }
  if (Math.abs(sigma - 1) < COBB_DOUGLAS_TOLERANCE) {
    const Y = A * pow(L, alpha) * pow(C, 1 - alpha);
    out.Y = Y;
    out.YL = (alpha * Y) / L;
    out.YC = ((1 - alpha) * Y) / C;
    return out;
  }
  const rho = (sigma - 1) / sigma;
  const aL = alpha * pow(L, rho);
  const aC = (1 - alpha) * pow(C, rho);
  const G = aL + aC;
  const Y = A * pow(G, 1 / rho);
  out.Y = Y;
  // Shares of G give the factor shares exactly: Y_L·L/Y = aL/G, Y_C·C/Y = aC/G.
  out.YL = ((aL / G) * Y) / L;
  out.YC = ((aC / G) * Y) / C;
  return out;
}

/** A fresh Production record. */
export const production = (): Production => ({ Y: 0, YL: 0, YC: 0 });
