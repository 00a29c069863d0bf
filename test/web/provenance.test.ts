/** What produced the page's numbers (web/lib/provenance.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../sim/run/result.ts';
import { buildSlot, makeCatalogue } from '../../web/lib/catalogue.ts';
import type { DisplaySlot } from '../../web/lib/display.ts';
import { jobKey } from '../../web/lib/jobs.ts';
import { provenanceLine, provenanceRows, viewCommand } from '../../web/lib/provenance.ts';
import type { SlotSummary } from '../../web/lib/summaries.ts';

const { catalogue } = makeCatalogue({
  'scenarios/tunguz-100k.json': JSON.parse(readFileSync('scenarios/tunguz-100k.json', 'utf8')) as unknown,
});
const entry = catalogue.get('tunguz-100k')!;

const slot = (label: string, summary: Partial<SlotSummary> | undefined, partial?: DisplaySlot['partial']): DisplaySlot => ({
  index: 0,
  label,
  colour: '#000',
  shape: 'circle',
  summary: summary as SlotSummary | undefined,
  stale: false,
  partial,
});

describe('the provenance line of a chart', () => {
  it('names each scenario with its seeds, or how far its partial run has come', () => {
    const line = provenanceLine(
      '1.2.3',
      [slot('a', { n: 3, seeds: [4, 5, 6] }), slot('b', { n: 1, seeds: [4] }), slot('c', { n: 1, seeds: [4] }, { monthsDone: 24, months: 120 }), slot('d', undefined)],
      [4, 5, 6],
    );
    expect(line).toBe('tokensim 1.2.3; a (3 seeds); b (1 seed); c (seed 4, year 2 of 10 — updating); d (0 seeds); seeds 4–6');
  });
});

describe('the provenance rows', () => {
  const file = buildSlot(entry, {});
  const custom = buildSlot(entry, { sigma: 2 });
  const done = (text: string, seed: number): [string, Result] => [
    jobKey(text, seed),
    { scenario: 'x', seed, months: 1, paramsHash: `p-${text.length}`, resultHash: `r${seed}`, firmTypes: [], series: [] },
  ];

  it('give the command that re-runs each scenario, and each complete seed’s hash', () => {
    const rows = provenanceRows([file, undefined, custom], [1, 2], new Map([done(file.text, 2)]));
    expect(rows.map((r) => r.index)).toEqual([0, 2]); // a slot that could not be built has none
    expect(rows[0].command).toBe('npx tokensim run scenarios/tunguz-100k.json --seeds 1..2 --out out/tunguz-100k');
    expect(rows[0].hashes).toEqual([
      { seed: 1, hash: undefined },
      { seed: 2, hash: 'r2' },
    ]);
    expect(rows[0].paramsHash).toBe(`p-${file.text.length}`);
    expect(rows[1].command).toBe('npx tokensim run tunguz-100k-custom.json --seeds 1..2 --out out/tunguz-100k-custom');
    expect(rows[1].paramsHash).toBeUndefined();
  });

  it('leave the seed range out of the command for a single seed', () => {
    expect(provenanceRows([file], [7], new Map())[0].command).toBe('npx tokensim run scenarios/tunguz-100k.json --seed 7 --out out/tunguz-100k');
  });

  it('give one command for the whole view, naming the custom files to download first', () => {
    expect(viewCommand([file, undefined, custom], [1, 2, 3])).toEqual({
      command: 'npx tokensim run scenarios/tunguz-100k.json tunguz-100k-custom.json --seeds 1..3 --out out/view',
      downloads: ['tunguz-100k-custom.json'],
    });
    expect(viewCommand([file], [5]).command).toBe('npx tokensim run scenarios/tunguz-100k.json --seed 5 --out out/view');
    expect(viewCommand([undefined], [1])).toEqual({ command: '', downloads: [] });
  });
});
