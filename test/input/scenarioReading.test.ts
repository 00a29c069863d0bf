import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioError, parseScenario, parseScenarioFile, resolveScenario, resolveScenarioFile } from '../../sim/input/scenario.ts';
import { DEFAULT_REFERENCE, referenceIssues, referenceIssueText, referenceOf } from '../../sim/input/scenarioReading.ts';

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
const readings = new Map(files.map((f) => [f.replace(/\.json$/, ''), parseScenarioFile(readFileSync(`${SCENARIO_DIR}${f}`, 'utf8'), f).reading]));

const scenario = (extra: Record<string, unknown> = {}) => ({ name: 'test', description: 'A test.', ...extra });

function issues(obj: unknown): ScenarioError['issues'] {
  try {
    resolveScenario(obj);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('a scenario file names its reference and windows', () => {
  it('defaults the reference to baseline, and baseline itself has none', () => {
    expect(resolveScenarioFile(scenario()).reading).toEqual({ reference: 'baseline', windows: [] });
    expect(referenceOf(DEFAULT_REFERENCE, undefined)).toBeUndefined();
    expect(resolveScenarioFile(scenario({ reference: 'tunguz-100k' })).reading.reference).toBe('tunguz-100k');
  });

  it('keeps reference and windows out of the parameters, so runs and their hashes do not change', () => {
    const plain = resolveScenario(scenario());
    const read = resolveScenario(scenario({ reference: 'tunguz-100k', windows: [{ name: 'shock', startMonth: 24, months: 12 }] }));
    expect(read).toEqual(plain);
  });

  it('rejects a reference to itself, or one that is not a scenario name', () => {
    expect(issues(scenario({ reference: 'test' }))).toEqual([{ path: 'reference', message: 'must name another scenario, not this one ("test")' }]);
    expect(issues(scenario({ reference: 'Tunguz 100k' }))[0].path).toBe('reference');
    expect(issues(scenario({ reference: 3 }))[0]).toEqual({ path: 'reference', message: 'expected string, got number' });
  });

  it('rejects windows past the run, with negative or fractional months, unknown fields or repeated names', () => {
    const at = (w: Record<string, unknown>, years = 10) => issues(scenario({ run: { years }, windows: [w] }))[0];
    expect(at({ name: 'shock', startMonth: 110, months: 12 })).toEqual({
      path: 'windows.0',
      message: "months 110–121 run past the run's last month (119: run.years × 12 months, counted from 0)",
    });
    expect(() => resolveScenario(scenario({ run: { years: 1 }, windows: [{ name: 'shock', startMonth: 0, months: 12 }] }))).not.toThrow();
    expect(at({ name: 'shock', startMonth: -1, months: 12 })).toEqual({ path: 'windows.0.startMonth', message: 'must be at least 0 (got -1)' });
    expect(at({ name: 'shock', startMonth: 2, months: 1.5 })).toEqual({ path: 'windows.0.months', message: 'must be an integer (got 1.5)' });
    expect(at({ name: 'shock', startMonth: 2, months: 0 })).toEqual({ path: 'windows.0.months', message: 'must be at least 1 (got 0)' });
    expect(at({ name: 'shock', startMonth: 2 })).toEqual({ path: 'windows.0.months', message: 'missing required field (expected number)' });
    expect(at({ name: 'shock', startMonth: 2, months: 3, month: 4 })).toEqual({ path: 'windows.0.month', message: 'unknown field (did you mean "months"?)' });
    expect(at({ name: ' ', startMonth: 2, months: 3 })).toEqual({ path: 'windows.0.name', message: 'must not be empty (got " ")' });
    const twice = issues(scenario({ windows: [{ name: 'shock', startMonth: 0, months: 2 }, { name: 'shock', startMonth: 5, months: 2 }] }));
    expect(twice).toEqual([{ path: 'windows.1.name', message: '"shock" already names windows.0' }]);
  });

  it('names the file in the one-line message', () => {
    expect(() => parseScenario(JSON.stringify(scenario({ reference: 'test' })), 'test.json')).toThrow('test.json: reference: must name another scenario, not this one ("test")');
  });
});

describe('references across a set of scenarios', () => {
  it('accept chains that end, and report unknown names with a suggestion', () => {
    const set = [
      { name: 'baseline', reference: undefined },
      { name: 'tunguz-100k', reference: 'baseline' },
      { name: 'tokenmaxxing', reference: 'tunguz-100k' },
      { name: 'finops', reference: 'tunguz-10k' },
    ];
    expect(referenceIssues(set.slice(0, 3))).toEqual([]);
    const found = referenceIssues(set);
    expect(found).toEqual([{ scenario: 'finops', path: 'reference', message: 'no scenario named "tunguz-10k" (did you mean "tunguz-100k"?)' }]);
    expect(referenceIssueText(found[0])).toBe('finops.json: reference: no scenario named "tunguz-10k" (did you mean "tunguz-100k"?)');
  });

  it('report a cycle once, from whichever scenario leads into it', () => {
    const found = referenceIssues([
      { name: 'x', reference: 'a' },
      { name: 'a', reference: 'b' },
      { name: 'b', reference: 'a' },
    ]);
    expect(found).toEqual([{ scenario: 'a', path: 'reference', message: 'references form a cycle: a → b → a' }]);
  });
});

describe('the scenarios in scenarios/', () => {
  it('have references that exist and end at baseline', () => {
    const set = [...readings].map(([name, r]) => ({ name, reference: r.reference }));
    expect(referenceIssues(set).map(referenceIssueText)).toEqual([]);
    for (const { name } of set) {
      let at: string | undefined = name;
      for (let k = 0; at !== undefined && at !== 'baseline'; k++) at = readings.get(at)?.reference;
      expect(at, name).toBe('baseline');
    }
  });

  it('read the variants of the Tunguz package against it, and FinOps against tokenmaxxing', () => {
    const ref = (name: string) => readings.get(name)?.reference;
    for (const name of ['cash-freeze', 'gpu-shortage', 'portable-credits', 'price-crash', 'tokenmaxxing']) expect(ref(name), name).toBe('tunguz-100k');
    expect(ref('finops-governance')).toBe('tokenmaxxing');
    expect(ref('tunguz-100k')).toBe('baseline');
    expect(ref('baseline')).toBeUndefined();
  });

  it('read against tunguz-100k only scenarios that pay its package (27 % of base in tokens, as pay) at every core firm type', () => {
    const load = (name: string) => parseScenario(readFileSync(`${SCENARIO_DIR}${name}.json`, 'utf8'));
    const pkg = (name: string) =>
      ['bigtech', 'startup', 'midmarket'].map((t) => {
        const { tokenBudgetShareOfBase, tokenBudgetFixed, tokenBudgetCap, tokenBudgetIsPay } = load(name).firmTypes[t].policy;
        return { tokenBudgetShareOfBase, tokenBudgetFixed, tokenBudgetCap, tokenBudgetIsPay };
      });
    const variants = [...readings].filter(([, r]) => r.reference === 'tunguz-100k').map(([name]) => name);
    expect(variants.length).toBe(5);
    for (const name of variants) expect(pkg(name), name).toEqual(pkg('tunguz-100k'));
    expect(pkg('huang-half-salary')).not.toEqual(pkg('tunguz-100k'));
  });

  it('give gpu-shortage the months of its event as a window', () => {
    const events = parseScenario(readFileSync(`${SCENARIO_DIR}gpu-shortage.json`, 'utf8')).market.events;
    const shock = readings.get('gpu-shortage')?.windows[0];
    expect(shock).toEqual({ name: 'shortage', startMonth: events[0].startMonth, months: events[0].months });
  });
});
