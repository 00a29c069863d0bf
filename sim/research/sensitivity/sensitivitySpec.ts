/**
 * Sensitivity spec files: which parameters vary over which ranges, which outputs are read
 * (metric, group, year), and the method's settings. Pure; errors name the field and reason.
 *
 * {
 *   "name": "tunguz-drivers", "description": "…",
 *   "base": "../tunguz-100k.json",
 *   "factors": { "production.sigma": [0.5, 3], "firmTypes.*.policy.tokenBudgetShareOfBase": [0, 0.5] },
 *   "outputs": [{ "metric": "cash_base_median", "year": 10 }],
 *   "method": "morris", "morris": { "trajectories": 10, "levels": 4 },
 *   "sobol": { "samples": 64, "bootstrap": 200 },
 *   "engineers": 2000, "years": 10, "seed": 1
 * }
 * A factor path with `*` in place of a firm type sets that field for every firm type.
 */
import { z } from 'zod';
import type { Params } from '../../model/params.ts';
import { firmTypeNames } from '../../model/params.ts';
import { expandWildcard, problemWith, setAt, settableSpec, specFor } from '../../model/paramPaths.ts';
import { isMetricName, type MetricName } from '../../run/metricDefs.ts';
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
  morris: { trajectories: number; levels: number };
  sobol: { samples: number; bootstrap: number };
  engineers?: number;
  years?: number;
  seed: number;
}

export class SensitivitySpecError extends Error {}

const schema = z
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
    morris: z.object({ trajectories: z.number().int().min(2).max(1000).default(10), levels: z.number().int().min(2).max(20).default(4) }).strict().default({ trajectories: 10, levels: 4 }),
    sobol: z.object({ samples: z.number().int().min(8).max(100_000).default(64), bootstrap: z.number().int().min(0).max(10_000).default(200) }).strict().default({ samples: 64, bootstrap: 200 }),
    engineers: z.number().int().optional(),
    years: z.number().int().optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  })
  .strict();

/** Parses and checks a spec (paths and ranges against the parameter metadata). */
export function parseSensitivitySpec(text: string, source = 'spec'): SensitivitySpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SensitivitySpecError(`${source}: (json): ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SensitivitySpecError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const s = parsed.data;
  const factors: Factor[] = [];
  for (const [path, [min, max]] of Object.entries(s.factors)) {
    const where = `${source}: factors.${path}`;
    const spec = settableSpec(path);
    if (typeof spec === 'string') throw new SensitivitySpecError(`${where}: ${spec}`);
    if (!(min < max)) throw new SensitivitySpecError(`${where}: the range must have min < max (got [${min}, ${max}])`);
    [min, max].forEach((v, k) => {
      const problem = problemWith(path, v);
      if (problem) throw new SensitivitySpecError(`${where}.${k}: ${problem}`);
    });
    factors.push({ path, min, max });
  }
  if (factors.length === 0) throw new SensitivitySpecError(`${source}: factors: name at least one parameter`);
  const outputs = s.outputs.map(({ metric, group, year }, k): SensitivityOutput => {
    if (!isMetricName(metric)) throw new SensitivitySpecError(`${source}: outputs.${k}.metric: unknown metric "${metric}"`);
    return { metric, group, year };
  });
  return { ...s, factors, outputs };
}

/** Sets a factor's value in params; `*` as the firm type sets every type. Integers are rounded. */
export function setFactor(p: Params, path: string, value: number): void {
  const v = specFor(path)?.integer ? Math.round(value) : value;
  for (const leaf of expandWildcard(path, firmTypeNames(p))) setAt(p, leaf, v);
}
