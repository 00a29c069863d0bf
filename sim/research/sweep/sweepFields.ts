/**
 * The building blocks of sweep files shared by validation (sweep.ts) and the JSON Schema
 * (sweepSchema.ts): limits and defaults, which parameter paths a sweep may vary, and the zod
 * schema of the plain top-level fields. Pure: no `node:` imports.
 */
import { z } from 'zod';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import { CORE_FIRM_TYPES, DEFAULTS } from '../../model/params.ts';
import { specFor, type ParamSpec } from '../../model/paramSpecs.ts';
import { suggestion } from '../../input/issueText.ts';

/** Largest number of points (grid combinations or hypercube samples) in one sweep. */
export const MAX_POINTS = 100_000;
/** Largest number of runs (points × replicates) in one sweep. */
export const MAX_RUNS = 200_000;
export const MAX_REPLICATES = 1_000;
/** Seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;
/** Base seed when the file gives none. */
export const DEFAULT_SWEEP_SEED = 1;
/** Groups kept when the file names none. */
export const DEFAULT_GROUPS: readonly string[] = ['all'];
/** Key of the Latin-hypercube form of `parameters`. */
export const LHS_KEY = 'latinHypercube';

// ---------------------------------------------------------------------------------------
// Parameter paths

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Numeric leaves of `value` as dotted paths (arrays, i.e. market.events, are skipped). */
function numericLeaves(value: unknown, path: string, out: string[]): string[] {
  if (typeof value === 'number') out.push(path);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) numericLeaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

/**
 * Every numeric parameter path of the defaults, firm-type fields written `firmTypes.*.…`
 * (applies to every firm type of the base); what editors complete and typos are matched to.
 */
export function sweepableParamPaths(): string[] {
  const { firmTypes, ...rest } = DEFAULTS;
  const paths = numericLeaves(rest, '', []).filter((p) => p !== 'run.years');
  return [...paths, ...numericLeaves(firmTypes.midmarket, 'firmTypes.*', [])];
}

/** Paths a typo is compared with: the sweepable paths plus the core firm types written out. */
function suggestionCandidates(): string[] {
  const all = sweepableParamPaths();
  const typed = all.filter((p) => p.startsWith('firmTypes.*.'));
  return [...all, ...CORE_FIRM_TYPES.flatMap((t) => typed.map((p) => p.replace('*', t)))];
}

/**
 * The spec of a parameter a sweep may vary, or why it may not. `*` is allowed only as the
 * firm type (`firmTypes.*.policy.tokenBudgetShareOfBase`); the horizon is fixed per sweep.
 */
export function sweepParamSpec(path: string): ParamSpec | string {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) return 'not a dotted parameter path';
  if (parts.some((p, k) => p === '*' && !(k === 1 && parts[0] === 'firmTypes')) || path.includes('{')) {
    return 'a wildcard is allowed only as the firm type (firmTypes.*.…)';
  }
  if (path === 'run.years') return 'the horizon cannot vary within a sweep (set "years" for the whole sweep)';
  const spec = specFor(path);
  if (spec) return spec;
  return `unknown numeric parameter${suggestion(path, suggestionCandidates(), 6)}`;
}

/** Why `value` is not an acceptable value of `spec`, or undefined when it is. */
export function valueProblem(value: unknown, spec: ParamSpec): string | undefined {
  if (typeof value !== 'number') return `expected number, got ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`;
  if (!Number.isFinite(value)) return `must be a finite number (got ${value})`;
  if (spec.integer && !Number.isInteger(value)) return `must be an integer (got ${value})`;
  if (value < spec.min) return `must be at least ${spec.min} (got ${value})`;
  if (value > spec.max) return `must be at most ${spec.max} (got ${value})`;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Schema of the fields zod checks (base and parameters are checked by hand below)

/** Sweep names: like scenario names (file names, CLI args). */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Group names as the engine reports them: all, firm types, levels, budget_q1…q4. */
const GROUP_PATTERN = /^[a-z][a-z0-9_-]*$/;

export const METRIC_NAMES = METRIC_DEFS.map((d) => d.name);

function intRange(path: string): z.ZodNumber {
  const spec = specFor(path);
  if (!spec) throw new Error(`sweep schema: no ParamSpec for ${path}`);
  return z.int().min(spec.min).max(spec.max);
}

/** The checked top-level fields; `forExport` gives editors the full shapes of every field. */
export function topLevelShape(forExport: boolean): Record<string, z.ZodType> {
  const described = <T extends z.ZodType>(s: T, description: string): T => s.describe(description);
  return {
    $schema: z.string().optional(),
    name: described(
      z.string().regex(NAME_PATTERN, { error: 'must be lower-case letters, digits and hyphens, starting with a letter or digit' }),
      'Sweep name; equal to the file name without .json.',
    ),
    description: described(z.string().regex(/\S/, { error: 'must not be empty' }), 'What the sweep asks, in a few sentences.'),
    base: z.unknown().optional(),
    parameters: z.unknown().optional(),
    replicates: described(z.int().min(1).max(MAX_REPLICATES), 'Runs per point, each with its own seed derived from (seed, the point, the replicate).'),
    seed: described(z.int().min(0).max(MAX_SEED), `Base seed of the replicate seeds and the Latin hypercube (default ${DEFAULT_SWEEP_SEED}).`).optional(),
    metrics: described(
      forExport ? z.array(z.enum(METRIC_NAMES as [string, ...string[]])).min(1) : z.array(z.string()).min(1),
      'Metrics kept in the outputs (default: every metric).',
    ).optional(),
    groups: described(
      z.array(z.string().regex(GROUP_PATTERN, { error: 'must be a group name such as all, startup, senior or budget_q1' })).min(1),
      'Groups kept in the outputs: all, a firm type, a level (junior, mid, senior, staff) or budget_q1…budget_q4 (default: all).',
    ).optional(),
    engineers: described(intRange('run.engineers'), "Overrides the base scenario's run.engineers for every point.").optional(),
    years: described(intRange('run.years'), "Overrides the base scenario's run.years (the same horizon for every run).").optional(),
  };
}

