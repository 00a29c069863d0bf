/**
 * Annual reviews (docs/model.md): at the fiscal year end every engineer with six months' tenure
 * or more is reviewed. Promotion comes with probability p·rating²; pay moves a catch-up share of
 * the way toward the firm's current cash offer for the level and skill, adjusted for the rating,
 * and never down (raises are floored at 0, and a promotion brings at least the promotion raise).
 * Raises therefore follow the firms' offers: they fall when the market cools. Part of a raise
 * may be paid as token budget instead of cash (cashToTokenRaiseShare).
 */
import { LEVELS } from './params.ts';
import { setLevel } from './engineers.ts';
import { OFFER_TERMS, offerCashFromTerms, TERM_EQUITY } from './offers.ts';
import { policyBudget } from './policy.ts';
import { offerTermsOfFirms, type LabourScratch } from './labour.ts';
import { count, NUM_LEVELS, UNEMPLOYED } from './world.ts';
import type { World } from './world.ts';

/** Promotion probability by level, read once a review (a lookup by the level's name boxes its number). */
const promotionProb = new Float64Array(NUM_LEVELS);

export function annualReview(w: World, sc: LabourScratch): void {
  reviewEngineers(w, sc);
  // The mean raise by group: not after reviewEngineers's loop in its function (see produceLearnSave, engineers.ts).
  const { raiseSums: sums, raiseCounts: counts } = sc;
  for (let k = 0; k < w.groups.count; k++) if (counts[k] > 0) w.raiseByGroup[k] = sums[k] / counts[k];
}

/** Each employed engineer's review: promotion, raise toward the offer for their level, and the raises summed by group into sc. */
function reviewEngineers(w: World, sc: LabourScratch): void {
  const e = w.eng;
  const lab = w.p.labour;
  const rng = w.labourRng;
  const g = w.groups;
  const sums = sc.raiseSums.fill(0);
  const counts = sc.raiseCounts.fill(0);
  // Each firm's offer terms by level: the loop computes each target offer from them with no call
  // that passes or returns a number (offerCash's, boxed once an engineer).
  const terms = offerTermsOfFirms(w, sc);
  for (let l = 0; l < NUM_LEVELS; l++) promotionProb[l] = lab.promotionProbByLevel[LEVELS[l]];
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot === UNEMPLOYED || e.tenure[i] < 6) continue;
    const f = w.firms[slot];
    const pol = f.tp.policy;
    let l = e.level[i];
    const rating = Math.min(2, Math.max(0, e.rating[i]));
    const promoted = l < NUM_LEVELS - 1 && rng.next() < promotionProb[l] * rating * rating;
    if (promoted) {
      l += 1;
      e.skill[i] = e.skill[i] * (1 + lab.promotionSkillGain);
      setLevel(w, i, l);
      e.equity[i] = Math.max(e.equity[i], terms[(slot * NUM_LEVELS + l) * OFFER_TERMS + TERM_EQUITY]);
    }
    const oldBase = e.base[i];
    const target = offerCashFromTerms(terms, (slot * NUM_LEVELS + l) * OFFER_TERMS, e.payFactor[i]) * (1 + lab.raiseRatingSensitivity * (rating - 1));
    // Dollars, so that a base of 0 (all equity, e.g. under token pay) still moves toward the offer.
    const gap = lab.marketCatchUp * (target - oldBase);
    let raiseDollars = promoted ? Math.max(lab.promotionRaise * oldBase, gap) : Math.max(0, gap);
    if (oldBase > 0) raiseDollars = Math.min(0.5 * oldBase, raiseDollars);
    const tokenPart = pol.cashToTokenRaiseShare * raiseDollars;
    const cashRaise = oldBase > 0 ? (raiseDollars - tokenPart) / oldBase : 0;
    const newBase = oldBase + raiseDollars - tokenPart;
    e.base[i] = newBase;
    e.budget[i] += policyBudget(pol, newBase) - policyBudget(pol, oldBase) + tokenPart;
    count(sums, g, f.type, e.level[i], cashRaise);
    count(counts, g, f.type, e.level[i]);
  }
}
