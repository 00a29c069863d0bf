/**
 * Lever values read the way people say them: "prices halve each year", not "2 × per year";
 * "27 % of base pay", not "0.27 share of base". Pure, so the wording is tested; the slider's
 * screen-reader value text and the line under it use the same words.
 */
import { formatParam, integer, NNBSP } from './format.ts';

const pct = (share: number): string => `${Number((share * 100).toPrecision(3))}${NNBSP}%`;

/** A yearly price factor (the list price is divided by it each year) in words. */
export function priceChangeWords(factor: number): string {
  if (factor === 1) return 'prices stay flat';
  if (factor === 2) return 'prices halve each year';
  if (factor > 2) return `prices fall ${formatParam(factor)}-fold each year`;
  if (factor > 1) return `prices fall ${pct(1 - 1 / factor)} each year`;
  if (factor === 0.5) return 'prices double each year';
  return `prices rise ${pct(1 / factor - 1)} each year`;
}

/** σ in words: what the value means for people and compute. */
export function sigmaWords(sigma: number): string {
  if (sigma === 1) return 'compute and people trade off one for one in cost shares (σ = 1)';
  if (sigma < 1) return `people and compute are complements: cheaper compute makes people more valuable (σ = ${formatParam(sigma)} < 1)`;
  return `compute can stand in for people: cheaper compute replaces them (σ = ${formatParam(sigma)} > 1)`;
}

/** A lever's value (lever ids from levers.ts) as a short phrase; undefined for an unknown lever. */
export function leverWords(id: string, v: number): string | undefined {
  switch (id) {
    case 'share':
      return v === 0 ? 'no token budget' : `tokens worth ${pct(v)} of base pay a year`;
    case 'sigma':
      return sigmaWords(v);
    case 'decline':
      return `${priceChangeWords(v)} at first`;
    case 'declineLong':
      return `${priceChangeWords(v)} in the long run`;
    case 'valuation':
      return `$1 of tokens is worth $${v.toFixed(2)} of cash to an engineer`;
    case 'portability':
      return v === 0 ? 'use it or lose it: unused tokens lapse' : `${pct(v)} of unused tokens carried over as the engineer’s credit`;
    case 'maxxing':
      return v === 0 ? 'no leaderboard burning' : `${pct(v)} of the unusable budget burned anyway`;
    case 'raiseTokens':
      return v === 0 ? 'raises paid in cash' : v === 1 ? 'raises paid entirely in tokens' : `${pct(v)} of each raise paid in tokens`;
    case 'cfoBudget':
      return v === 1 ? 'the CFO sizes token budgets' : 'budgets follow the pay policy';
    case 'engineers':
      return `${integer(v)} engineers simulated`;
    case 'years':
      return `${formatParam(v)} year${v === 1 ? '' : 's'} simulated`;
    case 'search':
      return v === 0 ? 'employed engineers never look for another job' : `an employed engineer looks for another job in ${pct(v)} of months`;
    case 'separations':
      return v === 0 ? 'no one loses a job except in layoffs and closures' : `${pct(v)} of engineers a year lose their job for other reasons`;
    case 'matching':
      return v >= 1 ? 'every searcher meets an employer each month when jobs equal searchers' : `${pct(v)} of searchers meet an employer each month when jobs equal searchers`;
    case 'switching':
      return v === 0 ? 'any better offer makes an engineer move' : `an offer must beat the current job by ${pct(v)}`;
    case 'offerCut':
      return v === 0 ? 'firms never cut the pay they offer' : `firms with more takers than jobs cut offers ${pct(v)} a month`;
    default:
      return undefined;
  }
}
