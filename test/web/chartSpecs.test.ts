/** The chart specs (web/lib/chartSpecs.ts) the one chart component draws from. */
import { describe, expect, it } from 'vitest';
import { CHARTS, panelSeries, shownSeries, unitOf } from '../../web/lib/chartSpecs.ts';

describe('the chart specs', () => {
  it('give each chart a distinct id (its page anchor and export file name) and each panel a distinct id within its chart', () => {
    expect(new Set(CHARTS.map((c) => c.id)).size).toBe(CHARTS.length);
    for (const c of CHARTS) expect(new Set(c.panels.map((p) => p.id)).size, c.id).toBe(c.panels.length);
  });

  it('lay out between one panel to a row and all of them', () => {
    for (const c of CHARTS) {
      expect(Number.isInteger(c.columns), c.id).toBe(true);
      expect(c.columns, c.id).toBeGreaterThanOrEqual(1);
      expect(c.columns, c.id).toBeLessThanOrEqual(c.panels.length);
    }
  });

  it('name only metrics of the public contract, one unit per panel', () => {
    for (const c of CHARTS) {
      for (const p of c.panels) {
        const units = new Set(panelSeries(p).map((s) => unitOf(s.metric)));
        expect(units.size, `${c.id}/${p.id}`).toBe(1);
      }
    }
    expect(shownSeries().length).toBeGreaterThan(0);
  });
});
