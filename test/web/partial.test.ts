/** The page's rules for partial runs (web/lib/partial.ts) and which jobs ask for them (web/lib/jobs.ts). */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../sim/run/result.ts';
import { wantedJobs } from '../../web/lib/jobs.ts';
import { chooseShown, progressText, type PartialResult } from '../../web/lib/partial.ts';
import { PARTIAL_AT } from '../../web/lib/runner.ts';

function result(seed: number, hash = `r${seed}`): Result {
  return { scenario: 'test', seed, months: 24, paramsHash: 'p', resultHash: hash, firmTypes: [], series: [] };
}
const partial = (seed: number, monthsDone: number): PartialResult => ({ result: result(seed, ''), monthsDone });

describe('what a scenario is drawn from', () => {
  it('is its complete seeds whenever there are any, never mixed with a partial run', () => {
    const shown = chooseShown([result(2)], [partial(1, 12), undefined]);
    expect(shown).toEqual({ kind: 'complete', results: [result(2)] });
  });

  it('is the partial run that has come furthest while no seed is complete (the first seed on a tie)', () => {
    const a = partial(1, 6);
    const b = partial(2, 24);
    const c = partial(3, 24);
    expect(chooseShown([], [a, b, c])).toEqual({ kind: 'partial', partial: b });
    expect(chooseShown([], [undefined, a])).toEqual({ kind: 'partial', partial: a });
  });

  it('is nothing before any seed has started to report', () => {
    expect(chooseShown([], [undefined, undefined])).toEqual({ kind: 'none' });
  });
});

describe('the in-progress wording', () => {
  it('says how far a run has come in plain words', () => {
    expect(progressText(24, 120)).toBe('year 2 of 10 — updating');
    expect(progressText(6, 120)).toBe('month 6 of 120 — updating');
    expect(progressText(12, 30)).toBe('month 12 of 30 — updating');
  });
});

describe('partial results are asked for', () => {
  it('by each scenario’s first seed only', () => {
    const jobs = wantedJobs(['A', 'B'], [4, 5, 6]);
    expect(jobs.map((j) => `${j.text}${j.seed}:${j.partials}`)).toEqual(['A4:true', 'B4:true', 'A5:false', 'B5:false', 'A6:false', 'B6:false']);
  });

  it('early in a run, then further apart, in increasing order', () => {
    expect(PARTIAL_AT[0]).toBeLessThanOrEqual(12);
    PARTIAL_AT.slice(1).forEach((m, k) => expect(m).toBeGreaterThan(PARTIAL_AT[k]));
  });
});
