import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../../sim/model/params.ts';
import { frozenCell, headcountMapMarkdown, mapCell, pairedChange, MAP_AUTONOMY_GROWTH, MAP_SIGMAS } from '../../../sim/research/reports/headcountMap.ts';
import type { HeadcountMap } from '../../../sim/research/reports/headcountMap.ts';
import type { Result } from '../../../sim/run/result.ts';

/** A result holding one series `metric`/all whose last value is `v` (the fields pairedChange reads). */
function fake(values: Record<string, number>): Result {
  return { series: Object.entries(values).map(([metric, v]) => ({ metric, group: 'all', values: Float64Array.from([1, v]) })) } as unknown as Result;
}

describe('headcount map over σ × autonomy growth', () => {
  it('a cell is the base with σ and the autonomy path set; the base is untouched', () => {
    const base = cloneParams(DEFAULTS);
    const p = mapCell(base, 3, 1.6);
    expect([p.production.sigma, p.market.autonomyGrowthLongRun, p.market.autonomyGrowthFirstYear]).toEqual([3, 1.6, 2]);
    expect(mapCell(base, 1, 2.5).market.autonomyGrowthFirstYear).toBe(2.5);
    expect(base.production.sigma).toBe(DEFAULTS.production.sigma);
  });

  it('the counterfactual freezes AI in real terms: the price rises with the outside wage, the rest stays at month 0', () => {
    const p = frozenCell(cloneParams(DEFAULTS), 0.5);
    const m = p.market;
    expect(p.production.sigma).toBe(0.5);
    expect(m.priceDeclineFirstYear * p.supply.outsideWageGrowthPerYear).toBeCloseTo(1, 12);
    expect(m.priceDeclineLongRun).toBe(m.priceDeclineFirstYear);
    for (const g of [m.capabilityGrowthFirstYear, m.capabilityGrowthLongRun, m.orchestrationCapGrowthFirstYear, m.orchestrationCapGrowthLongRun, m.autonomyGrowthFirstYear, m.autonomyGrowthLongRun]) expect(g).toBe(1);
  });

  it('pairs seeds on the log ratio: a seed-wide ×0.5 is −50 % with a zero-width interval', () => {
    const ai = [fake({ headcount: 50 }), fake({ headcount: 100 }), fake({ headcount: 400 })];
    const frozen = [fake({ headcount: 100 }), fake({ headcount: 200 }), fake({ headcount: 800 })];
    const v = pairedChange(ai, frozen, 'headcount');
    expect(v.change).toBeCloseTo(-0.5, 12);
    expect(v.lo95).toBeCloseTo(-0.5, 12);
    expect(v.hi95).toBeCloseTo(-0.5, 12);
  });

  it('intervals of the ratio never cross −100 % (they are built on the log scale)', () => {
    const ai = [fake({ headcount: 1 }), fake({ headcount: 90 })];
    const frozen = [fake({ headcount: 100 }), fake({ headcount: 100 })];
    const v = pairedChange(ai, frozen, 'headcount');
    expect(v.lo95).toBeGreaterThan(-1);
    expect(v.change).toBeGreaterThan(v.lo95);
    expect(v.hi95).toBeGreaterThan(v.change);
  });

  it('the Markdown has one row per autonomy growth and one column per σ in each table', () => {
    const cells = MAP_SIGMAS.flatMap((sigma) => MAP_AUTONOMY_GROWTH.map((autonomyGrowth) => ({ sigma, autonomyGrowth, headcount: { change: -0.1, lo95: -0.2, hi95: 0 }, cash: { change: 0.05, lo95: 0, hi95: 0.1 }, agentShare: 0.5 })));
    const map: HeadcountMap = { scenario: 'baseline', engineers: 2000, years: 10, seeds: [1, 2, 3], sigmas: [...MAP_SIGMAS], autonomyGrowth: [...MAP_AUTONOMY_GROWTH], cells };
    const md = headcountMapMarkdown(map);
    const rows = md.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows).toHaveLength(3 * MAP_AUTONOMY_GROWTH.length);
    for (const r of rows) expect(r.split('|').length - 2).toBe(MAP_SIGMAS.length + 1);
    expect(md).toContain('−10 % (−20 % to +0 %)');
    expect(md).toContain('seeds 1–3');
  });
});
