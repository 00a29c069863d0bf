/**
 * Nelder–Mead minimisation (Nelder & Mead 1965) with the dimension-adapted coefficients of
 * Gao & Han (2012) — reflection 1, expansion 1 + 2/n, contraction 0.75 − 1/(2n), shrink 1 − 1/n,
 * the standard 1, 2, ½, ½ at n = 2 — for objectives that are evaluated asynchronously (each
 * value is a batch of simulations on a worker pool). Points that do not depend on each other
 * (the starting simplex, a shrink) are evaluated together; the rest of the search is sequential,
 * so a run visits the same points in the same order whatever the pool's timing.
 *
 * Why our own: the calibration's objective is a step function of the parameters (agent-based
 * moments under common random numbers), so a derivative-free direct search is the method
 * (ECONOMICS.md §6); the Nelder–Mead implementations on npm take a synchronous objective and
 * are no longer maintained (fmin's last release was 2016), and this is ≈ 100 lines with tests.
 *
 * Stops when the simplex's values lie within `fTolerance` of the best and its vertices within
 * `xTolerance` of the best in every coordinate (as SciPy's fatol and xatol), or when
 * `maxEvaluations` is reached. Ties in the ordering keep the older vertex first.
 */
export interface NelderMeadOptions {
  /** The starting simplex: x0 and x0 + step·e_i (one step, or one per coordinate). */
  step: number | readonly number[];
  maxEvaluations: number;
  fTolerance: number;
  xTolerance: number;
}

export interface NelderMeadResult {
  x: number[];
  f: number;
  evaluations: number;
  iterations: number;
  /** Whether the tolerances were met (false: stopped at maxEvaluations). */
  converged: boolean;
}

export type Objective = (x: readonly number[]) => number | Promise<number>;

interface Vertex {
  x: number[];
  f: number;
}

export async function nelderMead(objective: Objective, x0: readonly number[], options: NelderMeadOptions): Promise<NelderMeadResult> {
  const n = x0.length;
  if (n === 0) throw new Error('nelderMead: no coordinates');
  const steps = typeof options.step === 'number' ? x0.map(() => options.step as number) : [...options.step];
  const alpha = 1;
  const beta = n >= 2 ? 1 + 2 / n : 2;
  const gamma = n >= 2 ? 0.75 - 1 / (2 * n) : 0.5;
  const delta = n >= 2 ? 1 - 1 / n : 0.5;
  let evaluations = 0;
  const value = async (x: number[]): Promise<number> => {
    evaluations++;
    const f = await objective(x);
    return Number.isFinite(f) ? f : Number.POSITIVE_INFINITY;
  };
  const starts = [x0.slice(), ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + steps[i] : v)))];
  const fs = await Promise.all(starts.map((x) => value(x)));
  let simplex: Vertex[] = starts.map((x, i) => ({ x, f: fs[i] }));
  let iterations = 0;
  const sort = () => {
    simplex = simplex.map((v, i) => ({ v, i })).sort((a, b) => a.v.f - b.v.f || a.i - b.i).map((e) => e.v);
  };
  const converged = (): boolean => {
    const best = simplex[0];
    return simplex.every((v) => Math.abs(v.f - best.f) <= options.fTolerance && v.x.every((c, j) => Math.abs(c - best.x[j]) <= options.xTolerance));
  };
  sort();
  while (!converged() && evaluations < options.maxEvaluations) {
    iterations++;
    const worst = simplex[n];
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (c - worst.x[j]));
    const xr = along(alpha);
    const fr = await value(xr);
    if (fr < simplex[0].f) {
      const xe = along(alpha * beta);
      const fe = await value(xe);
      simplex[n] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
    } else if (fr < simplex[n - 1].f) {
      simplex[n] = { x: xr, f: fr };
    } else {
      const outside = fr < worst.f;
      const xc = along(outside ? alpha * gamma : -gamma);
      const fc = await value(xc);
      if (fc < (outside ? fr : worst.f)) {
        simplex[n] = { x: xc, f: fc };
      } else {
        const best = simplex[0];
        const shrunk = simplex.slice(1).map((v) => best.x.map((b, j) => b + delta * (v.x[j] - b)));
        const fsh = await Promise.all(shrunk.map((x) => value(x)));
        simplex = [best, ...shrunk.map((x, i) => ({ x, f: fsh[i] }))];
      }
    }
    sort();
  }
  return { x: simplex[0].x, f: simplex[0].f, evaluations, iterations, converged: converged() };
}
