import { describe, expect, it } from 'vitest';
import { cloneParams, DEFAULTS, firmTypeNames } from '../../sim/model/params.ts';
import { PARAM_SPECS } from '../../sim/model/paramSpecs.ts';
import {
  expandLevels,
  expandWildcard,
  forFirmType,
  getAt,
  isFirmTypeWildcard,
  missingSegment,
  numericParamPaths,
  problemWith,
  setAt,
  settableSpec,
  specFor,
  specKeyOf,
  UNKNOWN_PARAMETER,
  type ParamPath,
  type ParamSpecKey,
  type SettableKey,
} from '../../sim/model/paramPaths.ts';

describe('getAt and setAt', () => {
  it('reads nested fields, levels, firm types and array elements', () => {
    const p = cloneParams(DEFAULTS);
    p.market.events = [{ label: 'shock', startMonth: 3, months: 2, priceFactor: 4 }];
    expect(getAt(p, 'production.sigma')).toBe(0.8);
    expect(getAt(p, 'engineers.levelShares.senior')).toBe(0.25);
    expect(getAt(p, 'firmTypes.startup.policy.baseByLevel.mid')).toBe(160_000);
    expect(getAt(p, 'market.events.0.priceFactor')).toBe(4);
  });

  it('gives undefined for a missing segment, at any depth, and ignores inherited properties', () => {
    expect(getAt(DEFAULTS, 'production.sigmaa')).toBeUndefined();
    expect(getAt(DEFAULTS, 'firmTypes.scaleup.firmShare')).toBeUndefined();
    expect(getAt(DEFAULTS, 'production.sigma.deeper')).toBeUndefined();
    expect(getAt(DEFAULTS, 'market.events.0.priceFactor')).toBeUndefined();
    expect(getAt(DEFAULTS, 'production.constructor')).toBeUndefined();
    expect(getAt(undefined, 'run.years')).toBeUndefined();
  });

  it('names the first missing segment', () => {
    expect(missingSegment(DEFAULTS, 'production.sigma')).toBe(-1);
    expect(missingSegment(DEFAULTS, 'firmTypes.scaleup.firmShare')).toBe(1);
    expect(missingSegment(DEFAULTS, 'market.events.2.months')).toBe(2);
    expect(missingSegment(DEFAULTS, 'nope')).toBe(0);
  });

  it('writes a leaf in place and leaves the rest alone', () => {
    const p = cloneParams(DEFAULTS);
    setAt(p, 'firmTypes.startup.policy.tokenBudgetFixed', 99);
    expect(p.firmTypes.startup.policy.tokenBudgetFixed).toBe(99);
    expect(p.firmTypes.bigtech.policy.tokenBudgetFixed).toBe(DEFAULTS.firmTypes.bigtech.policy.tokenBudgetFixed);
    expect(DEFAULTS.firmTypes.startup.policy.tokenBudgetFixed).toBe(2_400);
  });

  it('creates the objects on the way in a partial scenario file', () => {
    const file: Record<string, unknown> = { name: 'x', firmTypes: { startup: { firmShare: 1 } } };
    setAt(file, 'firmTypes.startup.policy.tokenPortability', 0.5);
    setAt(file, 'production.sigma', 2);
    expect(file).toEqual({ name: 'x', firmTypes: { startup: { firmShare: 1, policy: { tokenPortability: 0.5 } } }, production: { sigma: 2 } });
  });

  it('refuses a path through __proto__', () => {
    expect(() => setAt({}, '__proto__.polluted', 1)).toThrow(/not a parameter path/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('wildcards', () => {
  it('expands firmTypes.* to every firm type given, in order, and leaves other paths alone', () => {
    const types = firmTypeNames(DEFAULTS);
    expect(expandWildcard('firmTypes.*.policy.tokenPortability', types)).toEqual([
      'firmTypes.bigtech.policy.tokenPortability',
      'firmTypes.startup.policy.tokenPortability',
      'firmTypes.midmarket.policy.tokenPortability',
    ]);
    expect(expandWildcard('firmTypes.*.venture', ['startup'])).toEqual(['firmTypes.startup.venture']);
    expect(expandWildcard('production.sigma', types)).toEqual(['production.sigma']);
    expect(expandWildcard('firmTypes.startup.venture', types)).toEqual(['firmTypes.startup.venture']);
  });

  it('recognises and rewrites only the firm-type wildcard', () => {
    expect(isFirmTypeWildcard('firmTypes.*.venture')).toBe(true);
    expect(isFirmTypeWildcard('firmTypes.startup.venture')).toBe(false);
    expect(isFirmTypeWildcard('market.events.*.months')).toBe(false);
    expect(forFirmType('firmTypes.*.funding.roundProbPerMonth', 'startup')).toBe('firmTypes.startup.funding.roundProbPerMonth');
    expect(forFirmType('production.sigma', 'startup')).toBe('production.sigma');
  });

  it('expands a {level} key into the four levels', () => {
    expect(expandLevels('labour.promotionProbByLevel.{level}')).toEqual([
      'labour.promotionProbByLevel.junior',
      'labour.promotionProbByLevel.mid',
      'labour.promotionProbByLevel.senior',
      'labour.promotionProbByLevel.staff',
    ]);
    expect(expandLevels('production.sigma')).toEqual(['production.sigma']);
  });

  it('maps concrete paths to their metadata keys', () => {
    expect(specKeyOf('firmTypes.startup.policy.baseByLevel.mid')).toBe('firmTypes.*.policy.baseByLevel.{level}');
    expect(specKeyOf('market.events.7.priceFactor')).toBe('market.events.*.priceFactor');
    expect(specKeyOf('market.events.first.priceFactor')).toBe('market.events.first.priceFactor');
    expect(specKeyOf('engineers.levelShares.{level}')).toBe('engineers.levelShares.{level}');
    expect(specKeyOf('production.sigma')).toBe('production.sigma');
  });
});

describe('metadata of a path', () => {
  it('finds the spec of concrete, wildcard and level paths', () => {
    expect(specFor('firmTypes.startup.policy.baseByLevel.mid')).toBe(PARAM_SPECS['firmTypes.*.policy.baseByLevel.{level}']);
    expect(specFor('firmTypes.*.policy.tokenPortability')).toBe(PARAM_SPECS['firmTypes.*.policy.tokenPortability']);
    expect(specFor('market.events.3.priceFactor')).toBe(PARAM_SPECS['market.events.*.priceFactor']);
    expect(specFor('run.engineers').integer).toBe(true);
  });

  it('finds no spec for unknown paths or inherited object properties', () => {
    for (const path of ['production.sigmaa', 'firmTypes.startup', 'firmTypes.*', 'constructor', 'toString', 'firmTypes.*.policy.tokenExpiry', '']) {
      expect(specFor(path), path).toBeUndefined();
    }
  });

  it('lists every numeric path of the defaults once, firm-type fields as firmTypes.*', () => {
    const paths = numericParamPaths();
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('run.years');
    expect(paths).toContain('engineers.levelShares.junior');
    expect(paths).toContain('firmTypes.*.policy.equityByLevel.staff');
    expect(paths.some((p) => p.startsWith('firmTypes.startup.') || p.startsWith('market.events.') || p.startsWith('demand.events.'))).toBe(false);
    for (const p of paths) expect(specFor(p), p).toBeDefined();
    // Every metadata key is reached, price and demand event fields aside (the defaults have no events).
    const reached = new Set(paths.map(specKeyOf));
    expect(Object.keys(PARAM_SPECS).filter((k) => !reached.has(k) && !k.startsWith('market.events.') && !k.startsWith('demand.events.'))).toEqual([]);
    for (const p of ['production.effectiveComputePerMTokens', 'production.toolingCostPerEngineerYear', 'market.autonomyInitial', 'market.autonomyGrowthFirstYear', 'market.autonomyGrowthLongRun']) {
      expect(paths).toContain(p);
    }
    for (const gone of ['production.alpha', 'production.c0', 'production.computeUnitMTokens']) expect(paths).not.toContain(gone);
  });
});

describe('settableSpec and problemWith', () => {
  it('accepts concrete paths and the firm-type wildcard', () => {
    expect(settableSpec('production.sigma')).toBe(PARAM_SPECS['production.sigma']);
    expect(settableSpec('firmTypes.*.policy.tokenBudgetShareOfBase')).toBe(PARAM_SPECS['firmTypes.*.policy.tokenBudgetShareOfBase']);
    expect(settableSpec('firmTypes.startup.policy.equityByLevel.senior')).toBe(PARAM_SPECS['firmTypes.*.policy.equityByLevel.{level}']);
  });

  it.each([
    ['production.sigmaa', UNKNOWN_PARAMETER],
    ['firmTypes.*.policy.tokenExpiry', UNKNOWN_PARAMETER],
    ['production..sigma', 'not a dotted parameter path'],
    ['engineers.skillByLevel.*', 'a wildcard is allowed only as the firm type (firmTypes.*.…)'],
    ['engineers.skillByLevel.{level}', 'a wildcard is allowed only as the firm type (firmTypes.*.…)'],
    ['market.events.*.priceFactor', 'a wildcard is allowed only as the firm type (firmTypes.*.…)'],
  ])('rejects the path %s', (path, reason) => {
    expect(settableSpec(path)).toBe(reason);
    expect(problemWith(path, 1)).toBe(reason);
  });

  it.each([
    ['production.sigma', 0.8, undefined],
    ['production.sigma', 20, undefined],
    ['production.sigma', 0.01, 'must be at least 0.05 (got 0.01)'],
    ['production.sigma', 25, 'must be at most 20 (got 25)'],
    ['production.sigma', Number.NaN, 'must be a finite number (got NaN)'],
    ['production.sigma', '1', 'expected number, got string'],
    ['production.sigma', null, 'expected number, got null'],
    ['production.sigma', [1], 'expected number, got array'],
    ['run.firms', 12.5, 'must be an integer (got 12.5)'],
    ['firmTypes.*.venture', 2, 'must be at most 1 (got 2)'],
    ['firmTypes.startup.policy.baseByLevel.mid', -1, 'must be at least 0 (got -1)'],
    ['market.events.0.months', 0, 'must be at least 1 (got 0)'],
  ])('checks %s = %s', (path, value, reason) => {
    expect(problemWith(path, value)).toBe(reason);
  });
});

describe('path types', () => {
  it('accept every valid path (checked by tsc)', () => {
    const p = cloneParams(DEFAULTS);
    p.market.events = [{ label: 'e', startMonth: 0, months: 1, priceFactor: 2 }];
    const paths: ParamPath[] = ['production.sigma', 'engineers.levelShares.mid', 'firmTypes.startup.policy.baseByLevel.staff', 'market.events.0.priceFactor'];
    for (const path of paths) expect(typeof getAt(p, path), path).toBe('number');
    const keys: ParamSpecKey[] = ['firmTypes.*.policy.baseByLevel.{level}', 'market.events.*.months', 'run.years'];
    const settable: SettableKey[] = ['firmTypes.*.policy.tokenPortability', 'run.engineers'];
    for (const key of [...keys, ...settable]) expect(PARAM_SPECS[key], key).toBeDefined();
    for (const key of settable) expect(settableSpec(key)).toBe(PARAM_SPECS[key]);
  });

  it('reject misspelt and unsettable paths at compile time (checked by tsc) and at run time', () => {
    // @ts-expect-error: not a field
    const misspelt: ParamPath = 'production.sigmaa';
    // @ts-expect-error: a string field is not a numeric path
    const text: ParamPath = 'firmTypes.startup.policy.tokenExpiry';
    // @ts-expect-error: levels are junior, mid, senior, staff
    const level: ParamPath = 'engineers.levelShares.principal';
    // @ts-expect-error: events are indexed by number
    const event: ParamPath = 'market.events.first.priceFactor';
    // @ts-expect-error: metadata keys write a level as {level}
    const key: ParamSpecKey = 'engineers.levelShares.mid';
    // @ts-expect-error: a {level} key is not a settable path
    const perLevel: SettableKey = 'engineers.levelShares.{level}';
    // @ts-expect-error: nor is an event wildcard
    const anyEvent: SettableKey = 'market.events.*.months';
    for (const path of [misspelt, text, level, event]) expect(specFor(path), path).toBeUndefined();
    expect(Object.hasOwn(PARAM_SPECS, key)).toBe(false);
    for (const path of [perLevel, anyEvent]) expect(typeof settableSpec(path)).toBe('string');
    // @ts-expect-error: PARAM_SPECS has no entry for a misspelt key
    expect(PARAM_SPECS['production.sigmaa']).toBeUndefined();
  });
});
