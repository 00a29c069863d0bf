/**
 * The method of simulated moments (ECONOMICS.md §6), independent of where runs happen: the
 * caller supplies `evaluate(θ, seed)`, the moments of one run (in process for tests, on the
 * CLI's worker pool for `tokensim calibrate`). Every candidate runs with the spec's seeds
 * (common random numbers), so two candidates differ by θ and not by seed noise; evaluations
 * are cached by (θ, seed), bit for bit, so a point visited twice is run once.
 *
 * Estimation: a screening of the bounds (the base's values or the spec's starts, and a Latin
 * hypercube), evaluated together on the pool; Nelder–Mead on the logit scale of the bounds from
 * the `starts` best screened points, run concurrently; the lowest objective wins (ties: the
 * better-screened start). Agent-based moments are rough in θ even under common random numbers
 * (a different parameter changes which draws are used for what), so a local search from one
 * start can stop in a dip of the simulation noise; screening first is what makes several starts
 * land in different basins. Inference at the winner: the across-seed
 * covariance, the Jacobian by central differences at the spec's step and twice it (the check),
 * and inference.ts's sandwich, misfit test, singular values and sensitivity.
 */
import { stream } from '../../lib/rng.ts';
import type { CalibrationSpec, MomentSpec } from './calibrationSpec.ts';
import { covarianceOverSeeds, meanOverSeeds, objectiveValue, toBounded, toUnbounded } from './moments.ts';
import { nelderMead } from './nelderMead.ts';
import { infer, type Inference } from './inference.ts';

/** The moments of one run of the base with the parameters at θ. */
export type Evaluate = (theta: readonly number[], seed: number) => Promise<number[]>;

export interface StartResult {
  start: number[];
  estimate: number[];
  objective: number;
  evaluations: number;
  converged: boolean;
}

/** One candidate the search evaluated: which start (0: the screening), θ, the mean moments and the objective. */
export interface TraceRow {
  start: number;
  evaluation: number;
  theta: number[];
  moments: number[];
  objective: number;
}

/** A moment as the spec gives it, with its fit at the estimate. */
export type MomentFit = MomentSpec & {
  fit: number;
  /** Across-seed standard deviation of the moment ÷ √S: the simulation noise in the fit. */
  simulationSe: number;
  /** (fit − target) ÷ √(s² + Σ_jj/S). */
  tStat: number;
};

export interface CalibrationReport {
  name: string;
  description: string;
  base: string;
  engineers: number;
  years: number;
  seeds: number[];
  estimates: Inference['parameters'];
  objective: number;
  misfit: Inference['misfit'];
  moments: MomentFit[];
  singularValues: number[];
  weakDirections: Inference['weakDirections'];
  /** p × k: Λ = (D′WD)⁻¹D′W, θ units per unit of each moment's target, and per width. */
  sensitivity: Inference['sensitivity'];
  sensitivityPerWidth: Inference['sensitivityPerWidth'];
  covariance: Inference['covariance'];
  jacobian: {
    step: number;
    /** k × p at the step, and at twice the step (the check). */
    matrix: number[][];
    matrixAtTwiceStep: number[][];
    /** Per parameter: |D(h) − D(2h)| ÷ max(|D(h)|, |D(2h)|), moments in widths. */
    relativeDifference: number[];
  };
  starts: StartResult[];
  candidates: number;
  runs: number;
}

export interface CalibrationHooks {
  /** After every candidate: candidates so far, runs finished so far, the best objective so far. */
  onCandidate?: (candidates: number, runs: number, best: number) => void;
  trace?: TraceRow[];
}

/** Wraps `evaluate` with a cache keyed by (θ, seed) exactly; counts distinct runs, started and finished. */
export function cachedEvaluate(evaluate: Evaluate): { evaluate: Evaluate; runs: () => number; finished: () => number } {
  const cache = new Map<string, Promise<number[]>>();
  let finished = 0;
  return {
    evaluate: (theta, seed) => {
      const key = `${seed}|${theta.join(',')}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = evaluate(theta, seed).then((m) => {
          finished++;
          return m;
        });
        cache.set(key, hit);
      }
      return hit;
    },
    runs: () => cache.size,
    finished: () => finished,
  };
}

/** Per-seed moments of θ (rows: seeds, in the spec's order). */
export const perSeedMoments = (evaluate: Evaluate, theta: readonly number[], seeds: readonly number[]): Promise<number[][]> => Promise.all(seeds.map((s) => evaluate(theta, s)));

/**
 * The screening design in θ: the first start, then a Latin hypercube of `screening` points in
 * the middle 90 % of the bounds, drawn from the named stream "calibration-screening" (so it
 * depends on the spec's first seed only).
 */
export function screeningPoints(spec: CalibrationSpec, first: readonly number[]): number[][] {
  const rng = stream(spec.seeds[0], 'calibration-screening');
  const n = spec.optimizer.screening;
  const columns = spec.parameters.map((p) => {
    const cells = Array.from({ length: n }, (_, k) => k);
    for (let k = n - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [cells[k], cells[j]] = [cells[j], cells[k]];
    }
    return cells.map((c) => p.lower + (0.05 + (0.9 * (c + rng.next())) / n) * (p.upper - p.lower));
  });
  return [first.slice(), ...Array.from({ length: n }, (_, k) => columns.map((col) => col[k]))];
}

async function jacobianAt(spec: CalibrationSpec, evaluate: Evaluate, theta: readonly number[], share: number): Promise<number[][]> {
  const columns = await Promise.all(
    spec.parameters.map(async (p, i) => {
      const h = share * (p.upper - p.lower);
      const up = theta.map((v, j) => (j === i ? Math.min(p.upper, v + h) : v));
      const down = theta.map((v, j) => (j === i ? Math.max(p.lower, v - h) : v));
      const [mu, md] = await Promise.all([perSeedMoments(evaluate, up, spec.seeds), perSeedMoments(evaluate, down, spec.seeds)]);
      const a = meanOverSeeds(mu);
      const b = meanOverSeeds(md);
      return a.map((v, j) => (v - b[j]) / (up[i] - down[i]));
    }),
  );
  return spec.moments.map((_, j) => columns.map((c) => c[j]));
}

/** Runs the whole calibration: estimation from every start, then inference at the best. */
export async function calibrate(spec: CalibrationSpec, first: readonly number[], evaluateRun: Evaluate, size: { engineers: number; years: number }, hooks: CalibrationHooks = {}): Promise<CalibrationReport> {
  const { evaluate, runs, finished } = cachedEvaluate(evaluateRun);
  const P = spec.parameters;
  let candidates = 0;
  let best = Number.POSITIVE_INFINITY;
  // Screening: the first start and a Latin hypercube, evaluated together; the best become the starts.
  const screened = screeningPoints(spec, first);
  /**
   * A candidate's objective, recorded in the trace as evaluation `evaluation` of `start`
   * (0: the screening). Callers number candidates when they ask for them, in the search's own
   * order, so the trace does not depend on which runs finish first.
   */
  const score = async (theta: number[], start: number, evaluation: number): Promise<number> => {
    const mean = meanOverSeeds(await perSeedMoments(evaluate, theta, spec.seeds));
    const j = objectiveValue(mean, spec.moments);
    hooks.trace?.push({ start, evaluation, theta, moments: mean, objective: j });
    best = Math.min(best, j);
    candidates++;
    hooks.onCandidate?.(candidates, finished(), best);
    return j;
  };
  const screenValues = await Promise.all(screened.map((theta, k) => score(theta.slice(), 0, k + 1)));
  const starts = screened
    .map((theta, k) => ({ theta, j: screenValues[k], k }))
    .sort((a, b) => a.j - b.j || a.k - b.k)
    .slice(0, spec.optimizer.starts)
    .map((x) => x.theta);
  const results = await Promise.all(
    starts.map(async (start, s): Promise<StartResult> => {
      let evaluation = 0;
      const objective = (u: readonly number[]): Promise<number> =>
        score(
          u.map((x, i) => toBounded(P[i], x)),
          s + 1,
          ++evaluation,
        );
      const r = await nelderMead(
        objective,
        start.map((v, i) => toUnbounded(P[i], v)),
        { step: spec.optimizer.initialStep, maxEvaluations: spec.optimizer.maxEvaluations, fTolerance: spec.optimizer.fTolerance, xTolerance: spec.optimizer.xTolerance },
      );
      return { start, estimate: r.x.map((x, i) => toBounded(P[i], x)), objective: r.f, evaluations: r.evaluations, converged: r.converged };
    }),
  );
  // The trace in a fixed order, whatever order the concurrent starts reached it in.
  hooks.trace?.sort((a, b) => a.start - b.start || a.evaluation - b.evaluation);
  const winner = results.reduce((w, r) => (r.objective < w.objective ? r : w), results[0]);
  const theta = winner.estimate;
  const [atEstimate, D, D2] = await Promise.all([
    perSeedMoments(evaluate, theta, spec.seeds),
    jacobianAt(spec, evaluate, theta, spec.jacobian.step),
    jacobianAt(spec, evaluate, theta, 2 * spec.jacobian.step),
  ]);
  const fit = meanOverSeeds(atEstimate);
  const sigmaSim = covarianceOverSeeds(atEstimate);
  const widths = spec.moments.map((m) => m.width);
  const inference = infer({ parameters: P, theta, jacobian: D, widths, targets: spec.moments.map((m) => m.target), fit, sigmaSim, seeds: spec.seeds.length });
  const S = spec.seeds.length;
  const relativeDifference = P.map((_, i) => {
    let diff = 0;
    let a = 0;
    let b = 0;
    spec.moments.forEach((_, j) => {
      diff += ((D[j][i] - D2[j][i]) / widths[j]) ** 2;
      a += (D[j][i] / widths[j]) ** 2;
      b += (D2[j][i] / widths[j]) ** 2;
    });
    const scaleOf = Math.sqrt(Math.max(a, b));
    return scaleOf > 0 ? Math.sqrt(diff) / scaleOf : 0;
  });
  return {
    name: spec.name,
    description: spec.description,
    base: spec.base,
    engineers: size.engineers,
    years: size.years,
    seeds: [...spec.seeds],
    estimates: inference.parameters,
    objective: objectiveValue(fit, spec.moments),
    misfit: inference.misfit,
    moments: spec.moments.map((m, j) => ({
      ...m,
      fit: fit[j],
      simulationSe: Math.sqrt(sigmaSim[j][j] / S),
      tStat: (fit[j] - m.target) / Math.sqrt(m.width * m.width + sigmaSim[j][j] / S),
    })),
    singularValues: inference.singularValues,
    weakDirections: inference.weakDirections,
    sensitivity: inference.sensitivity,
    sensitivityPerWidth: inference.sensitivityPerWidth,
    covariance: inference.covariance,
    jacobian: { step: spec.jacobian.step, matrix: D, matrixAtTwiceStep: D2, relativeDifference },
    starts: results,
    candidates,
    runs: runs(),
  };
}
