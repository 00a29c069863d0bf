/**
 * Global sensitivity analysis, pure and separated into design (the points to evaluate) and
 * analysis (indices from the outputs), so the evaluations can run in parallel anywhere.
 * - Morris elementary effects (Morris 1991; μ* of Campolongo, Cariboni & Saltelli 2007):
 *   r one-at-a-time trajectories on a p-level grid, step Δ = p / (2(p − 1)); with several
 *   replicate designs (each its own trajectories and run seed) the indices pool every
 *   trajectory, and μ* gets a percentile bootstrap 95 % interval over trajectories.
 * - Sobol first-order and total indices from Saltelli's sampling (Saltelli et al. 2010):
 *   matrices A, B and A_B^(i); S_i = mean(f_B·(f_ABi − f_A)) / V, ST_i = mean((f_A − f_ABi)²) / (2V)
 *   (Jansen), with percentile bootstrap intervals.
 * Points are in parameter units; factors are scaled from the unit hypercube to [min, max].
 */
import type { Stream } from '../../lib/rng.ts';

/** One uncertain parameter and its range. */
export interface Factor {
  path: string;
  min: number;
  max: number;
}

const scale = (f: Factor, u: number): number => f.min + u * (f.max - f.min);

export interface MorrisDesign {
  factors: Factor[];
  trajectories: number;
  levels: number;
  delta: number;
  /** r·(k + 1) points, trajectory by trajectory. */
  points: number[][];
  /** For each step of each trajectory: the factor moved and the signed step (in unit space). */
  moves: { factor: number; step: number }[][];
}

/** Morris trajectories: from a random grid point, move each factor once (in random order) by ±Δ. */
export function morrisDesign(factors: Factor[], trajectories: number, levels: number, rng: Stream): MorrisDesign {
  const k = factors.length;
  const delta = levels / (2 * (levels - 1));
  const points: number[][] = [];
  const moves: { factor: number; step: number }[][] = [];
  for (let t = 0; t < trajectories; t++) {
    const x = factors.map(() => rng.int(levels) / (levels - 1));
    const order = factors.map((_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    points.push(x.map((u, i) => scale(factors[i], u)));
    const steps: { factor: number; step: number }[] = [];
    for (const i of order) {
      const step = x[i] + delta <= 1 + 1e-12 ? delta : -delta;
      x[i] += step;
      steps.push({ factor: i, step });
      points.push(x.map((u, j) => scale(factors[j], u)));
    }
    moves.push(steps);
  }
  return { factors, trajectories, levels, delta, points, moves };
}

export interface MorrisIndex {
  path: string;
  /** Mean of the absolute elementary effects (the ranking measure). */
  muStar: number;
  mu: number;
  sigma: number;
  /** Percentile bootstrap 95 % interval of μ*, resampling whole trajectories (morrisAnalyzeReplicates). */
  muStarLo?: number;
  muStarHi?: number;
  /** μ* of each replicate design alone, when there are several. */
  muStarByReplicate?: number[];
}

/**
 * Elementary effects per factor and trajectory, in output units per unit of the factor's
 * range: `effects[i][t]` is factor i's effect in trajectory t (each factor moves once per trajectory).
 */
export function morrisEffects(d: MorrisDesign, outputs: number[]): number[][] {
  const k = d.factors.length;
  if (outputs.length !== d.points.length) throw new Error(`Morris needs ${d.points.length} outputs, got ${outputs.length}`);
  const effects: number[][] = d.factors.map(() => []);
  d.moves.forEach((steps, t) => {
    const base = t * (k + 1);
    steps.forEach(({ factor, step }, s) => {
      effects[factor].push((outputs[base + s + 1] - outputs[base + s]) / step);
    });
  });
  return effects;
}

function indexOf(path: string, ee: readonly number[]): MorrisIndex {
  const mu = ee.reduce((a, b) => a + b, 0) / ee.length;
  const muStar = ee.reduce((a, b) => a + Math.abs(b), 0) / ee.length;
  const sigma = ee.length > 1 ? Math.sqrt(ee.reduce((a, b) => a + (b - mu) * (b - mu), 0) / (ee.length - 1)) : 0;
  return { path, muStar, mu, sigma };
}

/** Elementary effects per factor, in output units per unit of the factor's range. */
export function morrisAnalyze(d: MorrisDesign, outputs: number[]): MorrisIndex[] {
  const effects = morrisEffects(d, outputs);
  return d.factors.map((f, i) => indexOf(f.path, effects[i]));
}

/** The q-quantile of a sorted copy, nearest rank (as sobolAnalyze's intervals). */
function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, c) => a - c);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/**
 * Morris indices over several replicate designs of the same factors (each with its own
 * outputs): μ, μ* and σ pool the elementary effects of every trajectory of every replicate
 * (one replicate gives morrisAnalyze's values exactly), and μ*'s 95 % interval is the 2.5th
 * and 97.5th percentiles of μ* over `bootstrap` resamples of the pooled trajectories, drawn
 * with replacement from `rng` (no interval when `bootstrap` is 0). With several replicates,
 * each one's own μ* is kept too, to show the spread across designs and seeds.
 */
export function morrisAnalyzeReplicates(designs: readonly MorrisDesign[], outputs: readonly number[][], bootstrap: number, rng: Stream): MorrisIndex[] {
  if (designs.length === 0 || designs.length !== outputs.length) throw new Error(`Morris needs one output list per design (${designs.length} designs, ${outputs.length} lists)`);
  const perReplicate = designs.map((d, r) => morrisEffects(d, outputs[r]));
  const factors = designs[0].factors;
  const pooled = factors.map((_, i) => perReplicate.flatMap((e) => e[i]));
  const trajectories = pooled[0].length;
  const boot: number[][] = factors.map(() => []);
  const pick = new Int32Array(trajectories);
  for (let b = 0; b < bootstrap; b++) {
    for (let t = 0; t < trajectories; t++) pick[t] = rng.int(trajectories);
    factors.forEach((_, i) => {
      let sum = 0;
      for (let t = 0; t < trajectories; t++) sum += Math.abs(pooled[i][pick[t]]);
      boot[i].push(sum / trajectories);
    });
  }
  return factors.map((f, i) => ({
    ...indexOf(f.path, pooled[i]),
    ...(bootstrap > 0 ? { muStarLo: percentile(boot[i], 0.025), muStarHi: percentile(boot[i], 0.975) } : {}),
    ...(designs.length > 1 ? { muStarByReplicate: perReplicate.map((e) => indexOf(f.path, e[i]).muStar) } : {}),
  }));
}

export interface SaltelliDesign {
  factors: Factor[];
  /** Base sample size N. */
  n: number;
  /** N·(k + 2) points: A (N rows), B (N rows), then A_B^(i) for each factor i (N rows each). */
  points: number[][];
}

/** Saltelli's design from two independent uniform samples A and B. */
export function saltelliDesign(factors: Factor[], n: number, rng: Stream): SaltelliDesign {
  const k = factors.length;
  const A = Array.from({ length: n }, () => factors.map(() => rng.next()));
  const B = Array.from({ length: n }, () => factors.map(() => rng.next()));
  const toParams = (u: number[]) => u.map((x, i) => scale(factors[i], x));
  const points = [...A.map(toParams), ...B.map(toParams)];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < n; j++) points.push(toParams(A[j].map((a, c) => (c === i ? B[j][i] : a))));
  }
  return { factors, n, points };
}

export interface SobolIndex {
  path: string;
  first: number;
  firstLo: number;
  firstHi: number;
  total: number;
  totalLo: number;
  totalHi: number;
}

function sobolFromRows(fA: number[], fB: number[], fAB: number[][], rows: ArrayLike<number>): { first: number[]; total: number[] } {
  const n = rows.length;
  let m = 0;
  for (let r = 0; r < n; r++) m += fA[rows[r]] + fB[rows[r]];
  m /= 2 * n;
  let v = 0;
  for (let r = 0; r < n; r++) v += (fA[rows[r]] - m) * (fA[rows[r]] - m) + (fB[rows[r]] - m) * (fB[rows[r]] - m);
  v /= 2 * n - 1;
  const first: number[] = [];
  const total: number[] = [];
  for (const f of fAB) {
    let s = 0;
    let t = 0;
    for (let r = 0; r < n; r++) {
      const j = rows[r];
      s += fB[j] * (f[j] - fA[j]);
      t += (fA[j] - f[j]) * (fA[j] - f[j]);
    }
    first.push(v > 0 ? s / n / v : 0);
    total.push(v > 0 ? t / n / (2 * v) : 0);
  }
  return { first, total };
}

/** First-order and total Sobol indices with percentile bootstrap 95 % intervals. */
export function sobolAnalyze(d: SaltelliDesign, outputs: number[], bootstrap: number, rng: Stream): SobolIndex[] {
  const { n } = d;
  const k = d.factors.length;
  if (outputs.length !== n * (k + 2)) throw new Error(`Sobol needs ${n * (k + 2)} outputs, got ${outputs.length}`);
  const fA = outputs.slice(0, n);
  const fB = outputs.slice(n, 2 * n);
  const fAB = d.factors.map((_, i) => outputs.slice((2 + i) * n, (3 + i) * n));
  const all = Int32Array.from({ length: n }, (_, j) => j);
  const point = sobolFromRows(fA, fB, fAB, all);
  const firsts: number[][] = d.factors.map(() => []);
  const totals: number[][] = d.factors.map(() => []);
  const rows = new Int32Array(n);
  for (let b = 0; b < bootstrap; b++) {
    for (let j = 0; j < n; j++) rows[j] = rng.int(n);
    const est = sobolFromRows(fA, fB, fAB, rows);
    est.first.forEach((x, i) => firsts[i].push(x));
    est.total.forEach((x, i) => totals[i].push(x));
  }
  const pct = percentile;
  return d.factors.map((f, i) => ({
    path: f.path,
    first: point.first[i],
    firstLo: pct(firsts[i], 0.025),
    firstHi: pct(firsts[i], 0.975),
    total: point.total[i],
    totalLo: pct(totals[i], 0.025),
    totalHi: pct(totals[i], 0.975),
  }));
}
