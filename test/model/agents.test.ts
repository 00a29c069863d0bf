/**
 * Unit tests of sim/model/agents.ts: each month a firm buys agent tokens until the marginal
 * revenue of their effective compute equals the wholesale price, none when the first unit does
 * not pay, at most a FinOps quota; and the Euler identity with agents in a full run.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import * as agents from '../../sim/model/agents.ts';
import { agentUnitsPerMTokens, chooseAgents } from '../../sim/model/agents.ts';
import { ces, production } from '../../sim/model/production.ts';
import { demandLevel } from '../../sim/model/firms.ts';
import { createWorld, simulate } from '../../sim/run/simulate.ts';
import type { Firm, World } from '../../sim/model/world.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** A month-0 world (after token use, before agents) of 1,500 engineers and 12 firms. */
function worldAt(sigma: number, autonomy: number, change: (p: Params) => void = () => {}): World {
  const p = cloneParams(DEFAULTS);
  [p.run.engineers, p.run.firms] = [1500, 12];
  p.production.sigma = sigma;
  p.market.autonomyInitial = autonomy;
  change(p);
  return createWorld(p, 3);
}

const staffed = (w: World): Firm[] => w.firms.filter((f) => f.alive && f.n > 0);

/** Net marginal revenue of one effective compute unit at compute C: R′·Y_C, R′ = (1 − overhead)·g·η·R/Y. */
function marginalRevenueOfCompute(w: World, f: Firm, C: number): number {
  const pp = w.p.production;
  const r = ces(f.A, f.L, C, f.bench, pp.sigma, production());
  const R = demandLevel(w, f) * Math.pow(r.Y, pp.eta);
  return ((1 - f.tp.overheadShareOfRevenue) * f.tp.funding.planningRevenueMultiple * pp.eta * R * r.YC) / r.Y;
}

const wholesale = (w: World, f: Firm) => w.market.state.priceRetail * f.tp.wholesaleDiscount;

/** Runs chooseAgents from each firm's directed compute `directed` (restoring it first). */
function chooseFrom(w: World, directed: number[]): void {
  w.firms.forEach((f, k) => {
    [f.C, f.X, f.G, f.agentTokenCost] = [directed[k], 0, 0, 0];
  });
  chooseAgents(w);
}

describe('agentUnitsPerMTokens', () => {
  it('is Q·a·e·h: capability × autonomy × effective compute per million tokens × usable hosted share', () => {
    const w = worldAt(0.8, 0.25);
    const m = w.market.state;
    for (const f of staffed(w)) {
      const expected = m.capability * 0.25 * w.p.production.effectiveComputePerMTokens * f.tp.hostedUsableShare;
      expect(expected).toBeGreaterThan(0);
      expect(rel(agentUnitsPerMTokens(w, f), expected)).toBeLessThan(1e-12);
    }
    m.autonomy = 0;
    for (const f of staffed(w)) expect(agentUnitsPerMTokens(w, f)).toBe(0);
  });
});

describe('chooseAgents', () => {
  it('buys agent tokens until R′·Y_C·units equals the wholesale price (σ 3, 1 and 0.5 at autonomy 0.5)', () => {
    for (const sigma of [3, 1, 0.5]) {
      const w = worldAt(sigma, 0.5);
      const directed = w.firms.map((f) => f.C);
      chooseAgents(w);
      for (const f of staffed(w)) {
        const units = agentUnitsPerMTokens(w, f);
        expect(f.G, `σ ${sigma}`).toBeGreaterThan(0);
        expect(rel(f.X, f.G * units)).toBeLessThan(1e-12);
        expect(rel(f.C, directed[f.slot] + f.X)).toBeLessThan(1e-12);
        expect(rel(f.agentTokenCost, f.G * wholesale(w, f))).toBeLessThan(1e-12);
        expect(rel(marginalRevenueOfCompute(w, f, f.C) * units, wholesale(w, f)), `σ ${sigma}`).toBeLessThan(1e-6);
      }
    }
  });

  it('in a run at σ = 3 with default autonomy, agents are in use by year 2 and meet the same condition each month', () => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.firms, p.run.years] = [1500, 12, 2];
    p.production.sigma = 3;
    let checked = 0;
    simulate(p, 3, {
      inspect: (w) => {
        if (w.month < 12) return;
        for (const f of staffed(w)) {
          if (f.X <= 0) continue;
          checked += 1;
          expect(rel(marginalRevenueOfCompute(w, f, f.C) * agentUnitsPerMTokens(w, f), wholesale(w, f)), `month ${w.month}`).toBeLessThan(1e-6);
        }
      },
    });
    expect(checked).toBeGreaterThan(12 * 6);
  });

  it('buys none where the first agent token does not pay: at month 0 with default autonomy, for every σ', () => {
    for (const sigma of [0.5, 0.8, 1, 3]) {
      const w = worldAt(sigma, DEFAULTS.market.autonomyInitial);
      const directed = w.firms.map((f) => f.C);
      chooseAgents(w);
      for (const f of staffed(w)) {
        expect(marginalRevenueOfCompute(w, f, directed[f.slot]) * agentUnitsPerMTokens(w, f)).toBeLessThanOrEqual(wholesale(w, f));
        expect([f.G, f.X, f.agentTokenCost, f.C]).toEqual([0, 0, 0, directed[f.slot]]);
      }
    }
  });

  it('a firm whose agents have no autonomy buys none, however much they would pay otherwise', () => {
    const w = worldAt(3, 0.5);
    const directed = w.firms.map((f) => f.C);
    w.market.state.autonomy = 0;
    chooseAgents(w);
    for (const f of staffed(w)) expect([f.G, f.X, f.agentTokenCost, f.C]).toEqual([0, 0, 0, directed[f.slot]]);
  });

  it('a FinOps quota caps agent tokens at quota × orchestration cap × headcount, and leaves smaller choices alone', () => {
    const w = worldAt(3, 0.5);
    const directed = w.firms.map((f) => f.C);
    const cap = w.market.state.orchestrationCap;
    w.p.cfo.finopsQuotaShareOfCap = 0;
    chooseFrom(w, directed);
    const free = w.firms.map((f) => f.G);
    // A quota between the smallest and largest free choice per engineer binds at some firms only.
    const perHead = staffed(w).map((f) => free[f.slot] / (cap * f.n));
    const quota = Math.sqrt(Math.min(...perHead) * Math.max(...perHead));
    w.p.cfo.finopsQuotaShareOfCap = quota;
    chooseFrom(w, directed);
    let bound = 0;
    for (const f of staffed(w)) {
      const limit = quota * cap * f.n;
      if (free[f.slot] > limit) {
        bound += 1;
        expect(rel(f.G, limit)).toBeLessThan(1e-12);
      } else {
        expect(f.G).toBe(free[f.slot]);
      }
      expect(rel(f.X, f.G * agentUnitsPerMTokens(w, f))).toBeLessThan(1e-12);
      expect(rel(f.agentTokenCost, f.G * wholesale(w, f))).toBeLessThan(1e-12);
    }
    expect(bound).toBeGreaterThan(0);
    expect(bound).toBeLessThan(staffed(w).length);
  });
});

describe('Euler with agents', () => {
  it('engineers’ outputs plus the agents’ Y_C·X add up to each firm’s output, every month of a σ = 3 run with checkInvariants', () => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.firms, p.run.years] = [1500, 12, 3];
    p.production.sigma = 3;
    let worst = 0;
    let withAgents = 0;
    expect(() =>
      simulate(p, 5, {
        checkInvariants: true,
        inspect: (w) => {
          for (const f of w.firms) {
            if (!f.alive || f.Y <= 0) continue;
            if (f.X > 0) withAgents += 1;
            worst = Math.max(worst, Math.abs((f.outputSum + f.YC * f.X) / f.Y - 1));
          }
        },
      }),
    ).not.toThrow();
    expect(withAgents).toBeGreaterThan(100);
    expect(worst).toBeLessThan(1e-9);
  });
});

describe('marginalAt', () => {
  it('after marginalTerms, gives marginalRevenueOfCompute and compute’s output share Y_C·C/Y bit for bit (CES and Cobb–Douglas, no labour or compute)', () => {
    const { at, AT_C, AT_MR, AT_SHARE, marginalAt, marginalRevenueOfCompute, marginalTerms } = agents;
    const same = (got: number, want: number, what: string) => {
      if (!Object.is(got, want)) throw new Error(`${what}: ${got} ≠ ${want}`);
    };
    let cases = 0;
    for (const sigma of [0.8, 1, 3]) {
      const w = worldAt(sigma, 0.25);
      for (const f of staffed(w)) {
        const L = f.L;
        for (const labour of [L, 0]) {
          f.L = labour;
          marginalTerms(w, f);
          for (const C of [0, f.C, 0.5 * f.C, 7 * f.C, 1e6 * f.C]) {
            at[AT_C] = C;
            marginalAt(w, f);
            const want = marginalRevenueOfCompute(w, f, C);
            same(at[AT_MR], want, `σ ${sigma} slot ${f.slot} L ${labour} C ${C}`);
            if (want > 0) {
              const r = ces(f.A, f.L, C, f.bench, sigma, production());
              same(at[AT_SHARE], (r.YC * C) / r.Y, `share, σ ${sigma} slot ${f.slot} C ${C}`);
              cases++;
            }
          }
        }
        f.L = L;
      }
    }
    expect(cases).toBeGreaterThan(50);
  });
});
