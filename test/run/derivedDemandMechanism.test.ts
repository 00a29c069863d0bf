/**
 * Derived demand as a mechanism of the full engine (MODEL.md §10.2 b): with pay endogenous and
 * the default frictions, cheaper compute moves realised headcount with the sign of σ − ε:
 * down at σ = 3 once agents are in use; at σ = 0.5 not down (up, but little: compute's share
 * of cost falls as it gets cheaper). On the whole AI path the type's sector elasticity ε_S
 * decides: at σ = 1.5 the AI paths cut headcount when ε_S = 1 and add to it when ε_S = 3.
 * Common random numbers throughout (sim/research/checks/derivedDemandMechanism.ts).
 */
import { describe, expect, it } from 'vitest';
import { aiPathHeadcount, cheaperCompute } from '../../sim/research/checks/derivedDemandMechanism.ts';

const SEEDS = [1, 2, 3, 4, 5, 6];

describe('cheaper compute moves realised headcount with the sign of σ − ε', () => {
  it('σ = 3 > ε: 20 % cheaper compute lowers headcount where agents are in use, distinguishably', () => {
    const m = cheaperCompute(3, 0.1, SEEDS);
    expect(m.mean).toBeLessThan(0);
    expect(m.hi95).toBeLessThan(0);
  });

  it('σ = 0.5 < ε: 20 % cheaper compute does not lower headcount', () => {
    expect(cheaperCompute(0.5, 2, SEEDS).hi95).toBeGreaterThan(0);
  });

  it('on the AI path at σ = 1.5, headcount falls when ε_S = 1 < σ and rises when ε_S = 3 > σ', () => {
    expect(aiPathHeadcount(1.5, 1, SEEDS, 2000).hi95).toBeLessThan(0);
    expect(aiPathHeadcount(1.5, 3, SEEDS, 2000).lo95).toBeGreaterThan(0);
  });
});
