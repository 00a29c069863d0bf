import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSlot, makeCatalogue } from '../../web/lib/catalogue.ts';
import { decodeState, defaultState, encodeState, seedList, type ViewState } from '../../web/lib/urlState.ts';

const files = Object.fromEntries(
  readdirSync('scenarios')
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`../../scenarios/${f}`, JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as unknown]),
);
const { catalogue } = makeCatalogue(files);
const names = [...catalogue.keys()];

const decodeOk = (q: string): ViewState => {
  const r = decodeState(q, names);
  if (!r.ok) throw new Error(r.error);
  return r.state;
};
const decodeError = (q: string): string => {
  const r = decodeState(q, names);
  if (r.ok) throw new Error(`expected an error for ${q}`);
  return r.error;
};

describe('URL state', () => {
  it('defaults to baseline against the $100k package, three seeds from seed 1', () => {
    expect(defaultState(names)).toEqual({
      slots: [
        { scenario: 'baseline', overrides: {} },
        { scenario: 'tunguz-100k', overrides: {} },
      ],
      focus: 1,
      seeds: 3,
      seed: 1,
    });
    const r = decodeState('', names);
    expect(r).toEqual({ ok: true, state: defaultState(names), empty: true });
  });

  it('encodes a view readably and decodes it back to the same view', () => {
    const view: ViewState = {
      slots: [
        { scenario: 'baseline', overrides: {} },
        { scenario: 'tunguz-100k', overrides: { valuation: 0.4, sigma: 3 } },
        { scenario: 'tunguz-100k', overrides: { engineers: 2000, cfoBudget: 1 } },
      ],
      focus: 2,
      seeds: 5,
      seed: 17,
    };
    const q = encodeState(view);
    expect(q).toBe('?s=baseline,tunguz-100k~sigma:3~valuation:0.4,tunguz-100k~cfoBudget:1~engineers:2000&focus=2&seeds=5&seed=17');
    expect(decodeOk(q)).toEqual(view);
  });

  it('round-trips the calibrated labour-market levers, after the main levers', () => {
    const view: ViewState = {
      slots: [{ scenario: 'baseline-static', overrides: { offerCut: 0.01, matching: 0.3, search: 0.12, separations: 0.05, switching: 0.1, sigma: 2 } }],
      focus: 0,
      seeds: 2,
      seed: 1,
    };
    const q = encodeState(view);
    expect(q).toBe('?s=baseline-static~sigma:2~search:0.12~separations:0.05~matching:0.3~switching:0.1~offerCut:0.01&focus=0&seeds=2&seed=1');
    expect(decodeOk(q)).toEqual(view);
    expect(decodeError('?s=baseline~matching:9')).toBe('s: baseline: matching must be at most 5 (got 9)');
    const run = buildSlot(catalogue.get('baseline-static')!, decodeOk(q).slots[0].overrides);
    expect(run.params.labour.matchingEfficiency).toBe(0.3);
    expect(run.params.labour.offerCutSpeed).toBe(0.01);
  });

  it('fills parts left out with defaults', () => {
    expect(decodeOk('?s=complements')).toEqual({ slots: [{ scenario: 'complements', overrides: {} }], focus: 0, seeds: 3, seed: 1 });
    expect(decodeOk('?seeds=7').seeds).toBe(7);
  });

  it('lists the seeds a view runs', () => {
    expect(seedList({ ...defaultState(names), seeds: 3, seed: 41 })).toEqual([41, 42, 43]);
  });

  it('explains each kind of malformed URL in one line', () => {
    expect(decodeError('?s=nope')).toBe(`s: unknown scenario "nope" (known: ${names.join(', ')})`);
    expect(names).toEqual(expect.arrayContaining(['baseline', 'baseline-static']));
    expect(decodeError('?s=baseline~sigma:abc')).toBe('s: baseline: sigma must be a number (got "abc")');
    expect(decodeError('?s=baseline~sigma:100')).toBe('s: baseline: sigma must be at most 20 (got 100)');
    expect(decodeError('?s=baseline~engineers:2500.5')).toBe('s: baseline: engineers must be an integer (got 2500.5)');
    expect(decodeError('?s=baseline~bogus:1')).toMatch(/^s: baseline: unknown setting "bogus" \(known: share, sigma, /);
    expect(decodeError('?s=baseline~sigma:1~sigma:2')).toBe('s: baseline: sigma is given twice');
    expect(decodeError('?s=baseline~sigma')).toBe('s: baseline: sigma must be a number (got "")');
    expect(decodeError('?s=a,b,c,d'.replace(/[abcd]/g, 'baseline'))).toBe('s: at most 3 scenarios can be compared (got 4)');
    expect(decodeError('?s=')).toBe('s: names no scenario');
    expect(decodeError('?s=baseline&focus=1')).toBe('focus: must be a whole number from 0 to 0 (got "1")');
    expect(decodeError('?seeds=0')).toBe('seeds: must be a whole number from 1 to 30 (got "0")');
    expect(decodeError('?seeds=2.5')).toBe('seeds: must be a whole number from 1 to 30 (got "2.5")');
    expect(decodeError('?seed=-1')).toBe('seed: must be a whole number from 0 to 4294967293 (got "-1")');
    expect(decodeError('?seeds=3&seeds=4')).toBe('seeds is given twice');
    expect(decodeError('?utm_source=x')).toBe('unknown part "utm_source" (expected s, focus, seeds, seed)');
    expect(decodeError('?s=%ZZ')).toMatch(/unknown scenario/);
  });

  it('shortens long garbage in messages', () => {
    expect(decodeError(`?s=${'x'.repeat(100)}`)).toContain(`"${'x'.repeat(40)}…"`);
  });

  it('yields views whose scenarios the engine validates', () => {
    const view = decodeOk('?s=startups-vs-bigtech~share:0.8~years:2,complements~cfoBudget:0&focus=0');
    for (const slot of view.slots) expect(() => buildSlot(catalogue.get(slot.scenario)!, slot.overrides)).not.toThrow();
  });
});
