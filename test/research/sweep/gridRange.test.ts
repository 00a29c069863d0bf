/** `"start:step:end"` grid axes in sweep files: expansion without drift, and validation with path and reason. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { decimalPlaces, expandRange, MAX_RANGE_VALUES } from '../../../sim/research/sweep/gridRange.ts';
import { parseSweep, resolveSweep, sweepToJson } from '../../../sim/research/sweep/sweep.ts';
import { planSweep } from '../../../sim/research/sweep/sweepPlan.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const tunguz = parseScenario(readFileSync(path.join(ROOT, 'scenarios', 'tunguz-100k.json'), 'utf8'), 'tunguz-100k.json');
const sweepWith = (parameters: Record<string, unknown>) => ({ name: 'r', description: 'A range sweep.', base: '../tunguz-100k.json', parameters, replicates: 1 });

describe('start:step:end ranges', () => {
  it('computes start + i·step, rounded to the places written, so values do not drift', () => {
    expect(expandRange('0.1:0.1:0.3')).toEqual([0.1, 0.2, 0.3]); // repeated adding gives 0.30000000000000004
    expect(expandRange('0:0.05:0.5')).toHaveLength(11);
    expect((expandRange('0:0.05:0.5') as number[])[7]).toBe(0.35);
    expect(expandRange('0:0.1:10')).toHaveLength(101);
    expect((expandRange('0:0.1:10') as number[]).at(-1)).toBe(10);
    expect(expandRange('5e-3:5e-3:2e-2')).toEqual([0.005, 0.01, 0.015, 0.02]);
    expect(decimalPlaces('1.25e1')).toBe(1);
  });

  it('includes the end only when it lies on the grid; descending ranges take a negative step', () => {
    expect(expandRange('0:0.3:1')).toEqual([0, 0.3, 0.6, 0.9]);
    expect(expandRange('1:1:1')).toEqual([1]);
    expect(expandRange('3:-0.5:1')).toEqual([3, 2.5, 2, 1.5, 1]);
    expect(expandRange(' -1 : 0.5 : 0 ')).toEqual([-1, -0.5, 0]);
  });

  it.each([
    ['0:0:1', 'must not be 0'],
    ['1:1:0', 'a descending range needs a negative step'],
    ['0:-1:3', 'the step must be positive to go up'],
    ['0:1', 'expected "start:step:end" with three numbers'],
    ['0:x:1', 'expected "start:step:end" with three numbers'],
    ['0:1e-6:1', `gives 1000001 values; at most ${MAX_RANGE_VALUES}`],
    ['0:1:1e400', 'must be finite numbers'],
  ])('refuses %s', (text, reason) => {
    expect(expandRange(text)).toContain(reason);
  });
});

describe('ranges in sweep files', () => {
  it('plans a range exactly as the same values written as a list', () => {
    const ranged = resolveSweep(sweepWith({ 'production.sigma': '0.5:0.5:2', 'labour.lossAversion': [1, 2] }), 'r.json');
    const listed = resolveSweep(sweepWith({ 'production.sigma': [0.5, 1, 1.5, 2], 'labour.lossAversion': [1, 2] }), 'l.json');
    expect(ranged.design).toEqual(listed.design);
    expect(sweepToJson(ranged).parameters).toEqual({ 'production.sigma': [0.5, 1, 1.5, 2], 'labour.lossAversion': [1, 2] });
    expect(planSweep(ranged, tunguz).sweepHash).toBe(planSweep(listed, tunguz).sweepHash);
  });

  it('names the parameter and the reason for a bad range or a value out of bounds', () => {
    const message = (parameters: Record<string, unknown>): string => {
      try {
        parseSweep(JSON.stringify(sweepWith(parameters)), 'bad.json');
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(message({ 'production.sigma': '1:0:2' })).toBe('bad.json: parameters.production.sigma: the step of "1:0:2" must not be 0');
    expect(message({ 'production.sigma': '10:5:25' })).toBe('bad.json: parameters.production.sigma: value 25 of "10:5:25": must be at most 20 (got 25)');
    expect(message({ 'production.sigma': 3 })).toBe('bad.json: parameters.production.sigma: expected an array of values or a "start:step:end" range, got number');
    expect(message({ 'production.sigma': '0.5:0.5:30000' })).toContain('gives 60000 values; at most 10000');
  });
});
