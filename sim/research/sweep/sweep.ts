/**
 * Sweep files: a base scenario, the parameters to vary (a grid of values — each axis a list
 * or a `"start:step:end"` range, gridRange.ts — or a Latin hypercube over ranges) and the
 * replicate seeds per point. This module validates the file
 * (one line `<source>: <path>: <reason>` per problem, unknown fields rejected, every
 * parameter a numeric one with values that pass `problemWith`, sim/model/paramPaths.ts);
 * sweepFields.ts holds the shared limits and field schemas, sweepSchema.ts the JSON Schema,
 * and sweepPlan.ts expands a validated sweep into runs. Pure: no `node:` imports.
 */
import { z } from 'zod';
import { scanJson } from '../../input/jsonScan.ts';
import { formatPath, kindOf, lookup, show, suggestion } from '../../input/issueText.ts';
import type { Params } from '../../model/params.ts';
import { resolveScenario, ScenarioError } from '../../input/scenario.ts';
import {
  DEFAULT_GROUPS,
  DEFAULT_SWEEP_SEED,
  isObject,
  LHS_KEY,
  MAX_POINTS,
  MAX_RUNS,
  METRIC_NAMES,
  sweepParamSpec,
  topLevelShape,
  type JsonObject,
} from './sweepFields.ts';
import { problemWith } from '../../model/paramPaths.ts';
import { isMetricName } from '../../run/metricDefs.ts';
import { expandRange, isRangeText } from './gridRange.ts';

export {
  DEFAULT_GROUPS,
  DEFAULT_SWEEP_SEED,
  LHS_KEY,
  MAX_POINTS,
  MAX_REPLICATES,
  MAX_RUNS,
  MAX_SEED,
  sweepableParamPaths,
  sweepParamSpec,
} from './sweepFields.ts';
export { sweepJsonSchema, writeSweepSchemaText } from './sweepSchema.ts';

/** One value axis of a grid: a dotted parameter path and its values, in file order. */
export interface GridAxis {
  path: string;
  values: number[];
}

/** One dimension of a Latin hypercube: a dotted parameter path and its [min, max]. */
export interface LhsRange {
  path: string;
  min: number;
  max: number;
}

export type SweepDesign =
  | { kind: 'grid'; axes: GridAxis[] }
  | { kind: 'latinHypercube'; samples: number; ranges: LhsRange[] };

/** A validated sweep file. */
export interface Sweep {
  name: string;
  description: string;
  /** A scenario file path relative to the sweep file, or an inline partial scenario. */
  base: string | Record<string, unknown>;
  /** The inline base's resolved parameters (undefined when `base` is a path). */
  inlineBase: Params | undefined;
  design: SweepDesign;
  /** Runs per point, each with its own seed. */
  replicates: number;
  /** Base seed that every replicate seed derives from. */
  seed: number;
  /** Metrics kept in the outputs, in METRIC_DEFS order. */
  metrics: string[];
  /** Groups kept in the outputs, as the file lists them. */
  groups: string[];
  /** Overrides of the base's `run.engineers` / `run.years`. */
  engineers: number | undefined;
  years: number | undefined;
}

/** One validation problem: a dotted path and the reason. */
export interface SweepIssue {
  path: string;
  message: string;
}

/** A sweep that cannot be used; `message` is one line naming the first problem. */
export class SweepError extends Error {
  readonly issues: SweepIssue[];
  readonly source: string | undefined;

  constructor(issues: SweepIssue[], source?: string) {
    const first = issues[0] ?? { path: '(root)', message: 'invalid sweep' };
    const more = issues.length - 1;
    const tail = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
    super(`${source ? `${source}: ` : ''}${first.path}: ${first.message}${tail}`);
    this.name = 'SweepError';
    this.issues = issues;
    this.source = source;
  }
}

let cachedTopLevel: z.ZodObject | undefined;
const topLevelSchema = (): z.ZodObject => (cachedTopLevel ??= z.strictObject(topLevelShape(false)));

// ---------------------------------------------------------------------------------------
// zod issues → path + reason

function describeIssue(issue: z.core.$ZodIssue, input: unknown, prefix: readonly PropertyKey[], known: readonly string[]): SweepIssue[] {
  const full = [...prefix, ...issue.path];
  const path = formatPath(full);
  const { found, value } = lookup(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: formatPath([...full, key]), message: `unknown field${suggestion(key, known)}` }));
    case 'invalid_type':
      if (!found) return [{ path, message: `missing required field (expected ${issue.expected})` }];
      if (typeof value === 'number' && !Number.isFinite(value)) return [{ path, message: `must be a finite number (got ${show(value)})` }];
      if (issue.expected === 'int') return [{ path, message: `must be an integer (got ${show(value)})` }];
      return [{ path, message: `expected ${issue.expected === 'record' ? 'object' : issue.expected}, got ${kindOf(value)}` }];
    case 'too_small':
      if (Array.isArray(value)) return [{ path, message: `must list at least ${String(issue.minimum)} value${issue.minimum === 1 ? '' : 's'}` }];
      return [{ path, message: `must be at least ${String(issue.minimum)} (got ${show(value)})` }];
    case 'too_big':
      if (Array.isArray(value)) return [{ path, message: `must list at most ${String(issue.maximum)} values` }];
      return [{ path, message: `must be at most ${String(issue.maximum)} (got ${show(value)})` }];
    case 'invalid_format':
      return [{ path, message: `${issue.message} (got ${show(value)})` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Unknown fields first: a misspelt field explains the "missing" one that follows. */
const unknownFirst = (issues: SweepIssue[]): SweepIssue[] =>
  [...issues.filter((i) => i.message.startsWith('unknown field')), ...issues.filter((i) => !i.message.startsWith('unknown field'))];

// ---------------------------------------------------------------------------------------
// The hand-checked fields: base, parameters, metrics

function checkBase(obj: JsonObject, name: string, description: string, issues: SweepIssue[]): Params | undefined {
  if (!Object.hasOwn(obj, 'base')) {
    issues.push({ path: 'base', message: 'missing required field (a scenario file path or an inline scenario object)' });
    return undefined;
  }
  const base = obj.base;
  if (typeof base === 'string') {
    if (!/\S/.test(base)) issues.push({ path: 'base', message: 'must not be empty' });
    else if (!base.endsWith('.json')) issues.push({ path: 'base', message: `must be a scenario file ending in .json (got ${show(base)})` });
    return undefined;
  }
  if (!isObject(base)) {
    issues.push({ path: 'base', message: `expected a scenario file path or an inline scenario object, got ${kindOf(base)}` });
    return undefined;
  }
  try {
    return resolveScenario({ name, description, ...base });
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    for (const i of err.issues) issues.push({ path: `base.${i.path}`, message: i.message });
    return undefined;
  }
}

function checkGrid(params: JsonObject, issues: SweepIssue[]): SweepDesign | undefined {
  const axes: GridAxis[] = [];
  let ok = true;
  for (const [path, values] of Object.entries(params)) {
    const where = `parameters.${path}`;
    const spec = sweepParamSpec(path);
    if (typeof spec === 'string') {
      issues.push({ path: where, message: spec });
      ok = false;
      continue;
    }
    let list: unknown = values;
    const range = isRangeText(values);
    if (range) {
      const expanded = expandRange(values);
      if (typeof expanded === 'string') {
        issues.push({ path: where, message: expanded });
        ok = false;
        continue;
      }
      list = expanded;
    }
    if (!Array.isArray(list)) {
      issues.push({ path: where, message: `expected an array of values or a "start:step:end" range, got ${kindOf(values)}` });
      ok = false;
      continue;
    }
    if (list.length === 0) {
      issues.push({ path: where, message: 'must list at least 1 value' });
      ok = false;
      continue;
    }
    const seen = new Set<number>();
    list.forEach((v: unknown, k) => {
      const problem = problemWith(path, v) ?? (seen.has(v as number) ? `duplicate value ${String(v)}` : undefined);
      if (problem) {
        issues.push(range ? { path: where, message: `value ${String(v)} of ${JSON.stringify(values)}: ${problem}` } : { path: `${where}.${k}`, message: problem });
        ok = false;
      }
      seen.add(v as number);
    });
    axes.push({ path, values: list as number[] });
  }
  if (ok && axes.length === 0) {
    issues.push({ path: 'parameters', message: `name at least one parameter to vary (a grid, or "${LHS_KEY}")` });
    return undefined;
  }
  if (!ok) return undefined;
  const points = axes.reduce((n, a) => n * a.values.length, 1);
  if (points > MAX_POINTS) {
    issues.push({ path: 'parameters', message: `the grid has ${points} points; at most ${MAX_POINTS}` });
    return undefined;
  }
  return { kind: 'grid', axes };
}

function checkLatinHypercube(params: JsonObject, issues: SweepIssue[]): SweepDesign | undefined {
  for (const key of Object.keys(params)) {
    if (key !== LHS_KEY) issues.push({ path: `parameters.${key}`, message: `a Latin hypercube cannot be combined with grid parameters` });
  }
  const where = `parameters.${LHS_KEY}`;
  const lhs = params[LHS_KEY];
  const schema = z.strictObject({ samples: z.int().min(1).max(MAX_POINTS), ranges: z.record(z.string(), z.unknown()) });
  const parsed = schema.safeParse(lhs);
  if (!parsed.success) {
    issues.push(...unknownFirst(parsed.error.issues.flatMap((i) => describeIssue(i, lhs, ['parameters', LHS_KEY], i.path.length === 0 ? ['samples', 'ranges'] : []))));
    return undefined;
  }
  const ranges: LhsRange[] = [];
  for (const [path, range] of Object.entries(parsed.data.ranges)) {
    const at = `${where}.ranges.${path}`;
    const spec = sweepParamSpec(path);
    if (typeof spec === 'string') {
      issues.push({ path: at, message: spec });
      continue;
    }
    if (!Array.isArray(range) || range.length !== 2) {
      issues.push({ path: at, message: `expected [min, max], got ${Array.isArray(range) ? `${range.length} values` : kindOf(range)}` });
      continue;
    }
    const problems = range.map((v: unknown, k) => ({ k, problem: problemWith(path, v) })).filter((p) => p.problem);
    for (const { k, problem } of problems) issues.push({ path: `${at}.${k}`, message: problem! });
    if (problems.length > 0) continue;
    const [min, max] = range as [number, number];
    if (!(min < max)) {
      issues.push({ path: at, message: `min must be below max (got [${min}, ${max}])` });
      continue;
    }
    ranges.push({ path, min, max });
  }
  if (Object.keys(parsed.data.ranges).length === 0) issues.push({ path: `${where}.ranges`, message: 'name at least one parameter range' });
  if (ranges.length !== Object.keys(parsed.data.ranges).length || issues.length > 0) return undefined;
  return { kind: 'latinHypercube', samples: parsed.data.samples, ranges };
}

function checkParameters(obj: JsonObject, issues: SweepIssue[]): SweepDesign | undefined {
  if (!Object.hasOwn(obj, 'parameters')) {
    issues.push({ path: 'parameters', message: `missing required field (a grid { "<param.path>": [values] } or { "${LHS_KEY}": … })` });
    return undefined;
  }
  const params = obj.parameters;
  if (!isObject(params)) {
    issues.push({ path: 'parameters', message: `expected object, got ${kindOf(params)}` });
    return undefined;
  }
  const own: SweepIssue[] = [];
  const design = Object.hasOwn(params, LHS_KEY) ? checkLatinHypercube(params, own) : checkGrid(params, own);
  issues.push(...own);
  return design;
}

function checkMetrics(metrics: string[] | undefined, issues: SweepIssue[]): string[] {
  if (metrics === undefined) return [...METRIC_NAMES];
  const seen = new Set<string>();
  metrics.forEach((m, k) => {
    if (!isMetricName(m)) issues.push({ path: `metrics.${k}`, message: `unknown metric ${show(m)}${suggestion(m, METRIC_NAMES)}` });
    else if (seen.has(m)) issues.push({ path: `metrics.${k}`, message: `duplicate metric ${show(m)}` });
    seen.add(m);
  });
  return METRIC_NAMES.filter((m) => seen.has(m));
}

function checkGroups(groups: string[] | undefined, issues: SweepIssue[]): string[] {
  if (groups === undefined) return [...DEFAULT_GROUPS];
  groups.forEach((g, k) => {
    if (groups.indexOf(g) !== k) issues.push({ path: `groups.${k}`, message: `duplicate group ${show(g)}` });
  });
  return [...groups];
}

/** Paths the design sets, in file order. */
export function designPaths(design: SweepDesign): string[] {
  return design.kind === 'grid' ? design.axes.map((a) => a.path) : design.ranges.map((r) => r.path);
}

/** Number of points the design expands to. */
export function designPointCount(design: SweepDesign): number {
  return design.kind === 'grid' ? design.axes.reduce((n, a) => n * a.values.length, 1) : design.samples;
}

// ---------------------------------------------------------------------------------------
// Entry points

/** Validates an already parsed sweep object. */
export function resolveSweep(obj: unknown, source?: string): Sweep {
  const schema = topLevelSchema();
  const parsed = schema.safeParse(obj);
  const known = Object.keys(schema.shape);
  const issues: SweepIssue[] = parsed.success ? [] : unknownFirst(parsed.error.issues.flatMap((i) => describeIssue(i, obj, [], known)));
  if (!isObject(obj)) throw new SweepError(issues, source);
  const top = (parsed.success ? parsed.data : {}) as {
    name?: string;
    description?: string;
    replicates?: number;
    seed?: number;
    metrics?: string[];
    groups?: string[];
    engineers?: number;
    years?: number;
  };
  const design = checkParameters(obj, issues);
  const metrics = checkMetrics(top.metrics, issues);
  const groups = checkGroups(top.groups, issues);
  if (design && top.engineers !== undefined && designPaths(design).includes('run.engineers')) {
    issues.push({ path: 'engineers', message: 'cannot be set while the parameters vary run.engineers' });
  }
  if (design && top.replicates !== undefined && designPointCount(design) * top.replicates > MAX_RUNS) {
    issues.push({
      path: 'replicates',
      message: `${designPointCount(design)} points × ${top.replicates} replicates = ${designPointCount(design) * top.replicates} runs; at most ${MAX_RUNS}`,
    });
  }
  const inlineBase = checkBase(obj, top.name ?? 'sweep', top.description ?? 'A sweep.', issues);
  if (issues.length > 0 || !parsed.success || !design) throw new SweepError(issues, source);
  return {
    name: top.name!,
    description: top.description!,
    base: obj.base as Sweep['base'],
    inlineBase,
    design,
    replicates: top.replicates!,
    seed: top.seed ?? DEFAULT_SWEEP_SEED,
    metrics,
    groups,
    engineers: top.engineers,
    years: top.years,
  };
}

/** Parses sweep JSON text and validates it; `source` (the file name) prefixes every message. */
export function parseSweep(text: string, source?: string): Sweep {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const problem = scanJson(body);
  if (problem) throw new SweepError([problem], source);
  let obj: unknown;
  try {
    obj = JSON.parse(body);
  } catch (e) {
    throw new SweepError([{ path: '(json)', message: e instanceof Error ? e.message : String(e) }], source);
  }
  return resolveSweep(obj, source);
}

/** The sweep as a plain object with the file's fields (what a shard manifest stores). */
export function sweepToJson(sweep: Sweep): JsonObject {
  const parameters: JsonObject =
    sweep.design.kind === 'grid'
      ? Object.fromEntries(sweep.design.axes.map((a) => [a.path, a.values]))
      : { [LHS_KEY]: { samples: sweep.design.samples, ranges: Object.fromEntries(sweep.design.ranges.map((r) => [r.path, [r.min, r.max]])) } };
  const out: JsonObject = {
    name: sweep.name,
    description: sweep.description,
    base: sweep.base,
    parameters,
    replicates: sweep.replicates,
    seed: sweep.seed,
    metrics: sweep.metrics,
    groups: sweep.groups,
  };
  if (sweep.engineers !== undefined) out.engineers = sweep.engineers;
  if (sweep.years !== undefined) out.years = sweep.years;
  return out;
}

