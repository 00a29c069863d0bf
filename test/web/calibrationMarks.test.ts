import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARAM_SPECS } from '../../sim/model/paramSpecs.ts';
import { CALIBRATION } from '../../web/lib/bundledCalibration.ts';
import { estimateText, readCalibration, trackFraction, trackMarks, type Estimate } from '../../web/lib/calibrationMarks.ts';
import { NNBSP } from '../../web/lib/format.ts';
import { LEVERS, logStops, positionOfValue, sliderKind } from '../../web/lib/levers.ts';

const fixture = JSON.parse(readFileSync('test/fixtures/calibration.json', 'utf8')) as Record<string, unknown>;
const estimates = fixture.estimates as Record<string, unknown>[];
const search = PARAM_SPECS['labour.searchProbEmployed'];
const matching = PARAM_SPECS['labour.matchingEfficiency'];

const est = (over: Partial<Estimate>): Estimate => ({ path: 'labour.searchProbEmployed', estimate: 0.5, se: 0.05, lo: 0.4, hi: 0.6, bounds: false, identified: true, ...over });

describe('reading docs/calibration.json', () => {
  it('reads every estimate of the fixture, keyed by parameter path', () => {
    const c = readCalibration(fixture)!;
    expect(c.name).toBe('default');
    expect(c.base).toBe('baseline-static');
    expect(c.misfitP).toBe(0.0044);
    expect(c.problems).toEqual([]);
    expect([...c.estimates.keys()]).toEqual(estimates.map((e) => e.path));
    expect(c.estimates.get('labour.searchProbEmployed')).toEqual({
      path: 'labour.searchProbEmployed',
      estimate: 0.081,
      se: 0.006,
      lo: 0.07,
      hi: 0.093,
      bounds: false,
      identified: true,
    });
    expect(c.estimates.get('labour.offerCutSpeed')!.identified).toBe(false);
  });

  it('estimates the parameters of the calibrated levers', () => {
    const c = readCalibration(fixture)!;
    for (const lever of LEVERS.filter((l) => l.group === 'labour')) expect(c.estimates.has(lever.path), lever.id).toBe(true);
  });

  it('is absent without a file, and leaves out estimates it cannot draw, saying why', () => {
    expect(readCalibration(undefined)).toBeUndefined();
    expect(readCalibration({ name: 'x' })).toBeUndefined();
    const c = readCalibration({
      ...fixture,
      estimates: [
        ...estimates,
        { path: 'labour.noSuchThing', estimate: 1, lo95: 0, hi95: 2, identified: true },
        { path: 'labour.lossAversion', estimate: 'high', lo95: 1, hi95: 3, identified: true },
        { path: 'labour.counterofferProb', estimate: 0.9, lo95: 0.1, hi95: 0.3, identified: true },
        estimates[0],
      ],
    })!;
    expect(c.estimates.size).toBe(estimates.length);
    expect(c.problems).toEqual([
      'unknown parameter "labour.noSuchThing"',
      'labour.lossAversion: estimate is not a number',
      'labour.counterofferProb: the 95 % interval is missing or does not contain the estimate',
      'labour.searchProbEmployed: estimated twice',
    ]);
  });

  it('shows a parameter the data do not pin down over the bounds searched when it has no interval', () => {
    const c = readCalibration({ estimates: [{ path: 'labour.offerCutSpeed', estimate: 0.01, se: null, lo95: null, hi95: null, lower: 0.001, upper: 0.05, identified: false }] })!;
    expect(c.estimates.get('labour.offerCutSpeed')).toMatchObject({ lo: 0.001, hi: 0.05, bounds: true, identified: false, se: undefined });
    expect(c.base).toBe('');
    expect(c.misfitP).toBeUndefined();
  });

  it('bundles no calibration while docs/calibration.json is not written', () => {
    let present = true;
    try {
      readFileSync('docs/calibration.json');
    } catch {
      present = false;
    }
    expect(CALIBRATION === undefined).toBe(!present);
  });
});

describe('positions on a slider track', () => {
  it('places values linearly on a linear slider, clamped to its range', () => {
    expect(sliderKind(search)).toBe('linear');
    expect(trackFraction(search, 0.081)).toBeCloseTo(0.081, 12);
    expect(trackFraction(search, 0)).toBe(0);
    expect(trackFraction(search, 1)).toBe(1);
    expect(trackFraction(search, -0.2)).toBe(0);
    expect(trackFraction(search, 3)).toBe(1);
  });

  it('lines up with the thumb at every stop of a log slider and rises in between', () => {
    expect(sliderKind(matching)).toBe('log');
    const stops = logStops(matching);
    for (const v of stops) expect(trackFraction(matching, v)).toBeCloseTo(positionOfValue(matching, v) / (stops.length - 1), 12);
    const between = trackFraction(matching, 0.46);
    expect(between).toBeGreaterThan(trackFraction(matching, 0.4));
    expect(between).toBeLessThan(trackFraction(matching, 0.5));
    // Between two stops, on a log scale: the geometric mean of 0.4 and 0.5 lies half way.
    const mid = (trackFraction(matching, 0.4) + trackFraction(matching, 0.5)) / 2;
    expect(trackFraction(matching, Math.sqrt(0.4 * 0.5))).toBeCloseTo(mid, 12);
    expect(trackFraction(matching, 1e-6)).toBe(0);
    expect(trackFraction(matching, 99)).toBe(1);
  });

  it('maps an estimate to a tick inside its band, flagging an interval that runs past the track', () => {
    const m = trackMarks(search, readCalibration(fixture)!.estimates.get('labour.searchProbEmployed')!)!;
    expect(m.lo).toBeCloseTo(0.07, 12);
    expect(m.at).toBeCloseTo(0.081, 12);
    expect(m.hi).toBeCloseTo(0.093, 12);
    expect([m.beyondLo, m.beyondHi, m.identified]).toEqual([false, false, true]);
    const wide = trackMarks(PARAM_SPECS['labour.offerCutSpeed'], est({ path: 'labour.offerCutSpeed', estimate: 0.15, lo: -0.01, hi: 0.4 }))!;
    expect([wide.lo, wide.hi, wide.beyondLo, wide.beyondHi]).toEqual([0, 1, true, true]);
    expect(wide.at).toBeCloseTo(0.75, 12);
    expect(trackMarks(PARAM_SPECS['cfo.cfoSetsBudget'], est({ path: 'cfo.cfoSetsBudget' }))).toBeUndefined();
  });
});

describe('the estimate in words', () => {
  it('gives the estimate and its interval to the precision of the standard error', () => {
    expect(estimateText(est({ estimate: 0.081, se: 0.006, lo: 0.07, hi: 0.093 }))).toBe(`calibrated 0.081 (95${NNBSP}% interval 0.070–0.093)`);
    expect(estimateText(est({ estimate: 0.46, se: 0.07, lo: 0.32, hi: 0.6 }))).toBe(`calibrated 0.46 (95${NNBSP}% interval 0.32–0.60)`);
    expect(estimateText(est({ estimate: 12.4, se: 3, lo: 6.5, hi: 18.3 }))).toBe(`calibrated 12 (95${NNBSP}% interval 7–18)`);
    expect(estimateText(est({ estimate: 0.5, se: undefined, lo: 0.1, hi: 0.9 }))).toBe(`calibrated 0.50 (95${NNBSP}% interval 0.10–0.90)`);
  });

  it('says when the data do not pin a parameter down', () => {
    expect(estimateText(est({ estimate: 0.005, se: 0.011, lo: 0, hi: 0.027, identified: false }))).toBe(
      `calibrated 0.0050, not identified: the data do not pin it down (95${NNBSP}% interval 0.0000–0.0270)`,
    );
    expect(estimateText(est({ estimate: 0.01, se: undefined, lo: 0.001, hi: 0.05, bounds: true, identified: false }))).toBe(
      'calibrated 0.010, not identified: the data do not pin it down (bounds searched 0.001–0.05)',
    );
  });
});
