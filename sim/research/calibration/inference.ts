/**
 * Inference at the estimate (ECONOMICS.md §6), pure: given the Jacobian D = ∂m̂/∂θ (k moments ×
 * p parameters, natural units), the widths s (Ω = diag(s²), W = Ω⁻¹), the across-seed
 * covariance Σ_sim of the moments at θ̂ and the number of seeds S:
 *   Var(θ̂) = (D′WD)⁻¹·D′W(Ω + Σ_sim/S)WD·(D′WD)⁻¹       (the sandwich, simulation noise included)
 *   misfit J = e′(Ω + Σ_sim/S)⁻¹e,  e = m̂(θ̂) − m*,  against χ²(k − p)
 *   sensitivity Λ = (D′WD)⁻¹D′W: how θ̂ moves per unit of each moment's target, reported also per
 *   width of the moment (Λ_ij·s_j). It is Andrews, Gentzkow & Shapiro's (2017) −(G′WG)⁻¹G′W with
 *   G the Jacobian of the moment conditions m* − m̂(θ), that is G = −D.
 * Identification: the singular values of W^½·D·diag(hi − lo) — moments in widths per whole bound
 * range, so the scale of a parameter's units does not matter. Along a direction with singular
 * value σ a 95 % interval spans about 2·1.96/σ whole bound ranges, so a direction is weak when
 * σ < WEAK_SINGULAR_VALUE = 2·1.96 (or below 10⁻⁶ of the largest): the moments cannot narrow it
 * within the bounds. A parameter is identified when D′WD can be inverted, its weight in every
 * weak direction is below 0.5, and its own symmetric 95 % interval, ±1.96·s.e., is narrower
 * than its bounds; otherwise it is reported as not identified, with its bounds as the interval.
 * Standard errors and 95 % intervals are in natural units: θ̂ ± 1.96·s.e., clipped to the bounds.
 * (An interval on the logit scale the search uses, mapped back, stays inside the bounds too, but
 * near a bound the logit's slope goes to zero and such an interval spreads over the whole range
 * even when the natural-scale standard error is small.)
 */
import { add, diagonal, inverse, multiply, quadraticForm, scale, svd, transpose, type Matrix } from './linalg.ts';
import { chiSquareSurvival } from './chiSquare.ts';
import type { CalibrationParameter } from './calibrationSpec.ts';

export const WEAK_SINGULAR_VALUE = 2 * 1.959963984540054;
const Z95 = 1.959963984540054;

export interface InferenceInput {
  parameters: readonly CalibrationParameter[];
  theta: readonly number[];
  /** k × p. */
  jacobian: Matrix;
  widths: readonly number[];
  targets: readonly number[];
  fit: readonly number[];
  /** k × k across-seed covariance at θ̂. */
  sigmaSim: Matrix;
  seeds: number;
}

export interface ParameterInference {
  path: string;
  estimate: number;
  /** Standard error in the parameter's units; NaN when not identified. */
  se: number;
  lo95: number;
  hi95: number;
  lower: number;
  upper: number;
  identified: boolean;
}

export interface WeakDirection {
  singularValue: number;
  /** Loadings on each parameter (a unit vector in bound-range units). */
  loadings: { path: string; loading: number }[];
}

export interface Inference {
  parameters: ParameterInference[];
  covariance: Matrix | null;
  misfit: { statistic: number; df: number; pValue: number };
  /** Singular values of W^½·D·diag(hi − lo), largest first. */
  singularValues: number[];
  weakDirections: WeakDirection[];
  /** p × k: Λ = (D′WD)⁻¹D′W, θ units per unit of the moment's target; null when D′WD is singular. */
  sensitivity: Matrix | null;
  /** p × k: Λ_ij·s_j, θ units per width of moment j. */
  sensitivityPerWidth: Matrix | null;
}

function tryInverse(a: Matrix): Matrix | null {
  try {
    return inverse(a);
  } catch {
    return null;
  }
}

export function infer(input: InferenceInput): Inference {
  const { parameters, theta, jacobian: D, widths, seeds } = input;
  const k = widths.length;
  const omega = diagonal(widths.map((s) => s * s));
  const W = diagonal(widths.map((s) => 1 / (s * s)));
  const noisy = add(omega, scale(input.sigmaSim, 1 / seeds));
  const Dt = transpose(D);
  const DtW = multiply(Dt, W);
  const bread = tryInverse(multiply(DtW, D));
  const covariance = bread ? multiply(multiply(bread, multiply(multiply(DtW, noisy), transpose(DtW))), bread) : null;
  const sensitivity = bread ? multiply(bread, DtW) : null;
  const sensitivityPerWidth = sensitivity ? sensitivity.map((row) => row.map((v, j) => v * widths[j])) : null;

  const scaled = D.map((row, j) => row.map((v, i) => (v / widths[j]) * (parameters[i].upper - parameters[i].lower)));
  const { values, v } = svd(scaled);
  const weakDirections: WeakDirection[] = [];
  values.forEach((sv, c) => {
    if (sv < WEAK_SINGULAR_VALUE || sv < 1e-6 * values[0]) weakDirections.push({ singularValue: sv, loadings: parameters.map((p, i) => ({ path: p.path, loading: v[i][c] })) });
  });
  const weak = new Set(weakDirections.flatMap((d) => d.loadings.filter((l) => Math.abs(l.loading) >= 0.5).map((l) => l.path)));

  const e = input.fit.map((m, j) => m - input.targets[j]);
  const noisyInverse = tryInverse(noisy);
  const statistic = noisyInverse ? quadraticForm(noisyInverse, e) : Number.NaN;
  const df = k - parameters.length;
  const misfit = { statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : Number.NaN };

  const out = parameters.map((p, i): ParameterInference => {
    const variance = covariance ? covariance[i][i] : Number.NaN;
    const identified = covariance !== null && !weak.has(p.path) && variance >= 0 && Number.isFinite(variance) && 2 * Z95 * Math.sqrt(variance) < p.upper - p.lower;
    const se = covariance !== null && variance >= 0 ? Math.sqrt(variance) : Number.NaN;
    const lo95 = identified ? Math.max(p.lower, theta[i] - Z95 * se) : p.lower;
    const hi95 = identified ? Math.min(p.upper, theta[i] + Z95 * se) : p.upper;
    return { path: p.path, estimate: theta[i], se, lo95, hi95, lower: p.lower, upper: p.upper, identified };
  });
  return { parameters: out, covariance, misfit, singularValues: values, weakDirections, sensitivity, sensitivityPerWidth };
}
