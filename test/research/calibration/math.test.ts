import { describe, expect, it } from 'vitest';
import { inverse, multiply, svd, transpose, identity, quadraticForm } from '../../../sim/research/calibration/linalg.ts';
import { chiSquareSurvival, gammaQ, logGamma } from '../../../sim/research/calibration/chiSquare.ts';
import { nelderMead } from '../../../sim/research/calibration/nelderMead.ts';

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('linear algebra', () => {
  it('inverts a well-conditioned matrix (A·A⁻¹ = I) and refuses a singular one', () => {
    const a = [
      [4, 1, 0.5],
      [1, 3, 0.2],
      [0.5, 0.2, 2],
    ];
    const prod = multiply(a, inverse(a));
    prod.forEach((row, i) => row.forEach((v, j) => close(v, i === j ? 1 : 0, 1e-12)));
    expect(() => inverse([[1, 2], [2, 4]])).toThrow(/singular/);
  });

  it('needs a pivot when the leading entry is zero', () => {
    const inv = inverse([[0, 1], [1, 0]]);
    expect(inv).toEqual([[0, 1], [1, 0]]);
  });

  it('finds the singular values of a known matrix, largest first, with orthonormal right vectors', () => {
    // A = U·diag(5, 2)·V′ with V a 30° rotation, U's columns the first two of a 3×3 orthonormal basis.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const V = [
      [c, -s],
      [s, c],
    ];
    const U = [
      [1 / Math.sqrt(2), 1 / Math.sqrt(6)],
      [-1 / Math.sqrt(2), 1 / Math.sqrt(6)],
      [0, -2 / Math.sqrt(6)],
    ];
    const A = multiply(multiply(U, [[5, 0], [0, 2]]), transpose(V));
    const d = svd(A);
    close(d.values[0], 5, 1e-12);
    close(d.values[1], 2, 1e-12);
    const vtv = multiply(transpose(d.v), d.v);
    vtv.forEach((row, i) => row.forEach((v, j) => close(v, identity(2)[i][j], 1e-12)));
    // A·v_j has norm σ_j.
    d.values.forEach((sv, j) => {
      const av = A.map((row) => row[0] * d.v[0][j] + row[1] * d.v[1][j]);
      close(Math.hypot(...av), sv, 1e-12);
    });
  });

  it('reports a zero singular value for a rank-deficient matrix, along the null direction', () => {
    const d = svd([
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    close(d.values[1], 0, 1e-12);
    // The null direction is (2, −1)/√5.
    close(Math.abs(d.v[0][1]), 2 / Math.sqrt(5), 1e-12);
    close(Math.abs(d.v[1][1]), 1 / Math.sqrt(5), 1e-12);
  });

  it('computes x′Ax', () => {
    expect(quadraticForm([[2, 1], [1, 3]], [1, 2])).toBe(2 + 2 + 2 + 12);
  });
});

describe('χ² upper tail', () => {
  it('matches known values', () => {
    close(logGamma(5), Math.log(24), 1e-13);
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13);
    close(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-10);
    close(chiSquareSurvival(5.991464547107979, 2), 0.05, 1e-10);
    close(chiSquareSurvival(2, 2), Math.exp(-1), 1e-13); // χ²(2) is exponential with mean 2
    close(chiSquareSurvival(0.5, 3), 0.918891411654, 1e-9); // series branch
    close(chiSquareSurvival(30, 10), 2800.375 * Math.exp(-15), 1e-15); // continued-fraction branch; Q(5, 15) = e^−15·Σ_{k<5} 15^k/k!
    expect(gammaQ(1, 0)).toBe(1);
    expect(Number.isNaN(chiSquareSurvival(1, 0))).toBe(true);
  });
});

describe('Nelder–Mead', () => {
  it('minimises the Rosenbrock function from the textbook start', async () => {
    const rosen = (x: readonly number[]) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
    const r = await nelderMead(rosen, [-1.2, 1], { step: 0.5, maxEvaluations: 2000, fTolerance: 1e-12, xTolerance: 1e-8 });
    expect(r.converged).toBe(true);
    close(r.x[0], 1, 1e-4);
    close(r.x[1], 1, 1e-4);
  });

  it('minimises a 5-dimensional quadratic with an async objective', async () => {
    const centre = [1, -2, 0.5, 3, -1];
    const f = async (x: readonly number[]) => x.reduce((s, v, i) => s + (i + 1) * (v - centre[i]) ** 2, 0);
    const r = await nelderMead(f, [0, 0, 0, 0, 0], { step: 1, maxEvaluations: 5000, fTolerance: 1e-14, xTolerance: 1e-7 });
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => close(v, centre[i], 1e-5));
  });

  it('stops at maxEvaluations and says it did not converge', async () => {
    const r = await nelderMead((x) => (x[0] - 100) ** 2 + x[1] ** 2, [0, 0], { step: 0.1, maxEvaluations: 20, fTolerance: 1e-12, xTolerance: 1e-12 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBeGreaterThanOrEqual(20);
    expect(r.evaluations).toBeLessThan(24);
  });

  it('visits the same points in the same order whatever the objective’s timing', async () => {
    const seen: string[][] = [[], []];
    const make = (k: number) => async (x: readonly number[]) => {
      await new Promise((r) => setTimeout(r, k === 0 ? 0 : (Math.abs(x[0] * 7919) % 3) | 0));
      seen[k].push(x.join(','));
      return Math.floor(10 * ((x[0] - 0.3) ** 2 + (x[1] + 0.2) ** 2)) / 10; // a step function
    };
    const a = await nelderMead(make(0), [1, 1], { step: 0.5, maxEvaluations: 60, fTolerance: 1e-9, xTolerance: 1e-6 });
    const b = await nelderMead(make(1), [1, 1], { step: 0.5, maxEvaluations: 60, fTolerance: 1e-9, xTolerance: 1e-6 });
    expect(b).toEqual(a);
    expect([...seen[1]].sort()).toEqual([...seen[0]].sort());
  });

  it('treats a non-finite value as worse than any finite one', async () => {
    const r = await nelderMead((x) => (x[0] < 0 ? Number.NaN : (x[0] - 1) ** 2), [0.5], { step: 1, maxEvaluations: 200, fTolerance: 1e-12, xTolerance: 1e-8 });
    close(r.x[0], 1, 1e-4);
  });
});
