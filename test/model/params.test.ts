import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS } from '../../sim/model/params.ts';
import { PARAM_SPECS, type ParamSpec } from '../../sim/model/paramSpecs.ts';
import { specFor } from '../../sim/model/paramPaths.ts';

/** Every numeric leaf of `value` as [dotted path, number]; array indices are path segments. */
function numericLeaves(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => numericLeaves(child, path ? `${path}.${key}` : key));
}

const leaves = numericLeaves(DEFAULTS);

describe('PARAM_SPECS against DEFAULTS', () => {
  it('finds numeric leaves in every section, every firm type and every level', () => {
    const paths = leaves.map(([p]) => p);
    for (const section of ['run', 'market', 'production', 'engineers', 'labour', 'cfo']) {
      expect(paths.some((p) => p.startsWith(`${section}.`))).toBe(true);
    }
    for (const type of Object.keys(DEFAULTS.firmTypes)) {
      for (const level of LEVELS) expect(paths).toContain(`firmTypes.${type}.policy.baseByLevel.${level}`);
    }
  });

  it.each(leaves)('%s has a spec', (path) => {
    expect(specFor(path)).toBeDefined();
  });

  it.each(leaves)('%s = %d lies within its spec range (and is an integer where required)', (path, value) => {
    const spec = specFor(path) as ParamSpec;
    expect(value).toBeGreaterThanOrEqual(spec.min);
    expect(value).toBeLessThanOrEqual(spec.max);
    if (spec.integer) expect(Number.isInteger(value)).toBe(true);
  });

  it('uses every spec for at least one leaf (event fields aside: DEFAULTS has no events)', () => {
    const used = new Set(leaves.map(([p]) => specFor(p)));
    const unused = Object.entries(PARAM_SPECS)
      .filter(([key, spec]) => !used.has(spec) && !key.startsWith('market.events.*.'))
      .map(([key]) => key);
    expect(unused).toEqual([]);
  });

  it.each(Object.entries(PARAM_SPECS))('%s has a usable range and step', (_key, spec) => {
    expect(spec.min).toBeLessThan(spec.max);
    expect(spec.step).toBeGreaterThan(0);
    if (spec.integer) expect(Number.isInteger(spec.step)).toBe(true);
  });

  it('resolves event fields by index', () => {
    expect(specFor('market.events.3.priceFactor')).toBe(PARAM_SPECS['market.events.*.priceFactor']);
    expect(specFor('market.events.0.startMonth')?.integer).toBe(true);
  });
});
