/**
 * Unit tests of sim/model/reviews.ts on small worlds built with the engine's own constructor
 * (createWorld): who is reviewed, how a raise follows the firm's current offer and the rating,
 * the floor at zero and the ceiling at 50 %, promotions, and raises paid in tokens.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS, cloneParams } from '../../sim/model/params.ts';
import type { Params } from '../../sim/model/params.ts';
import { annualReview } from '../../sim/model/reviews.ts';
import { labourScratch } from '../../sim/model/labour.ts';
import { offerCash } from '../../sim/model/offers.ts';
import { policyBudget } from '../../sim/model/policy.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { NUM_LEVELS, UNEMPLOYED } from '../../sim/model/world.ts';
import type { World } from '../../sim/model/world.ts';

const NO_PROMOTIONS = { junior: 0, mid: 0, senior: 0, staff: 0 };

/** A small world (seed 1) where every engineer has a year's tenure and the given rating, with no promotions unless `change` adds them. */
function reviewWorld(change: (p: Params) => void = () => {}, rating = 1): World {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = 1000;
  p.run.firms = 10;
  p.run.years = 1;
  p.labour.promotionProbByLevel = { ...NO_PROMOTIONS };
  change(p);
  const w = createWorld(p, 1);
  w.eng.tenure.fill(12);
  w.eng.rating.fill(rating);
  return w;
}

const ids = (w: World) => [...Array(w.eng.n).keys()];
const employed = (w: World) => ids(w).filter((i) => w.eng.employer[i] !== UNEMPLOYED);
const unemployed = (w: World) => ids(w).filter((i) => w.eng.employer[i] === UNEMPLOYED);
const review = (w: World) => annualReview(w, labourScratch(w.eng.capacity, w.groups.count));
/** Multiplies every firm's posted values by `factor` (a hotter or cooler market). */
const scaleOffers = (w: World, factor: number) => w.firms.forEach((f) => f.offerValue.forEach((v, l) => (f.offerValue[l] = v * factor)));
/** Each employed engineer's current cash offer from their own firm, at their level and skill. */
const offers = (w: World) => new Map(employed(w).map((i) => [i, offerCash(w, w.firms[w.eng.employer[i]], w.eng.level[i], w.eng.payFactor[i])]));
/** The raise the review rule gives without a promotion: a catch-up share of the gap to the rating-adjusted offer, within [0, 50 %]. */
const expectedRaise = (w: World, offer: number, base: number, rating: number) => {
  const lab = w.p.labour;
  const r = Math.min(2, Math.max(0, rating));
  return Math.min(0.5, Math.max(0, lab.marketCatchUp * ((offer * (1 + lab.raiseRatingSensitivity * (r - 1))) / base - 1)));
};

describe('annualReview', () => {
  it('moves pay a catch-up share of the way toward the firm’s current offer; the unemployed are not reviewed', () => {
    const w = reviewWorld();
    scaleOffers(w, 1.15);
    const [base, offer] = [Array.from(w.eng.base), offers(w)];
    review(w);
    let raised = 0;
    for (const i of employed(w)) {
      const raise = expectedRaise(w, offer.get(i)!, base[i], 1);
      expect(w.eng.base[i] / base[i]).toBeCloseTo(1 + raise, 12);
      if (raise > 0) raised += 1;
    }
    expect(raised).toBeGreaterThan(employed(w).length / 2);
    for (const i of unemployed(w)) expect(w.eng.base[i]).toBe(base[i]);
  });

  it('raises are floored at zero: when offers fall, nobody’s pay is cut', () => {
    const w = reviewWorld((p) => (p.labour.marketCatchUp = 1));
    scaleOffers(w, 0.7);
    const base = Array.from(w.eng.base);
    const offer = offers(w);
    for (const i of employed(w)) expect(offer.get(i)!).toBeLessThan(base[i]);
    review(w);
    for (const i of employed(w)) expect(w.eng.base[i]).toBe(base[i]);
    expect(w.raiseByGroup[0]).toBe(0);
  });

  it('the target moves with the rating by raiseRatingSensitivity × (rating − 1), counting ratings only up to two', () => {
    const raises = (rating: number) => {
      const w = reviewWorld((p) => ((p.labour.raiseRatingSensitivity = 0.1), (p.labour.marketCatchUp = 1)), rating);
      scaleOffers(w, 1.2);
      const [base, offer] = [Array.from(w.eng.base), offers(w)];
      review(w);
      return employed(w).map((i) => {
        expect(w.eng.base[i] / base[i] - 1).toBeCloseTo(expectedRaise(w, offer.get(i)!, base[i], rating), 12);
        return w.eng.base[i] / base[i] - 1;
      });
    };
    const [low, mid, high, capped] = [raises(0.5), raises(1), raises(2), raises(5)];
    low.forEach((r, k) => expect(r).toBeLessThanOrEqual(mid[k]));
    mid.forEach((r, k) => expect(r).toBeLessThanOrEqual(high[k]));
    expect(high.some((r, k) => r > mid[k])).toBe(true);
    expect(capped).toEqual(high);
  });

  it('keeps every raise at or below 50 %', () => {
    const w = reviewWorld((p) => (p.labour.marketCatchUp = 1));
    scaleOffers(w, 10);
    const base = Array.from(w.eng.base);
    review(w);
    for (const i of employed(w)) expect(w.eng.base[i] / base[i]).toBeCloseTo(1.5, 12);
    expect(w.raiseByGroup[0]).toBeCloseTo(0.5, 12);
  });

  it('engineers with less than six months’ tenure wait for the next review', () => {
    const w = reviewWorld();
    scaleOffers(w, 1.3);
    const [i, j] = employed(w);
    [w.eng.tenure[i], w.eng.tenure[j]] = [5, 6];
    const [bi, bj] = [w.eng.base[i], w.eng.base[j]];
    review(w);
    expect(w.eng.base[i]).toBe(bi);
    expect(w.eng.base[j]).toBeGreaterThan(bj);
  });

  it('promotion moves up a level with a skill gain and the new level’s equity; staff stay staff', () => {
    const w = reviewWorld((p) => (p.labour.promotionProbByLevel = { junior: 1, mid: 1, senior: 1, staff: 1 }));
    const e = w.eng;
    const lab = w.p.labour;
    const before = ids(w).map((i) => ({ level: e.level[i], skill: e.skill[i], equity: e.equity[i] }));
    review(w);
    for (const i of employed(w)) {
      const b = before[i];
      const top = b.level === NUM_LEVELS - 1;
      expect(e.level[i]).toBe(top ? b.level : b.level + 1);
      if (top) continue;
      expect(e.skill[i]).toBeCloseTo(b.skill * (1 + lab.promotionSkillGain), 12);
      expect(e.equity[i]).toBe(Math.max(b.equity, w.firms[e.employer[i]].tp.policy.equityByLevel[LEVELS[e.level[i]]]));
    }
  });

  it('a promotion brings at least the promotion raise, even when offers have fallen, and the catch-up raise when larger', () => {
    const promoted = (offerFactor: number) => {
      const w = reviewWorld((p) => ((p.labour.promotionProbByLevel = { junior: 1, mid: 1, senior: 1, staff: 0 }), (p.labour.marketCatchUp = 1)));
      scaleOffers(w, offerFactor);
      const e = w.eng;
      const base = Array.from(e.base);
      const movers = employed(w).filter((i) => e.level[i] < NUM_LEVELS - 1);
      review(w);
      // The target is the offer at the new level and skill, known only after the promotion.
      return movers.map((i) => ({ raise: e.base[i] / base[i] - 1, gap: offerCash(w, w.firms[e.employer[i]], e.level[i], e.payFactor[i]) / base[i] - 1 }));
    };
    const lab = DEFAULTS.labour;
    for (const { raise } of promoted(0.5)) expect(raise).toBeCloseTo(lab.promotionRaise, 12);
    const hot = promoted(1.5);
    for (const { raise, gap } of hot) expect(raise).toBeCloseTo(Math.min(0.5, Math.max(lab.promotionRaise, gap)), 12);
    expect(hot.some(({ raise }) => raise > lab.promotionRaise + 0.01)).toBe(true);
  });

  it('a cash freeze pays the whole raise in tokens: the base stays and the budget grows by the raise', () => {
    const w = reviewWorld((p) => Object.values(p.firmTypes).forEach((t) => (t.policy.cashToTokenRaiseShare = 1)));
    scaleOffers(w, 1.2);
    const [base, budget, offer] = [Array.from(w.eng.base), Array.from(w.eng.budget), offers(w)];
    review(w);
    for (const i of employed(w)) {
      expect(w.eng.base[i] / base[i]).toBeCloseTo(1, 12);
      expect(w.eng.budget[i] - budget[i]).toBeCloseTo(expectedRaise(w, offer.get(i)!, base[i], 1) * base[i], 6);
    }
    expect(employed(w).filter((i) => w.eng.budget[i] > budget[i] + 1_000).length).toBeGreaterThan(employed(w).length / 2);
    expect(w.raiseByGroup[0]).toBe(0);
  });

  it('a partial freeze splits the raise: cash gets the rest, and the budget follows the new base plus the token part', () => {
    const share = 0.25;
    const w = reviewWorld((p) => Object.values(p.firmTypes).forEach((t) => Object.assign(t.policy, { cashToTokenRaiseShare: share, tokenBudgetShareOfBase: 0.1 })));
    scaleOffers(w, 1.2);
    const [base, budget, offer] = [Array.from(w.eng.base), Array.from(w.eng.budget), offers(w)];
    review(w);
    for (const i of employed(w)) {
      const pol = w.firms[w.eng.employer[i]].tp.policy;
      const dollars = expectedRaise(w, offer.get(i)!, base[i], 1) * base[i];
      expect(w.eng.base[i]).toBeCloseTo(base[i] + (1 - share) * dollars, 6);
      expect(w.eng.budget[i] - budget[i]).toBeCloseTo(policyBudget(pol, w.eng.base[i]) - policyBudget(pol, base[i]) + share * dollars, 6);
    }
  });

  it('records the mean cash raise of each group reviewed, and leaves the others as they were', () => {
    const w = reviewWorld();
    scaleOffers(w, 1.2);
    const base = Array.from(w.eng.base);
    const before = Array.from(w.raiseByGroup);
    review(w);
    const raises = employed(w).map((i) => w.eng.base[i] / base[i] - 1);
    expect(w.raiseByGroup[0]).toBeCloseTo(raises.reduce((a, b) => a + b, 0) / raises.length, 12);
    for (let t = 0; t < w.typeNames.length; t++) {
      const group = employed(w).filter((i) => w.firms[w.eng.employer[i]].type === t);
      const g = w.groups.type(t);
      if (group.length === 0) expect(Object.is(w.raiseByGroup[g], before[g])).toBe(true);
      else expect(w.raiseByGroup[g]).toBeCloseTo(group.reduce((a, i) => a + w.eng.base[i] / base[i] - 1, 0) / group.length, 12);
    }
  });
});
