import { describe, expect, it } from 'vitest';
import { pairedDiff } from '../../../sim/research/reports/pairedDiff.ts';
import { levelInterval } from '../../../sim/research/reports/levelInterval.ts';

describe('paired-seed differences', () => {
  it('pair values by seed, whatever their order, with a paired t interval', () => {
    const d = pairedDiff({ seeds: [1, 2, 3], values: [11, 13, 12] }, { seeds: [3, 1, 2], values: [10, 10, 11] });
    // Differences by seed: 1, 2, 2 → mean 5/3, sd √(1/3); t(0.975, 2) = 4.303, so half-width 4.303·√(1/3)/√3 = 4.303/3.
    expect(d.n).toBe(3);
    expect(d.mean).toBeCloseTo(5 / 3, 12);
    expect(d.hi - d.mean).toBeCloseTo(4.303 / 3, 12);
    expect(d.mean - d.lo).toBeCloseTo(4.303 / 3, 12);
  });

  it('remove what the two sides share: a common draw per seed leaves the interval of a constant difference at zero width', () => {
    const seeds = [1, 2, 3, 4, 5];
    const common = [100, -50, 30, 0, 75];
    const d = pairedDiff({ seeds, values: common.map((c) => c + 2) }, { seeds, values: common });
    expect(d).toEqual({ n: 5, mean: 2, lo: 2, hi: 2 });
  });

  it('collapse to the difference with one seed', () => {
    expect(pairedDiff({ seeds: [7], values: [3] }, { seeds: [7], values: [1] })).toEqual({ n: 1, mean: 2, lo: 2, hi: 2 });
  });

  it('refuse sides with different seeds, a seed twice, or a value missing', () => {
    expect(() => pairedDiff({ seeds: [1, 2], values: [1, 2] }, { seeds: [1, 3], values: [1, 2] })).toThrow('seed 2 has no reference run');
    expect(() => pairedDiff({ seeds: [1, 2], values: [1, 2] }, { seeds: [1], values: [1] })).toThrow('same seeds');
    expect(() => pairedDiff({ seeds: [1, 1], values: [1, 2] }, { seeds: [1, 2], values: [1, 2] })).toThrow('same seeds');
    expect(() => pairedDiff({ seeds: [1, 2], values: [1] }, { seeds: [1, 2], values: [1, 2] })).toThrow('one value per seed');
  });
});

describe('intervals of levels (percentile bootstrap over seeds)', () => {
  const quits = [0, 0, 0, 0, 0, 0, 0, 0, 0.01, 0.2];

  it('never go below zero for values that cannot be negative, where a t interval would', () => {
    const mean = quits.reduce((a, b) => a + b, 0) / quits.length;
    const sd = Math.sqrt(quits.reduce((a, b) => a + (b - mean) ** 2, 0) / (quits.length - 1));
    expect(mean - (2.262 * sd) / Math.sqrt(quits.length)).toBeLessThan(0);
    const l = levelInterval(quits);
    expect(l.mean).toBeCloseTo(0.021, 12);
    expect(l.lo).toBeGreaterThanOrEqual(0);
    expect(l.lo).toBeLessThanOrEqual(l.mean);
    expect(l.hi).toBeGreaterThan(l.mean);
    expect(l.hi).toBeLessThanOrEqual(0.2);
  });

  it('are the same on every call (a fixed stream), and collapse for equal values or one seed', () => {
    expect(levelInterval(quits)).toEqual(levelInterval(quits));
    expect(levelInterval([0.3, 0.3, 0.3])).toEqual({ mean: 0.3, lo: 0.3, hi: 0.3 });
    expect(levelInterval([5])).toEqual({ mean: 5, lo: 5, hi: 5 });
  });

  it('are close to the normal-theory interval for well-behaved values', () => {
    const values = [9.1, 10.4, 9.8, 10.9, 10.2, 9.5, 10.7, 9.9, 10.1, 9.4];
    const l = levelInterval(values);
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - l.mean) ** 2, 0) / 9);
    const z = (1.96 * sd) / Math.sqrt(10);
    expect(l.hi - l.lo).toBeGreaterThan(0.8 * 2 * z);
    expect(l.hi - l.lo).toBeLessThan(1.2 * 2 * z);
  });
});
