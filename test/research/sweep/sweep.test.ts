/** Sweep files: validation with paths, grid and Latin-hypercube expansion, stable seeds, shards. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, firmTypeNames, type Params } from '../../../sim/model/params.ts';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { parseSweep, resolveSweep, SweepError, sweepToJson, writeSweepSchemaText, type Sweep } from '../../../sim/research/sweep/sweep.ts';
import { latinHypercube, planSweep, replicateSeed, runParamsHash, selectShard, type SweepPlan } from '../../../sim/research/sweep/sweepPlan.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SWEEP_DIR = path.join(ROOT, 'scenarios', 'sweeps');
const tunguz = parseScenario(readFileSync(path.join(ROOT, 'scenarios', 'tunguz-100k.json'), 'utf8'), 'tunguz-100k.json');

/** A minimal valid sweep object with `extra` fields added or replaced. */
const sweepObj = (extra: Record<string, unknown> = {}) => ({
  name: 'test-sweep',
  description: 'A test sweep.',
  base: '../tunguz-100k.json',
  parameters: { 'production.sigma': [0.5, 3] },
  replicates: 2,
  ...extra,
});

/** The issues a sweep raises (fails the test if it is accepted), planning it over `base`. */
function problems(obj: unknown, base: Params = tunguz): SweepError {
  try {
    const sweep = parseSweep(JSON.stringify(obj), 'bad.json');
    planSweep(sweep, sweep.inlineBase ?? base, 'bad.json');
  } catch (e) {
    if (e instanceof SweepError) return e;
    throw e;
  }
  throw new Error('the sweep was accepted');
}

const plan = (obj: Record<string, unknown>, base: Params = tunguz): SweepPlan => {
  const sweep = resolveSweep(obj, 'test.json');
  return planSweep(sweep, sweep.inlineBase ?? base, 'test.json');
};

describe('sweep file validation', () => {
  it.each([
    ['an unknown top-level field, with a suggestion', sweepObj({ replicate: 2 }), 'bad.json: replicate: unknown field (did you mean "replicates"?)'],
    ['a missing base', { ...sweepObj(), base: undefined }, 'bad.json: base: missing required field (a scenario file path or an inline scenario object)'],
    ['a base that is not a path or object', sweepObj({ base: 3 }), 'bad.json: base: expected a scenario file path or an inline scenario object, got number'],
    ['a misspelt parameter path', sweepObj({ parameters: { 'production.sigam': [1] } }), 'bad.json: parameters.production.sigam: unknown numeric parameter (did you mean "production.sigma"?)'],
    ['a value above the range', sweepObj({ parameters: { 'production.sigma': [0.5, 25] } }), 'bad.json: parameters.production.sigma.1: must be at most 20 (got 25)'],
    ['a non-integer for an integer parameter', sweepObj({ parameters: { 'run.firms': [10, 12.5] } }), 'bad.json: parameters.run.firms.1: must be an integer (got 12.5)'],
    ['a duplicate grid value', sweepObj({ parameters: { 'production.sigma': [0.5, 0.5] } }), 'bad.json: parameters.production.sigma.1: duplicate value 0.5'],
    ['an empty value list', sweepObj({ parameters: { 'production.sigma': [] } }), 'bad.json: parameters.production.sigma: must list at least 1 value'],
    ['no parameters', sweepObj({ parameters: {} }), 'bad.json: parameters: name at least one parameter to vary (a grid, or "latinHypercube")'],
    ['a string parameter', sweepObj({ parameters: { 'firmTypes.*.policy.tokenExpiry': [1] } }), 'bad.json: parameters.firmTypes.*.policy.tokenExpiry: unknown numeric parameter'],
    ['the horizon', sweepObj({ parameters: { 'run.years': [1, 2] } }), 'bad.json: parameters.run.years: the horizon cannot vary within a sweep (set "years" for the whole sweep)'],
    ['a wildcard outside firm types', sweepObj({ parameters: { 'engineers.skillByLevel.*': [1] } }), 'bad.json: parameters.engineers.skillByLevel.*: a wildcard is allowed only as the firm type (firmTypes.*.…)'],
    ['zero replicates', sweepObj({ replicates: 0 }), 'bad.json: replicates: must be at least 1 (got 0)'],
    ['a fractional seed', sweepObj({ seed: 1.5 }), 'bad.json: seed: must be an integer (got 1.5)'],
    ['an unknown metric', sweepObj({ metrics: ['headcount', 'cash_base_mena'] }), 'bad.json: metrics.1: unknown metric "cash_base_mena" (did you mean "cash_base_mean"?)'],
    ['an unknown group', sweepObj({ groups: ['all', 'startups'] }), 'bad.json: groups.1: unknown group "startups" (groups: all, bigtech, startup, midmarket, junior, mid, senior, staff, budget_q1, budget_q2, budget_q3, budget_q4)'],
    ['engineers out of range', sweepObj({ engineers: 5 }), 'bad.json: engineers: must be at least 10 (got 5)'],
    ['an unknown firm type', sweepObj({ parameters: { 'firmTypes.scaleup.policy.tokenBudgetShareOfBase': [0.1] } }), 'bad.json: parameters.firmTypes.scaleup.policy.tokenBudgetShareOfBase: the base scenario has no firm type "scaleup" (it has bigtech, startup, midmarket)'],
    ['an inline base with a bad field', sweepObj({ base: { labour: { bogus: 1 } } }), 'bad.json: base.labour.bogus: unknown field'],
    ['a point that is not a valid scenario', sweepObj({ parameters: { 'engineers.levelShares.junior': [0.3, 0.5] } }), 'bad.json: parameters: point 2 (engineers.levelShares.junior=0.5) is not a valid scenario: engineers.levelShares: must sum to 1 (got 1.2)'],
    ['a hypercube range the wrong way round', sweepObj({ parameters: { latinHypercube: { samples: 4, ranges: { 'production.sigma': [3, 0.5] } } } }), 'bad.json: parameters.latinHypercube.ranges.production.sigma: min must be below max (got [3, 0.5])'],
    ['a hypercube mixed with a grid', sweepObj({ parameters: { latinHypercube: { samples: 4, ranges: { 'production.sigma': [0.5, 3] } }, 'production.eta': [0.5] } }), 'bad.json: parameters.production.eta: a Latin hypercube cannot be combined with grid parameters'],
    ['a hypercube with an unknown field', sweepObj({ parameters: { latinHypercube: { sample: 4, ranges: {} } } }), 'bad.json: parameters.latinHypercube.sample: unknown field (did you mean "samples"?)'],
  ])('rejects %s, naming the path', (_what, obj, message) => {
    expect(problems(obj).message.replace(/ \(and \d+ more problems?\)$/, '')).toBe(message);
  });

  it('rejects a grid over the run limit with the count', () => {
    const values = Array.from({ length: 100 }, (_, k) => 0.5 + k / 100);
    const err = problems(sweepObj({ parameters: { 'production.sigma': values, 'production.eta': values.map((v) => v / 2) }, replicates: 100 }));
    expect(err.message).toBe('bad.json: replicates: 10000 points × 100 replicates = 1000000 runs; at most 200000');
  });

  it('rejects a parameter set twice through the firm-type wildcard', () => {
    const err = problems(sweepObj({ parameters: { 'firmTypes.*.policy.tokenBudgetFixed': [0], 'firmTypes.startup.policy.tokenBudgetFixed': [1000] } }));
    expect(err.message).toBe('bad.json: parameters.firmTypes.startup.policy.tokenBudgetFixed: sets firmTypes.startup.policy.tokenBudgetFixed, which firmTypes.*.policy.tokenBudgetFixed already sets');
  });

  it('reports JSON syntax with line and column, and every problem in issues', () => {
    expect(() => parseSweep('{"name": "x",\n "name": "y"}', 's.json')).toThrow('s.json: name: duplicate field at line 2, column 2');
    expect(() => parseSweep('{"name": ', 's.json')).toThrow(/^s\.json: \(json\): expected a value, found end of input at line 1/);
    expect(problems(sweepObj({ replicates: 0, seed: -1, bogus: 1 })).issues.map((i) => i.path).sort()).toEqual(['bogus', 'replicates', 'seed']);
  });

  it('defaults: seed 1, every metric, group all', () => {
    const s = resolveSweep(sweepObj());
    expect(s.seed).toBe(1);
    expect(s.groups).toEqual(['all']);
    expect(s.metrics).toContain('cash_base_median');
    expect(s.metrics.length).toBeGreaterThan(30);
  });

  it('an inline base gets the sweep name and description unless it sets them', () => {
    const s = resolveSweep(sweepObj({ base: { production: { eta: 0.6 } } }));
    expect(s.inlineBase?.name).toBe('test-sweep');
    expect(s.inlineBase?.production.eta).toBe(0.6);
  });

  it('sweepToJson round-trips through validation', () => {
    const s = resolveSweep(sweepObj({ metrics: ['headcount'], engineers: 500 }));
    const again: Sweep = resolveSweep(sweepToJson(s));
    expect(again).toEqual(s);
  });

  it('scenarios/sweeps/sweep.schema.json is up to date (regenerate with vitest -u)', async () => {
    await expect(writeSweepSchemaText()).toMatchFileSnapshot('../../../scenarios/sweeps/sweep.schema.json');
  });

  const exampleFiles = readdirSync(SWEEP_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();

  it('ships a grid example and a Latin-hypercube example', () => {
    const kinds = exampleFiles.map((f) => parseSweep(readFileSync(path.join(SWEEP_DIR, f), 'utf8'), f).design.kind);
    expect(kinds).toContain('grid');
    expect(kinds).toContain('latinHypercube');
  });

  it.each(exampleFiles)('example %s parses, plans over its base, names itself after its file and points at the schema', (file) => {
    const text = readFileSync(path.join(SWEEP_DIR, file), 'utf8');
    const sweep = parseSweep(text, file);
    expect(sweep.name).toBe(file.replace(/\.json$/, ''));
    expect((JSON.parse(text) as { $schema?: string }).$schema).toBe('./sweep.schema.json');
    const base = sweep.inlineBase ?? parseScenario(readFileSync(path.join(SWEEP_DIR, sweep.base as string), 'utf8'));
    const p = planSweep(sweep, base, file);
    expect(p.runs.length).toBe(p.points.length * sweep.replicates);
  });
});

describe('grid expansion', () => {
  const grid = sweepObj({
    parameters: { 'firmTypes.*.policy.tokenBudgetShareOfBase': [0, 0.27], 'production.sigma': [0.5, 0.8, 3] },
    engineers: 500,
    years: 2,
  });

  it('lists every combination, the first parameter outermost, replicates within a point', () => {
    const p = plan(grid);
    expect(p.points.map((pt) => pt.assignments)).toEqual([
      { 'firmTypes.*.policy.tokenBudgetShareOfBase': 0, 'production.sigma': 0.5 },
      { 'firmTypes.*.policy.tokenBudgetShareOfBase': 0, 'production.sigma': 0.8 },
      { 'firmTypes.*.policy.tokenBudgetShareOfBase': 0, 'production.sigma': 3 },
      { 'firmTypes.*.policy.tokenBudgetShareOfBase': 0.27, 'production.sigma': 0.5 },
      { 'firmTypes.*.policy.tokenBudgetShareOfBase': 0.27, 'production.sigma': 0.8 },
      { 'firmTypes.*.policy.tokenBudgetShareOfBase': 0.27, 'production.sigma': 3 },
    ]);
    expect(p.runs.map((r) => [r.pointIndex, r.replicate])).toEqual([0, 1, 2, 3, 4, 5].flatMap((i) => [[i, 1], [i, 2]]));
    expect(p.runs.map((r) => r.runId)).toEqual(p.points.flatMap((pt) => [`${pt.id}-r1`, `${pt.id}-r2`]));
    expect(p.months).toBe(24);
  });

  it('writes a point into the parameters: the wildcard sets every firm type, engineers and years override the base', () => {
    const p = plan(grid);
    const params = p.runs[9].params; // point 4: share 0.27, σ 0.8
    for (const t of firmTypeNames(params)) expect(params.firmTypes[t].policy.tokenBudgetShareOfBase).toBe(0.27);
    expect(params.production.sigma).toBe(0.8);
    expect(params.run).toEqual({ ...tunguz.run, engineers: 500, years: 2 });
    expect(params.labour).toEqual(tunguz.labour);
    expect(params.name).toBe('tunguz-100k');
  });

  it('is deterministic: the same file gives the same ids, seeds and parameter hashes', () => {
    const a = plan(grid);
    const b = plan(grid);
    expect(b.runs.map((r) => [r.runId, r.seed, runParamsHash(r)])).toEqual(a.runs.map((r) => [r.runId, r.seed, runParamsHash(r)]));
    expect(b.sweepHash).toBe(a.sweepHash);
  });

  it('gives every run its own seed, derived from the base seed', () => {
    const a = plan(grid);
    expect(new Set(a.runs.map((r) => r.seed)).size).toBe(a.runs.length);
    const other = plan({ ...grid, seed: 2 });
    expect(other.points.map((p) => p.id)).toEqual(a.points.map((p) => p.id)); // the point is the point
    expect(other.runs.some((r, k) => r.seed === a.runs[k].seed)).toBe(false);
    expect(a.runs[0].seed).toBe(replicateSeed(1, a.points[0].assignments, 1));
  });

  it('keeps every existing point’s id and seeds when the grid grows', () => {
    const small = plan(grid);
    const grown = plan({
      ...grid,
      parameters: { 'firmTypes.*.policy.tokenBudgetShareOfBase': [0, 0.1, 0.27, 0.5], 'production.sigma': [0.3, 0.5, 0.8, 3] },
      replicates: 3,
    });
    const seeds = new Map(grown.runs.map((r) => [r.runId, r.seed]));
    for (const r of small.runs) expect(seeds.get(r.runId)).toBe(r.seed);
    expect(grown.runs.length).toBe(16 * 3);
    expect(grown.sweepHash).not.toBe(small.sweepHash);
  });

  it('changes the sweep hash with the base but not with the description', () => {
    const a = plan(grid);
    expect(plan({ ...grid, description: 'Reworded.' }).sweepHash).toBe(a.sweepHash);
    const base = structuredClone(tunguz);
    base.production.eta = 0.55;
    expect(plan(grid, base).sweepHash).not.toBe(a.sweepHash);
  });
});

describe('Latin hypercube', () => {
  const ranges = { 'production.sigma': [0.5, 3], 'run.firms': [10, 29], 'engineers.tokenValuation': [0.2, 1] };
  const lhs = sweepObj({ parameters: { latinHypercube: { samples: 20, ranges } }, replicates: 1 });

  it('puts exactly one sample in each stratum of every range', () => {
    const p = plan(lhs);
    expect(p.points).toHaveLength(20);
    for (const [path, [min, max]] of Object.entries(ranges)) {
      const strata = p.points.map((pt) => Math.floor(((pt.assignments[path] - min) / (max - min + (path === 'run.firms' ? 1 : 0))) * 20)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 20 }, (_, k) => k));
    }
  });

  it('gives integer parameters integer values', () => {
    for (const pt of plan(lhs).points) expect(Number.isInteger(pt.assignments['run.firms'])).toBe(true);
  });

  it('is deterministic in the seed and differs between seeds', () => {
    const r = [{ path: 'production.sigma', min: 0.5, max: 3 }];
    expect(latinHypercube(8, r, 5)).toEqual(latinHypercube(8, r, 5));
    expect(latinHypercube(8, r, 6)).not.toEqual(latinHypercube(8, r, 5));
    expect(plan(lhs).points.map((p) => p.id)).toEqual(plan(lhs).points.map((p) => p.id));
  });

  it('rejects samples that collide on a narrow integer range', () => {
    const err = problems(sweepObj({ parameters: { latinHypercube: { samples: 5, ranges: { 'run.firms': [10, 12] } } } }));
    expect(err.message).toMatch(/^bad\.json: parameters: points \d and \d are the same \(run\.firms=1\d\); widen the integer ranges or take fewer samples$/);
  });
});

describe('shards', () => {
  const runs = plan(sweepObj({ parameters: { 'production.sigma': [0.5, 0.8, 1, 1.5, 3], 'production.eta': [0.4, 0.5, 0.6] }, replicates: 2 })).runs;

  it.each([1, 2, 3, 4, 7, 30, 31])('%i shards partition the runs, round robin, sizes within one', (n) => {
    const shards = Array.from({ length: n }, (_, k) => selectShard(runs, k + 1, n));
    const ids = shards.flat().map((r) => r.runId);
    expect(ids.slice().sort()).toEqual(runs.map((r) => r.runId).sort());
    expect(new Set(ids).size).toBe(runs.length);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(shards[0][0]).toBe(runs[0]);
    if (n > 1) expect(shards[1][0]).toBe(runs[1]);
  });

  it('rejects a shard outside 1..N', () => {
    expect(() => selectShard(runs, 0, 4)).toThrow(RangeError);
    expect(() => selectShard(runs, 5, 4)).toThrow(RangeError);
  });
});

it('the sweepable parameters cover every numeric default but the horizon', () => {
  const s = resolveSweep(sweepObj({ parameters: { 'firmTypes.*.funding.roundProbPerMonth': [0.1], 'labour.promotionProbByLevel.staff': [0.01] } }));
  const p = planSweep(s, DEFAULTS);
  expect(p.runs[0].params.firmTypes.startup.funding.roundProbPerMonth).toBe(0.1);
  expect(p.runs[0].params.labour.promotionProbByLevel.staff).toBe(0.01);
});
