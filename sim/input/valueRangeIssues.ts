/**
 * Checks on the resolved parameters for values each inside its range that together would
 * leave the engine's numbers undefined: a base of $0, and events whose factors multiply past
 * what a double holds. Pure: part of scenario validation (scenario.ts), so sweeps' points and
 * the page are held to it too.
 */
import { specFor } from '../model/paramPaths.ts';
import type { Params } from '../model/params.ts';
import type { ScenarioIssue } from './scenario.ts';

/** Rounds away float noise for messages (0.30000000000000004 → 0.3). */
const tidy = (x: number): number => Number(x.toPrecision(12));

/** An event as the combined-factor check sees it: when it is active and what it multiplies by. */
interface Span {
  startMonth: number;
  months: number;
  factor: number;
}

/**
 * The smallest and largest product of the factors of the events active in one month (1 when
 * none is): the product is constant between event starts and ends, so those months suffice.
 */
function combinedFactorRange(spans: readonly Span[]): { lo: number; hi: number; month: number; loMonth: number } {
  let lo = 1;
  let hi = 1;
  let month = 0;
  let loMonth = 0;
  for (const m of spans.flatMap((e) => [e.startMonth, e.startMonth + e.months])) {
    let f = 1;
    for (const e of spans) if (m >= e.startMonth && m < e.startMonth + e.months) f *= e.factor;
    if (f > hi) [hi, month] = [f, m];
    if (f < lo) [lo, loMonth] = [f, m];
  }
  return { lo, hi, month, loMonth };
}

/**
 * Overlapping events multiply: their combined factor in any month must stay within the range
 * of one event's factor, so that 160 stacked ×100 events cannot overflow the price (or the
 * demand) to Infinity, nor ×0.01 ones underflow it to 0.
 */
function stackedEventIssues(path: 'market.events' | 'demand.events', spans: readonly Span[]): ScenarioIssue[] {
  const spec = specFor(path === 'market.events' ? 'market.events.*.priceFactor' : 'demand.events.*.factor');
  if (spec === undefined || spans.length < 2) return [];
  const { lo, hi, month, loMonth } = combinedFactorRange(spans);
  const what = path === 'market.events' ? 'price factor' : 'factor';
  if (hi > spec.max) return [{ path, message: `the events active in month ${month} multiply to a combined ${what} of ${tidy(hi)}, above the most one event may have (${spec.max})` }];
  if (lo < spec.min) return [{ path, message: `the events active in month ${loMonth} multiply to a combined ${what} of ${tidy(lo)}, below the least one event may have (${spec.min})` }];
  return [];
}

/**
 * A base of $0 makes every pay ratio (market pay ÷ base, raises ÷ base) undefined, and the
 * wage statistics NaN: a job pays something.
 */
function zeroBaseIssues(p: Params): ScenarioIssue[] {
  return Object.entries(p.firmTypes).flatMap(([type, t]) =>
    Object.entries(t.policy.baseByLevel)
      .filter(([, base]) => !(base > 0))
      .map(([level, base]) => ({ path: `firmTypes.${type}.policy.baseByLevel.${level}`, message: `must be above 0 (got ${base}): a base of $0 leaves pay ratios undefined` })),
  );
}

/** Every problem of these kinds in `p`, each naming its field. */
export function valueRangeIssues(p: Params): ScenarioIssue[] {
  return [
    ...zeroBaseIssues(p),
    ...stackedEventIssues('market.events', p.market.events.map((e) => ({ startMonth: e.startMonth, months: e.months, factor: e.priceFactor }))),
    ...stackedEventIssues('demand.events', p.demand.events.map((e) => ({ startMonth: e.startMonth, months: e.months, factor: e.factor }))),
  ];
}
