import { describe, expect, it } from 'vitest';
import { morrisAnalyze, morrisAnalyzeReplicates, morrisDesign, saltelliDesign, sobolAnalyze } from '../../../sim/research/sensitivity/sensitivity.ts';
import type { Factor } from '../../../sim/research/sensitivity/sensitivity.ts';
import { stream } from '../../../sim/lib/rng.ts';

const PI = Math.PI;
const ishigamiFactors: Factor[] = [1, 2, 3].map((i) => ({ path: `x${i}`, min: -PI, max: PI }));
const ishigami = ([x1, x2, x3]: number[], a = 7, b = 0.1) => Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);

// Analytical indices of the Ishigami function (a = 7, b = 0.1; Ishigami & Homma 1990; Sobol' & Levitan 1999):
// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2; V1 = bπ⁴/5 + b²π⁸/50 + 1/2; V2 = a²/8; V3 = 0; V13 = 8b²π⁸/225.
const a = 7;
const b = 0.1;
const V = a ** 2 / 8 + (b * PI ** 4) / 5 + (b ** 2 * PI ** 8) / 18 + 0.5;
const V1 = (b * PI ** 4) / 5 + (b ** 2 * PI ** 8) / 50 + 0.5;
const V2 = a ** 2 / 8;
const V13 = (8 * b ** 2 * PI ** 8) / 225;
const EXPECTED = {
  first: [V1 / V, V2 / V, 0],
  total: [(V1 + V13) / V, V2 / V, V13 / V],
};

describe('Sobol indices (Saltelli design, Jansen total) on the Ishigami function', () => {
  const design = saltelliDesign(ishigamiFactors, 20_000, stream(1, 'sobol-test'));
  const indices = sobolAnalyze(design, design.points.map((x) => ishigami(x)), 200, stream(2, 'sobol-bootstrap'));

  it('match the analytical first-order indices (0.314, 0.442, 0)', () => {
    indices.forEach((ix, i) => expect(Math.abs(ix.first - EXPECTED.first[i])).toBeLessThan(0.03));
  });

  it('match the analytical total indices (0.558, 0.442, 0.244)', () => {
    indices.forEach((ix, i) => expect(Math.abs(ix.total - EXPECTED.total[i])).toBeLessThan(0.03));
  });

  it('give bootstrap intervals around the estimate that cover the true value', () => {
    indices.forEach((ix, i) => {
      expect(ix.firstLo).toBeLessThanOrEqual(ix.first);
      expect(ix.firstHi).toBeGreaterThanOrEqual(ix.first);
      expect(ix.totalLo - 0.01).toBeLessThanOrEqual(EXPECTED.total[i]);
      expect(ix.totalHi + 0.01).toBeGreaterThanOrEqual(EXPECTED.total[i]);
    });
  });

  it('is deterministic for a given stream', () => {
    const again = saltelliDesign(ishigamiFactors, 50, stream(1, 'sobol-test'));
    expect(again.points.slice(0, 50)).toEqual(saltelliDesign(ishigamiFactors, 50, stream(1, 'sobol-test')).points.slice(0, 50));
  });
});

describe('Morris elementary effects', () => {
  it('recover the coefficients of a linear function exactly, with no spread', () => {
    const factors: Factor[] = [
      { path: 'a', min: 0, max: 2 },
      { path: 'b', min: 10, max: 20 },
      { path: 'c', min: -1, max: 1 },
    ];
    const coef = [3, -0.5, 0];
    const d = morrisDesign(factors, 12, 4, stream(3, 'morris'));
    expect(d.points.length).toBe(12 * 4);
    const out = d.points.map((x) => x.reduce((acc, v, i) => acc + coef[i] * v, 0));
    const ix = morrisAnalyze(d, out);
    // Effect per unit of the factor's range: coefficient × (max − min).
    expect(ix[0].mu).toBeCloseTo(3 * 2, 9);
    expect(ix[1].mu).toBeCloseTo(-0.5 * 10, 9);
    expect(ix[1].muStar).toBeCloseTo(5, 9);
    expect(ix[2].muStar).toBe(0);
    ix.forEach((m) => expect(m.sigma).toBeCloseTo(0, 9));
  });

  it('rank the Ishigami factors by influence and flag x3 as acting only through interaction', () => {
    const d = morrisDesign(ishigamiFactors, 100, 4, stream(4, 'morris-ishigami'));
    const ix = morrisAnalyze(d, d.points.map((x) => ishigami(x)));
    // x3 has no first-order effect but interacts with x1: μ ≈ 0 relative to its spread.
    expect(Math.abs(ix[2].mu)).toBeLessThan(ix[2].sigma);
    expect(ix[2].muStar).toBeGreaterThan(0);
    expect(ix[0].muStar).toBeGreaterThan(0);
    expect(ix[1].muStar).toBeGreaterThan(0);
  });

  it('every step moves exactly one factor by ±Δ on the grid', () => {
    const d = morrisDesign(ishigamiFactors, 5, 4, stream(5, 'morris-steps'));
    const unit = (x: number) => (x + PI) / (2 * PI);
    for (let t = 0; t < 5; t++) {
      for (let s = 0; s < 3; s++) {
        const p0 = d.points[t * 4 + s].map(unit);
        const p1 = d.points[t * 4 + s + 1].map(unit);
        const changed = p0.map((v, i) => Math.abs(p1[i] - v) > 1e-12);
        expect(changed.filter(Boolean).length).toBe(1);
        const i = changed.indexOf(true);
        expect(Math.abs(Math.abs(p1[i] - p0[i]) - d.delta)).toBeLessThan(1e-12);
        expect(p1[i]).toBeGreaterThanOrEqual(-1e-12);
        expect(p1[i]).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  });
});

describe('Morris with replicate designs and a bootstrap interval on μ*', () => {
  const f = (x: number[]) => ishigami(x);
  const designs = [1, 2, 3].map((r) => morrisDesign(ishigamiFactors, 20, 4, stream(r, 'morris-replicates')));
  const outputs = designs.map((d) => d.points.map(f));

  it('one replicate without bootstrap gives morrisAnalyze exactly', () => {
    const one = morrisAnalyzeReplicates([designs[0]], [outputs[0]], 0, stream(9, 'b'));
    expect(one).toEqual(morrisAnalyze(designs[0], outputs[0]));
  });

  it('pools the trajectories of every replicate and keeps each replicate’s own μ*', () => {
    const pooled = morrisAnalyzeReplicates(designs, outputs, 0, stream(9, 'b'));
    const alone = designs.map((d, r) => morrisAnalyze(d, outputs[r]));
    pooled.forEach((ix, i) => {
      // equal trajectory counts: the pooled μ* is the mean of the replicates' μ*
      expect(ix.muStar).toBeCloseTo((alone[0][i].muStar + alone[1][i].muStar + alone[2][i].muStar) / 3, 10);
      expect(ix.muStarByReplicate).toEqual(alone.map((a) => a[i].muStar));
    });
  });

  it('bootstraps μ* over trajectories: the interval holds the estimate, is reproducible, and is empty of spread for a linear function', () => {
    const boot = morrisAnalyzeReplicates(designs, outputs, 500, stream(4, 'b'));
    for (const ix of boot) {
      expect(ix.muStarLo!).toBeLessThanOrEqual(ix.muStar);
      expect(ix.muStarHi!).toBeGreaterThanOrEqual(ix.muStar);
    }
    expect(boot[1].muStarHi! - boot[1].muStarLo!).toBeGreaterThan(0);
    expect(morrisAnalyzeReplicates(designs, outputs, 500, stream(4, 'b'))).toEqual(boot);
    const lin = (x: number[]) => 3 * x[0] - 2 * x[1];
    const linear = morrisAnalyzeReplicates(designs, designs.map((d) => d.points.map(lin)), 200, stream(5, 'b'));
    expect(linear[0].muStarLo).toBeCloseTo(3 * 2 * PI, 9);
    expect(linear[0].muStarHi).toBeCloseTo(3 * 2 * PI, 9);
  });
});
