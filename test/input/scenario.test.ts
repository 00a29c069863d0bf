import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_FIRM_TYPES, DEFAULTS, LEVELS, firmTypeNames, type Params } from '../../sim/model/params.ts';
import { simulate } from '../../sim/run/simulate.ts';
import {
  MAX_FIRM_TYPES,
  MAX_NAME_LENGTH,
  ScenarioError,
  parseScenario,
  resolveScenario,
  scenarioJsonSchema,
  writeSchemaText,
} from '../../sim/input/scenario.ts';

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const scenarioFiles = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
  .sort();

const load = (name: string): Params =>
  parseScenario(readFileSync(`${SCENARIO_DIR}${name}.json`, 'utf8'), `${name}.json`);

/** A minimal valid scenario with `extra` fields added. */
const scenario = (extra: Record<string, unknown> = {}) => ({ name: 'test', description: 'A test.', ...extra });

/** The issues a scenario raises (fails the test if it is accepted). */
function problems(run: () => unknown): ScenarioError {
  try {
    run();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

const firstProblem = (obj: unknown) => problems(() => resolveScenario(obj)).issues[0];

const withoutLabels = ({ name: _n, description: _d, ...rest }: Params) => rest;

describe('scenario files', () => {
  it('are exactly the named scenarios', () => {
    expect(scenarioFiles.map((f) => basename(f, '.json')).sort()).toEqual(
      [
        'baseline',
        'baseline-static',
        'cash-freeze',
        'cash-sensitive-region',
        'complements',
        'finops-governance',
        'gpu-shortage',
        'huang-half-salary',
        'portable-credits',
        'price-crash',
        'startups-vs-bigtech',
        'substitutes',
        'tokenmaxxing',
        'tunguz-100k',
      ].sort(),
    );
  });

  it.each(scenarioFiles)('%s parses, resolves, names itself after its file and points at the schema', (file) => {
    const text = readFileSync(`${SCENARIO_DIR}${file}`, 'utf8');
    const params = parseScenario(text, file);
    expect(params.name).toBe(basename(file, '.json'));
    expect(params.description.length).toBeGreaterThan(40);
    expect((JSON.parse(text) as { $schema?: string }).$schema).toBe('./scenario.schema.json');
  });

  it('baseline resolves to exactly DEFAULTS apart from name and description', () => {
    const params = load('baseline');
    expect(withoutLabels(params)).toEqual(withoutLabels(DEFAULTS));
    expect(params.name).toBe('baseline');
  });

  it('baseline-static freezes the AI trends (capability, cap, autonomy; the price in real terms) and cohort growth; otherwise it is the baseline but for real demand growth', () => {
    const params = load('baseline-static');
    const m = params.market;
    // The token price rises with the outside wage (≈ ×1.035 a year), so compute costs the same in real terms.
    for (const g of [m.priceDeclineFirstYear, m.priceDeclineLongRun]) expect(Math.abs(g * params.supply.outsideWageGrowthPerYear - 1)).toBeLessThan(0.001);
    for (const g of [m.capabilityGrowthFirstYear, m.capabilityGrowthLongRun, m.orchestrationCapGrowthFirstYear, m.orchestrationCapGrowthLongRun, m.autonomyGrowthFirstYear, m.autonomyGrowthLongRun]) {
      expect(g).toBe(1);
    }
    expect(m.priceVolatility).toBe(0);
    expect(params.supply.cohortGrowthPerYear).toBe(1);
    const frozen = (p: Params) => {
      const { market: _m, supply: _s, firmTypes, ...rest } = withoutLabels(p) as Params;
      return { ...rest, firmTypes: Object.fromEntries(Object.entries(firmTypes).map(([k, t]) => [k, { ...t, demandGrowthPerYear: 0 }])) };
    };
    expect(frozen(params)).toEqual(frozen(DEFAULTS));
    for (const t of CORE_FIRM_TYPES) expect(params.firmTypes[t].demandGrowthPerYear).toBeGreaterThanOrEqual(1);
  });

  it('tunguz-100k gives a $375k big-tech staff engineer about $100k of tokens, as pay, at every core firm type', () => {
    const params = load('tunguz-100k');
    const bigtech = params.firmTypes.bigtech.policy;
    expect(bigtech.baseByLevel.staff * bigtech.tokenBudgetShareOfBase).toBeCloseTo(101_250, 6);
    for (const type of CORE_FIRM_TYPES) {
      expect(params.firmTypes[type].policy).toMatchObject({ tokenBudgetShareOfBase: 0.27, tokenBudgetFixed: 0, tokenBudgetIsPay: 1 });
      expect(params.firmTypes[type].policy.baseByLevel).toEqual(DEFAULTS.firmTypes[type].policy.baseByLevel);
    }
  });

  it('huang-half-salary pays half of base in tokens, capped at $250k', () => {
    const policy = load('huang-half-salary').firmTypes.bigtech.policy;
    expect(policy).toMatchObject({ tokenBudgetShareOfBase: 0.5, tokenBudgetCap: 250_000, tokenBudgetIsPay: 1 });
  });

  it('startups-vs-bigtech cuts startup base by 20 % and leaves the other firm types at the defaults', () => {
    const params = load('startups-vs-bigtech');
    for (const level of LEVELS) {
      expect(params.firmTypes.startup.policy.baseByLevel[level]).toBeCloseTo(
        0.8 * DEFAULTS.firmTypes.startup.policy.baseByLevel[level],
        6,
      );
    }
    expect(params.firmTypes.startup.policy.tokenBudgetShareOfBase).toBe(0.5);
    expect(params.firmTypes.bigtech).toEqual(DEFAULTS.firmTypes.bigtech);
    expect(params.firmTypes.midmarket).toEqual(DEFAULTS.firmTypes.midmarket);
  });

  it('gpu-shortage replaces the event list with one doubling of prices from month 24 for 12 months', () => {
    expect(load('gpu-shortage').market.events).toEqual([
      { label: 'GPU shortage', startMonth: 24, months: 12, priceFactor: 2 },
    ]);
  });

  it('finops-governance keeps the tokenmaxxing settings and adds chargebacks and a quota below the orchestration cap', () => {
    const params = load('finops-governance');
    const tokenmaxxing = load('tokenmaxxing');
    expect(params.engineers).toEqual(tokenmaxxing.engineers);
    expect(params.firmTypes).toEqual(tokenmaxxing.firmTypes);
    expect(params.cfo).toMatchObject({ finopsQuotaShareOfCap: 0.8, finopsChargebackWasteCut: 0.8 });
  });

  it('cash-sensitive-region adds a firm type that inherits the fields it does not set from midmarket', () => {
    const params = load('cash-sensitive-region');
    const region = params.firmTypes.region;
    const midmarket = DEFAULTS.firmTypes.midmarket;
    expect(firmTypeNames(params)).toEqual(['bigtech', 'startup', 'midmarket', 'region']);
    expect(region).toMatchObject({ firmShare: 0.3, sizeWeight: 2, tokenValuationMultiplier: 0.4, hostedUsableShare: 0.6 });
    expect(region.policy.baseByLevel).toEqual({ junior: 40_000, mid: 60_000, senior: 85_000, staff: 120_000 });
    expect(region.funding).toEqual(midmarket.funding);
    expect(region.demandGrowthPerYear).toBe(midmarket.demandGrowthPerYear);
    expect(region.policy.tokenExpiry).toBe(midmarket.policy.tokenExpiry);
    expect(region.policy.equityCliffMonths).toBe(midmarket.policy.equityCliffMonths);
    for (const type of CORE_FIRM_TYPES) expect(params.firmTypes[type]).toEqual(DEFAULTS.firmTypes[type]);
  });
});

describe('resolving overrides', () => {
  it('overrides one level and keeps the others', () => {
    const params = resolveScenario(scenario({ firmTypes: { bigtech: { policy: { baseByLevel: { staff: 400_000 } } } } }));
    expect(params.firmTypes.bigtech.policy.baseByLevel).toEqual({ junior: 150_000, mid: 200_000, senior: 280_000, staff: 400_000 });
    expect(params.firmTypes.bigtech.policy.equityByLevel).toEqual(DEFAULTS.firmTypes.bigtech.policy.equityByLevel);
  });

  it('drops $schema and keeps name and description', () => {
    const params = resolveScenario(scenario({ $schema: './scenario.schema.json' }));
    expect(params).not.toHaveProperty('$schema');
    expect(params).toMatchObject({ name: 'test', description: 'A test.' });
  });

  it('accepts level shares that sum to 1 within 1e-6', () => {
    const levelShares = { junior: 0.25, mid: 0.25, senior: 0.25, staff: 0.2500005 };
    expect(resolveScenario(scenario({ engineers: { levelShares } })).engineers.levelShares).toEqual(levelShares);
  });

  it('never mutates DEFAULTS, and returns parameters that share nothing with it', () => {
    const before = JSON.stringify(DEFAULTS);
    const all = scenarioFiles.map((f) => load(basename(f, '.json')));
    for (const params of all) {
      params.firmTypes.bigtech.funding.runwayTriggerMonths = 99;
      params.firmTypes.midmarket.policy.baseByLevel.staff = 1;
      params.market.events.push({ label: 'x', startMonth: 0, months: 1, priceFactor: 3 });
      params.engineers.levelShares.junior = 0;
    }
    resolveScenario(scenario({ firmTypes: { extra: { firmShare: 0.1 } } })).firmTypes.extra.policy.tokenBudgetCap = 7;
    expect(JSON.stringify(DEFAULTS)).toBe(before);
  });
});

describe('rejected scenarios name the path and the reason', () => {
  it('unknown field, with the closest field name suggested', () => {
    expect(firstProblem(scenario({ market: { priceDeclineLongrun: 2 } }))).toEqual({
      path: 'market.priceDeclineLongrun',
      message: 'unknown field (did you mean "priceDeclineLongRun"?)',
    });
    expect(firstProblem(scenario({ engineers: { levelShares: { junir: 0.3 } } }))).toEqual({
      path: 'engineers.levelShares.junir',
      message: 'unknown field (did you mean "junior"?)',
    });
  });

  it('unknown field with nothing close enough to suggest', () => {
    expect(firstProblem(scenario({ labour: { coffee: 1 } }))).toEqual({ path: 'labour.coffee', message: 'unknown field' });
    expect(firstProblem(scenario({ weather: 'rain' }))).toEqual({ path: 'weather', message: 'unknown field' });
  });

  it('wrong type', () => {
    expect(firstProblem(scenario({ market: { listPriceInitial: '8' } }))).toEqual({
      path: 'market.listPriceInitial',
      message: 'expected number, got string',
    });
    expect(firstProblem(scenario({ run: [] }))).toEqual({ path: 'run', message: 'expected object, got array' });
    expect(firstProblem(scenario({ firmTypes: { bigtech: null } }))).toEqual({
      path: 'firmTypes.bigtech',
      message: 'expected object, got null',
    });
    expect(firstProblem([])).toEqual({ path: '(root)', message: 'expected object, got array' });
  });

  it('out of range, above the maximum and below the minimum of the spec', () => {
    expect(firstProblem(scenario({ firmTypes: { startup: { policy: { tokenBudgetShareOfBase: 7 } } } }))).toEqual({
      path: 'firmTypes.startup.policy.tokenBudgetShareOfBase',
      message: 'must be at most 5 (got 7)',
    });
    expect(firstProblem(scenario({ firmTypes: { bigtech: { wholesaleDiscount: 0 } } }))).toEqual({
      path: 'firmTypes.bigtech.wholesaleDiscount',
      message: 'must be at least 0.01 (got 0)',
    });
  });

  it('non-integer where the spec requires an integer', () => {
    expect(firstProblem(scenario({ run: { years: 2.5 } }))).toEqual({ path: 'run.years', message: 'must be an integer (got 2.5)' });
  });

  it('non-finite numbers', () => {
    expect(firstProblem(scenario({ production: { sigma: Number.NaN } }))).toEqual({
      path: 'production.sigma',
      message: 'must be a finite number (got NaN)',
    });
    expect(firstProblem(scenario({ run: { years: Number.POSITIVE_INFINITY } }))).toEqual({
      path: 'run.years',
      message: 'must be a finite number (got Infinity)',
    });
  });

  it('malformed JSON, with line and column', () => {
    const text = '{\n  "name": "x",\n  "description": "y"\n  "run": {}\n}\n';
    expect(problems(() => parseScenario(text, 'bad.json')).message).toBe(
      'bad.json: (json): expected "," or "}" after a field value, found "\\"" at line 4, column 3',
    );
    expect(problems(() => parseScenario('{"name": "x",}')).issues).toEqual([
      { path: '(json)', message: 'expected a field name in double quotes, found "}" at line 1, column 14' },
    ]);
    expect(problems(() => parseScenario('{"name": "x"')).issues[0].message).toBe(
      'expected "," or "}" after a field value, found end of input at line 1, column 13',
    );
  });

  it('duplicate field in the JSON text (which JSON.parse would silently drop)', () => {
    expect(problems(() => parseScenario('{\n  "run": {"years": 1,\n    "years": 2}\n}')).issues).toEqual([
      { path: 'run.years', message: 'duplicate field at line 3, column 5' },
    ]);
  });

  it('level shares that do not sum to 1', () => {
    expect(firstProblem(scenario({ engineers: { levelShares: { junior: 0.5 } } }))).toEqual({
      path: 'engineers.levelShares',
      message: 'must sum to 1 (got 1.2)',
    });
  });

  it('no firm type with a positive firmShare', () => {
    const none = Object.fromEntries(CORE_FIRM_TYPES.map((t) => [t, { firmShare: 0 }]));
    expect(firstProblem(scenario({ firmTypes: none }))).toEqual({
      path: 'firmTypes',
      message: 'firmShare must be above 0 for at least one firm type',
    });
  });

  it('token expiry other than monthly or yearly', () => {
    expect(firstProblem(scenario({ firmTypes: { midmarket: { policy: { tokenExpiry: 'weekly' } } } }))).toEqual({
      path: 'firmTypes.midmarket.policy.tokenExpiry',
      message: 'must be one of "monthly", "yearly" (got "weekly")',
    });
  });

  it('missing or malformed name and empty description', () => {
    expect(firstProblem({ description: 'A test.' })).toEqual({ path: 'name', message: 'missing required field (expected string)' });
    expect(firstProblem({ name: 'test' })).toEqual({ path: 'description', message: 'missing required field (expected string)' });
    expect(firstProblem(scenario({ name: 'Big Tech' }))).toEqual({
      path: 'name',
      message: 'must be lower-case letters, digits and hyphens, starting with a letter or digit (got "Big Tech")',
    });
    expect(firstProblem(scenario({ description: '  ' }))).toEqual({ path: 'description', message: 'must not be empty (got "  ")' });
  });

  it('bad price events: a missing field, an out-of-range field, a non-object element', () => {
    const events = (e: unknown[]) => scenario({ market: { events: e } });
    expect(firstProblem(events([{ label: 'shock', startMonth: 12, months: 6 }]))).toEqual({
      path: 'market.events.0.priceFactor',
      message: 'missing required field (expected number)',
    });
    expect(firstProblem(events([{ label: 'a', startMonth: 0, months: 1, priceFactor: 1 }, { label: 'b', startMonth: 0, months: 0, priceFactor: 2 }]))).toEqual({
      path: 'market.events.1.months',
      message: 'must be at least 1 (got 0)',
    });
    expect(firstProblem(events([3]))).toEqual({ path: 'market.events.0', message: 'expected object, got number' });
    expect(firstProblem(scenario({ market: { events: { label: 'x' } } }))).toEqual({
      path: 'market.events',
      message: 'expected array, got object',
    });
  });

  it('new firm type without firmShare (suggesting a core type it may misspell) or with a bad name', () => {
    expect(firstProblem(scenario({ firmTypes: { startups: { policy: { tokenBudgetShareOfBase: 0.5 } } } }))).toEqual({
      path: 'firmTypes.startups',
      message: 'new firm type must set firmShare (did you mean "startup"?)',
    });
    expect(firstProblem(scenario({ firmTypes: { Region: { firmShare: 0.2 } } }))).toEqual({
      path: 'firmTypes.Region',
      message: 'firm-type name must be lower-case letters, digits and hyphens, starting with a letter',
    });
    expect(problems(() => parseScenario('{"name": "x", "description": "y", "firmTypes": {"__proto__": {"firmShare": 1}}}')).issues).toEqual([
      { path: 'firmTypes.__proto__', message: 'firm-type name must be lower-case letters, digits and hyphens, starting with a letter' },
    ]);
  });

  it('a name longer than a file system takes as a directory of the output', () => {
    expect(resolveScenario(scenario({ name: 'a'.repeat(MAX_NAME_LENGTH) })).name).toHaveLength(MAX_NAME_LENGTH);
    expect(firstProblem(scenario({ name: 'a'.repeat(300) }))).toEqual({ path: 'name', message: `must be at most ${MAX_NAME_LENGTH} characters (got 300)` });
  });

  it('more firm types than the engine can number; as many as it can run', () => {
    const withTypes = (count: number) => {
      const added = Object.fromEntries(Array.from({ length: count - CORE_FIRM_TYPES.length }, (_, k) => [`type-${k}`, { firmShare: 0.01 }]));
      return scenario({ run: { engineers: 10, years: 1 }, firmTypes: added });
    };
    expect(firstProblem(withTypes(MAX_FIRM_TYPES + 1))).toEqual({
      path: 'firmTypes',
      message: `at most ${MAX_FIRM_TYPES} firm types, the ${CORE_FIRM_TYPES.length} core ones included (got ${MAX_FIRM_TYPES + 1})`,
    });
    const params = resolveScenario(withTypes(MAX_FIRM_TYPES));
    expect(Object.keys(params.firmTypes)).toHaveLength(MAX_FIRM_TYPES);
    expect(simulate(params, 1).firmTypes).toHaveLength(MAX_FIRM_TYPES);
  });

  it('one-line message: source, first problem and how many more', () => {
    const error = problems(() =>
      resolveScenario(scenario({ run: { years: 0, firms: 0 }, cfo: { deadBandd: 0.1 } }), 'scenarios/x.json'),
    );
    expect(error.message).toBe('scenarios/x.json: run.firms: must be at least 1 (got 0) (and 2 more problems)');
    expect(error.message).not.toContain('\n');
    expect(error.issues.map((i) => i.path)).toEqual(['run.firms', 'run.years', 'cfo.deadBandd']);
    expect(error.issues[2].message).toBe('unknown field (did you mean "deadBand"?)');
    expect(error.name).toBe('ScenarioError');
  });
});

describe('JSON Schema of scenario files', () => {
  it('scenarios/scenario.schema.json is up to date (regenerate with vitest -u)', async () => {
    await expect(writeSchemaText()).toMatchFileSnapshot('../../scenarios/scenario.schema.json');
  });

  it('requires name and description, rejects unknown fields and carries spec ranges', () => {
    const schema = scenarioJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: { run: { properties: { years: Record<string, unknown> } } };
    };
    expect(schema.required).toEqual(['name', 'description']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.run.properties.years).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, title: 'Years' });
  });
});
