import { describe, expect, it } from 'vitest';
import { DrawMarks } from '../../web/lib/drawMarks.ts';

describe('benchmark marks after a lever is released', () => {
  it('marks the first drawing (partial) and the first complete seed, each once, for the changed scenario only', () => {
    const m = new DrawMarks();
    m.expect('a');
    expect(m.drawn('b', true, false)).toEqual([]);
    expect(m.drawn('a', false, false)).toEqual([]);
    expect(m.drawn('a', true, false)).toEqual([['tokensim:chart-update', { partial: true }]]);
    expect(m.drawn('a', true, false)).toEqual([]);
    expect(m.drawn('a', false, true)).toEqual([['tokensim:seed-complete', { partial: false }]]);
    expect(m.drawn('a', false, true)).toEqual([]);
  });

  it('gives both marks at once when a complete seed is the first thing drawn, and none when nothing is awaited', () => {
    const m = new DrawMarks();
    m.expect('a');
    expect(m.drawn('a', false, true).map(([name]) => name)).toEqual(['tokensim:chart-update', 'tokensim:seed-complete']);
    m.expect(undefined);
    expect(m.drawn('a', true, true)).toEqual([]);
  });
});
