import { describe, expect, it } from 'vitest';
import { endLabelled, lastFinite, shorten, spreadLabels } from '../../web/lib/directLabels.ts';

describe('direct labels at line ends', () => {
  it('keeps labels that do not collide where their lines end', () => {
    expect(spreadLabels([10, 50, 100], 12, 0, 200)).toEqual([10, 50, 100]);
  });
  it('pushes colliding labels apart in their order, keeping each as close as it can', () => {
    const ys = spreadLabels([100, 95, 101], 12, 0, 200);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k] - sorted[k - 1]).toBeGreaterThanOrEqual(12);
    expect(ys[1]).toBeLessThan(ys[0]);
    expect(ys[0]).toBeLessThan(ys[2]);
  });
  it('moves a block back up from the bottom edge', () => {
    expect(spreadLabels([199, 200, 200], 10, 0, 200)).toEqual([180, 190, 200]);
  });
  it('finds the last finite value up to a limit, and shortens text', () => {
    expect(lastFinite([1, 2, NaN, NaN])).toEqual({ index: 1, value: 2 });
    expect(lastFinite([1, 2, 3], 1)).toEqual({ index: 0, value: 1 });
    expect(lastFinite([NaN])).toBeUndefined();
    expect(shorten('tunguz-100k · σ 1, engineers 1,000', 16)).toBe('tunguz-100k · σ…');
    expect(shorten('short', 16)).toBe('short');
  });
  it('labels only a few lines, and only where the panel has room', () => {
    expect(endLabelled(4, 400)).toBe(true);
    expect(endLabelled(5, 400)).toBe(false);
    expect(endLabelled(2, 250)).toBe(false);
    expect(endLabelled(0, 800)).toBe(false);
  });
});
