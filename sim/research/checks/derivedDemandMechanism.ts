/**
 * Derived demand as a mechanism of the full engine (MODEL.md §10.2 (b)): pay endogenous,
 * default frictions, common random numbers.
 * - cheaperCompute: AI frozen in real terms with agents in use (a month-0 autonomy high enough
 *   that they pay), the token price × 0.8 from month 13 against × 1; realised headcount in
 *   year 4, per seed as a ratio, summarised as a paired mean and t-interval.
 * - aiPathHeadcount: the default AI paths against AI frozen at σ with the sector demand
 *   elasticity ε_S; headcount at the horizon as a paired % change on the log scale.
 */
import { DEFAULTS, cloneParams } from '../../model/params.ts';
import { simulate } from '../../run/simulate.ts';
import { findSeries, type Result } from '../../run/result.ts';
import { frozenCell, pairedChange, type MapValue } from '../reports/headcountMap.ts';
import { meanInterval, type MeanInterval } from '../reports/pairedDifferences.ts';

function meanOf(r: Result, from: number, to: number): number {
  const s = findSeries(r, 'headcount', 'all')!;
  let sum = 0;
  for (let m = from; m < to; m++) sum += s[m];
  return sum / (to - from);
}

/** Realised headcount in year `years` with compute 20 % cheaper from month 13, ÷ the same without, − 1. */
export function cheaperCompute(sigma: number, autonomy: number, seeds: readonly number[], engineers = 3000, years = 4): MeanInterval {
  const arm = (factor: number, seed: number) => {
    const p = frozenCell(cloneParams(DEFAULTS), sigma);
    [p.run.engineers, p.run.years] = [engineers, years];
    p.market.autonomyInitial = autonomy;
    p.market.events = factor === 1 ? [] : [{ label: 'cheaper compute', startMonth: 12, months: 600, priceFactor: factor }];
    return meanOf(simulate(p, seed), 12 * years - 12, 12 * years);
  };
  return meanInterval(seeds.map((seed) => arm(0.8, seed) / arm(1, seed) - 1));
}

/** Headcount at the horizon with the default AI paths against AI frozen, at σ and ε_S. */
export function aiPathHeadcount(sigma: number, epsS: number, seeds: readonly number[], engineers = 3000, years = 5): MapValue {
  const base = cloneParams(DEFAULTS);
  [base.run.engineers, base.run.years] = [engineers, years];
  base.production.sigma = sigma;
  base.production.sectorDemandElasticity = epsS;
  return pairedChange(
    seeds.map((seed) => simulate(base, seed)),
    seeds.map((seed) => simulate(frozenCell(base, sigma), seed)),
    'headcount',
  );
}
