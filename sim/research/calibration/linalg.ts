/**
 * Small dense linear algebra for the calibration's inference (a handful of parameters and
 * moments): products, an inverse by Gauss–Jordan elimination with partial pivoting, and the
 * singular value decomposition by one-sided Jacobi rotations (Hestenes 1958; Demmel & Veselić
 * 1992), which is accurate for the small, possibly ill-conditioned Jacobians it is used on.
 * Matrices are arrays of rows. Pure and deterministic: fixed loop order, no randomness.
 */
export type Matrix = number[][];

export const zeros = (rows: number, cols: number): Matrix => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

export const identity = (n: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

export const transpose = (a: Matrix): Matrix => (a.length === 0 ? [] : a[0].map((_, j) => a.map((row) => row[j])));

export function multiply(a: Matrix, b: Matrix): Matrix {
  const n = b.length;
  if (a.length > 0 && a[0].length !== n) throw new Error(`multiply: ${a.length}×${a[0].length} by ${n}×${b[0]?.length ?? 0}`);
  return a.map((row) => {
    const out = new Array<number>(b[0]?.length ?? 0).fill(0);
    for (let k = 0; k < n; k++) {
      const r = row[k];
      for (let j = 0; j < out.length; j++) out[j] += r * b[k][j];
    }
    return out;
  });
}

export const diagonal = (values: readonly number[]): Matrix => values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));

export const add = (a: Matrix, b: Matrix): Matrix => a.map((row, i) => row.map((v, j) => v + b[i][j]));

export const scale = (a: Matrix, s: number): Matrix => a.map((row) => row.map((v) => v * s));

/** x′·A·x. */
export function quadraticForm(a: Matrix, x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) sum += x[i] * a[i][j] * x[j];
  return sum;
}

/** The inverse of a square matrix; throws when it is singular to working precision. */
export function inverse(a: Matrix): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...identity(n)[i]]);
  const norm = Math.max(1e-300, ...a.flat().map(Math.abs));
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) <= 1e-13 * norm) throw new Error('inverse: the matrix is singular');
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const p = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === c || m[r][c] === 0) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

export interface Svd {
  /** Singular values, largest first. */
  values: number[];
  /** Right singular vectors as columns (p × p), in the order of `values`. */
  v: Matrix;
}

/**
 * Singular values and right singular vectors of an m × p matrix (any m ≥ 1): one-sided Jacobi
 * rotates pairs of columns until all are orthogonal; the column norms are then the singular
 * values and the accumulated rotations the right singular vectors.
 */
export function svd(a: Matrix): Svd {
  const m = a.length;
  const p = m > 0 ? a[0].length : 0;
  const u = a.map((row) => [...row]);
  const v = identity(p);
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let k = 0; k < m; k++) {
          alpha += u[k][i] * u[k][i];
          beta += u[k][j] * u[k][j];
          gamma += u[k][i] * u[k][j];
        }
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < m; k++) {
          const ui = u[k][i];
          u[k][i] = c * ui - s * u[k][j];
          u[k][j] = s * ui + c * u[k][j];
        }
        for (let k = 0; k < p; k++) {
          const vi = v[k][i];
          v[k][i] = c * vi - s * v[k][j];
          v[k][j] = s * vi + c * v[k][j];
        }
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: p }, (_, j) => Math.sqrt(u.reduce((s, row) => s + row[j] * row[j], 0)));
  const order = norms.map((_, j) => j).sort((x, y) => norms[y] - norms[x] || x - y);
  return { values: order.map((j) => norms[j]), v: v.map((row) => order.map((j) => row[j])) };
}
