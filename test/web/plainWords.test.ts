import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NNBSP } from '../../web/lib/format.ts';
import { LEVERS } from '../../web/lib/levers.ts';
import { leverWords, priceChangeWords } from '../../web/lib/plainWords.ts';
import { plainLabel, SCENARIO_TITLES, scenarioQuestion, scenarioTitle } from '../../web/lib/scenarioTitles.ts';

describe('lever values in plain words', () => {
  it('reads a yearly price factor the way people say it', () => {
    expect(priceChangeWords(2)).toBe('prices halve each year');
    expect(priceChangeWords(10)).toBe('prices fall 10-fold each year');
    expect(priceChangeWords(1.25)).toBe(`prices fall 20${NNBSP}% each year`);
    expect(priceChangeWords(1)).toBe('prices stay flat');
    expect(priceChangeWords(0.8)).toBe(`prices rise 25${NNBSP}% each year`);
    expect(priceChangeWords(0.5)).toBe('prices double each year');
  });
  it('has words for every lever the page shows', () => {
    for (const lever of LEVERS) expect(leverWords(lever.id, 1), lever.id).toBeTruthy();
    expect(leverWords('share', 0.27)).toBe(`tokens worth 27${NNBSP}% of base pay a year`);
    expect(leverWords('decline', 2)).toBe('prices halve each year at first');
    expect(leverWords('valuation', 0.6)).toBe('$1 of tokens is worth $0.60 of cash to an engineer');
    expect(leverWords('sigma', 0.8)).toMatch(/^people and compute are complements/);
    expect(leverWords('sigma', 3)).toMatch(/^compute can stand in for people/);
    expect(leverWords('engineers', 10000)).toBe('10,000 engineers simulated');
    expect(leverWords('search', 0.08)).toBe(`an employed engineer looks for another job in 8${NNBSP}% of months`);
    expect(leverWords('separations', 0.035)).toBe(`3.5${NNBSP}% of engineers a year lose their job for other reasons`);
    expect(leverWords('matching', 0.5)).toBe(`50${NNBSP}% of searchers meet an employer each month when jobs equal searchers`);
    expect(leverWords('matching', 2)).toMatch(/^every searcher meets an employer/);
    expect(leverWords('switching', 0.05)).toBe(`an offer must beat the current job by 5${NNBSP}%`);
    expect(leverWords('offerCut', 0)).toBe('firms never cut the pay they offer');
    expect(leverWords('nope', 1)).toBeUndefined();
  });
});

describe('scenario titles', () => {
  it('gives every bundled scenario file a plain title', () => {
    const names = readdirSync('scenarios')
      .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
      .map((f) => f.replace(/\.json$/, ''));
    for (const n of names) expect(SCENARIO_TITLES[n], n).toBeTruthy();
    expect(scenarioTitle('not-a-file')).toBe('not-a-file');
    expect(plainLabel('tunguz-100k · σ 1, years 3')).toBe('$100k of tokens on a $375k base (σ 1, years 3)');
    expect(plainLabel('baseline')).toBe('No token pay');
  });
  it('takes the question from a description', () => {
    expect(scenarioQuestion('Does it work (σ = 0.5)? More text. Even more.')).toBe('Does it work (σ = 0.5)?');
    expect(scenarioQuestion('A statement. Then more?')).toBe('A statement.');
    expect(scenarioQuestion('No end')).toBe('No end');
  });
});
