import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, scanJson } from '../../sim/input/jsonScan.ts';
import { ScenarioError, parseScenario } from '../../sim/input/scenario.ts';
import { SweepError, parseSweep } from '../../sim/research/sweep/sweep.ts';

const nested = (levels: number, open = '[', close = ']') => open.repeat(levels) + close.repeat(levels);

describe('scanJson nesting limit', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and rejects one more, naming the place`, () => {
    expect(scanJson(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(scanJson(nested(MAX_JSON_DEPTH + 1))).toEqual({
      path: '(json)',
      message: `nested more than ${MAX_JSON_DEPTH} levels deep at line 1, column ${MAX_JSON_DEPTH + 1}`,
    });
  });

  it('counts objects and arrays alike', () => {
    const objects = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1);
    expect(scanJson(objects)?.message).toMatch(/^nested more than/);
  });

  it('turns 100,000 levels into a message, not a stack overflow', () => {
    expect(scanJson(nested(100_000))?.message).toMatch(/^nested more than/);
    expect(scanJson(nested(100_000, '{"a":', '}'))?.message).toMatch(/^nested more than/);
  });
});

describe('deeply nested input files', () => {
  const deep = `{"name": "x", "description": "d", "labour": ${nested(10_000)}}`;

  it('a scenario file is rejected as a scenario error', () => {
    expect(() => parseScenario(deep, 'deep.json')).toThrow(ScenarioError);
    expect(() => parseScenario(deep, 'deep.json')).toThrow(/^deep\.json: \(json\): nested more than/);
  });

  it('a sweep file is rejected as a sweep error', () => {
    expect(() => parseSweep(deep, 'deep.json')).toThrow(SweepError);
    expect(() => parseSweep(deep, 'deep.json')).toThrow(/^deep\.json: \(json\): nested more than/);
  });
});
