import { describe, expect, it } from 'vitest';
import { ces, COBB_DOUGLAS_TOLERANCE, costMinimisingIntensity, directedCompute, outputPerLabour, production } from '../../sim/model/production.ts';
import type { Benchmark } from '../../sim/model/production.ts';
import type { MarketState } from '../../sim/model/market.ts';
import type { ProductionParams } from '../../sim/model/params.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const SIGMAS = [0.3, 0.5, 0.8, 1, 1.5, 3, 10];
const INPUTS: [number, number][] = [
  [1, 1],
  [2.5, 7],
  [100, 3],
  [0.4, 250],
  [1_000, 1e5],
  [3, 1e-3],
];
/** The CES with compute in benchmark units (k0 = 1): labour's weight `alpha` is π0. */
const cesY = (A: number, L: number, C: number, alpha: number, sigma: number) => ces(A, L, C, { pi0: alpha, k0: 1 }, sigma, production());
const grid = SIGMAS.flatMap((sigma) => INPUTS.map(([L, C]) => [sigma, L, C] as [number, number, number]));

describe('ces', () => {
  it('worked examples: σ = 0.5 is a weighted harmonic mean and σ = 2 a weighted square-root mean', () => {
    // σ = 0.5 → ρ = −1: Y = A / (α/L + (1−α)/C). A = 1, α = 0.5, L = 2, C = 4:
    //   Y = 1 / (0.25 + 0.125) = 8/3; Y_L = α/L² · (Y/A)² = 0.125 · 64/9 = 8/9; Y_C = 0.5/16 · 64/9 = 2/9.
    const h = cesY(1, 2, 4, 0.5, 0.5);
    expect(h.Y).toBeCloseTo(8 / 3, 14);
    expect(h.YL).toBeCloseTo(8 / 9, 14);
    expect(h.YC).toBeCloseTo(2 / 9, 14);
    // σ = 2 → ρ = 1/2: Y = A (α√L + (1−α)√C)². A = 2, α = 0.5, L = 4, C = 9:
    //   Y = 2 · (1 + 1.5)² = 12.5; Y_L = A·(α√L+(1−α)√C)·α/√L = 2 · 2.5 · 0.25 = 1.25; Y_C = 2 · 2.5 · 0.5/3 = 5/6.
    const s = cesY(2, 4, 9, 0.5, 2);
    expect(s.Y).toBeCloseTo(12.5, 13);
    expect(s.YL).toBeCloseTo(1.25, 13);
    expect(s.YC).toBeCloseTo(5 / 6, 13);
  });

  it.each(grid)('Euler: Y_L·L + Y_C·C = Y to 1e-12 (σ %d, L %d, C %d)', (sigma, L, C) => {
    const r = cesY(1.3, L, C, 0.78, sigma);
    expect(r.Y).toBeGreaterThan(0);
    expect(rel(r.YL * L + r.YC * C, r.Y)).toBeLessThan(1e-12);
  });

  it.each(grid)('constant returns: scaling L and C by k scales Y by k and keeps the marginals (σ %d, L %d, C %d)', (sigma, L, C) => {
    const base = cesY(0.9, L, C, 0.6, sigma);
    for (const k of [0.01, 3, 1_000]) {
      const scaled = cesY(0.9, k * L, k * C, 0.6, sigma);
      expect(rel(scaled.Y, k * base.Y)).toBeLessThan(1e-12);
      expect(rel(scaled.YL, base.YL)).toBeLessThan(1e-12);
      expect(rel(scaled.YC, base.YC)).toBeLessThan(1e-12);
    }
  });

  it.each(grid)('marginal products equal central finite differences of Y (σ %d, L %d, C %d)', (sigma, L, C) => {
    const A = 1.1;
    const alpha = 0.7;
    const y = (l: number, c: number) => cesY(A, l, c, alpha, sigma).Y;
    const r = cesY(A, L, C, alpha, sigma);
    const hL = 1e-5 * L;
    const hC = 1e-5 * C;
    const dL = (y(L + hL, C) - y(L - hL, C)) / (2 * hL);
    const dC = (y(L, C + hC) - y(L, C - hC)) / (2 * hC);
    // Central differences: truncation O(1e-10) relative, round-off ≈ 1e-16 / 1e-5 relative to Y.
    expect(Math.abs(dL - r.YL)).toBeLessThan(1e-7 * (r.YL + r.Y / L));
    expect(Math.abs(dC - r.YC)).toBeLessThan(1e-7 * (r.YC + r.Y / C));
  });

  it('the σ = 1 case is Cobb-Douglas exactly', () => {
    for (const [L, C] of INPUTS) {
      for (const alpha of [0.2, 0.78]) {
        const r = cesY(1.7, L, C, alpha, 1);
        const cd = 1.7 * Math.pow(L, alpha) * Math.pow(C, 1 - alpha);
        expect(rel(r.Y, cd)).toBeLessThan(1e-15);
        expect(rel(r.YL, (alpha * cd) / L)).toBeLessThan(1e-15);
        expect(rel(r.YC, ((1 - alpha) * cd) / C)).toBeLessThan(1e-15);
      }
    }
  });

  it('σ = 1 ± 1e-6 is continuous with Cobb-Douglas, off by the Kmenta second-order term', () => {
    // Kmenta (1967): ln Y ≈ ln A + α ln L + (1−α) ln C + (ρ/2)·α(1−α)·(ln L − ln C)² for small ρ.
    const A = 1.3;
    const alpha = 0.78;
    for (const [L, C] of [[2.5, 7], [100, 3], [0.4, 250]]) {
      const cd = cesY(A, L, C, alpha, 1).Y;
      for (const sigma of [1 + 1e-6, 1 - 1e-6]) {
        const y = cesY(A, L, C, alpha, sigma).Y;
        expect(rel(y, cd)).toBeLessThan(1e-4);
        const rho = (sigma - 1) / sigma;
        const kmenta = (rho / 2) * alpha * (1 - alpha) * Math.log(L / C) ** 2;
        expect(Math.abs((y - cd) / cd - kmenta)).toBeLessThan(0.02 * Math.abs(kmenta));
      }
    }
  });

  it('just outside the Cobb-Douglas tolerance the CES branch still agrees with the limit', () => {
    const cd = cesY(1, 2.5, 7, 0.78, 1).Y;
    for (const sigma of [1 + 1.01 * COBB_DOUGLAS_TOLERANCE, 1 - 1.01 * COBB_DOUGLAS_TOLERANCE]) {
      expect(rel(cesY(1, 2.5, 7, 0.78, sigma).Y, cd)).toBeLessThan(1e-6);
    }
  });

  it('with equal inputs Y = A·L for every σ (the weights sum to 1)', () => {
    for (const sigma of [0.05, ...SIGMAS, 20]) {
      for (const L of [0.5, 1, 40]) expect(rel(cesY(1.4, L, L, 0.78, sigma).Y, 1.4 * L)).toBeLessThan(1e-12);
    }
  });

  it('for σ < 1 output is bounded by A·α^(1/ρ)·L as compute grows without limit', () => {
    const A = 1.2;
    const alpha = 0.78;
    const L = 10;
    for (const sigma of [0.3, 0.5, 0.8]) {
      const rho = (sigma - 1) / sigma;
      const bound = A * Math.pow(alpha, 1 / rho) * L;
      let prev = 0;
      for (const C of [1, 10, 100, 1e3, 1e4]) {
        const y = cesY(A, L, C, alpha, sigma).Y;
        expect(y).toBeGreaterThan(prev);
        expect(y).toBeLessThan(bound);
        prev = y;
      }
      // Far out the gap falls below one ulp; the bound must still hold.
      for (const C of [1e6, 1e9, 1e15]) expect(cesY(A, L, C, alpha, sigma).Y).toBeLessThanOrEqual(bound * (1 + 1e-15));
      expect(rel(cesY(A, L, 1e30, alpha, sigma).Y, bound)).toBeLessThan(1e-5);
    }
  });

  it('as σ → 0 output approaches the Leontief A·min(L, C)', () => {
    // σ = 0.01 → ρ = −99: Y = A·min·(w + rest)^(−1/99) with w ∈ {α, 1−α}, so within 1.6 % of A·min.
    for (const [L, C] of [[1, 2], [5, 1], [3, 300], [80, 8]]) {
      const y = cesY(1.5, L, C, 0.78, 0.01).Y;
      expect(rel(y, 1.5 * Math.min(L, C))).toBeLessThan(0.016);
    }
  });

  it('for σ > 1 compute alone keeps producing: Y grows without bound in C', () => {
    const y1 = cesY(1, 10, 1e3, 0.78, 3).Y;
    const y2 = cesY(1, 10, 1e6, 0.78, 3).Y;
    // ρ = 2/3: for large C, Y ≈ A·(1−α)^(3/2)·C, so ×1000 in C gives ≈ ×1000 in Y.
    expect(y2 / y1).toBeGreaterThan(500);
    expect(rel(y2, Math.pow(0.22, 1.5) * 1e6)).toBeLessThan(0.05);
  });

  it('L = 0 or C = 0 gives zero output and zero marginals', () => {
    for (const sigma of [0.5, 1, 3]) {
      for (const [L, C] of [[0, 5], [5, 0], [0, 0]]) expect(cesY(1, L, C, 0.78, sigma)).toEqual({ Y: 0, YL: 0, YC: 0 });
    }
  });

  it('writes into and returns the record it is given', () => {
    const out = production();
    const r = ces(1, 2, 3, { pi0: 0.5, k0: 1 }, 0.8, out);
    expect(r).toBe(out);
    expect(out.Y).toBeGreaterThan(0);
    ces(1, 0, 3, { pi0: 0.5, k0: 1 }, 0.8, out);
    expect(out).toEqual({ Y: 0, YL: 0, YC: 0 });
  });
});

describe('the normalised CES (benchmark π0, k0)', () => {
  const BENCHES: Benchmark[] = [
    { pi0: 0.97, k0: 1.3 },
    { pi0: 0.6, k0: 40 },
    { pi0: 0.2, k0: 0.05 },
  ];
  const BENCH_SIGMAS = [0.3, 0.8, 1, 1.5, 3];

  it('at the benchmark bundle (C = k0·L) output is A·L and labour’s share is π0, for every σ including exactly 1', () => {
    for (const b of BENCHES) {
      for (const sigma of BENCH_SIGMAS) {
        for (const L of [0.7, 12, 3_000]) {
          const r = ces(1.4, L, b.k0 * L, b, sigma, production());
          expect(rel(r.Y, 1.4 * L)).toBeLessThan(1e-12);
          expect(Math.abs((r.YL * L) / r.Y - b.pi0)).toBeLessThan(1e-12);
          expect(Math.abs((r.YC * b.k0 * L) / r.Y - (1 - b.pi0))).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('Euler: Y_L·L + Y_C·C = Y off the benchmark too', () => {
    for (const b of BENCHES) {
      for (const sigma of BENCH_SIGMAS) {
        for (const [L, C] of INPUTS) {
          const r = ces(0.8, L, C, b, sigma, production());
          expect(rel(r.YL * L + r.YC * C, r.Y)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('k0 only rescales compute: ces(C, k0) is ces(C/k0, 1), with Y_C divided by k0', () => {
    for (const b of BENCHES) {
      for (const sigma of BENCH_SIGMAS) {
        const scaled = ces(1.1, 5, 9, b, sigma, production());
        const unit = ces(1.1, 5, 9 / b.k0, { pi0: b.pi0, k0: 1 }, sigma, production());
        expect(rel(scaled.Y, unit.Y)).toBeLessThan(1e-12);
        expect(rel(scaled.YL, unit.YL)).toBeLessThan(1e-12);
        expect(rel(scaled.YC * b.k0, unit.YC)).toBeLessThan(1e-12);
      }
    }
  });

  it('σ = 1 is the exact limit: σ = 1 ± 1e-7 gives output and marginal products within 1e-5 of Cobb-Douglas', () => {
    for (const b of BENCHES) {
      for (const [L, C] of [[2.5, 7], [100, 3], [0.4, 250]]) {
        const cd = ces(1.2, L, C, b, 1, production());
        // Cobb-Douglas in normalised units: A·L^π0·(C/k0)^(1−π0).
        expect(rel(cd.Y, 1.2 * Math.pow(L, b.pi0) * Math.pow(C / b.k0, 1 - b.pi0))).toBeLessThan(1e-14);
        for (const sigma of [1 + 1e-7, 1 - 1e-7]) {
          const r = ces(1.2, L, C, b, sigma, production());
          expect(rel(r.Y, cd.Y)).toBeLessThan(1e-5);
          expect(rel(r.YL, cd.YL)).toBeLessThan(1e-5);
          expect(rel(r.YC, cd.YC)).toBeLessThan(1e-5);
        }
      }
    }
  });

  it('outputPerLabour × L is the output of ces at compute C = k0·intensity·L', () => {
    for (const b of BENCHES) {
      for (const sigma of BENCH_SIGMAS) {
        for (const intensity of [0.01, 0.5, 1, 4, 300]) {
          const L = 17;
          const Y = ces(2.1, L, b.k0 * intensity * L, b, sigma, production()).Y;
          expect(rel(outputPerLabour(2.1, intensity, b, sigma) * L, Y)).toBeLessThan(1e-12);
        }
        expect(outputPerLabour(2.1, 1, b, sigma)).toBeCloseTo(2.1, 12);
      }
    }
  });

  it('costMinimisingIntensity makes Y_L ÷ Y_C equal the price ratio (w̃ ÷ s̄) ÷ p_C', () => {
    for (const b of BENCHES) {
      for (const sigma of BENCH_SIGMAS) {
        for (const [wage, skill, price] of [[20_000, 1, 300], [9_000, 1.6, 45], [31_000, 0.7, 4_000]]) {
          const intensity = costMinimisingIntensity(wage, skill, price, b, sigma);
          expect(intensity).toBeGreaterThan(0);
          const L = 40 * skill;
          const r = ces(1.3, L, b.k0 * intensity * L, b, sigma, production());
          expect(rel(r.YL / r.YC, wage / skill / price)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('a dearer engineer raises the cost-minimising intensity, by the elasticity σ', () => {
    const b = BENCHES[0];
    for (const sigma of BENCH_SIGMAS) {
      const ratio = costMinimisingIntensity(2 * 20_000, 1, 300, b, sigma) / costMinimisingIntensity(20_000, 1, 300, b, sigma);
      expect(rel(ratio, Math.pow(2, sigma))).toBeLessThan(1e-12);
    }
  });
});

describe('directedCompute', () => {
  it('is one unit of tooling plus Q·κ·e per million tokens', () => {
    const m = { capability: 1.5 } as MarketState;
    const pp = { effectiveComputePerMTokens: 30 } as ProductionParams;
    expect(directedCompute(m, pp, 0.8, 0)).toBe(1);
    expect(directedCompute(m, pp, 0.8, 2)).toBeCloseTo(1 + 1.5 * 0.8 * 30 * 2, 12);
    expect(directedCompute(m, pp, 0, 1_000)).toBe(1);
  });
});
