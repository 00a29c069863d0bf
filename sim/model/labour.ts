/**
 * Search and matching (docs/model.md): on-the-job and unemployed search, vacancies posted at
 * the firms' offers, matching and counteroffers. What a job and a move are worth to an
 * engineer (the golden handcuff) is in jobValue.ts.
 *
 * Matching is O(searchers × applications + vacancies): each searcher samples vacancies at their
 * level (after some months unemployed, also one level down) and applies where the offer beats
 * their current job by the switching threshold; each vacancy keeps its best applicant by
 * expected output per cost; an engineer who is best at several vacancies takes the one they
 * value most — unless their employer matches the offer.
 */
import { drawIndex, employAtBase, setLevel } from './engineers.ts';
import { marginalRevenueOfOutput, separate } from './firms.ts';
import { OFFER_TERMS, offerCashFromTerms, offerCashTerms, recordAcceptedOffer } from './offers.ts';
import { app, APP_CURRENT, APP_SCORE, APP_VALUE, evaluateApplication, evaluateSearcher, scoreApplication } from './application.ts';
import { count, countFrom, marketLevel, NUM_LEVELS, UNEMPLOYED } from './world.ts';
import type { Firm, World } from './world.ts';
import { pow } from '../lib/dmath.ts';

export { marketLevel } from './world.ts';
export { currentValue, employedPoachingPremium, movingLoss, poachingPremium, ratingPayLoss } from './jobValue.ts';

/** Most labour markets a run may have (the range of firmTypes.*.labourMarket). */
const MAX_MARKETS = 16;

/** Preallocated buffers for matching (sized to the labour force's capacity; grown with it). */
export interface LabourScratch {
  searchers: Int32Array;
  vacFirm: Int32Array;
  vacLevel: Uint8Array;
  vacBest: Int32Array;
  vacBestScore: Float64Array;
  vacBestValue: Float64Array;
  /** Each vacancy's second-best applicant, the firm's fallback when the best goes elsewhere. */
  vacNext: Int32Array;
  vacNextScore: Float64Array;
  vacNextValue: Float64Array;
  /** 1 for an engineer placed (hired or kept by a counteroffer) this month. */
  placed: Uint8Array;
  vacByLevel: Int32Array;
  levelStart: Int32Array;
  levelCount: Int32Array;
  engBestVac: Int32Array;
  engBestValue: Float64Array;
  mixCum: Float64Array;
  /** Searchers' λ and φp sums and counts by (market, level), for λ̄ and φ̄p. */
  lambdaSum: Float64Array;
  phiSum: Float64Array;
  searcherCount: Float64Array;
  /** Per-group sums and counts of cash raises at a review. */
  raiseSums: Float64Array;
  raiseCounts: Float64Array;
  /** Offer terms by firm slot and level (offerTermsOfFirms), for matching and the annual review; sized on first use. */
  offerTerms: Float64Array;
}

interface LabourArrays extends LabourScratch {}
/** Built by a constructor, not an object literal: see the note in world.ts. */
class LabourArrays {
  constructor(n: number, groups: number) {
    const cells = MAX_MARKETS * NUM_LEVELS;
    this.searchers = new Int32Array(n);
    this.vacFirm = new Int32Array(n);
    this.vacLevel = new Uint8Array(n);
    this.vacBest = new Int32Array(n);
    this.vacBestScore = new Float64Array(n);
    this.vacBestValue = new Float64Array(n);
    this.vacNext = new Int32Array(n);
    this.vacNextScore = new Float64Array(n);
    this.vacNextValue = new Float64Array(n);
    this.placed = new Uint8Array(n);
    this.vacByLevel = new Int32Array(n);
    this.levelStart = new Int32Array(cells + 1);
    this.levelCount = new Int32Array(cells);
    this.engBestVac = new Int32Array(n).fill(-1);
    this.engBestValue = new Float64Array(n);
    this.mixCum = new Float64Array(NUM_LEVELS);
    this.lambdaSum = new Float64Array(cells);
    this.phiSum = new Float64Array(cells);
    this.searcherCount = new Float64Array(cells);
    this.raiseSums = new Float64Array(groups);
    this.raiseCounts = new Float64Array(groups);
    this.offerTerms = new Float64Array(0);
  }
}

export function labourScratch(n: number, groups: number): LabourScratch {
  return new LabourArrays(n, groups);
}

/** The scratch, regrown if the labour force has outgrown it. */
export function ensureLabourScratch(sc: LabourScratch, capacity: number): LabourScratch {
  return sc.searchers.length >= capacity ? sc : labourScratch(capacity, sc.raiseSums.length);
}

/**
 * Posts this month's vacancies: target − headcount, within what is left of the quarter's hiring
 * limit, with levels drawn from the hiring mix. Resets each firm's per-level tallies.
 */
function postVacancies(w: World, sc: LabourScratch): number {
  const rng = w.labourRng;
  const c = w.counters;
  let v = 0;
  const cap = sc.vacFirm.length;
  const quarterStart = w.month % 3 === 0;
  for (const f of w.firms) {
    f.vacancies.fill(0);
    f.filled.fill(0);
    f.acceptable.fill(0);
    if (quarterStart) f.hiresThisQuarter = 0;
    if (!f.alive) continue;
    // A small firm may still hire a couple of people a quarter (the limit applies as if it had 25).
    const limit = Math.ceil(w.p.cfo.maxHireRatePerQuarter * Math.max(f.n, 25)) - f.hiresThisQuarter;
    const open = Math.min(limit, Math.max(0, f.target - f.n));
    let acc = 0;
    for (let l = 0; l < NUM_LEVELS; l++) sc.mixCum[l] = acc += f.hireWeights[l];
    for (let k = 0; k < open && v < cap; k++, v++) {
      const l = drawIndex(rng, sc.mixCum);
      sc.vacFirm[v] = f.slot;
      sc.vacLevel[v] = l;
      sc.vacBest[v] = -1;
      sc.vacBestScore[v] = -Infinity;
      sc.vacNext[v] = -1;
      sc.vacNextScore[v] = -Infinity;
      f.vacancies[l] += 1;
      count(c.vacancies, w.groups, f.type, l);
    }
  }
  // Index vacancies by (labour market, level); counting sort keeps posting order within each.
  const cells = w.markets * NUM_LEVELS;
  const cell = (j: number) => marketLevel(w.marketOfType[w.firms[sc.vacFirm[j]].type], sc.vacLevel[j]);
  sc.levelCount.fill(0);
  for (let j = 0; j < v; j++) sc.levelCount[cell(j)] += 1;
  sc.levelStart[0] = 0;
  for (let c2 = 0; c2 < cells; c2++) sc.levelStart[c2 + 1] = sc.levelStart[c2] + sc.levelCount[c2];
  sc.levelCount.fill(0);
  for (let j = 0; j < v; j++) {
    const c2 = cell(j);
    sc.vacByLevel[sc.levelStart[c2] + sc.levelCount[c2]++] = j;
  }
  return v;
}

/**
 * offerCashTerms of every firm slot and level into sc.offerTerms (index (slot·levels + level) ·
 * OFFER_TERMS), for offerCashFromTerms: the same operations as offerCash, in the same order.
 */
export function offerTermsOfFirms(w: World, sc: LabourScratch): Float64Array {
  const need = w.firms.length * NUM_LEVELS * OFFER_TERMS;
  if (sc.offerTerms.length < need) sc.offerTerms = new Float64Array(need);
  const terms = sc.offerTerms;
  for (let s = 0; s < w.firms.length; s++) {
    for (let l = 0; l < NUM_LEVELS; l++) offerCashTerms(w, w.firms[s], l, terms, (s * NUM_LEVELS + l) * OFFER_TERMS);
  }
  return terms;
}

/**
 * Searchers drawn this month, with their λ and φp summed by (market, level) into sc for the
 * means matchMarket takes next. Everyone unemployed searches; an employed engineer with probability
 * min(1, searchProbEmployed × (1 + underpaySearchBoost × underpay) × (1 + lowRatingSearchBoost ×
 * low rating)), underpay = max(0, market base × pay factor ÷ base − 1), low rating =
 * max(0, 1 − rating). One draw per engineer (the unemployed's is below 1), in engineer order.
 */
function drawSearchers(w: World, sc: LabourScratch): number {
  const e = w.eng;
  const rng = w.labourRng;
  const c = w.counters;
  const lab = w.p.labour;
  sc.lambdaSum.fill(0);
  sc.phiSum.fill(0);
  sc.searcherCount.fill(0);
  // The arrays in locals: the draw stores into the stream's fields, after which V8 would load
  // every array of w.eng afresh (and check its kind) on each engineer.
  const { employer, level, labourMarket, payFactor, base, rating, lambda, phiP } = e;
  const marketBase = w.marketBase;
  const searchers = sc.searchers;
  const probEmployed = lab.searchProbEmployed;
  const underpayBoost = lab.underpaySearchBoost;
  const lowRatingBoost = lab.lowRatingSearchBoost;
  const n = e.n;
  let ns = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    const l = level[i];
    const k = marketLevel(labourMarket[i], l);
    const unemployed = employer[i] === UNEMPLOYED;
    if (!unemployed) {
      const underpay = Math.max(0, (marketBase[k] * payFactor[i]) / base[i] - 1);
      const lowRating = Math.max(0, 1 - rating[i]);
      if (u >= Math.min(1, probEmployed * (1 + underpayBoost * underpay) * (1 + lowRatingBoost * lowRating))) continue;
    }
    searchers[ns++] = i;
    sc.lambdaSum[k] += lambda[i];
    sc.phiSum[k] += phiP[i];
    sc.searcherCount[k] += 1;
    c.searchers[0] += 1;
    c.searchers[w.groups.level(l)] += 1;
    if (unemployed) {
      c.unemployedSearching[0] += 1;
      c.unemployedSearching[w.groups.level(l)] += 1;
    }
  }
  return ns;
}

/** One month of search and matching. */
export function matchMarket(w: World, sc: LabourScratch): void {
  const e = w.eng;
  const rng = w.labourRng;
  const lab = w.p.labour;
  const vacancies = postVacancies(w, sc);
  const ns = drawSearchers(w, sc);
  // λ̄ and φ̄p by (market, level): the means over this month's searchers, from drawSearchers's
  // sums. Here rather than at the end of drawSearchers: code after a long loop that V8 compiled
  // while it ran sent the compiled loop back to the interpreter every month (see
  // produceLearnSave, engineers.ts); and not a function of its own, which V8 would leave
  // unoptimised (a small loop a month), boxing every mean.
  for (let k = 0; k < w.markets * NUM_LEVELS; k++) {
    if (sc.searcherCount[k] === 0) continue;
    w.lambdaBar[k] = sc.lambdaSum[k] / sc.searcherCount[k];
    w.phiBar[k] = sc.phiSum[k] / sc.searcherCount[k];
  }
  if (vacancies === 0) return;
  // Each firm's offer terms by level (after λ̄ and φ̄p are updated above): what
  // evaluateApplication computes every offer from, as offerCash would.
  const terms = offerTermsOfFirms(w, sc);
  // Matching function m = μ·S^γ·V^(1−γ): each searcher makes contact with probability m/S.
  const contact = Math.min(1, lab.matchingEfficiency * pow(vacancies / Math.max(1, ns), 1 - lab.matchingElasticity));
  for (let k = 0; k < ns; k++) {
    if (rng.next() >= contact) continue;
    const i = sc.searchers[k];
    const l = e.level[i];
    const slot = e.employer[i];
    const downLevel = slot === UNEMPLOYED && l > 0 && e.tenure[i] >= lab.downLevelAfterMonths;
    evaluateSearcher(w, i, downLevel);
    const cur = app[APP_CURRENT];
    const hurdle = slot === UNEMPLOYED ? cur : cur * (1 + lab.switchingThreshold);
    for (let a = 0; a < lab.applicationsPerSearcher; a++) {
      const lv = downLevel && rng.next() < 0.5 ? l - 1 : l;
      const c = marketLevel(e.labourMarket[i], lv);
      const avail = sc.levelStart[c + 1] - sc.levelStart[c];
      if (avail === 0) continue;
      const j = sc.vacByLevel[sc.levelStart[c] + rng.int(avail)];
      const g = w.firms[sc.vacFirm[j]];
      if (g.slot === slot) continue;
      evaluateApplication(w, g, i, lv, l, terms);
      const value = app[APP_VALUE];
      if (value <= hurdle) continue;
      g.acceptable[lv] += 1;
      scoreApplication(w, g, i, lv, terms);
      const score = app[APP_SCORE];
      if (score > sc.vacBestScore[j]) {
        if (sc.vacBest[j] !== i) {
          sc.vacNext[j] = sc.vacBest[j];
          sc.vacNextScore[j] = sc.vacBestScore[j];
          sc.vacNextValue[j] = sc.vacBestValue[j];
        }
        sc.vacBestScore[j] = score;
        sc.vacBest[j] = i;
        sc.vacBestValue[j] = value;
      } else if (score > sc.vacNextScore[j] && sc.vacBest[j] !== i) {
        sc.vacNextScore[j] = score;
        sc.vacNext[j] = i;
        sc.vacNextValue[j] = value;
      }
    }
  }
  // Each engineer picks, among the vacancies where they ranked first, the one they value most.
  for (let j = 0; j < vacancies; j++) {
    const i = sc.vacBest[j];
    if (i < 0) continue;
    if (sc.engBestVac[i] < 0 || sc.vacBestValue[j] > sc.engBestValue[i]) {
      sc.engBestVac[i] = j;
      sc.engBestValue[i] = sc.vacBestValue[j];
    }
  }
  for (let j = 0; j < vacancies; j++) {
    const i = sc.vacBest[j];
    if (i < 0 || sc.engBestVac[i] !== j) continue;
    place(w, sc, i, j, sc.vacBestValue, terms);
  }
  // A vacancy whose best applicant went elsewhere turns to its second-best, if still unplaced.
  for (let j = 0; j < vacancies; j++) {
    const best = sc.vacBest[j];
    const next = sc.vacNext[j];
    if (best < 0 || sc.engBestVac[best] === j || next < 0 || sc.placed[next] === 1) continue;
    place(w, sc, next, j, sc.vacNextValue, terms);
  }
  for (let j = 0; j < vacancies; j++) {
    if (sc.vacBest[j] >= 0) sc.engBestVac[sc.vacBest[j]] = -1;
    if (sc.vacBest[j] >= 0) sc.placed[sc.vacBest[j]] = 0;
    if (sc.vacNext[j] >= 0) sc.placed[sc.vacNext[j]] = 0;
  }
}

/**
 * Engineer i takes vacancy j (worth values[j] to them) unless their employer matches it. The
 * value stays in its array and the offer comes from the firms' terms: a number passed to a call
 * here would be boxed.
 */
function place(w: World, sc: LabourScratch, i: number, j: number, values: Float64Array, terms: Float64Array): void {
  sc.placed[i] = 1;
  if (w.eng.employer[i] !== UNEMPLOYED && counterofferAt(w, i, values, j)) return;
  hire(w, i, w.firms[sc.vacFirm[j]], sc.vacLevel[j], terms);
}

const oneValue = new Float64Array(1);

/**
 * The employer's answer to an accepted outside offer worth `outside` to engineer i: with
 * probability counterofferProb it considers matching, raising base cash until staying is worth
 * as much (given the switching threshold), and does so when the engineer's marginal revenue
 * this month covers the matched monthly cost. Returns whether the engineer stays.
 */
export function counteroffer(w: World, i: number, outside: number): boolean {
  oneValue[0] = outside;
  return counterofferAt(w, i, oneValue, 0);
}

/** counteroffer with the outside offer's value at values[j] (and the current value from evaluateSearcher). */
function counterofferAt(w: World, i: number, values: Float64Array, j: number): boolean {
  const e = w.eng;
  const f = w.firms[e.employer[i]];
  if (w.labourRng.next() >= w.p.labour.counterofferProb) return false;
  evaluateSearcher(w, i, false);
  const raise = values[j] / (1 + w.p.labour.switchingThreshold) - app[APP_CURRENT];
  if (raise <= 0) return false;
  const m = w.market.state;
  const tokenCost = (e.tokensUsed[i] + e.tokensWasted[i]) * m.priceRetail * f.tp.wholesaleDiscount;
  const cost = (e.base[i] + raise + e.equity[i]) / 12 + tokenCost;
  if (marginalRevenueOfOutput(f, w.p.production.eta) * e.output[i] < cost) return false;
  e.base[i] += raise;
  count(w.counters.counteroffers, w.groups, f.type, e.level[i]);
  return true;
}

/** Engineer i joins firm g at `level` (one below their own when they applied down). */
function hire(w: World, i: number, g: Firm, level: number, terms: Float64Array): void {
  const e = w.eng;
  const c = w.counters;
  const from = e.employer[i];
  if (level !== e.level[i]) setLevel(w, i, level);
  const l = e.level[i];
  if (from !== UNEMPLOYED) {
    const f = w.firms[from];
    f.n -= 1;
    count(c.quits, w.groups, f.type, l);
    count(c.moves, w.groups, f.type, l);
    separate(w, i);
    e.moved[i] = 1;
    count(c.hiresFromEmployment, w.groups, g.type, l);
  } else {
    count(c.hiresFromUnemployment, w.groups, g.type, l);
  }
  // offerCash(w, g, l, e.payFactor[i]), from this month's terms; the cash stays in e.base (a
  // double passed to employ or count would be boxed).
  e.base[i] = offerCashFromTerms(terms, (g.slot * NUM_LEVELS + l) * OFFER_TERMS, e.payFactor[i]);
  employAtBase(w, i, g);
  countFrom(c.hireCash, w.groups, g.type, l, e.base, i);
  g.n += 1;
  g.filled[l] += 1;
  g.hiresThisQuarter += 1;
  recordAcceptedOffer(w, g, l);
  count(c.hires, w.groups, g.type, l);
  if (l === 0) count(c.juniorHires, w.groups, g.type, l);
}
