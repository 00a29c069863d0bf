/**
 * The building blocks of sweep files shared by validation (sweep.ts) and the JSON Schema
 * (sweepSchema.ts): limits and defaults, which parameter paths a sweep may vary, and the zod
 * schema of the plain top-level fields. Pure: no `node:` imports.
 */
import { z } from 'zod';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import { CORE_FIRM_TYPES } from '../../model/params.ts';
import type { ParamSpec } from '../../model/paramSpecs.ts';
import { forFirmType, isFirmTypeWildcard, numericParamPaths, settableSpec, specFor, UNKNOWN_PARAMETER, type ParamSpecKey } from '../../model/paramPaths.ts';
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

/**
 * Every numeric parameter path of the defaults, firm-type fields written `firmTypes.*.…`
 * (applies to every firm type of the base); what editors complete and typos are matched to.
 */
export function sweepableParamPaths(): string[] {
  return numericParamPaths().filter((p) => p !== 'run.years');
}

/** Paths a typo is compared with: the sweepable paths plus the core firm types written out. */
function suggestionCandidates(): string[] {
  const all = sweepableParamPaths();
  const typed = all.filter(isFirmTypeWildcard);
  return [...all, ...CORE_FIRM_TYPES.flatMap((t) => typed.map((p) => forFirmType(p, t)))];
}

/**
 * The spec of a parameter a sweep may vary, or why it may not. `*` is allowed only as the
 * firm type (`firmTypes.*.policy.tokenBudgetShareOfBase`); the horizon is fixed per sweep.
 */
export function sweepParamSpec(path: string): ParamSpec | string {
  const spec = settableSpec(path);
  if (spec === UNKNOWN_PARAMETER) return `${spec}${suggestion(path, suggestionCandidates(), 6)}`;
  if (typeof spec === 'string') return spec;
  if (path === 'run.years') return 'the horizon cannot vary within a sweep (set "years" for the whole sweep)';
  return spec;
}

// ---------------------------------------------------------------------------------------
// Schema of the fields zod checks (base and parameters are checked by hand below)

/** Sweep names: like scenario names (file names, CLI args). */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Group names as the engine reports them: all, firm types, levels, budget_q1…q4. */
const GROUP_PATTERN = /^[a-z][a-z0-9_-]*$/;

export const METRIC_NAMES = METRIC_DEFS.map((d) => d.name);

function intRange(path: ParamSpecKey): z.ZodNumber {
  const spec = specFor(path);
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

