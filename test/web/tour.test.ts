import { describe, expect, it } from 'vitest';
import { CHARTS } from '../../web/lib/chartSpecs.ts';
import { TOUR } from '../../web/lib/tour.ts';
import { decodeState } from '../../web/lib/urlState.ts';
import { SCENARIO_TITLES } from '../../web/lib/scenarioTitles.ts';

describe('the guided path', () => {
  it('has three to five steps, each a readable view, a chart of the page and two sentences', () => {
    expect(TOUR.length).toBeGreaterThanOrEqual(3);
    expect(TOUR.length).toBeLessThanOrEqual(5);
    const names = Object.keys(SCENARIO_TITLES);
    for (const step of TOUR) {
      expect(decodeState(step.query, names).ok, step.id).toBe(true);
      expect(CHARTS.map((c) => c.id), step.id).toContain(step.chart);
      expect(step.notice.match(/[.?!](\s|$)/g), step.id).toHaveLength(2);
    }
    expect(new Set(TOUR.map((s) => s.chart)).size).toBe(TOUR.length);
  });
});
