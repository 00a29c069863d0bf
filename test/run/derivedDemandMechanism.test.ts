/**
 * Derived demand as a mechanism of the full engine (MODEL.md §10.2 b): with pay endogenous and
 * the default frictions, a whole price path 20 % cheaper moves realised headcount with the sign
 * of σ − ε (ε = 2 at η = 0.5): down at σ = 3 once agents are in use, up at σ = 0.5. Common
 * random numbers: both arms share seeds 1–4; 3,000 engineers, years 4–5.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { windowMean } from '../../sim/research/checks/validation.ts';

function headcount(sigma: number, priceFactor: number): { headcount: number; agents: number } {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = 3000;
  p.run.years = 5;
  p.production.sigma = sigma;
  p.market.events = priceFactor === 1 ? [] : [{ label: 'cheaper compute', startMonth: 0, months: 600, priceFactor }];
  const runs = [1, 2, 3, 4].map((seed) => simulate(p, seed));
  return { headcount: windowMean(runs, 'headcount', 36, 60), agents: windowMean(runs, 'autonomous_compute_share', 36, 60) };
}

describe('cheaper compute moves realised headcount with the sign of σ − ε', () => {
  it('σ = 3 > ε: cheaper compute lowers headcount once agents are in use', () => {
    const base = headcount(3, 1);
    const cheap = headcount(3, 0.8);
    expect(base.agents).toBeGreaterThan(0.5);
    expect(cheap.headcount).toBeLessThan(base.headcount);
  });

  it('σ = 0.5 < ε: cheaper compute raises headcount', () => {
    expect(headcount(0.5, 0.8).headcount).toBeGreaterThan(headcount(0.5, 1).headcount);
  });
});
