import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/input/scenario.ts';
import { buildSlot, effectiveOverrides, makeCatalogue, overridesSummary, referenceOffers, scenarioFileText } from '../../web/lib/catalogue.ts';

const files = Object.fromEntries(
  readdirSync('scenarios')
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`../../scenarios/${f}`, JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as unknown]),
);

describe('the bundled scenario catalogue', () => {
  it('holds every scenario file and skips the JSON Schema', () => {
    const { catalogue, problems } = makeCatalogue(files);
    expect(problems).toEqual([]);
    const expected = readdirSync('scenarios')
      .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect([...catalogue.keys()].sort()).toEqual(expected);
    expect(expected).toContain('baseline-static');
  });

  it('leaves out a file that fails validation or whose name differs, and says why', () => {
    const { catalogue, problems } = makeCatalogue({
      'x/good.json': { name: 'good', description: 'fine' },
      'x/bad.json': { name: 'bad', description: 'd', run: { years: 0 } },
      'x/other.json': { name: 'different', description: 'd' },
    });
    expect([...catalogue.keys()]).toEqual(['good']);
    expect(problems).toEqual(['bad.json: run.years: must be at least 1 (got 0)', 'other.json: name "different" differs from the file name']);
  });
});

describe('references in the catalogue', () => {
  const { catalogue } = makeCatalogue(files);

  it('carries each file’s reference, baseline by default and none for baseline', () => {
    expect(catalogue.get('finops-governance')!.reference).toBe('tokenmaxxing');
    expect(catalogue.get('gpu-shortage')!.reference).toBe('tunguz-100k');
    expect(catalogue.get('complements')!.reference).toBe('baseline');
    expect(catalogue.get('baseline')!.reference).toBeUndefined();
  });

  it('offers a reference only when it is not compared yet and a slot is free', () => {
    expect(referenceOffers(catalogue, ['finops-governance'], 3)).toEqual(['tokenmaxxing']);
    expect(referenceOffers(catalogue, ['finops-governance', 'tokenmaxxing'], 3)).toEqual([undefined, 'tunguz-100k']);
    expect(referenceOffers(catalogue, ['finops-governance', 'baseline'], 2)).toEqual([undefined, undefined]);
  });

  it('offers nothing for a reference the catalogue lacks', () => {
    const { catalogue: small } = makeCatalogue({ 'x/a.json': { name: 'a', description: 'd', reference: 'b' }, 'x/c.json': { name: 'c', description: 'd' } });
    expect(small.get('a')!.reference).toBeUndefined();
    expect(referenceOffers(small, ['a', 'c'], 3)).toEqual([undefined, undefined]);
  });
});

describe('what a compared scenario runs', () => {
  const { catalogue } = makeCatalogue(files);
  const tunguz = catalogue.get('tunguz-100k')!;

  it('runs the file itself when no lever moved', () => {
    const slot = buildSlot(tunguz, {});
    expect(slot.name).toBe('tunguz-100k');
    expect(slot.label).toBe('tunguz-100k');
    expect(slot.scenario).toBe(tunguz.file);
    expect(JSON.stringify(parseScenario(slot.text))).toBe(JSON.stringify(tunguz.params));
  });

  it('drops lever values equal to the file', () => {
    expect(effectiveOverrides(tunguz, { share: 0.27, sigma: 3, engineers: 10_000 })).toEqual({ sigma: 3 });
  });

  it('keeps a changed scenario’s windows that still fit its run, so a shorter run stays valid', () => {
    const shortage = catalogue.get('gpu-shortage')!;
    expect(buildSlot(shortage, { sigma: 2 }).scenario.windows).toEqual(shortage.file.windows);
    expect(buildSlot(shortage, { years: 3 }).scenario.windows).toEqual([{ name: 'shortage', startMonth: 24, months: 12 }]);
    expect(buildSlot(shortage, { years: 2 }).scenario).not.toHaveProperty('windows');
  });

  it('names a changed scenario <file>-custom and says what changed', () => {
    const slot = buildSlot(tunguz, { valuation: 0.4, sigma: 3 });
    expect(slot.name).toBe('tunguz-100k-custom');
    expect(slot.label).toBe('tunguz-100k · σ 3, λ 0.4');
    expect(String(slot.scenario.description)).toMatch(
      /Changed in the tokensim browser visualiser: production\.sigma = 3; engineers\.tokenValuation = 0\.4\.$/,
    );
    expect(slot.params.production.sigma).toBe(3);
    expect(slot.params.engineers.tokenValuation).toBe(0.4);
    expect(overridesSummary({ engineers: 2000, share: 0.5 })).toBe('budget ÷ base 0.5, engineers 2,000');
  });

  it('offers a downloadable file that parses to the same parameters the page ran', () => {
    const slot = buildSlot(catalogue.get('startups-vs-bigtech')!, { share: 0.9, years: 3 });
    const text = scenarioFileText(slot);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('$schema');
    const params = parseScenario(text, 'downloaded.json');
    expect(JSON.stringify(params)).toBe(JSON.stringify(slot.params));
    expect(params.firmTypes.startup.policy.tokenBudgetShareOfBase).toBe(0.9);
    expect(params.firmTypes.bigtech.policy.tokenBudgetShareOfBase).toBe(0);
    expect(String(slot.scenario.description)).toContain('firmTypes.<type>.policy.tokenBudgetShareOfBase (startup) = 0.9');
  });
});
