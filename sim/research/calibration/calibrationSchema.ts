/**
 * The JSON Schema (draft-07) of calibration spec files — `scenarios/calibration/calibration.schema.json`,
 * printed by `tokensim schema --calibration` — built from the validator's own fields and the
 * parameter and metric metadata, so editors complete parameter paths and metric names. Pure.
 */
import { z } from 'zod';
import { numericParamPaths, specFor } from '../../model/paramPaths.ts';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import { calibrationSpecSchema } from './calibrationSpec.ts';
import { OTHER_PATHS } from '../sensitivity/sensitivitySchema.ts';

type JsonObject = Record<string, unknown>;


export function calibrationJsonSchema(): object {
  const top = z.toJSONSchema(calibrationSpecSchema(), { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as JsonObject & { properties: JsonObject };
  const bounds = (items: JsonObject) => ({ type: 'array', items, minItems: 2, maxItems: 2 });
  const entry = (items: JsonObject) => ({
    anyOf: [
      bounds(items),
      { type: 'object', properties: { bounds: bounds(items), start: { type: 'number' } }, required: ['bounds'], additionalProperties: false },
    ],
  });
  const parameters: JsonObject = {};
  for (const path of numericParamPaths()) {
    const spec = specFor(path)!;
    if (spec.integer) continue;
    parameters[path] = { ...entry({ type: 'number', minimum: spec.min, maximum: spec.max }), title: `${spec.label} (${spec.unit})` };
  }
  top.title = 'tokensim calibration spec';
  top.description = 'Parameters with bounds, target moments (metric, group, window, statistic, target, width, source), seeds and optimiser settings for estimation by simulated moments (README: tokensim calibrate).';
  top.properties.base = { type: 'string', pattern: '\\.json$', description: 'The base scenario file, relative to this file.' };
  top.properties.parameters = {
    type: 'object',
    description: 'Parameter path → [lower, upper] or { "bounds": [lower, upper], "start": value }. Paths are dotted; firmTypes.*.… sets every firm type.',
    properties: parameters,
    patternProperties: { [OTHER_PATHS]: entry({ type: 'number' }) },
    additionalProperties: false,
    minProperties: 1,
  };
  const moments = top.properties.moments as { items: { properties: JsonObject } };
  moments.items.properties.metric = { type: 'string', enum: METRIC_DEFS.map((d) => d.name) };
  return top;
}

/** The exact text of `scenarios/calibration/calibration.schema.json` (2-space indent, trailing newline). */
export function writeCalibrationSchemaText(): string {
  return `${JSON.stringify(calibrationJsonSchema(), null, 2)}\n`;
}
