import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { getAt, problemWith } from '../../../sim/model/paramPaths.ts';
import { counterfactualParams, MECHANISMS, overridesText } from '../../../sim/research/reports/mechanisms.ts';
import { PRODUCTIVE_TOKENS, metricQuantity } from '../../../sim/research/reports/findingQuantities.ts';
import { simulate } from '../../../sim/run/simulate.ts';

const names = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.replace(/\.json$/, ''));
const load = (name: string) => parseScenario(readFileSync(`scenarios/${name}.json`, 'utf8'), name);

describe('the mechanism of each scenario', () => {
  it('is stated for every scenario file, and for no other', () => {
    expect(Object.keys(MECHANISMS).sort()).toEqual([...names].sort());
    for (const name of names) expect(MECHANISMS[name].text.length, name).toBeGreaterThan(60);
  });

  it.each(names.flatMap((name) => MECHANISMS[name].counterfactuals.map((cf) => [name, cf.name] as const)))('%s: counterfactual “%s” sets parameters that exist, within their ranges, to values that differ', (name, cfName) => {
    const p = load(name);
    const cf = MECHANISMS[name].counterfactuals.find((c) => c.name === cfName)!;
    const out = counterfactualParams(p, cf);
    let changed = false;
    for (const [path, value] of Object.entries(cf.overrides(p))) {
      const concrete = path.includes('*') ? Object.keys(p.firmTypes).map((t) => path.replace('*', t)) : [path];
      for (const c of concrete) {
        expect(problemWith(c, value), c).toBeUndefined();
        expect(getAt(out, c), c).toBe(value);
        if (getAt(p, c) !== value) changed = true;
      }
    }
    expect(changed).toBe(true);
    expect(out.name).not.toBe(p.name);
  });

  it('moves firm-specific leverage into portable fluency with the same ceiling, leaving the scenario as it was', () => {
    const p = load('tunguz-100k');
    const cf = MECHANISMS['tunguz-100k'].counterfactuals.find((c) => c.name === 'all leverage portable')!;
    const out = counterfactualParams(p, cf);
    expect(out.engineers.firmLeverageMax).toBe(0);
    expect(out.engineers.portableFluencyMax).toBe(p.engineers.portableFluencyMax + p.engineers.firmLeverageMax);
    expect(p.engineers.firmLeverageMax).toBeGreaterThan(0);
    expect(overridesText(p, cf)).toBe('`engineers.firmLeverageMax` = 0, `engineers.portableFluencyMax` = 1.5');
  });

  it('sets a wildcard firm-type path at every firm type', () => {
    const p = load('tunguz-100k');
    const out = counterfactualParams(p, MECHANISMS['tunguz-100k'].counterfactuals[0]);
    expect(Object.values(out.firmTypes).map((t) => t.policy.tokenBudgetIsPay)).toEqual([0, 0, 0]);
  });
});

describe('finops-governance tests its question', () => {
  const small = (name: string) => {
    const p = load(name);
    p.run.engineers = 1000;
    p.run.years = 3;
    return simulate(p, 1);
  };
  const finops = small('finops-governance');
  const maxx = small('tokenmaxxing');
  const mean = (r: ReturnType<typeof simulate>, q: typeof PRODUCTIVE_TOKENS) => {
    let s = 0;
    for (let m = 12; m < 36; m++) s += q.at(r, m)!;
    return s / 24;
  };

  it('its quota, below the orchestration cap, removes the waste of tokenmaxxing and cuts productive use with it', () => {
    expect(mean(maxx, metricQuantity('token_waste_share'))).toBeGreaterThan(0.02);
    expect(mean(finops, metricQuantity('token_waste_share'))).toBe(0);
    expect(mean(finops, PRODUCTIVE_TOKENS)).toBeLessThan(0.95 * mean(maxx, PRODUCTIVE_TOKENS));
  });

  it('differs from tunguz-100k, which a quota at the cap reproduced bit for bit', () => {
    expect(finops.resultHash).not.toBe(small('tunguz-100k').resultHash);
  });
});
