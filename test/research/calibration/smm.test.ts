/**
 * The method of simulated moments on synthetic models whose answers are known in closed form:
 * linear moments with seed noise that does not depend on θ (common random numbers), so the
 * estimate is the weighted least-squares solution and the sandwich can be written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { parseCalibrationSpec, type CalibrationSpec } from '../../../sim/research/calibration/calibrationSpec.ts';
import { calibrate, type Evaluate, type TraceRow } from '../../../sim/research/calibration/smm.ts';
import { infer } from '../../../sim/research/calibration/inference.ts';
import { inverse, multiply, transpose, diagonal } from '../../../sim/research/calibration/linalg.ts';
import { chiSquareSurvival } from '../../../sim/research/calibration/chiSquare.ts';

const A = [
  [1, 0.5],
  [0.2, 2],
  [1, 1],
];
const b = [0.1, -0.3, 0.2];
const noise = (seed: number, j: number) => 0.01 * Math.sin(seed * 12.9898 + j * 78.233);

function spec(targets: number[], extra: Partial<Record<string, unknown>> = {}): CalibrationSpec {
  return parseCalibrationSpec(
    JSON.stringify({
      name: 'linear',
      description: 'linear moments',
      base: 'none.json',
      parameters: { 'production.sigma': [0.5, 3], 'engineers.tokenValuation': [0, 2] },
      moments: targets.map((t, j) => ({ name: `m${j}`, metric: 'headcount', window: [1, 1], target: t, se: [0.1, 0.2, 0.05][j], source: 'synthetic' })),
      seeds: [1, 2, 3, 4],
      optimizer: { starts: 2, maxEvaluations: 2000, fTolerance: 1e-12, xTolerance: 1e-9 },
      ...extra,
    }),
  );
}

const linear =
  (matrix: number[][]): Evaluate =>
  async (theta, seed) =>
    matrix.map((row, j) => row.reduce((s, a, i) => s + a * theta[i], b[j]) + noise(seed, j));

describe('calibrate on linear moments', () => {
  it('recovers the weighted least-squares estimate and the sandwich standard errors', async () => {
    const truth = [1.7, 0.8];
    const meanNoise = [0, 1, 2].map((j) => [1, 2, 3, 4].reduce((s, seed) => s + noise(seed, j), 0) / 4);
    // Targets slightly off the model's surface, so the fit is not exact and the misfit test has something to test.
    const targets = A.map((row, j) => row[0] * truth[0] + row[1] * truth[1] + b[j] + meanNoise[j] + [0.02, -0.03, 0.01][j]);
    const s = spec(targets);
    const r = await calibrate(s, [1, 1], linear(A), { engineers: 1, years: 1 });
    const W = diagonal([0.1, 0.2, 0.05].map((w) => 1 / (w * w)));
    const AtW = multiply(transpose(A), W);
    const bread = inverse(multiply(AtW, A));
    const rhs = multiply(AtW, targets.map((t, j) => [t - b[j] - meanNoise[j]]));
    const wls = multiply(bread, rhs).map((row) => row[0]);
    r.estimates.forEach((e, i) => expect(e.estimate).toBeCloseTo(wls[i], 6));
    // The Jacobian of linear moments is A at any step.
    r.jacobian.matrix.forEach((row, j) => row.forEach((v, i) => expect(v).toBeCloseTo(A[j][i], 9)));
    expect(Math.max(...r.jacobian.relativeDifference)).toBeLessThan(1e-9);
    // Seed noise does not depend on θ, so Σ_sim is the noise's covariance; the sandwich by hand:
    const perSeed = [1, 2, 3, 4].map((seed) => [0, 1, 2].map((j) => noise(seed, j)));
    const sigma = [0, 1, 2].map((a) => [0, 1, 2].map((c) => perSeed.reduce((acc, row) => acc + (row[a] - meanNoise[a]) * (row[c] - meanNoise[c]), 0) / 3));
    const middle = [0, 1, 2].map((a) => [0, 1, 2].map((c) => (a === c ? [0.1, 0.2, 0.05][a] ** 2 : 0) + sigma[a][c] / 4));
    const V = multiply(multiply(bread, multiply(multiply(AtW, middle), transpose(AtW))), bread);
    r.estimates.forEach((e, i) => {
      expect(e.se).toBeCloseTo(Math.sqrt(V[i][i]), 9);
      expect(e.identified).toBe(true);
      expect(e.lo95).toBeLessThan(e.estimate);
      expect(e.hi95).toBeGreaterThan(e.estimate);
      expect(e.lo95).toBeGreaterThan(e.lower);
    });
    // Λ = (D′WD)⁻¹D′W: raising a target by one unit moves the estimate by Λ's column.
    const lambda = multiply(bread, AtW);
    r.sensitivity!.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(lambda[i][j], 9)));
    const shifted = await calibrate(spec(targets.map((t, j) => t + (j === 1 ? 0.01 : 0))), [1, 1], linear(A), { engineers: 1, years: 1 });
    shifted.estimates.forEach((e, i) => expect(e.estimate - r.estimates[i].estimate).toBeCloseTo(0.01 * lambda[i][1], 6));
    // The misfit test: e′(Ω + Σ/S)⁻¹e against χ²(1).
    const e = r.moments.map((m) => m.fit - m.target);
    const Minv = inverse(middle);
    const J = e.reduce((acc, ea, a) => acc + e.reduce((acc2, ec, c) => acc2 + ea * Minv[a][c] * ec, 0), 0);
    expect(r.misfit.df).toBe(1);
    expect(r.misfit.statistic).toBeCloseTo(J, 9);
    expect(r.misfit.pValue).toBeCloseTo(chiSquareSurvival(J, 1), 12);
    expect(r.weakDirections).toEqual([]);
  });

  it('gives the same report and trace of candidates, bit for bit, however the runs are scheduled', async () => {
    const s = spec([0.5, 1, 1.2]);
    const slow: Evaluate = async (theta, seed) => {
      await new Promise((res) => setTimeout(res, (seed * 7 + Math.round(theta[0] * 1000) + Math.round(theta[1] * 777)) % 5));
      return linear(A)(theta, seed);
    };
    const traces: TraceRow[][] = [[], []];
    const [x, y] = await Promise.all([
      calibrate(s, [1, 1], linear(A), { engineers: 1, years: 1 }, { trace: traces[0] }),
      calibrate(s, [1, 1], slow, { engineers: 1, years: 1 }, { trace: traces[1] }),
    ]);
    expect(JSON.stringify(y)).toBe(JSON.stringify(x));
    expect(traces[0].length).toBe(x.candidates);
    expect(JSON.stringify(traces[1])).toBe(JSON.stringify(traces[0]));
  });

  it('says which parameters the moments cannot tell apart', async () => {
    // Both parameters enter only through their sum: one direction is flat.
    const flat = A.map((row) => [row[0], row[0]]);
    const r = await calibrate(spec([1.2, 0.4, 1.3]), [1, 1], linear(flat), { engineers: 1, years: 1 });
    expect(r.weakDirections).toHaveLength(1);
    const loadings = r.weakDirections[0].loadings.map((l) => Math.abs(l.loading));
    // Flat along θ1 − θ2 in natural units; in bound-range units (ranges 2.5 and 2) along (2, −2.5), normalised.
    expect(loadings[0]).toBeCloseTo(2 / Math.hypot(2.5, 2), 6);
    expect(loadings[1]).toBeCloseTo(2.5 / Math.hypot(2.5, 2), 6);
    expect(r.estimates.every((e) => !e.identified && Number.isNaN(e.se))).toBe(true);
    expect(r.estimates.map((e) => [e.lo95, e.hi95])).toEqual([
      [0.5, 3],
      [0, 2],
    ]);
    expect(r.sensitivity).toBeNull();
  });

  it('clips intervals at the bounds, and calls a parameter not identified when ±1.96 s.e. spans more than its bounds', () => {
    const parameters = spec([0, 0, 0]).parameters;
    const base = { parameters, jacobian: A, targets: [0, 0, 0], fit: [0, 0, 0], sigmaSim: diagonal([0, 0, 0]), seeds: 4 };
    const near = infer({ ...base, theta: [0.52, 1], widths: [0.05, 0.05, 0.05] }).parameters[0];
    expect(near.identified).toBe(true);
    expect(1.96 * near.se).toBeGreaterThan(0.02); // the symmetric interval would cross the bound at 0.5
    expect(near.lo95).toBe(0.5);
    expect(near.hi95).toBeCloseTo(0.52 + 1.959963984540054 * near.se, 12);
    const vague = infer({ ...base, theta: [1.5, 1], widths: [5, 5, 5] }).parameters;
    expect(vague.every((p) => !p.identified && p.se > 0)).toBe(true);
    expect(vague.map((p) => [p.lo95, p.hi95])).toEqual([
      [0.5, 3],
      [0, 2],
    ]);
  });
});
