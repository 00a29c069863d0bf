/**
 * Partial results on the page: a run of a scenario's first seed sends the months done so far
 * (see runner.ts), so a changed scenario is drawn within a fraction of a run. Partial results
 * are for drawing only: the result cache, the URL, the provenance hashes and the CSV use
 * complete seeds alone. Pure, so the rules are tested without a browser.
 */
import type { Result } from '../../sim/run/result.ts';

/** The months done so far of one run: full-length series, NaN after `monthsDone`. */
export interface PartialResult {
  result: Result;
  monthsDone: number;
}

/** What one scenario is drawn from. */
export type Shown =
  | { kind: 'complete'; results: Result[] }
  | { kind: 'partial'; partial: PartialResult }
  | { kind: 'none' };

/**
 * Complete seeds when there are any (their mean and 95 % band; a partial seed would drag the
 * mean towards one seed for the months it covers, so partials then are not mixed in);
 * otherwise the partial that has come furthest (the first in seed order on a tie), drawn as
 * a single-seed line up to the months done; otherwise nothing.
 */
export function chooseShown(complete: readonly Result[], partials: readonly (PartialResult | undefined)[]): Shown {
  if (complete.length > 0) return { kind: 'complete', results: [...complete] };
  let best: PartialResult | undefined;
  for (const p of partials) if (p && (!best || p.monthsDone > best.monthsDone)) best = p;
  return best ? { kind: 'partial', partial: best } : { kind: 'none' };
}

/** In plain words how far a partial run has come: "year 2 of 10 — updating", or "month 6 of 120 — updating" between whole years. */
export function progressText(monthsDone: number, months: number): string {
  const at = monthsDone % 12 === 0 && months % 12 === 0 ? `year ${monthsDone / 12} of ${months / 12}` : `month ${monthsDone} of ${months}`;
  return `${at} — updating`;
}
