/**
 * Sensitivity spec files: which parameters vary over which ranges, which outputs are read
 * (metric, group, year), and the method's settings. Pure; errors name the field and reason.
 *
 * {
 *   "name": "tunguz-drivers", "description": "…",
 *   "base": "../tunguz-100k.json",
 *   "factors": { "production.sigma": [0.5, 3], "firmTypes.*.policy.tokenBudgetShareOfBase": [0, 0.5] },
 *   "outputs": [{ "metric": "cash_base_median", "year": 10 }],
 *   "method": "morris", "morris": { "trajectories": 10, "levels": 4, "replicates": 3, "bootstrap": 200 },
 *   "sobol": { "samples": 64, "bootstrap": 200 },
 *   "engineers": 2000, "years": 10, "seed": 1
 * }
 * A factor path with `*` in place of a firm type sets that field for every firm type.
 * The text is scanned as scenario files are (jsonScan.ts: duplicate fields, nesting depth);
 * engineers and years have the CLI's ranges (the `run.*` parameter metadata). Factor paths
 * that need the base scenario — a firm type's or an event's field — are checked against it
 * by factorProblem once it is loaded.
 */
import { z } from 'zod';
import type { Params } from '../../model/params.ts';
import { cloneParams, firmTypeNames, LEVELS } from '../../model/params.ts';
import { expandWildcard, getAt, isFirmTypeWildcard, problemWith, setAt, settableSpec, specFor } from '../../model/paramPaths.ts';
import { scanJson } from '../../input/jsonScan.ts';
import { valueRangeIssues } from '../../input/valueRangeIssues.ts';
import { BUDGET_QUARTILES, isMetricName, METRIC_DEFS, type MetricName } from '../../run/metricDefs.ts';
import type { Factor } from './sensitivity.ts';

export interface SensitivityOutput {
  metric: MetricName;
  group: string;
  year: number;
}

export interface SensitivitySpec {
  name: string;
  description: string;
  base: string;
  factors: Factor[];
  outputs: SensitivityOutput[];
  method: 'morris' | 'sobol';
  /** Trajectories and levels per design; `replicates` designs, each with its own trajectories and run seed; `bootstrap` resamples for μ*'s interval. */
  morris: { trajectories: number; levels: number; replicates: number; bootstrap: number };
  sobol: { samples: number; bootstrap: number };
  engineers?: number;
  years?: number;
  seed: number;
}

/** A spec problem: `<source>: <field path>: <reason>`, with the one issue for `tokensim validate`. */
export class SensitivitySpecError extends Error {
  readonly issues: { path: string; message: string }[];

  constructor(source: string, path: string, message: string) {
    super(`${source}: ${path}: ${message}`);
    this.issues = [{ path, message }];
  }
}

/** The CLI's range for a run size (`run.engineers`, `run.years`): a whole number within the metadata's bounds. */
const runSize = (key: 'run.engineers' | 'run.years') => {
  const { min, max } = specFor(key);
  return z.number().int().min(min).max(max).optional();
};

/** The fields of a spec file, with defaults (exported for the JSON Schema, sensitivitySchema.ts). */
export const sensitivitySpecSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    description: z.string().min(1),
    base: z.string().min(1),
    factors: z.record(z.string(), z.tuple([z.number(), z.number()])),
    outputs: z
      .array(z.object({ metric: z.string(), group: z.string().default('all'), year: z.number().int().min(1) }).strict())
      .min(1),
    method: z.enum(['morris', 'sobol']).default('morris'),
    morris: z
      .object({
        trajectories: z.number().int().min(2).max(1000).default(10),
        levels: z.number().int().min(2).max(20).default(4),
        replicates: z.number().int().min(1).max(100).default(1).describe('Replicate designs: each draws its own trajectories and runs with seed + replicate − 1; indices pool them all.'),
        bootstrap: z.number().int().min(0).max(10_000).default(200).describe("Bootstrap resamples of the trajectories for μ*'s 95 % interval (0: none)."),
      })
      .strict()
      .default({ trajectories: 10, levels: 4, replicates: 1, bootstrap: 200 }),
    sobol: z.object({ samples: z.number().int().min(8).max(100_000).default(64), bootstrap: z.number().int().min(0).max(10_000).default(200) }).strict().default({ samples: 64, bootstrap: 200 }),
    engineers: runSize('run.engineers'),
    years: runSize('run.years'),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  })
  .strict();

/** Parses and checks a spec (paths and ranges against the parameter metadata). */
export function parseSensitivitySpec(text: string, source = 'spec'): SensitivitySpec {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const problem = scanJson(body);
  if (problem) throw new SensitivitySpecError(source, problem.path, problem.message);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw new SensitivitySpecError(source, '(json)', e instanceof Error ? e.message : String(e));
  }
  const parsed = sensitivitySpecSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SensitivitySpecError(source, issue.path.join('.') || '(root)', issue.message);
  }
  const s = parsed.data;
  const factors: Factor[] = [];
  for (const [path, [min, max]] of Object.entries(s.factors)) {
    const where = `factors.${path}`;
    const spec = settableSpec(path);
    if (typeof spec === 'string') throw new SensitivitySpecError(source, where, spec);
    if (!(min < max)) throw new SensitivitySpecError(source, where, `the range must have min < max (got [${min}, ${max}])`);
    [min, max].forEach((v, k) => {
      const problem = problemWith(path, v);
      if (problem) throw new SensitivitySpecError(source, `${where}.${k}`, problem);
    });
    factors.push({ path, min, max });
  }
  if (factors.length === 0) throw new SensitivitySpecError(source, 'factors', 'name at least one parameter');
  if (s.seed + s.morris.replicates - 1 > 2 ** 32 - 1) {
    throw new SensitivitySpecError(source, 'morris.replicates', `replicate seeds run from seed to seed + replicates − 1, past 4294967295 (seed ${s.seed}); lower the seed`);
  }
  const outputs = s.outputs.map(({ metric, group, year }, k): SensitivityOutput => {
    if (!isMetricName(metric)) throw new SensitivitySpecError(source, `outputs.${k}.metric`, `unknown metric "${metric}"`);
    return { metric, group, year };
  });
  return { ...s, factors, outputs };
}

/**
 * Why factor `path` cannot be set on `base`, or undefined: every concrete path it stands for
 * (once per firm type for `firmTypes.*.…`) must name a number the base scenario has — a firm
 * type or an event it lacks would otherwise be half-created and crash the run.
 */
export function factorProblem(path: string, base: Params): string | undefined {
  if (isFirmTypeWildcard(path)) return undefined; // every firm type of the base has every field
  if (typeof getAt(base, path) === 'number') return undefined;
  const parts = path.split('.');
  if (parts[0] === 'firmTypes') return `the base scenario has no firm type "${parts[1]}" (it has ${firmTypeNames(base).join(', ')})`;
  if (parts[1] === 'events') return `the base scenario has no ${parts[0]} event ${parts[2]}`;
  return 'not a parameter of the base scenario';
}

/** The groups `metric` is reported for in a run of `base`: `all` and those of its group families. */
export function groupsOf(metric: MetricName, base: Params): string[] {
  const families = METRIC_DEFS.find((d) => d.name === metric)?.groups ?? [];
  const byFamily = { firmType: firmTypeNames(base), level: [...LEVELS], budgetQuartile: [...BUDGET_QUARTILES] };
  return ['all', ...families.flatMap((f) => byFamily[f])];
}

/**
 * Checks a parsed spec against its resolved base scenario, `years` being the horizon the runs
 * will have: every factor path exists in the base, neither end of its range makes the base one
 * that scenario validation refuses for undefined results (valueRangeIssues.ts: a base of $0),
 * every output's group is reported for its metric, every output year is within the horizon.
 * Throws SensitivitySpecError naming the field.
 */
export function checkSpecAgainstBase(spec: SensitivitySpec, base: Params, years: number, source = 'spec', horizonFrom = horizonSource(spec)): void {
  for (const f of spec.factors) {
    const problem = factorProblem(f.path, base);
    if (problem) throw new SensitivitySpecError(source, `factors.${f.path}`, problem);
    [f.min, f.max].forEach((v, k) => {
      const p = cloneParams(base);
      setFactor(p, f.path, v);
      const issue = valueRangeIssues(p)[0];
      if (issue) throw new SensitivitySpecError(source, `factors.${f.path}.${k}`, `${issue.path} ${issue.message}`);
    });
  }
  spec.outputs.forEach((o, k) => {
    const groups = groupsOf(o.metric, base);
    if (!groups.includes(o.group)) throw new SensitivitySpecError(source, `outputs.${k}.group`, `metric ${o.metric} has no group "${o.group}" (it has ${groups.join(', ')})`);
    if (o.year > years) throw new SensitivitySpecError(source, `outputs.${k}.year`, pastHorizon(o.year, years, k, horizonFrom));
  });
}

/** Where a spec's horizon comes from when no flag sets it: its `years` field or the base scenario. */
export function horizonSource(spec: Pick<SensitivitySpec, 'years'>): string {
  return spec.years === undefined ? 'the base scenario' : '"years" in the spec';
}

/**
 * Why an output year past the horizon cannot be read, and the ways out: the output's year
 * field, `--output-year` for every output, or a longer run.
 */
export function pastHorizon(year: number, years: number, k: number, horizonFrom: string): string {
  return (
    `year ${year} is past the ${years}-year horizon set by ${horizonFrom}: set outputs.${k}.year to at most ${years} in the spec, ` +
    `pass --output-year ${years} to read every output at year ${years}, or run longer (--years, or "years" in the spec)`
  );
}

/** Sets a factor's value in params; `*` as the firm type sets every type. Integers are rounded. */
export function setFactor(p: Params, path: string, value: number): void {
  const v = specFor(path)?.integer ? Math.round(value) : value;
  for (const leaf of expandWildcard(path, firmTypeNames(p))) setAt(p, leaf, v);
}
