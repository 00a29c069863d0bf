/**
 * Calibration spec files: which parameters to estimate within which bounds, which simulated
 * moments to match (metric, group, window, statistic, target, width, source), the seeds every
 * candidate runs with (common random numbers) and the optimiser's settings. Pure; errors name
 * the field and the reason, as scenario and sensitivity files do.
 *
 * {
 *   "name": "labour-flows", "description": "…", "base": "../baseline-static.json",
 *   "parameters": { "labour.searchProbEmployed": [0.01, 0.3], "labour.matchingEfficiency": { "bounds": [0.1, 2], "start": 0.5 } },
 *   "moments": [{ "name": "job-to-job share", "metric": "job_to_job_share_of_hires", "window": [2, 10],
 *                 "statistic": "mean", "target": 0.45, "range": [0.35, 0.55], "source": "Fallick & Fleischman 2004" }],
 *   "seeds": [1, 2, 3, 4], "engineers": 2000, "years": 10,
 *   "optimizer": { "starts": 3, "maxEvaluations": 150 }, "jacobian": { "step": 0.05 }
 * }
 * A moment's width s is its standard error ("se"), a quarter of an evidence range ("range":
 * s = (hi − lo)/4, a plausibility width rather than a sampling error, ECONOMICS.md §6), or
 * 1/√weight ("weight"); exactly one of the three.
 */
import { z } from 'zod';
import type { Params } from '../../model/params.ts';
import { cloneParams, firmTypeNames } from '../../model/params.ts';
import { forFirmType, getAt, problemWith, settableSpec, specFor } from '../../model/paramPaths.ts';
import { scanJson } from '../../input/jsonScan.ts';
import { valueRangeIssues } from '../../input/valueRangeIssues.ts';
import { isMetricName, type MetricName } from '../../run/metricDefs.ts';
import { factorProblem, groupsOf, setFactor } from '../sensitivity/sensitivitySpec.ts';

export const MOMENT_STATISTICS = ['mean', 'last'] as const;
export type MomentStatistic = (typeof MOMENT_STATISTICS)[number];

export interface CalibrationParameter {
  path: string;
  lower: number;
  upper: number;
  /** The first start; undefined: the base scenario's value (kept inside the bounds). */
  start?: number;
}

export interface MomentSpec {
  name: string;
  metric: MetricName;
  group: string;
  /** First and last year of the window, 1-based and inclusive. */
  window: [number, number];
  /** `mean`: the mean of the monthly values in the window; `last`: the window's last month. */
  statistic: MomentStatistic;
  target: number;
  /** s: the moment's width, in the metric's unit (W = diag(1/s²)). */
  width: number;
  /** How the width was given: a standard error, an evidence range or a weight. */
  widthFrom: 'se' | 'range' | 'weight';
  range?: [number, number];
  source: string;
}

export interface OptimizerSettings {
  method: 'nelder-mead';
  /** Latin-hypercube points evaluated before the search; the best (with the first start) become the starts. */
  screening: number;
  starts: number;
  maxEvaluations: number;
  /** Starting simplex step in logit units of the bounds. */
  initialStep: number;
  fTolerance: number;
  xTolerance: number;
}

export interface CalibrationSpec {
  name: string;
  description: string;
  base: string;
  parameters: CalibrationParameter[];
  moments: MomentSpec[];
  seeds: number[];
  engineers?: number;
  years?: number;
  optimizer: OptimizerSettings;
  /** Central-difference step as a share of each parameter's bound range; the Jacobian is also taken at twice the step, as a check. */
  jacobian: { step: number };
}

export class CalibrationSpecError extends Error {
  readonly issues: { path: string; message: string }[];

  constructor(source: string, path: string, message: string) {
    super(`${source}: ${path}: ${message}`);
    this.issues = [{ path, message }];
  }
}

const OPTIMIZER_DEFAULTS = { method: 'nelder-mead', screening: 20, starts: 3, maxEvaluations: 150, initialStep: 0.5, fTolerance: 1e-3, xTolerance: 1e-3 } as const;

/**
 * The fields of a spec file, with defaults (exported for the JSON Schema). Built on first use
 * rather than when the module loads: every start of the CLI loads this module, and building
 * the schema took ≈ 10 ms that commands other than calibrate, validate and schema never use.
 */
export const calibrationSpecSchema = () => (cachedSpecSchema ??= buildSpecSchema());
let cachedSpecSchema: ReturnType<typeof buildSpecSchema> | undefined;

function buildSpecSchema() {
  const runSize = (key: 'run.engineers' | 'run.years') => z.number().int().min(specFor(key).min).max(specFor(key).max).optional();
  const pair = z.tuple([z.number(), z.number()]);
  const momentSchema = z
    .object({
      name: z.string().min(1),
      metric: z.string(),
      group: z.string().default('all'),
      window: z.tuple([z.number().int().min(1), z.number().int().min(1)]).describe('First and last year, inclusive (1-based).'),
      statistic: z.enum(MOMENT_STATISTICS).default('mean').describe('mean: mean of the monthly values in the window; last: the value in its last month.'),
      target: z.number(),
      se: z.number().positive().optional().describe('Standard error of the target: the moment’s width s.'),
      range: pair.optional().describe('An evidence range [lo, hi]: width s = (hi − lo)/4, a plausibility width, not a sampling error.'),
      weight: z.number().positive().optional().describe('A weight w: width s = 1/√w.'),
      source: z.string().min(1),
    })
    .strict();

  return z
    .object({
      $schema: z.string().optional(),
      name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
      description: z.string().min(1),
      base: z.string().min(1),
      parameters: z.record(z.string(), z.union([pair, z.object({ bounds: pair, start: z.number().optional() }).strict()])),
      moments: z.array(momentSchema).min(1),
      seeds: z.array(z.number().int().min(0).max(2 ** 32 - 1)).min(2).max(1000).describe('Every candidate runs with these seeds (common random numbers); at least 2, for the simulation noise.'),
      engineers: runSize('run.engineers'),
      years: runSize('run.years'),
      optimizer: z
        .object({
          method: z.literal('nelder-mead').default('nelder-mead'),
          screening: z.number().int().min(0).max(10_000).default(OPTIMIZER_DEFAULTS.screening).describe('Latin-hypercube points evaluated first, with the base values (or each parameter’s start); the best become the starts.'),
          starts: z.number().int().min(1).max(50).default(OPTIMIZER_DEFAULTS.starts).describe('Nelder–Mead searches, from the best screened points.'),
          maxEvaluations: z.number().int().min(10).max(100_000).default(OPTIMIZER_DEFAULTS.maxEvaluations).describe('Most candidates per start (each runs every seed).'),
          initialStep: z.number().positive().max(5).default(OPTIMIZER_DEFAULTS.initialStep).describe('Starting simplex step, in logit units of the bounds.'),
          fTolerance: z.number().positive().default(OPTIMIZER_DEFAULTS.fTolerance),
          xTolerance: z.number().positive().default(OPTIMIZER_DEFAULTS.xTolerance).describe('In logit units.'),
        })
        .strict()
        .default(OPTIMIZER_DEFAULTS),
      jacobian: z
        .object({ step: z.number().min(0.05).max(0.25).default(0.05).describe('Central-difference step, share of the bound range (≥ 5 %); also checked at twice the step.') })
        .strict()
        .default({ step: 0.05 }),
    })
    .strict();
}

/** Parses and checks a spec (paths, bounds and widths against the parameter metadata). */
export function parseCalibrationSpec(text: string, source = 'spec'): CalibrationSpec {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const fail = (path: string, message: string): never => {
    throw new CalibrationSpecError(source, path, message);
  };
  const problem = scanJson(body);
  if (problem) fail(problem.path, problem.message);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    fail('(json)', e instanceof Error ? e.message : String(e));
  }
  const parsed = calibrationSpecSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(issue.path.join('.') || '(root)', issue.message);
  }
  const s = parsed.data;
  const parameters = Object.entries(s.parameters).map(([path, given]): CalibrationParameter => {
    const where = `parameters.${path}`;
    const spec = settableSpec(path);
    if (typeof spec === 'string') fail(where, spec);
    if (typeof spec !== 'string' && spec.integer) fail(where, 'a whole-number parameter cannot be estimated by a continuous search; sweep it instead');
    const [lower, upper] = Array.isArray(given) ? given : given.bounds;
    const boundsAt = Array.isArray(given) ? where : `${where}.bounds`;
    if (!(lower < upper)) fail(boundsAt, `the bounds must have lower < upper (got [${lower}, ${upper}])`);
    [lower, upper].forEach((v, k) => {
      const why = problemWith(path, v);
      if (why) fail(`${boundsAt}.${k}`, why);
    });
    const start = Array.isArray(given) ? undefined : given.start;
    if (start !== undefined && !(start > lower && start < upper)) fail(`${where}.start`, `the start must lie strictly inside the bounds (${lower}, ${upper})`);
    return { path, lower, upper, ...(start === undefined ? {} : { start }) };
  });
  if (parameters.length === 0) fail('parameters', 'name at least one parameter');
  const moments = s.moments.map((m, k): MomentSpec => {
    const where = `moments.${k}`;
    if (!isMetricName(m.metric)) return fail(`${where}.metric`, `unknown metric "${m.metric}"`);
    if (m.window[0] > m.window[1]) fail(`${where}.window`, `the first year must not be after the last (got [${m.window[0]}, ${m.window[1]}])`);
    const given = (['se', 'range', 'weight'] as const).filter((key) => m[key] !== undefined);
    if (given.length !== 1) fail(where, `give exactly one of se, range or weight (got ${given.length === 0 ? 'none' : given.join(' and ')})`);
    let width = 0;
    if (m.se !== undefined) width = m.se;
    if (m.weight !== undefined) width = 1 / Math.sqrt(m.weight);
    if (m.range !== undefined) {
      if (!(m.range[0] < m.range[1])) fail(`${where}.range`, `the range must have lo < hi (got [${m.range[0]}, ${m.range[1]}])`);
      width = (m.range[1] - m.range[0]) / 4;
    }
    return {
      name: m.name,
      metric: m.metric,
      group: m.group,
      window: m.window,
      statistic: m.statistic,
      target: m.target,
      width,
      widthFrom: given[0],
      ...(m.range === undefined ? {} : { range: m.range }),
      source: m.source,
    };
  });
  const names = new Set<string>();
  moments.forEach((m, k) => {
    if (names.has(m.name)) fail(`moments.${k}.name`, `"${m.name}" names another moment too`);
    names.add(m.name);
  });
  if (s.optimizer.starts > s.optimizer.screening + 1) fail('optimizer.starts', `${s.optimizer.starts} starts need at least ${s.optimizer.starts - 1} screening points (the first start is the base's values)`);
  if (moments.length < parameters.length) fail('moments', `${moments.length} moment${moments.length === 1 ? '' : 's'} cannot pin ${parameters.length} parameters: give at least as many moments as parameters`);
  const seen = new Set<number>();
  s.seeds.forEach((seed, k) => {
    if (seen.has(seed)) fail(`seeds.${k}`, `seed ${seed} is listed twice`);
    seen.add(seed);
  });
  return { name: s.name, description: s.description, base: s.base, parameters, moments, seeds: s.seeds, engineers: s.engineers, years: s.years, optimizer: s.optimizer, jacobian: s.jacobian };
}

/**
 * Checks a parsed spec against its resolved base scenario and horizon: every parameter exists
 * in the base and neither bound makes a scenario that validation refuses; every moment's group
 * is reported for its metric and its window lies within the horizon. Throws CalibrationSpecError.
 */
export function checkCalibrationAgainstBase(spec: CalibrationSpec, base: Params, years: number, source = 'spec'): void {
  for (const p of spec.parameters) {
    const problem = factorProblem(p.path, base);
    if (problem) throw new CalibrationSpecError(source, `parameters.${p.path}`, problem);
    [p.lower, p.upper].forEach((v, k) => {
      const q = cloneParams(base);
      setFactor(q, p.path, v);
      const issue = valueRangeIssues(q)[0];
      if (issue) throw new CalibrationSpecError(source, `parameters.${p.path}.${k}`, `${issue.path} ${issue.message}`);
    });
  }
  spec.moments.forEach((m, k) => {
    const groups = groupsOf(m.metric, base);
    if (!groups.includes(m.group)) throw new CalibrationSpecError(source, `moments.${k}.group`, `metric ${m.metric} has no group "${m.group}" (it has ${groups.join(', ')})`);
    if (m.window[1] > years) {
      throw new CalibrationSpecError(source, `moments.${k}.window`, `year ${m.window[1]} is past the ${years}-year horizon: end the window by year ${years}, or run longer ("years" in the spec, or --years)`);
    }
  });
}

/** The first start of each parameter: its own start, else the base's value, kept 1 % of the range inside the bounds. */
export function firstStart(spec: CalibrationSpec, base: Params): number[] {
  return spec.parameters.map((p) => {
    if (p.start !== undefined) return p.start;
    const v = Number(getAt(base, forFirmType(p.path, firmTypeNames(base)[0])));
    const margin = 0.01 * (p.upper - p.lower);
    return Math.min(p.upper - margin, Math.max(p.lower + margin, Number.isFinite(v) ? v : (p.lower + p.upper) / 2));
  });
}
