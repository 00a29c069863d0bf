import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS } from '../../sim/model/params.ts';
import { PARAM_SPECS, type ParamSpec } from '../../sim/model/paramSpecs.ts';
import { specFor } from '../../sim/model/paramPaths.ts';
import { defaultFor } from '../../sim/research/reports/paramTable.ts';

/** Every numeric leaf of `value` as [dotted path, number]; array indices are path segments. */
function numericLeaves(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => numericLeaves(child, path ? `${path}.${key}` : key));
}

const leaves = numericLeaves(DEFAULTS);

describe('PARAM_SPECS against DEFAULTS', () => {
  it('finds numeric leaves in every section, every firm type and every level', () => {
    const paths = leaves.map(([p]) => p);
    for (const section of ['run', 'market', 'demand', 'production', 'engineers', 'labour', 'supply', 'cfo']) {
      expect(paths.some((p) => p.startsWith(`${section}.`))).toBe(true);
    }
    for (const type of Object.keys(DEFAULTS.firmTypes)) {
      for (const level of LEVELS) expect(paths).toContain(`firmTypes.${type}.policy.baseByLevel.${level}`);
    }
  });

  it.each(leaves)('%s has a spec', (path) => {
    expect(specFor(path)).toBeDefined();
  });

  it.each(leaves)('%s = %d lies within its spec range (and is an integer where required)', (path, value) => {
    const spec = specFor(path) as ParamSpec;
    expect(value).toBeGreaterThanOrEqual(spec.min);
    expect(value).toBeLessThanOrEqual(spec.max);
    if (spec.integer) expect(Number.isInteger(value)).toBe(true);
  });

  it('uses every spec for at least one leaf (price and demand event fields aside: DEFAULTS has no events)', () => {
    const used = new Set(leaves.map(([p]) => specFor(p)));
    const unused = Object.entries(PARAM_SPECS)
      .filter(([key, spec]) => !used.has(spec) && !key.startsWith('market.events.*.') && !key.startsWith('demand.events.*.'))
      .map(([key]) => key);
    expect(unused).toEqual([]);
  });

  it.each(Object.entries(PARAM_SPECS))('%s has a usable range and step', (_key, spec) => {
    expect(spec.min).toBeLessThan(spec.max);
    expect(spec.step).toBeGreaterThan(0);
    if (spec.integer) expect(Number.isInteger(spec.step)).toBe(true);
  });

  it('resolves event fields by index', () => {
    expect(specFor('market.events.3.priceFactor')).toBe(PARAM_SPECS['market.events.*.priceFactor']);
    expect(specFor('market.events.0.startMonth')?.integer).toBe(true);
    expect(specFor('demand.events.2.factor')).toBe(PARAM_SPECS['demand.events.*.factor']);
    expect(specFor('demand.events.0.months')?.integer).toBe(true);
  });
});

describe('doc comments on Params', () => {
  /** Metadata path of each interface's fields. */
  const PREFIX: Record<string, string> = {
    PriceEvent: 'market.events.*',
    DemandEvent: 'demand.events.*',
    DemandParams: 'demand',
    SupplyParams: 'supply',
    MarketParams: 'market',
    ProductionParams: 'production',
    CompPolicy: 'firmTypes.*.policy',
    FundingParams: 'firmTypes.*.funding',
    FirmTypeParams: 'firmTypes.*',
    EngineerParams: 'engineers',
    LabourParams: 'labour',
    CfoParams: 'cfo',
    RunParams: 'run',
    Params: '',
  };

  /** Every field of every interface in params.ts with its doc comment as one line of text. */
  function fieldDocs(): { iface: string; field: string; doc: string | undefined }[] {
    const source = ['sim/model/params.ts', 'sim/model/labourParams.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
    const out: { iface: string; field: string; doc: string | undefined }[] = [];
    for (const [, iface, body] of source.matchAll(/^export interface (\w+) \{\n([\s\S]*?)\n\}/gm)) {
      let doc: string[] | undefined;
      let open = false;
      for (const line of body.split('\n').map((l) => l.trim())) {
        if (line.startsWith('/**')) [doc, open] = [[], true];
        if (open) {
          doc!.push(line.replace(/^\/\*\*|\*\/$/g, '').replace(/^\*/, '').trim());
          if (line.endsWith('*/')) open = false;
          continue;
        }
        const field = /^(\w+)\??:/.exec(line);
        if (field) out.push({ iface, field: field[1], doc: doc?.join(' ') });
        doc = undefined;
      }
    }
    return out;
  }

  const docs = fieldDocs();
  const specs = PARAM_SPECS as Record<string, ParamSpec>;

  it('finds every interface of Params and its fields', () => {
    expect([...new Set(docs.map((d) => d.iface))].sort()).toEqual(Object.keys(PREFIX).sort());
    expect(docs.find((d) => d.iface === 'CompPolicy' && d.field === 'tokenExpiry')).toBeDefined();
    expect(docs.length).toBeGreaterThan(100);
  });

  it.each(docs.map((d) => [`${d.iface}.${d.field}`, d] as const))('%s has a doc comment', (_name, d) => {
    expect(d.doc ?? '').toMatch(/\S{2,}/);
  });

  const numeric = docs.flatMap((d) => {
    const base = `${PREFIX[d.iface]}.${d.field}`;
    const key = [base, `${base}.{level}`].find((k) => Object.hasOwn(specs, k));
    return key ? [[key, d.doc] as const] : [];
  });

  it('documents every metadata key on its field', () => {
    expect(numeric.map(([key]) => key).sort()).toEqual(Object.keys(PARAM_SPECS).sort());
  });

  it.each(numeric)('%s: the comment says what the metadata says (label, meaning, unit, default, source)', (key, doc) => {
    const s = specs[key];
    expect(doc).toBe(`${s.label}: ${s.description} Unit: ${s.unit}; default: ${defaultFor(key)}; source: ${s.source}.`);
  });
});
