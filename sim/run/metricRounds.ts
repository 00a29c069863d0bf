/**
 * The three quantile rounds of the monthly metrics (metrics.ts), counted in one loop over the
 * engineers instead of one count() each: base cash of the employed by firm type and level,
 * wealth of everyone by level and firm type, and the poaching premium of the employed by firm
 * type, level and budget quartile. The loop reads each engineer's group columns once for the
 * three; each round's counts and buckets are those its own count() would make (OrderStats.begin),
 * so the quantiles are too.
 */
import { NO_GROUP, OrderStats } from '../lib/orderStats.ts';
import type { ValueRange } from '../lib/orderStats.ts';

export class MetricRounds {
  /** Column 0 typeCol, column 1 levelCol; groups below typeAndLevel. */
  readonly cash: OrderStats;
  /** Column 0 levelCol (everyone), column 1 typeCol; groups below typeAndLevel. */
  readonly wealth: OrderStats;
  /** Columns typeCol, levelCol, quartileCol; every group. */
  readonly premium: OrderStats;
  private typeCol: Uint8Array = new Uint8Array(0);
  private levelCol: Uint8Array = new Uint8Array(0);
  private quartileCol: Uint8Array = new Uint8Array(0);
  private types0 = 0;
  private types1 = 0;
  private levels0 = 0;
  private levels1 = 0;

  /** For `capacity` engineers; `typeAndLevel`: the groups all, firm types and levels; `groups`: all groups. They share one scratch. */
  constructor(
    capacity: number,
    private readonly typeAndLevel: number,
    private readonly groups: number,
  ) {
    this.cash = new OrderStats(capacity, typeAndLevel);
    this.wealth = new OrderStats(capacity, typeAndLevel, this.cash.scratch);
    this.premium = new OrderStats(capacity, groups, this.cash.scratch);
  }

  /** Group columns of the engineers (typeCol NO_GROUP for the unemployed) and the groups they use. */
  columns(typeCol: Uint8Array, levelCol: Uint8Array, quartileCol: Uint8Array, types0: number, types1: number, levels0: number, levels1: number): void {
    this.typeCol = typeCol;
    this.levelCol = levelCol;
    this.quartileCol = quartileCol;
    this.types0 = types0;
    this.types1 = types1;
    this.levels0 = levels0;
    this.levels1 = levels1;
  }

  /**
   * Sets the budget-quartile column: the k-th employed engineer (in engineer order; employed:
   * typeCol not NO_GROUP) goes to group offset + quartile[k].
   */
  setQuartiles(n: number, quartile: Uint8Array, offset: number): void {
    const { typeCol, quartileCol } = this;
    for (let i = 0, k = 0; i < n; i++) if (typeCol[i] !== NO_GROUP) quartileCol[i] = offset + quartile[k++];
  }

  /**
   * Counts the three rounds over engineers i < n with the columns set by columns(): firm-type
   * groups types0 ≤ g < types1 and level groups levels0 ≤ g < levels1 are column 0's groups,
   * which make group 0; every engineer has a level group. The quartile column is set on the
   * way, as setQuartiles(n, quartile, offset) would. Values of the unemployed are ignored for
   * cash and premium. Returns false, counting nothing, when a range holds NaN: the caller then
   * calls setQuartiles and counts each round with count(), which sends a round with NaN to the
   * selection route.
   */
  count(n: number, quartile: Uint8Array, offset: number, base: Float64Array, cashRange: ValueRange, wealth: Float64Array, wealthRange: ValueRange, premium: Float64Array, premiumRange: ValueRange): boolean {
    if (cashRange.nan || wealthRange.nan || premiumRange.nan) return false;
    const c = this.cash;
    const w = this.wealth;
    const p = this.premium;
    c.begin(this.typeAndLevel, n, cashRange);
    w.begin(this.typeAndLevel, n, wealthRange);
    p.begin(this.groups, n, premiumRange);
    countTogether(n, c.bits, this.typeCol, this.levelCol, this.quartileCol, quartile, offset,
      base, c.roundMin, c.roundScale, c.counts, c.bucket,
      wealth, w.roundMin, w.roundScale, w.counts, w.bucket,
      premium, p.roundMin, p.roundScale, p.counts, p.bucket);
    c.end(this.types0, this.types1);
    w.end(this.levels0, this.levels1);
    p.end(this.types0, this.types1);
    return true;
  }
}

/**
 * The loop of MetricRounds.count, with every array and bucket map in a parameter (locals for
 * the optimiser, rather than property loads in the loop), and NO_GROUP in a local: V8 loads an
 * imported binding from its module cell, with a check, at each use. A member's bucket is
 * computed as count() does (bucketOf, bucketPasses.ts). Counts as the three count() calls
 * would, group 0 left to OrderStats.end, and sets the quartile column on the way (the k-th
 * employed engineer's quartile is quartile[k]).
 */
function countTogether(
  n: number,
  bits: number,
  typeCol: Uint8Array,
  levelCol: Uint8Array,
  quartileCol: Uint8Array,
  quartile: Uint8Array,
  offset: number,
  base: Float64Array,
  cMin: number,
  cScale: number,
  cCounts: Int32Array,
  cBucket: Uint16Array,
  wealth: Float64Array,
  wMin: number,
  wScale: number,
  wCounts: Int32Array,
  wBucket: Uint16Array,
  premium: Float64Array,
  pMin: number,
  pScale: number,
  pCounts: Int32Array,
  pBucket: Uint16Array,
): void {
  const last = (1 << bits) - 1;
  const none = NO_GROUP;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const lg = levelCol[i] << bits;
    const bwx = wealth[i];
    let bw = 1 + (((bwx - wMin) * wScale) | 0);
    if (bw > last) bw = last;
    if (bwx === wMin) bw = 0;
    wBucket[i] = bw;
    wCounts[lg | bw]++;
    const t = typeCol[i];
    if (t === none) {
      cBucket[i] = last + 1;
      pBucket[i] = last + 1;
      continue;
    }
    const tg = t << bits;
    wCounts[tg | bw]++;
    const bcx = base[i];
    let bc = 1 + (((bcx - cMin) * cScale) | 0);
    if (bc > last) bc = last;
    if (bcx === cMin) bc = 0;
    cBucket[i] = bc;
    cCounts[tg | bc]++;
    cCounts[lg | bc]++;
    const bpx = premium[i];
    let bp = 1 + (((bpx - pMin) * pScale) | 0);
    if (bp > last) bp = last;
    if (bpx === pMin) bp = 0;
    pBucket[i] = bp;
    pCounts[tg | bp]++;
    pCounts[lg | bp]++;
    const gq = offset + quartile[k++];
    quartileCol[i] = gq;
    pCounts[(gq << bits) | bp]++;
  }
}
