/**
 * Seeds → what the charts draw. The engine's `summarize` (mean and Student-t 95 % interval
 * per month) runs on the shown series only, so re-summarising as each seed arrives stays far
 * below a frame's budget on the main thread (measured in bench/web-latency.ts).
 */
import { summarize, type SummarySeries } from '../../sim/research/ensemble.ts';
import { findSeries, type Result, type Series } from '../../sim/run/result.ts';
import { seriesKey, type SeriesRef } from './chartSpecs.ts';

export interface SlotSummary {
  /** Seeds behind every value, in the order given. */
  seeds: number[];
  n: number;
  months: number;
  /** By seriesKey (`metric|group`). */
  series: ReadonlyMap<string, SummarySeries>;
}

/** Mean and 95 % interval across results (one per seed) of the given series; undefined with no results. */
export function summariseShown(results: readonly Result[], refs: readonly SeriesRef[]): SlotSummary | undefined {
  if (results.length === 0) return undefined;
  const present = refs.filter((ref) => findSeries(results[0], ref.metric, ref.group) !== undefined);
  const reduced = results.map((r): Result => ({
    ...r,
    series: present.map((ref): Series => ({ metric: ref.metric, group: ref.group, values: findSeries(r, ref.metric, ref.group)! })),
  }));
  const summary = summarize(reduced);
  return {
    seeds: summary.seeds,
    n: summary.n,
    months: summary.months,
    series: new Map(summary.series.map((s) => [seriesKey(s), s])),
  };
}

/** The value at the horizon (last month): mean and interval. */
export function atHorizon(s: SummarySeries): { mean: number; lo: number; hi: number } {
  const k = s.mean.length - 1;
  return { mean: s.mean[k], lo: s.lo95[k], hi: s.hi95[k] };
}

/**
 * The y range covering the given series, padded by 5 % of the span. Linear ranges start at 0
 * when `zero` is set and every mean is non-negative (bands below 0 are then cut at the axis);
 * without `zero` they cover means and bands. Log ranges ignore values ≤ 0 and pad by a
 * factor. Falls back to [0, 1] (or [1, 10]) when there is nothing to show; a linear range of
 * series that are all 0 spans [0, `flatSpan`], so a 0 % line sits on a 0–1 % axis, not 0–100 %.
 */
export function valueDomain(series: readonly SummarySeries[], scale: 'linear' | 'log', zero = true, flatSpan = 1): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  let minMean = Infinity;
  for (const s of series) {
    for (const arr of [s.lo95, s.mean, s.hi95]) {
      for (let i = 0; i < arr.length; i++) {
        const v = arr[i];
        if (!Number.isFinite(v) || (scale === 'log' && v <= 0)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (arr === s.mean && v < minMean) minMean = v;
      }
    }
  }
  if (scale === 'log') {
    if (!(lo <= hi)) return [1, 10];
    if (lo === hi) return [lo / 2, hi * 2];
    return [lo / 1.1, hi * 1.1];
  }
  if (!(lo <= hi)) return [0, 1];
  if (zero && minMean >= 0) lo = 0;
  if (lo === hi) return lo === 0 ? [0, flatSpan] : [lo - Math.abs(lo) / 2, hi + Math.abs(hi) / 2];
  const pad = (hi - lo) * 0.05;
  return [zero && lo === 0 ? 0 : lo - pad, hi + pad];
}

/** The series index (0-based, month index + 1 is the month) nearest to a fractional month position, clamped. */
export function nearestIndex(monthPosition: number, months: number): number {
  if (months <= 0 || !Number.isFinite(monthPosition)) return 0;
  return Math.min(months - 1, Math.max(0, Math.round(monthPosition) - 1));
}

/**
 * Year ticks for a horizon of `months`: every year when they fit in `maxTicks`, else every
 * 2, 5, 10 … years. Values are in years.
 */
export function yearTicks(months: number, maxTicks: number): number[] {
  const years = months / 12;
  const steps = [1, 2, 5, 10, 20, 25, 50];
  const step = steps.find((s) => years / s <= Math.max(1, maxTicks)) ?? 50;
  const ticks: number[] = [];
  for (let y = 0; y <= years + 1e-9; y += step) ticks.push(y);
  return ticks;
}
