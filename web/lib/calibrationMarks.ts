/**
 * Calibrated estimates on the slider tracks: docs/calibration.json (written by `npm run
 * calibrate`: parameters estimated by simulated moments, docs/calibration.md) read and checked
 * for the page, and each estimate mapped to positions along its slider's track. Pure; the Vite
 * import that finds the file lives in bundledCalibration.ts.
 */
import { PARAM_SPECS, type ParamSpec } from '../../sim/model/paramSpecs.ts';
import { formatParam, NNBSP } from './format.ts';
import { logStops, sliderKind } from './levers.ts';

/** One estimated parameter, in the parameter's own units. */
export interface Estimate {
  /** Parameter path (a PARAM_SPECS key). */
  path: string;
  estimate: number;
  /** Standard error; undefined when the file gives none. */
  se: number | undefined;
  /** The interval drawn: the 95 % interval, or for a parameter the data do not pin, the bounds searched. */
  lo: number;
  hi: number;
  /** Whether lo–hi are the bounds searched rather than a 95 % interval (only when not identified). */
  bounds: boolean;
  /** False: the moments do not pin the parameter down, so the interval means little. */
  identified: boolean;
}

export interface Calibration {
  name: string;
  /** The scenario the estimates were fitted on ("baseline-static"); empty when the file names none. */
  base: string;
  /** The p-value of the test of the model's fit to the targets, when the file gives one. */
  misfitP: number | undefined;
  /** Estimates by parameter path. */
  estimates: ReadonlyMap<string, Estimate>;
  /** Estimates left out, each with its reason. */
  problems: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function readEstimate(raw: unknown): Estimate | string {
  if (!isObject(raw)) return 'an estimate is not an object';
  const path = raw.path;
  if (typeof path !== 'string' || !(path in PARAM_SPECS)) return `unknown parameter ${JSON.stringify(path)}`;
  const estimate = num(raw.estimate);
  if (estimate === undefined) return `${path}: estimate is not a number`;
  const identified = raw.identified !== false;
  const se = num(raw.se);
  const lo = num(raw.lo95);
  const hi = num(raw.hi95);
  if (lo !== undefined && hi !== undefined && lo <= estimate && estimate <= hi) return { path, estimate, se, lo, hi, bounds: false, identified };
  if (identified) return `${path}: the 95 % interval is missing or does not contain the estimate`;
  // Not identified and no usable interval: the bounds the search was confined to.
  const spec = PARAM_SPECS[path as keyof typeof PARAM_SPECS];
  const lower = num(raw.lower) ?? spec.min;
  const upper = num(raw.upper) ?? spec.max;
  return { path, estimate, se, lo: Math.min(lower, upper), hi: Math.max(lower, upper), bounds: true, identified };
}

/**
 * The calibration as the page shows it, or undefined when there is none (no file, or not a
 * calibration file). Estimates of unknown parameters or without a usable interval are left out
 * and listed in `problems`.
 */
export function readCalibration(raw: unknown): Calibration | undefined {
  if (!isObject(raw) || !Array.isArray(raw.estimates)) return undefined;
  const estimates = new Map<string, Estimate>();
  const problems: string[] = [];
  for (const item of raw.estimates) {
    const e = readEstimate(item);
    if (typeof e === 'string') problems.push(e);
    else if (estimates.has(e.path)) problems.push(`${e.path}: estimated twice`);
    else estimates.set(e.path, e);
  }
  const name = typeof raw.name === 'string' ? raw.name : 'calibration';
  const base = typeof raw.base === 'string' ? (raw.base.split('/').pop() ?? '').replace(/\.json$/, '') : '';
  const misfitP = isObject(raw.misfit) ? num(raw.misfit.pValue) : undefined;
  return { name, base, misfitP, estimates, problems };
}

/**
 * Where a value lies along a slider's track, 0 at its left end and 1 at its right, clamped to
 * the range. Linear sliders are linear in the value; log sliders move between nice stops
 * (levers.ts logStops), so a value is placed between its two stops on a log scale and lines up
 * with the thumb at every stop.
 */
export function trackFraction(spec: ParamSpec, v: number): number {
  const x = Math.min(spec.max, Math.max(spec.min, v));
  if (sliderKind(spec) !== 'log') return spec.max === spec.min ? 0 : (x - spec.min) / (spec.max - spec.min);
  const stops = logStops(spec);
  let k = 0;
  while (k < stops.length - 2 && stops[k + 1] <= x) k++;
  const part = Math.log(x / stops[k]) / Math.log(stops[k + 1] / stops[k]);
  return (k + Math.min(1, Math.max(0, part))) / (stops.length - 1);
}

/** What a slider track shows of an estimate: positions 0–1 along the track, and the words for it. */
export interface TrackMarks {
  /** The estimate. */
  at: number;
  /** The interval's ends (lo ≤ hi). */
  lo: number;
  hi: number;
  /** Whether the interval runs past the slider's end, so the band stops at the track's edge. */
  beyondLo: boolean;
  beyondHi: boolean;
  identified: boolean;
  /** The estimate and interval in words, for the caption and screen readers. */
  text: string;
}

/**
 * Decimals that reach the first significant digit of the standard error (else of a quarter of
 * the interval) and the second of the estimate: 0.081 ± 0.006 → 3, 0.46 ± 0.07 → 2,
 * 0.0104 ± 0.024 → 3 (0.010, not 0.01), 12.4 ± 3 → 0.
 */
function decimals(e: Estimate): number {
  const firstDigit = (v: number): number => (v > 0 && Number.isFinite(v) ? -Math.floor(Math.log10(v)) : 0);
  const scale = e.se !== undefined && e.se > 0 ? e.se : (e.hi - e.lo) / 4;
  return Math.min(6, Math.max(0, firstDigit(scale), firstDigit(Math.abs(e.estimate)) + 1));
}

/** "calibrated 0.081 (95 % interval 0.070–0.093)"; a parameter the data do not pin says so. */
export function estimateText(e: Estimate): string {
  const d = decimals(e);
  const f = (v: number): string => v.toFixed(d);
  // The bounds searched are settings, not estimates: as written.
  const interval = e.bounds ? `bounds searched ${formatParam(e.lo)}–${formatParam(e.hi)}` : `95${NNBSP}% interval ${f(e.lo)}–${f(e.hi)}`;
  if (!e.identified) return `calibrated ${f(e.estimate)}, not identified: the data do not pin it down (${interval})`;
  return `calibrated ${f(e.estimate)} (${interval})`;
}

/** The marks of an estimate on a slider's track; undefined for a checkbox, which has no track. */
export function trackMarks(spec: ParamSpec, e: Estimate): TrackMarks | undefined {
  if (sliderKind(spec) === 'toggle') return undefined;
  return {
    at: trackFraction(spec, e.estimate),
    lo: trackFraction(spec, e.lo),
    hi: trackFraction(spec, e.hi),
    beyondLo: e.lo < spec.min,
    beyondHi: e.hi > spec.max,
    identified: e.identified,
    text: estimateText(e),
  };
}
