import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARAM_SPECS } from '../../sim/model/paramSpecs.ts';
import { resolveScenario } from '../../sim/input/scenario.ts';
import {
  applyOverrides,
  LEVER_GROUPS,
  LEVERS,
  leverScope,
  leverSpec,
  leverValue,
  leverValueProblem,
  logStops,
  positionOfValue,
  sliderKind,
  snapToStep,
  valueAtPosition,
} from '../../web/lib/levers.ts';

const load = (name: string) => JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')) as Record<string, unknown>;

describe('levers come from the parameter metadata', () => {
  it('has the main levers of issue 4, then the calibrated labour-market parameters, each with a metadata entry', () => {
    expect(LEVERS.map((l) => l.path)).toEqual([
      'firmTypes.*.policy.tokenBudgetShareOfBase',
      'production.sigma',
      'market.priceDeclineFirstYear',
      'market.priceDeclineLongRun',
      'engineers.tokenValuation',
      'firmTypes.*.policy.tokenPortability',
      'engineers.tokenmaxxing',
      'firmTypes.*.policy.cashToTokenRaiseShare',
      'cfo.cfoSetsBudget',
      'run.engineers',
      'run.years',
      'labour.searchProbEmployed',
      'labour.separationRatePerYear',
      'labour.matchingEfficiency',
      'labour.switchingThreshold',
      'labour.offerCutSpeed',
    ]);
    // The groups follow each other in page order: main levers first, no group split in two.
    const groups = LEVERS.map((l) => l.group);
    expect(groups.filter((g, k) => k === 0 || g !== groups[k - 1])).toEqual(LEVER_GROUPS.map((g) => g.id));
    expect(LEVER_GROUPS.find((g) => g.id === 'labour')!.title).toBe('Labour market (calibrated)');
    for (const lever of LEVERS) expect(leverSpec(lever)).toBe(PARAM_SPECS[lever.path]);
    expect(new Set(LEVERS.map((l) => l.id)).size).toBe(LEVERS.length);
  });

  it('draws switches as checkboxes and wide ranges on a log scale', () => {
    const kind = (id: string) => sliderKind(leverSpec(LEVERS.find((l) => l.id === id)!));
    expect(kind('cfoBudget')).toBe('toggle');
    expect(kind('sigma')).toBe('log');
    expect(kind('engineers')).toBe('log');
    expect(kind('years')).toBe('linear');
    expect(kind('share')).toBe('linear');
    expect(kind('matching')).toBe('log');
    expect(kind('search')).toBe('linear');
  });

  it('rejects values outside the metadata range and fractional integers', () => {
    const engineers = LEVERS.find((l) => l.id === 'engineers')!;
    const sigma = LEVERS.find((l) => l.id === 'sigma')!;
    expect(leverValueProblem(sigma, 3)).toBeUndefined();
    expect(leverValueProblem(sigma, 0.01)).toBe('must be at least 0.05 (got 0.01)');
    expect(leverValueProblem(sigma, 25)).toBe('must be at most 20 (got 25)');
    expect(leverValueProblem(engineers, 2500.5)).toBe('must be an integer (got 2500.5)');
    expect(leverValueProblem(engineers, Number.POSITIVE_INFINITY)).toBe('must be a finite number (got Infinity)');
  });
});

describe('slider positions', () => {
  const sigma = PARAM_SPECS['production.sigma'];
  const engineers = PARAM_SPECS['run.engineers'];

  it('snaps linear values to the step and the range', () => {
    const share = PARAM_SPECS['firmTypes.*.policy.tokenBudgetShareOfBase'];
    expect(snapToStep(share, 0.2749)).toBe(0.27);
    expect(snapToStep(share, 9)).toBe(5);
    expect(snapToStep(PARAM_SPECS['run.years'], 7.6)).toBe(8);
  });

  it('stops a log slider at nice values across the whole range, ends included', () => {
    const stops = logStops(sigma);
    expect(stops.slice(0, 6)).toEqual([0.05, 0.06, 0.08, 0.1, 0.12, 0.15]);
    expect(stops.at(-1)).toBe(20);
    expect(stops).toContain(1);
    expect(valueAtPosition(sigma, 0)).toBe(0.05);
    expect(valueAtPosition(sigma, stops.length - 1)).toBe(20);
    expect(valueAtPosition(sigma, 999)).toBe(20);
    expect(valueAtPosition(engineers, 0)).toBe(10);
    expect(logStops(engineers).at(-1)).toBe(2_000_000);
  });

  it('has the default values as stops, and puts other values at the nearest stop', () => {
    expect(valueAtPosition(sigma, positionOfValue(sigma, 0.55))).toBe(0.6);
    expect(valueAtPosition(sigma, positionOfValue(sigma, 0.8))).toBe(0.8);
    expect(valueAtPosition(sigma, positionOfValue(sigma, 3))).toBe(3);
    expect(valueAtPosition(engineers, positionOfValue(engineers, 10_000))).toBe(10_000);
  });

  it('gives increasing whole-number stops for the engineer count', () => {
    const stops = logStops(engineers);
    stops.forEach((v, k) => {
      expect(Number.isInteger(v)).toBe(true);
      if (k > 0) expect(v).toBeGreaterThan(stops[k - 1]);
    });
    expect(stops).toContain(1_000);
    expect(stops).toContain(100_000);
  });
});

describe('levers applied to scenario files', () => {
  it('moves only the firm types a scenario file sets, or all of them', () => {
    const svb = load('startups-vs-bigtech');
    const share = LEVERS.find((l) => l.id === 'share')!;
    expect(leverScope(share, svb, resolveScenario(svb))).toEqual(['startup']);
    const base = load('baseline');
    expect(leverScope(share, base, resolveScenario(base))).toEqual(['bigtech', 'startup', 'midmarket']);
    const region = load('cash-sensitive-region');
    expect(leverScope(share, region, resolveScenario(region))).toEqual(['region']);
    expect(leverScope(LEVERS.find((l) => l.id === 'sigma')!, base, resolveScenario(base))).toBeUndefined();
  });

  it('reads the file value of a lever', () => {
    const tunguz = load('tunguz-100k');
    const params = resolveScenario(tunguz);
    const share = LEVERS.find((l) => l.id === 'share')!;
    expect(leverValue(share, params, leverScope(share, tunguz, params))).toEqual({ value: 0.27, mixed: false });
    expect(leverValue(share, params, ['bigtech', 'startup', 'midmarket'])).toEqual({ value: 0.27, mixed: false });
    const svb = resolveScenario(load('startups-vs-bigtech'));
    expect(leverValue(share, svb, ['bigtech', 'startup'])).toEqual({ value: 0, mixed: true });
    expect(leverValue(LEVERS.find((l) => l.id === 'engineers')!, params, undefined)).toEqual({ value: 10_000, mixed: false });
  });

  it('writes overrides into a copy that still validates', () => {
    const svb = load('startups-vs-bigtech');
    const before = JSON.stringify(svb);
    const out = applyOverrides(svb, { share: 0.8, sigma: 3, years: 2 }, { share: ['startup'] });
    expect(JSON.stringify(svb)).toBe(before);
    const p = resolveScenario(out);
    expect(p.firmTypes.startup.policy.tokenBudgetShareOfBase).toBe(0.8);
    expect(p.firmTypes.bigtech.policy.tokenBudgetShareOfBase).toBe(0);
    expect(p.production.sigma).toBe(3);
    expect(p.run.years).toBe(2);
    expect(p.firmTypes.startup.policy.baseByLevel.mid).toBe(128_000);
  });

  it('writes a labour-market lever into a file that does not set it', () => {
    const base = load('baseline');
    expect(base.labour).toBeUndefined();
    const p = resolveScenario(applyOverrides(base, { search: 0.12, matching: 0.3, separations: 0.06 }, {}));
    expect(p.labour.searchProbEmployed).toBe(0.12);
    expect(p.labour.matchingEfficiency).toBe(0.3);
    expect(p.labour.separationRatePerYear).toBe(0.06);
    expect(p.labour.switchingThreshold).toBe(resolveScenario(base).labour.switchingThreshold);
  });

  it('every bundled scenario file resolves and has a scope for each firm-type lever', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.includes('schema'));
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const f of files) {
      const obj = JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as Record<string, unknown>;
      const params = resolveScenario(obj);
      for (const lever of LEVERS.filter((l) => l.path.startsWith('firmTypes'))) {
        expect(leverScope(lever, obj, params)!.length).toBeGreaterThan(0);
      }
    }
  });
});
