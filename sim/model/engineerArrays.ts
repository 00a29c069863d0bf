/**
 * The engineers' state as struct-of-arrays (re-exported by world.ts, with UNEMPLOYED).
 */

/** The employer slot of an engineer without a job. */
export const UNEMPLOYED = -1;

/**
 * Engineer state, one typed array per field (index = engineer id). The occupation is open:
 * engineers enter and leave it, so the arrays have a capacity and the first `n` entries are the
 * engineers in the labour force. One who leaves is replaced in their index by the last one
 * (`remove`), so passes run over 0 … n − 1 with no gaps; ids are therefore only stable within a
 * month. The capacity grows (`reserve`) when entrants need it.
 */
export class Engineers {
  /** Engineers in the labour force (employed or unemployed): entries 0 … n − 1. */
  n: number;
  /** Length of every array. */
  capacity = 0;
  level!: Uint8Array;
  /** Human skill s, labour units. */
  skill!: Float64Array;
  /**
   * (skill ÷ the level's mean skill)^payForSkillElasticity: how this engineer's pay scales
   * within the level. Cached (set by setSkill) because offers, search and poaching premiums
   * need it every month; it changes only with skill or level.
   */
  payFactor!: Float64Array;
  /** Firm slot, or UNEMPLOYED. */
  employer!: Int32Array;
  /** Base cash, $/year (the last base while unemployed). */
  base!: Float64Array;
  /** Equity granted per year, $ at grant value. */
  equity!: Float64Array;
  /** Personal token budget before the firm's budget scale and top-up, retail $/year. */
  budget!: Float64Array;
  /** Months at the current employer (or, while unemployed, months unemployed). */
  tenure!: Int32Array;
  /** Portable AI fluency φp and firm-specific leverage φf. */
  phiP!: Float64Array;
  phiF!: Float64Array;
  /** Wealth, $. */
  wealth!: Float64Array;
  /** Unvested portable compute credits, retail $. */
  credits!: Float64Array;
  /** Smoothed rating (output ÷ expected output). */
  rating!: Float64Array;
  /** Personal valuation of $1 of usable retail tokens, in cash $. */
  lambda!: Float64Array;
  /** This month's output (output units per month). */
  output!: Float64Array;
  /** Last month's relative productivity: output ÷ (firm output per labour unit × skill). */
  prevOutput!: Float64Array;
  /** This month's productive tokens and wasted tokens, million tokens. */
  tokensUsed!: Float64Array;
  tokensWasted!: Float64Array;
  /** Remaining token pool this year under yearly expiry, retail $. */
  pool!: Float64Array;
  /** Output drop (share) this engineer would suffer on moving, estimated this month. */
  moveDrop!: Float64Array;
  /** 1 in the first month after a job-to-job move (for the movers' output drop). */
  moved!: Uint8Array;
  /** The labour market the engineer belongs to (see FirmTypeParams.labourMarket). */
  labourMarket!: Uint8Array;
  /** Vested but illiquid venture equity, $ at grant value, and the firm generation it is in (−1 none). */
  illiquid!: Float64Array;
  illiquidFirm!: Int32Array;
  /** A person's id for the whole run (0 … n − 1 at month 0, then entrants in turn); only the sample of engineers reads it. */
  uid!: Int32Array;
  nextUid = 0;

  /** Every per-engineer array, by element type (one kind per copy loop: mixed kinds box each double read). */
  private f64s: Float64Array[] = [];
  private i32s: Int32Array[] = [];
  private u8s: Uint8Array[] = [];

  constructor(n: number, capacity = n) {
    this.n = n;
    this.reserve(Math.max(n, capacity));
    for (let i = 0; i < n; i++) this.uid[i] = i;
    this.nextUid = n;
  }

  /** Makes room for at least `capacity` engineers, keeping the first n (amortised growth). */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const cap = Math.max(capacity, Math.ceil(this.capacity * 1.5));
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(old: T | undefined, make: (k: number) => T, fill?: number): T => {
      const a = make(cap);
      if (fill !== undefined) a.fill(fill);
      if (old) a.set(old.subarray(0, this.n) as never);
      return a;
    };
    const f64 = (k: number) => new Float64Array(k);
    const i32 = (k: number) => new Int32Array(k);
    const u8 = (k: number) => new Uint8Array(k);
    this.level = grow(this.level, u8);
    this.skill = grow(this.skill, f64);
    this.payFactor = grow(this.payFactor, f64);
    this.employer = grow(this.employer, i32, UNEMPLOYED);
    this.base = grow(this.base, f64);
    this.equity = grow(this.equity, f64);
    this.budget = grow(this.budget, f64);
    this.tenure = grow(this.tenure, i32);
    this.phiP = grow(this.phiP, f64);
    this.phiF = grow(this.phiF, f64);
    this.wealth = grow(this.wealth, f64);
    this.credits = grow(this.credits, f64);
    this.rating = grow(this.rating, f64, 1);
    this.lambda = grow(this.lambda, f64);
    this.output = grow(this.output, f64);
    this.prevOutput = grow(this.prevOutput, f64);
    this.tokensUsed = grow(this.tokensUsed, f64);
    this.tokensWasted = grow(this.tokensWasted, f64);
    this.pool = grow(this.pool, f64);
    this.moveDrop = grow(this.moveDrop, f64);
    this.moved = grow(this.moved, u8);
    this.labourMarket = grow(this.labourMarket, u8);
    this.illiquid = grow(this.illiquid, f64);
    this.illiquidFirm = grow(this.illiquidFirm, i32, -1);
    this.uid = grow(this.uid, i32);
    this.capacity = cap;
    this.f64s = [
      this.skill, this.payFactor, this.base, this.equity, this.budget, this.phiP, this.phiF, this.wealth, this.credits, this.rating,
      this.lambda, this.output, this.prevOutput, this.tokensUsed, this.tokensWasted, this.pool, this.moveDrop, this.illiquid,
    ];
    this.i32s = [this.employer, this.tenure, this.illiquidFirm, this.uid];
    this.u8s = [this.level, this.moved, this.labourMarket];
  }

  /** Takes engineer i out of the labour force: the last engineer moves into index i. */
  remove(i: number): void {
    const last = this.n - 1;
    if (i !== last) {
      for (const a of this.f64s) a[i] = a[last];
      for (const a of this.i32s) a[i] = a[last];
      for (const a of this.u8s) a[i] = a[last];
    }
    this.n = last;
  }

  /** Adds an engineer at index n (fields to be set by the caller) and returns the index. */
  add(): number {
    if (this.n >= this.capacity) this.reserve(this.n + 1);
    this.uid[this.n] = this.nextUid++;
    return this.n++;
  }
}
