/**
 * Derived demand for engineers (ECONOMICS.md §2) measured on the CFO's own choice inside a
 * full-engine run: the headcount elasticity to the wholesale price against the formula at the
 * same state, at the four largest firms of a 3,000-engineer run at month 12.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../../sim/model/params.ts';
import { simulate } from '../../../sim/run/simulate.ts';
import { derivedDemandAt } from '../../../sim/research/checks/derivedDemand.ts';
import type { DerivedDemand } from '../../../sim/research/checks/derivedDemand.ts';

const EPSILON = 1 / (1 - DEFAULTS.production.eta);

/** derivedDemandAt (price ±δ) at the four largest firms (more than 20 engineers) at the end of year 1. */
function measure(sigma: number, autonomy: number, delta = 0.05): DerivedDemand[] {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = 3000;
  p.run.years = 1;
  p.production.sigma = sigma;
  p.market.autonomyInitial = autonomy;
  let out: DerivedDemand[] = [];
  simulate(p, 1, {
    inspect: (w) => {
      if (w.month !== 11) return;
      const largest = w.firms.filter((f) => f.alive && f.n > 20).sort((a, b) => b.n - a.n || a.slot - b.slot);
      out = largest.slice(0, 4).map((f) => derivedDemandAt(w, f, delta));
    },
  });
  expect(out).toHaveLength(4);
  return out;
}

describe('derived demand for engineers, measured against ECONOMICS §2', () => {
  it('σ = 3 > ε (default autonomy): agents in use, cheaper compute cuts headcount, within 5 % of s_C·(σ − ε) − (s_C·σ + (1 − s_C)·ε)·ψ', () => {
    for (const d of measure(3, DEFAULTS.market.autonomyInitial)) {
      expect(d.agents).toBe(true);
      expect(d.computeCostShare).toBeGreaterThan(0);
      expect(d.computeCostShare).toBeLessThan(1);
      expect(Math.sign(d.measured)).toBe(Math.sign(3 - EPSILON));
      expect(Math.abs(d.measured / d.formula - 1)).toBeLessThan(0.05);
    }
  });

  it('σ = 0.5 < ε (autonomy 0.5 so agents pay): cheaper compute raises headcount, within 5 % of the formula', () => {
    for (const d of measure(0.5, 0.5)) {
      expect(d.agents).toBe(true);
      expect(Math.sign(d.measured)).toBe(Math.sign(0.5 - EPSILON));
      expect(Math.abs(d.measured / d.formula - 1)).toBeLessThan(0.05);
    }
  });

  it('is a local elasticity: price steps of ±1 % and ±5 % measure the same, and the formula does not depend on the step', () => {
    const wide = measure(3, DEFAULTS.market.autonomyInitial, 0.05);
    const narrow = measure(3, DEFAULTS.market.autonomyInitial, 0.01);
    wide.forEach((d, k) => {
      expect(narrow[k].formula).toBe(d.formula);
      expect(Math.abs(narrow[k].measured / d.measured - 1)).toBeLessThan(0.01);
    });
  });

  it('without agents (autonomy 0) there is no substitution margin: −ε·p·u ÷ w < 0 for σ = 3 as for σ = 0.5', () => {
    for (const sigma of [3, 0.5]) {
      for (const d of measure(sigma, 0)) {
        expect(d.agents).toBe(false);
        expect(d.formula).toBeLessThan(0);
        expect(d.measured).toBeLessThan(0);
        expect(Math.abs(d.measured / d.formula - 1)).toBeLessThan(0.05);
      }
    }
  });
});
