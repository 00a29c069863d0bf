import { describe, expect, it } from 'vitest';
import type { SummarySeries } from '../../sim/research/ensemble.ts';
import type { DisplaySlot } from '../../web/lib/display.ts';
import { NNBSP } from '../../web/lib/format.ts';
import { differenceWords, headlineAnswer, takeaway } from '../../web/lib/takeaways.ts';

/** A slot whose every series is flat at the given horizon values (mean, lo, hi) over `months`. */
function slot(index: number, label: string, values: Record<string, [number, number, number]>, n = 3, months = 120, partial = false): DisplaySlot {
  const series = new Map<string, SummarySeries>();
  for (const [key, [mean, lo, hi]] of Object.entries(values)) {
    const [metric, group] = key.split('|');
    series.set(key, { metric, group, mean: new Array(months).fill(mean), lo95: new Array(months).fill(lo), hi95: new Array(months).fill(hi) } as unknown as SummarySeries);
  }
  return {
    index,
    label,
    colour: '#000',
    shape: 'circle',
    summary: { seeds: [1, 2, 3].slice(0, n), n, months, series },
    stale: false,
    partial: partial ? { monthsDone: 6, months } : undefined,
  };
}

const CASH = { metric: 'cash_base_median', group: 'all', what: 'median cash base' } as const;

describe('chart takeaways', () => {
  it('compares the second scenario with the first at the horizon, with intervals and the difference', () => {
    const a = slot(0, 'baseline', { 'cash_base_median|all': [298_000, 289_000, 306_000] });
    const b = slot(1, 'tunguz-100k', { 'cash_base_median|all': [284_000, 275_000, 293_000] });
    expect(takeaway(CASH, [a, b])).toBe(
      'At year 10, median cash base is $284k ($275k – $293k) with tunguz-100k, $14k lower than $298k ($289k – $306k) with baseline.',
    );
  });
  it('states one scenario alone, and leaves out the interval of a single seed and scenarios still on their first seed', () => {
    const a = slot(0, 'baseline', { 'cash_base_median|all': [298_000, 289_000, 306_000] }, 1);
    const b = slot(1, 'x', { 'cash_base_median|all': [1, 1, 1] }, 1, 120, true);
    expect(takeaway(CASH, [a, b])).toBe('At year 10, median cash base is $298k with baseline.');
    expect(takeaway(CASH, [b])).toBe('');
  });
  it('lists a third scenario with its own difference, and shares in points', () => {
    const q = (v: number) => ({ 'junior_share_of_hires|all': [v, v - 0.01, v + 0.01] as [number, number, number] });
    const spec = { metric: 'junior_share_of_hires', group: 'all', what: 'the junior share of hires' } as const;
    const text = takeaway(spec, [slot(0, 'a', q(0.04)), slot(1, 'b', q(0.021)), slot(2, 'c', q(0.05))]);
    expect(text).toBe(
      `At year 10, the junior share of hires is 4${NNBSP}% (3${NNBSP}% – 5${NNBSP}%) with a; 2.1${NNBSP}% (1.1${NNBSP}% – 3.1${NNBSP}%) with b (1.9 points lower) and 5${NNBSP}% (4${NNBSP}% – 6${NNBSP}%) with c (1 point higher).`,
    );
    expect(differenceWords('$', 5, 5)).toBe('the same');
  });
  it('says the horizon when the scenarios end at different months', () => {
    const a = slot(0, 'a', { 'cash_base_median|all': [1000, 900, 1100] }, 3, 120);
    const b = slot(1, 'b', { 'cash_base_median|all': [1000, 900, 1100] }, 3, 36);
    expect(takeaway(CASH, [a, b])).toMatch(/^At the horizon, .* the same as /);
  });
  it('answers the headline question from total and cash pay', () => {
    const v = (total: number, cash: number) => ({
      'total_comp_mean|all': [total, total, total] as [number, number, number],
      'cash_base_median|all': [cash, cash, cash] as [number, number, number],
    });
    expect(headlineAnswer([slot(0, 'baseline', v(395_000, 298_000)), slot(1, 'tunguz-100k', v(473_000, 288_000))])).toBe(
      'With tunguz-100k, by year 10 engineers are told they earn $473k a year, $78k more than with baseline, while their cash pay is $288k, $10k less.',
    );
    expect(headlineAnswer([slot(0, 'baseline', v(395_000, 298_000))])).toBe(
      'With baseline, by year 10 engineers are told they earn $395k a year in total; their cash pay is $298k.',
    );
    expect(headlineAnswer([slot(0, 'a', v(1, 1)), slot(1, 'b', v(2, 1))], (s) => s.label.toUpperCase())).toBe(
      'With B, by year 10 engineers are told they earn $2 a year, $1 more than with A, while their cash pay is $1, the same.',
    );
    expect(headlineAnswer([])).toBe('');
  });
});
