import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import { consistentTargets, sectorExponent, sectorOutput, updateSectorDemand } from '../../sim/model/sector.ts';
import { demandLevel } from '../../sim/model/firms.ts';
import { createWorld, simulate } from '../../sim/run/simulate.ts';
import { findSeries } from '../../sim/run/result.ts';
import type { World } from '../../sim/model/world.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { readFileSync } from 'node:fs';

function world(epsS = 1): World {
  const p = cloneParams(DEFAULTS);
  [p.run.engineers, p.run.firms] = [1200, 12];
  p.production.sectorDemandElasticity = epsS;
  p.production.sectorPriceAdjustmentPerMonth = 1;
  return createWorld(p, 3);
}

describe('sector demand (the outer nest of product demand)', () => {
  it('starts every type at factor 1 with its month-0 output as the base', () => {
    const w = world();
    expect(Array.from(w.sectorShift)).toEqual(w.typeNames.map(() => 1));
    const now = new Float64Array(w.typeNames.length);
    sectorOutput(w, now);
    expect(Array.from(now)).toEqual(Array.from(w.sectorBase));
  });

  it('lowers the demand level of a type whose output grows by (Y_S ÷ Y_S0)^(1/ε − 1/ε_S)', () => {
    const w = world(1);
    const b = sectorExponent(w);
    expect(b).toBeCloseTo(0.5 - 1, 12);
    const big = w.firms.filter((f) => f.alive && w.typeNames[f.type] === 'bigtech');
    const before = demandLevel(w, big[0]);
    for (const f of big) f.Y *= 1.21; // every bigtech firm's output +21 %: the index rises ×1.21
    updateSectorDemand(w);
    expect(demandLevel(w, big[0]) / before).toBeCloseTo(Math.pow(1.21, b), 10);
    const other = w.firms.find((f) => f.alive && w.typeNames[f.type] !== 'bigtech')!;
    expect(w.sectorShift[other.type]).toBe(1);
  });

  it('does nothing when ε_S equals the firm elasticity ε', () => {
    const w = world(1 / (1 - DEFAULTS.production.eta));
    for (const f of w.firms) f.Y *= 3;
    updateSectorDemand(w);
    expect(Array.from(w.sectorShift)).toEqual(w.typeNames.map(() => 1));
    const nStar = Float64Array.from(w.firms, (f) => f.n * 1.5);
    const copy = nStar.slice();
    consistentTargets(w, nStar, new Float64Array(w.typeNames.length), new Float64Array(w.typeNames.length));
    expect(Array.from(nStar)).toEqual(Array.from(copy));
  });

  it('scales a type whose firms all want ×r to the targets at which the type’s own demand makes them optimal', () => {
    const w = world(1);
    const eta = w.p.production.eta;
    const b = sectorExponent(w);
    const r = 1.44;
    const nStar = Float64Array.from(w.firms, (f) => f.n * r);
    consistentTargets(w, nStar, new Float64Array(w.typeNames.length), new Float64Array(w.typeNames.length));
    for (const f of w.firms) {
      if (!f.alive || f.n === 0) continue;
      const scale = nStar[f.slot] / (f.n * r);
      // At the scaled targets output is ×(r·scale), demand ×(r·scale)^b, and the optimum moves
      // by demand^(1/(1 − η)): consistent when r·(r·scale)^(b/(1 − η)) = r·scale.
      expect(r * Math.pow(r * scale, b / (1 - eta))).toBeCloseTo(r * scale, 10);
      expect(nStar[f.slot]).toBeCloseTo(f.n * Math.sqrt(r), 8); // ε = 2, ε_S = 1: half the log move
    }
  });
});

describe('sector demand on the full engine', () => {
  function substitutes(epsS: number): Params {
    const p = parseScenario(readFileSync('scenarios/substitutes.json', 'utf8'), 'substitutes.json');
    [p.run.engineers, p.run.years] = [800, 6];
    p.production.sectorDemandElasticity = epsS;
    return p;
  }
  const growth = (p: Params) => {
    const rev = findSeries(simulate(p, 1), 'revenue', 'all')!;
    return rev[rev.length - 1] / rev[0];
  };

  it('at σ = 3 keeps spending on software bounded when ε_S = 1, where ε_S = ε lets revenue run away', () => {
    const bounded = growth(substitutes(1));
    const unbounded = growth(substitutes(2));
    expect(bounded).toBeLessThan(3);
    expect(unbounded).toBeGreaterThan(10 * bounded);
  });
});
