import { describe, expect, it } from 'vitest';
import { allocateSlots, calibrateDemand, planningGrowth } from '../../sim/model/firms.ts';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { ces, production } from '../../sim/model/production.ts';
import { stream } from '../../sim/lib/rng.ts';
import type { Firm, World } from '../../sim/model/world.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('allocateSlots', () => {
  it('splits 60 slots 15/50/35 % into [9, 30, 21]', () => {
    // Exact quotas 9, 30, 21: no remainders, so nothing is left over.
    expect(allocateSlots([0.15, 0.5, 0.35], 60)).toEqual([9, 30, 21]);
  });

  it('gives leftover slots to the largest remainders (worked by hand)', () => {
    // [5, 3, 2] of 7: exact 3.5, 2.1, 1.4 → floors 3, 2, 1 (6); one left → largest remainder 0.5 → [4, 2, 1].
    expect(allocateSlots([5, 3, 2], 7)).toEqual([4, 2, 1]);
    // [0.2, 0.3, 0.5] of 9: exact 1.8, 2.7, 4.5 → floors 1, 2, 4 (7); two left → 0.8, 0.7 → [2, 3, 4].
    expect(allocateSlots([0.2, 0.3, 0.5], 9)).toEqual([2, 3, 4]);
  });

  it('breaks ties between equal remainders by the lower index', () => {
    // Thirds of 4: exact 1.33 each → floors 1, 1, 1; one left, all remainders equal → first.
    expect(allocateSlots([1, 1, 1], 4)).toEqual([2, 1, 1]);
    expect(allocateSlots([1, 1, 1], 5)).toEqual([2, 2, 1]);
    // [3, 2, 2] of 10: exact 4.29, 2.86, 2.86 → floors 4, 2, 2; two left → the tied 0.86s.
    expect(allocateSlots([3, 2, 2], 10)).toEqual([4, 3, 3]);
  });

  it('depends only on the proportions, not on the scale of the shares', () => {
    expect(allocateSlots([15, 50, 35], 60)).toEqual(allocateSlots([0.15, 0.5, 0.35], 60));
    expect(allocateSlots([6, 4, 4], 10)).toEqual(allocateSlots([3, 2, 2], 10));
  });

  it('a zero share gets no slot unless there is nothing else', () => {
    expect(allocateSlots([0, 1, 3], 8)).toEqual([0, 2, 6]);
    expect(allocateSlots([1, 1], 0)).toEqual([0, 0]);
  });

  it('always sums to the total, stays within one of the exact quota, and is deterministic', () => {
    const rng = stream(11, 'allocate-test');
    for (let trial = 0; trial < 300; trial++) {
      const k = 1 + rng.int(6);
      const shares = Array.from({ length: k }, () => (rng.next() < 0.15 ? 0 : rng.next())).map((s, i) => (i === 0 ? s + 0.01 : s));
      const total = rng.int(500);
      const got = allocateSlots(shares, total);
      expect(got.reduce((a, b) => a + b, 0)).toBe(total);
      const sum = shares.reduce((a, b) => a + b, 0);
      got.forEach((c, i) => {
        const exact = (shares[i] / sum) * total;
        expect(Number.isInteger(c)).toBe(true);
        expect(c).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(c).toBeLessThanOrEqual(Math.ceil(exact));
      });
      expect(allocateSlots([...shares], total)).toEqual(got);
    }
  });
});

describe('planningGrowth', () => {
  it('is the firm type’s planned revenue multiple, whatever it is set to', () => {
    const firmWith = (m: number) => ({ tp: { funding: { planningRevenueMultiple: m } } }) as unknown as Firm;
    expect(planningGrowth(firmWith(1))).toBe(1);
    expect(planningGrowth(firmWith(3.5))).toBe(3.5);
    for (const tp of Object.values(DEFAULTS.firmTypes)) {
      expect(planningGrowth({ tp } as unknown as Firm)).toBe(tp.funding.planningRevenueMultiple);
    }
  });

  it('non-venture default types plan on today’s revenue (multiple 1)', () => {
    for (const tp of Object.values(DEFAULTS.firmTypes)) if (tp.venture === 0) expect(planningGrowth({ tp } as unknown as Firm)).toBe(1);
  });
});

describe('calibrateDemand', () => {
  /** The fields calibrateDemand reads, cast to the engine types (tests only). */
  const fake = (eta: number, overhead: number, g: number, demandShift = 1) => {
    const w = { p: { production: { eta } }, demandShift, sectorShift: new Float64Array(1).fill(1) } as unknown as World;
    const f = { Z: -1, type: 0, tp: { overheadShareOfRevenue: overhead, funding: { planningRevenueMultiple: g } } } as unknown as Firm;
    return { w, f };
  };

  it('worked example: η 0.5, overhead 0.3, g 1, 100 engineers at $14k producing 400 → Z = 200,000', () => {
    // R = 100 × 14,000 / (0.7 × 0.5 × 1) = 4,000,000; Z = R / 400^0.5 = 4,000,000 / 20 = 200,000.
    const { w, f } = fake(0.5, 0.3, 1);
    calibrateDemand(w, f, 100, 400, 14_000);
    expect(f.Z).toBeCloseTo(200_000, 6);
  });

  it.each([
    [0.5, 0.3, 1, 100, 400, 14_000],
    [0.5, 0.4, 4, 12, 9.5, 30_000],
    [0.8, 0.1, 2.5, 3_000, 1e5, 21_000],
    [0.3, 0, 1, 1, 0.02, 5_000],
  ])('(1 − overhead)·η·Z·Y^η·g / N equals the cost (η %d, overhead %d, g %d, N %d, Y %d, cost %d)', (eta, o, g, N, Y, cost) => {
    const { w, f } = fake(eta, o, g);
    calibrateDemand(w, f, N, Y, cost);
    expect(rel(((1 - o) * eta * f.Z * Math.pow(Y, eta) * g) / N, cost)).toBeLessThan(1e-12);
  });

  it('puts the firm at its optimum: the net marginal revenue of one more engineer equals the cost', () => {
    // Independent of the closed form: engineers of skill s with compute c each feed a CES firm,
    // so Y(N) = ces(A, N·s, N·c); differentiate (1 − overhead)·g·Z·Y(N)^η numerically in N.
    const { eta, sigma } = DEFAULTS.production;
    const bench = { pi0: 0.93, k0: 0.4 };
    const tp = DEFAULTS.firmTypes.startup;
    const { w, f } = fake(eta, tp.overheadShareOfRevenue, tp.funding.planningRevenueMultiple);
    const Y = (n: number) => ces(1.1, n * 1.2, n * 0.4, bench, sigma, production()).Y;
    const N = 25;
    const cost = 18_000;
    calibrateDemand(w, f, N, Y(N), cost);
    const revenue = (n: number) => f.Z * Math.pow(Y(n), eta);
    const h = 1e-4;
    const marginal = ((1 - tp.overheadShareOfRevenue) * planningGrowth({ tp } as unknown as Firm) * (revenue(N + h) - revenue(N - h))) / (2 * h);
    expect(rel(marginal, cost)).toBeLessThan(1e-7);
  });

  it('divides out this month’s economy-wide demand shift, so revenue Z·shift·Y^η still meets the cost', () => {
    const plain = fake(0.5, 0.3, 1);
    calibrateDemand(plain.w, plain.f, 100, 400, 14_000);
    const boom = fake(0.5, 0.3, 1, 1.25);
    calibrateDemand(boom.w, boom.f, 100, 400, 14_000);
    expect(rel(boom.f.Z * 1.25, plain.f.Z)).toBeLessThan(1e-12);
  });

  it('sizes demand for the marginal hire: a hire producing a share h of the average needs Z ÷ h', () => {
    const plain = fake(0.5, 0.3, 1);
    calibrateDemand(plain.w, plain.f, 100, 400, 14_000);
    const hire = fake(0.5, 0.3, 1);
    calibrateDemand(hire.w, hire.f, 100, 400, 14_000, 0.8);
    expect(rel(hire.f.Z * 0.8, plain.f.Z)).toBeLessThan(1e-12);
  });

  it('sets Z to 0 when there is no output', () => {
    const { w, f } = fake(0.5, 0.3, 1);
    calibrateDemand(w, f, 10, 0, 14_000);
    expect(f.Z).toBe(0);
  });
});

describe('setBenchmarks: the CES normalised on the month-0 bundle', () => {
  /** A month-0 world of 1,500 engineers and 15 firms at σ (the default seed and sizes otherwise). */
  const worldAt = (sigma: number, seed = 4) => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.firms] = [1500, 15];
    p.production.sigma = sigma;
    return createWorld(p, seed);
  };

  it('each firm’s π0 is its pay ÷ (pay + tooling + tokens + credits) and k0 its compute per labour unit; it starts at Y = A·L', () => {
    const w = worldAt(0.8);
    const e = w.eng;
    const staffed = w.firms.filter((f) => f.n > 0);
    expect(staffed.length).toBeGreaterThan(10);
    for (const f of staffed) {
      let pay = 0;
      for (let i = 0; i < e.n; i++) if (e.employer[i] === f.slot) pay += (e.base[i] + e.equity[i]) / 12;
      expect(rel(f.bench.pi0, pay / (pay + f.toolingCost + f.tokenCost + f.creditCost))).toBeLessThan(1e-12);
      expect(rel(f.bench.k0, f.C / f.L)).toBeLessThan(1e-12);
      expect(rel(f.Y, f.A * f.L)).toBeLessThan(1e-12);
      expect(Math.abs((f.YL * f.L) / f.Y - f.bench.pi0)).toBeLessThan(1e-12);
    }
  });

  it('a slot with no engineers at month 0 (an entrant to come) takes its type’s pooled benchmark', () => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.firms] = [60, 40];
    const w = createWorld(p, 1);
    const empty = w.firms.filter((f) => f.n === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const f of empty) expect(f.bench).toEqual(w.benchmarks[f.type]);
    w.typeNames.forEach((_, t) => {
      const ofType = w.firms.filter((f) => f.type === t && f.n > 0);
      if (ofType.length === 0) return;
      const L = ofType.reduce((a, f) => a + f.L, 0);
      const C = ofType.reduce((a, f) => a + f.C, 0);
      expect(rel(w.benchmarks[t].k0, C / L)).toBeLessThan(1e-12);
      expect(w.benchmarks[t].pi0).toBeGreaterThan(Math.min(...ofType.map((f) => f.bench.pi0)) - 1e-12);
      expect(w.benchmarks[t].pi0).toBeLessThan(Math.max(...ofType.map((f) => f.bench.pi0)) + 1e-12);
    });
  });

  it('worlds that differ only in σ start with the same output, compute share and demand Z at every firm', () => {
    const ref = worldAt(0.8);
    for (const sigma of [0.3, 0.5, 1, 1.5, 3]) {
      const w = worldAt(sigma);
      w.firms.forEach((f, k) => {
        const g = ref.firms[k];
        expect(f.n).toBe(g.n);
        if (g.n === 0) return;
        expect(rel(f.Y, g.Y), `σ ${sigma} firm ${k} Y`).toBeLessThan(1e-9);
        expect(rel((f.YC * f.C) / f.Y, (g.YC * g.C) / g.Y), `σ ${sigma} firm ${k} compute share`).toBeLessThan(1e-9);
        expect(rel(f.Z, g.Z), `σ ${sigma} firm ${k} Z`).toBeLessThan(1e-9);
      });
    }
  });
});
