import { describe, expect, it } from 'vitest';
import { derivedDemandOnPaths, frictionlessParams } from '../../../sim/research/checks/derivedDemandPath.ts';
import { DEFAULTS } from '../../../sim/model/params.ts';

describe('derived demand on whole price paths, frictions off (MODEL.md §10.2 (a))', () => {
  it('the frictionless scenario turns noise, the dead band, flow limits, heterogeneity and the sector nest off', () => {
    const p = frictionlessParams(3, 0.02, 1.05);
    expect([p.market.priceVolatility, p.labour.ratingNoise, p.cfo.deadBand, p.engineers.skillDispersion, p.engineers.firmLeverageMax]).toEqual([0, 0, 0, 0, 0]);
    expect(p.production.sectorDemandElasticity).toBe(1 / (1 - p.production.eta));
    expect(p.market.events).toEqual([{ label: 'price path', startMonth: 1, months: 1200, priceFactor: 1.05 }]);
    expect(frictionlessParams(3, 0.02, 1).market.events).toEqual([]);
  });

  it('at σ = 3 the CFO’s target rises with the compute price (agents replace engineers) as the formula says, within 5 %', () => {
    const rows = derivedDemandOnPaths(3, DEFAULTS.market.autonomyInitial, 1, 35, 40, 0.05).filter((r) => r.agents);
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) {
      expect(r.measured).toBeGreaterThan(0);
      expect(Math.abs(r.measured / r.formula - 1)).toBeLessThan(0.05);
    }
  });

  it('at σ = 0.5 with agents in use it falls with the compute price (cheaper compute adds engineers), within 5 %', () => {
    const rows = derivedDemandOnPaths(0.5, 5, 1, 23, 40, 0.05).filter((r) => r.agents);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.measured).toBeLessThan(0);
      expect(Math.abs(r.measured / r.formula - 1)).toBeLessThan(0.05);
    }
  });
});
