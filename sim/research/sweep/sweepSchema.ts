/**
 * The JSON Schema (draft-07) of sweep files — `scenarios/sweeps/sweep.schema.json`, which
 * editors use to complete and check sweep files — built from the same fields and parameter
 * specs as the validator. Pure: no `node:` imports.
 */
import { z } from 'zod';
import type { ParamSpec } from '../../model/paramSpecs.ts';
import { specFor } from '../../model/paramPaths.ts';
import { scenarioJsonSchema } from '../../input/scenario.ts';
import { LHS_KEY, MAX_POINTS, sweepableParamPaths, topLevelShape, type JsonObject } from './sweepFields.ts';

/** JSON Schema of the values of one parameter: a grid's value list or a hypercube's [min, max]. */
function valueSchema(spec: ParamSpec): JsonObject {
  return { type: spec.integer ? 'integer' : 'number', minimum: spec.min, maximum: spec.max };
}

/** Grid entries with completion and range checks in editors: each path's values, typed and bounded. */
function gridProperties(): JsonObject {
  const props: JsonObject = {};
  for (const path of sweepableParamPaths()) {
    const spec = specFor(path)!;
    props[path] = { title: `${spec.label} (${spec.unit})`, anyOf: [{ type: 'array', items: valueSchema(spec), minItems: 1 }, RANGE_SCHEMA] };
  }
  return props;
}

/** A grid axis written `"start:step:end"` (gridRange.ts). */
const RANGE_SCHEMA = {
  type: 'string',
  pattern: '^\\s*-?[0-9.eE+-]+\\s*:\\s*-?[0-9.eE+-]+\\s*:\\s*-?[0-9.eE+-]+\\s*$',
  description: 'start:step:end, e.g. "0:0.05:0.5": start + i·step up to end (included when on the grid); step non-zero, towards end.',
};

/** A firm type's own field written out (`firmTypes.startup.policy.…`) or an event's; checked by tokensim. */
const OTHER_PATHS = '^(firmTypes\\.[a-z][a-z0-9-]*|market\\.events\\.[0-9]+)\\.';

/** JSON Schema (draft-07) of a sweep file, for editor completion and checking. */
export function sweepJsonSchema(): object {
  const top = z.toJSONSchema(
    z.strictObject(topLevelShape(true)).describe('A base scenario, the parameters to vary and the replicate seeds per point (docs/researchers.md).'),
    { target: 'draft-07', io: 'input', unrepresentable: 'any' },
  ) as JsonObject & { properties: JsonObject; required?: string[] };
  const scenario = scenarioJsonSchema() as JsonObject;
  const { $schema: _s, required: _r, definitions, title: _t, ...inlineScenario } = scenario;
  top.title = 'tokensim sweep';
  top.required = ['name', 'description', 'base', 'parameters', 'replicates'];
  top.properties.base = {
    description: 'The scenario every point starts from: a scenario file path relative to this file, or an inline scenario (name and description optional).',
    anyOf: [{ type: 'string', pattern: '\\.json$' }, { $ref: '#/definitions/inlineScenario' }],
  };
  const other = { type: 'array', items: { type: 'number' } };
  top.properties.parameters = {
    description: `The points: a grid (every combination of the listed values, in file order; a list or "start:step:end") or { "${LHS_KEY}": { samples, ranges } }. Paths are dotted; firmTypes.*.… sets every firm type.`,
    anyOf: [
      {
        title: 'Latin hypercube',
        type: 'object',
        properties: {
          [LHS_KEY]: {
            type: 'object',
            properties: {
              samples: { type: 'integer', minimum: 1, maximum: MAX_POINTS, description: 'Number of points; each range is cut into this many strata, one point per stratum.' },
              ranges: {
                type: 'object',
                description: 'Parameter path → [min, max] (the same paths as a grid).',
                propertyNames: { anyOf: [{ enum: sweepableParamPaths() }, { pattern: OTHER_PATHS }] },
                additionalProperties: { ...other, minItems: 2, maxItems: 2 },
              },
            },
            required: ['samples', 'ranges'],
            additionalProperties: false,
          },
        },
        required: [LHS_KEY],
        additionalProperties: false,
      },
      {
        title: 'Grid',
        type: 'object',
        properties: gridProperties(),
        patternProperties: { [OTHER_PATHS]: { anyOf: [{ ...other, minItems: 1 }, RANGE_SCHEMA] } },
        additionalProperties: false,
        minProperties: 1,
      },
    ],
  };
  const ordered: JsonObject = {};
  for (const key of Object.keys(topLevelShape(true))) ordered[key] = top.properties[key];
  top.properties = ordered;
  top.definitions = { ...(definitions as JsonObject), inlineScenario: { ...inlineScenario, title: 'Inline scenario' } };
  return top;
}

/**
 * The exact text of `scenarios/sweeps/sweep.schema.json` (2-space indent, trailing newline).
 * Regenerate with `npx vitest run test/research/sweep/sweep.test.ts -u`.
 */
export function writeSweepSchemaText(): string {
  return `${JSON.stringify(sweepJsonSchema(), null, 2)}\n`;
}
