/**
 * The page's sliders: which parameters are levers, and how a slider maps to a value. Label,
 * unit, range and step come from the engine's parameter metadata (sim/model/paramSpecs.ts), the
 * same the CLI and scenario validation use; nothing here restates a range.
 */
import { PARAM_SPECS, type ParamSpec } from '../../sim/model/paramSpecs.ts';
import { expandWildcard, forFirmType, getAt, isFirmTypeWildcard, problemWith, setAt, type SettableKey } from '../../sim/model/paramPaths.ts';
import { firmTypeNames, type Params } from '../../sim/model/params.ts';

/**
 * Where the page shows a lever: with the main levers of the question, or among the labour-market
 * parameters that `tokensim calibrate` estimates (docs/calibration.json), shown after them.
 */
export type LeverGroup = 'main' | 'labour';

/** The groups in page order, with their headings. */
export const LEVER_GROUPS: readonly { id: LeverGroup; title: string }[] = [
  { id: 'main', title: 'Main levers' },
  { id: 'labour', title: 'Labour market (calibrated)' },
];

/** A lever: a short id (used in URLs) and the parameter path its metadata is filed under. */
export interface LeverDef {
  id: string;
  group: LeverGroup;
  /** Key in PARAM_SPECS; `firmTypes.*.…` levers apply to firm types (see leverScope). */
  path: SettableKey;
  /** A few words for legends ("σ 3"); the full label and unit come from the metadata. */
  short: string;
}

/**
 * The levers in the order the page shows them: the main levers (issue 4), then the labour-market
 * parameters the calibration estimates (its slider track marks the estimate and its interval).
 */
export const LEVERS: readonly LeverDef[] = [
  { id: 'share', group: 'main', short: 'budget ÷ base', path: 'firmTypes.*.policy.tokenBudgetShareOfBase' },
  { id: 'sigma', group: 'main', short: 'σ', path: 'production.sigma' },
  { id: 'decline', group: 'main', short: 'price fall yr 1', path: 'market.priceDeclineFirstYear' },
  { id: 'declineLong', group: 'main', short: 'price fall later', path: 'market.priceDeclineLongRun' },
  { id: 'valuation', group: 'main', short: 'λ', path: 'engineers.tokenValuation' },
  { id: 'portability', group: 'main', short: 'portability', path: 'firmTypes.*.policy.tokenPortability' },
  { id: 'maxxing', group: 'main', short: 'tokenmaxxing', path: 'engineers.tokenmaxxing' },
  { id: 'raiseTokens', group: 'main', short: 'raises in tokens', path: 'firmTypes.*.policy.cashToTokenRaiseShare' },
  { id: 'cfoBudget', group: 'main', short: 'CFO budgets', path: 'cfo.cfoSetsBudget' },
  { id: 'engineers', group: 'main', short: 'engineers', path: 'run.engineers' },
  { id: 'years', group: 'main', short: 'years', path: 'run.years' },
  { id: 'search', group: 'labour', short: 'on-the-job search', path: 'labour.searchProbEmployed' },
  { id: 'separations', group: 'labour', short: 'separations', path: 'labour.separationRatePerYear' },
  { id: 'matching', group: 'labour', short: 'μ', path: 'labour.matchingEfficiency' },
  { id: 'switching', group: 'labour', short: 'switching threshold', path: 'labour.switchingThreshold' },
  { id: 'offerCut', group: 'labour', short: 'offer cuts', path: 'labour.offerCutSpeed' },
];

export type Overrides = Record<string, number>;

export function leverById(id: string): LeverDef | undefined {
  return LEVERS.find((l) => l.id === id);
}

export function leverSpec(lever: LeverDef): ParamSpec {
  return PARAM_SPECS[lever.path];
}

type Json = Record<string, unknown>;

/** The concrete paths a lever writes: one per firm type in its scope, or its own path. */
const leverPaths = (lever: LeverDef, scope: string[] | undefined): string[] => (scope ? expandWildcard(lever.path, scope) : [lever.path]);

/**
 * The firm types a firm-type lever moves in a scenario: those whose value the scenario file
 * sets (so `startups-vs-bigtech` moves startups only), or every firm type when the file sets
 * none. Undefined for levers that are not per firm type.
 */
export function leverScope(lever: LeverDef, file: unknown, params: Params): string[] | undefined {
  if (!isFirmTypeWildcard(lever.path)) return undefined;
  const all = firmTypeNames(params);
  const set = all.filter((t) => getAt(file, forFirmType(lever.path, t)) !== undefined);
  return set.length > 0 ? set : all;
}

/** The lever's value in resolved parameters (the first firm type in scope), and whether the scope disagrees. */
export function leverValue(lever: LeverDef, params: Params, scope: string[] | undefined): { value: number; mixed: boolean } {
  const values = leverPaths(lever, scope).map((path) => getAt(params, path) as number);
  return { value: values[0], mixed: values.some((v) => v !== values[0]) };
}

/**
 * The scenario object with lever values applied (a deep copy; `file` is untouched). Firm-type
 * levers are written to every firm type in their scope.
 */
export function applyOverrides(file: Json, overrides: Overrides, scopes: Record<string, string[] | undefined>): Json {
  const out = JSON.parse(JSON.stringify(file)) as Json;
  for (const lever of LEVERS) {
    const v = overrides[lever.id];
    if (v === undefined) continue;
    for (const path of leverPaths(lever, scopes[lever.id])) setAt(out, path, v);
  }
  return out;
}

/**
 * Why a lever value is not acceptable, or undefined when it is: the same check and words as
 * scenario and sweep files (range and integer rule from the metadata), naming the value.
 */
export function leverValueProblem(lever: LeverDef, v: number): string | undefined {
  return problemWith(lever.path, v);
}

// ---------------------------------------------------------------------------------------
// Slider positions

/** How a lever is drawn: a checkbox for 0/1 switches, a log slider for ranges spanning 100× or more. */
export type SliderKind = 'toggle' | 'linear' | 'log';

export function sliderKind(spec: ParamSpec): SliderKind {
  if (spec.integer && spec.min === 0 && spec.max === 1) return 'toggle';
  if (spec.min > 0 && spec.max / spec.min >= 100) return 'log';
  return 'linear';
}

/** Rounds to the spec's step (counted from 0), kept in range; integers stay integers. */
export function snapToStep(spec: ParamSpec, v: number): number {
  let x = Math.round(v / spec.step) * spec.step;
  x = Number(x.toPrecision(12));
  if (spec.integer) x = Math.round(x);
  return Math.min(spec.max, Math.max(spec.min, x));
}

/** Mantissas of the nice values a log slider stops at, about 25 % apart. */
const NICE_MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/**
 * The stops of a log slider: nice values (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten)
 * between the spec's min and max, both ends included, whole numbers for integer specs. Each
 * arrow key moves one stop, and defaults such as σ = 0.8 or 10,000 engineers are stops.
 */
export function logStops(spec: ParamSpec): number[] {
  const stops = new Set<number>([spec.min, spec.max]);
  for (let e = Math.floor(Math.log10(spec.min)); e <= Math.ceil(Math.log10(spec.max)); e++) {
    for (const m of NICE_MANTISSAS) {
      let v = Number((m * 10 ** e).toPrecision(12));
      if (spec.integer) v = Math.round(v);
      if (v >= spec.min && v <= spec.max) stops.add(v);
    }
  }
  return [...stops].sort((a, b) => a - b);
}

/** The value at a log-slider position (an index into logStops). */
export function valueAtPosition(spec: ParamSpec, pos: number): number {
  const stops = logStops(spec);
  return stops[Math.min(stops.length - 1, Math.max(0, Math.round(pos)))];
}

/** The position of the stop nearest to a value (nearest on a log scale). */
export function positionOfValue(spec: ParamSpec, v: number): number {
  const stops = logStops(spec);
  const x = Math.log(Math.min(spec.max, Math.max(spec.min, v)));
  let best = 0;
  stops.forEach((s, k) => {
    if (Math.abs(Math.log(s) - x) < Math.abs(Math.log(stops[best]) - x)) best = k;
  });
  return best;
}
