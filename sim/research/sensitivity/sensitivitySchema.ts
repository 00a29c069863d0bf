/**
 * The JSON Schema (draft-07) of sensitivity spec files — `scenarios/sensitivity/sensitivity.schema.json`,
 * printed by `tokensim schema --sensitivity` — built from the validator's own fields and the
 * parameter metadata, so editors complete factor paths and metric names. Pure: no `node:` imports.
 */
import { z } from 'zod';
import { numericParamPaths, specFor } from '../../model/paramPaths.ts';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import { sensitivitySpecSchema } from './sensitivitySpec.ts';

type JsonObject = Record<string, unknown>;

/** A firm type's own field written out (`firmTypes.startup.…`) or an event's; checked against the base by tokensim. */
export const OTHER_PATHS = '^(firmTypes\\.[a-z][a-z0-9-]*|(market|demand)\\.events\\.[0-9]+)\\.';

/** JSON Schema (draft-07) of a sensitivity spec file. */
export function sensitivityJsonSchema(): object {
  const top = z.toJSONSchema(sensitivitySpecSchema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as JsonObject & {
    properties: JsonObject;
  };
  const range = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };
  const factors: JsonObject = {};
  for (const path of numericParamPaths()) {
    const spec = specFor(path)!;
    factors[path] = { ...range, title: `${spec.label} (${spec.unit})`, items: { type: spec.integer ? 'integer' : 'number', minimum: spec.min, maximum: spec.max } };
  }
  top.title = 'tokensim sensitivity spec';
  top.description = 'Parameter ranges ("factors"), outputs (metric, group, year) and the method: Morris screening or Sobol indices (README: tokensim sensitivity).';
  top.properties.base = { type: 'string', pattern: '\\.json$', description: 'The base scenario file, relative to this file.' };
  top.properties.factors = {
    type: 'object',
    description: 'Parameter path → [min, max]. Paths are dotted; firmTypes.*.… sets every firm type.',
    properties: factors,
    patternProperties: { [OTHER_PATHS]: range },
    additionalProperties: false,
    minProperties: 1,
  };
  const outputs = top.properties.outputs as { items: { properties: JsonObject } };
  outputs.items.properties.metric = { type: 'string', enum: METRIC_DEFS.map((d) => d.name) };
  return top;
}

/**
 * The exact text of `scenarios/sensitivity/sensitivity.schema.json` (2-space indent, trailing
 * newline). Regenerate with `npx vitest run test/research/sensitivity/sensitivitySpec.test.ts -u`.
 */
export function writeSensitivitySchemaText(): string {
  return `${JSON.stringify(sensitivityJsonSchema(), null, 2)}\n`;
}
