import { describe, expect, it } from 'vitest';
import data from '../../docs/headcount-map.json';
import { divergingColour, formatChange, gridPosition, mapCell, mapExtent, mapPoint, mapTable, seedsText, textOn, type HeadcountMap } from '../../web/lib/headcountMap.ts';

const map = data as HeadcountMap;

describe('the σ × autonomy map', () => {
  it('has a cell for every σ and autonomy growth of the bundled file', () => {
    for (let i = 0; i < map.sigmas.length; i++) for (let j = 0; j < map.autonomyGrowth.length; j++) expect(mapCell(map, i, j)).toBeDefined();
  });

  it('places a setting between cell centres by linear interpolation, clamped at the edges', () => {
    const grid = [0.5, 0.8, 1, 1.5, 2, 3];
    expect(gridPosition(grid, 1)).toEqual({ at: 2, nearest: 2, outside: false });
    expect(gridPosition(grid, 1.25)).toEqual({ at: 2.5, nearest: 3, outside: false });
    expect(gridPosition(grid, 2.5).at).toBeCloseTo(4.5);
    expect(gridPosition(grid, 0.2)).toEqual({ at: 0, nearest: 0, outside: true });
    expect(gridPosition(grid, 5)).toEqual({ at: 5, nearest: 5, outside: true });
    expect(gridPosition(grid, 0.5)).toEqual({ at: 0, nearest: 0, outside: false });
    const p = mapPoint(map, 1.6, 1.3);
    expect(p.cell).toMatchObject({ sigma: 1.5, autonomyGrowth: 1.3 });
    expect(p.x.at).toBeCloseTo(3.2);
    expect(p.outside).toBe(false);
  });

  it('colours changes on a diverging scale: red for fewer, blue for more, white for none', () => {
    const extent = mapExtent(map, 'headcount');
    expect(extent).toBeGreaterThan(0.5);
    const [r0, , b0] = divergingColour(-extent, extent).match(/\d+/g)!.map(Number);
    const [r1, , b1] = divergingColour(extent, extent).match(/\d+/g)!.map(Number);
    expect(r0).toBeGreaterThan(b0);
    expect(b1).toBeGreaterThan(r1);
    expect(divergingColour(0, extent)).toMatch(/rgb\(2[34]\d, 2[34]\d, 2[34]\d\)/);
    expect(divergingColour(NaN, extent)).toBe('#cccccc');
    expect(textOn(-extent, extent)).toBe('#ffffff');
    expect(textOn(0, extent)).toBe('#1a1a1a');
  });

  it('writes changes as signed percentages and the table with intervals', () => {
    expect(formatChange(0.0384)).toBe('+3.8 %');
    expect(formatChange(-0.412)).toBe('−41 %');
    expect(formatChange(0.00001)).toBe('0 %');
    expect(formatChange(0.0384, true)).toBe('+4');
    expect(formatChange(-0.412, true)).toBe('−41');
    const t = mapTable(map, 'cash');
    expect(t.columns).toHaveLength(map.sigmas.length);
    expect(t.rows).toHaveLength(map.autonomyGrowth.length);
    expect(t.rows[0].cells[0]).toMatch(/^[+−]?[\d.]+ %|^0 % \(.+ – .+\)$/);
    expect(t.caption).toContain(`${map.seeds.length} seeds`);
    expect(seedsText([1, 2, 3])).toBe('1–3');
    expect(seedsText([1, 5])).toBe('1, 5');
  });
});
