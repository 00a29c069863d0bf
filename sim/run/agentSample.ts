/**
 * An optional output: a sample of engineers followed month by month — where each works,
 * their level and token budget — for a view of the agents themselves and for researchers
 * (`tokensim run --agents N`). It reads the world after each month and changes nothing, so
 * a run's series and result hash are the same with or without it.
 *
 * The sample is N people spread evenly over the month-0 population by id (no random draws:
 * the engine's streams are untouched). Someone who leaves the occupation is followed no more;
 * their place in the sample goes to the next entrant (the earliest who joined after the last
 * one taken), so the sample stays N
 * and keeps the population's mix as it changes. `uid` says who holds each place each month.
 */
import { selectLowestByKey, sortIdsByKey } from '../lib/sortByKey.ts';
import type { World } from '../model/world.ts';
import { UNEMPLOYED } from '../model/world.ts';

/** Firm slot value for an engineer who is out of work. */
export const SAMPLE_UNEMPLOYED = -1;
/** Firm slot value for a place whose person left the occupation and no entrant took it yet. */
export const SAMPLE_VACANT = -2;

/** The sample, month-major: the value of place k in month m is at index m·count + k. */
export interface AgentSample {
  /** Places in the sample (N, or the month-0 population if smaller). */
  count: number;
  months: number;
  /** The person (uid) in each place. */
  uid: Int32Array;
  /** Employer's firm slot, SAMPLE_UNEMPLOYED or SAMPLE_VACANT. */
  firm: Int16Array;
  /** Firm type of the employer (index into the result's firmTypes), −1 when not employed. */
  firmType: Int16Array;
  /** Level: 0 junior … 3 staff (0 for a vacant place). */
  level: Uint8Array;
  /** Token budget, retail $ per year (0 when not employed). */
  budget: Float32Array;
}

export function emptySample(count: number, months: number): AgentSample {
  const cells = count * months;
  return {
    count,
    months,
    uid: new Int32Array(cells).fill(-1),
    firm: new Int16Array(cells).fill(SAMPLE_VACANT),
    firmType: new Int16Array(cells).fill(-1),
    level: new Uint8Array(cells),
    budget: new Float32Array(cells),
  };
}

/** Follows `count` people of world `w` (created at month 0) and records them after each month. */
export class AgentSampler {
  readonly sample: AgentSample;
  /** The person in each place now (−1 vacant). */
  private readonly who: Int32Array;
  /**
   * Place of each followed person, by uid (−1: not followed); grows with the uids. An array
   * rather than a Map: record() looks up every engineer every month.
   */
  private placeOf: Int32Array;
  /** Entrants with a uid below this have been considered for a place. */
  private nextEntrant: number;
  private readonly seen: Uint8Array;
  /** The month's entrants not yet followed (engineer indices), and each one's uid as a sort key by index. */
  private entrants = new Int32Array(0);
  private entrantUid = new Float64Array(0);

  constructor(w: World, count: number) {
    const n0 = w.eng.n;
    const k = Math.min(count, n0);
    this.sample = emptySample(k, w.months);
    this.who = new Int32Array(k);
    this.placeOf = new Int32Array(Math.max(16, w.eng.nextUid)).fill(-1);
    for (let j = 0; j < k; j++) {
      const uid = Math.floor(((j + 0.5) * n0) / k);
      this.who[j] = uid;
      this.follow(uid, j);
    }
    this.nextEntrant = w.eng.nextUid;
    this.seen = new Uint8Array(k);
  }

  /**
   * Records month `month` (after its mechanisms): one pass over the engineers, which also lists
   * the entrants not yet followed; in a month when someone followed has left, the earliest of
   * them (by uid) take the vacant places. Only as many as places fell vacant are picked and
   * ordered (selectLowestByKey, then sortIdsByKey on those): sorting all of them, thousands
   * in some months, with a comparator cost a tenth of a run.
   */
  record(w: World, month: number): void {
    const e = w.eng;
    const s = this.sample;
    const base = month * s.count;
    const placeOf = this.placeOf;
    const seen = this.seen;
    if (this.entrants.length < e.n) {
      this.entrants = new Int32Array(e.capacity);
      this.entrantUid = new Float64Array(e.capacity);
    }
    const { entrants, entrantUid } = this;
    const from = this.nextEntrant;
    let found = 0;
    seen.fill(0);
    for (let i = 0; i < e.n; i++) {
      const uid = e.uid[i];
      const place = uid < placeOf.length ? placeOf[uid] : -1;
      if (place < 0) {
        if (uid >= from) {
          entrants[found++] = i;
          entrantUid[i] = uid;
        }
        continue;
      }
      seen[place] = 1;
      this.write(w, i, base + place);
    }
    let vacant = 0;
    for (let place = 0; place < s.count; place++) vacant += 1 - seen[place];
    if (vacant === 0) return;
    const taken = Math.min(vacant, found);
    const candidates = entrants.subarray(0, found);
    selectLowestByKey(candidates, taken, entrantUid);
    sortIdsByKey(candidates.subarray(0, taken), entrantUid);
    let next = 0;
    for (let place = 0; place < s.count; place++) {
      if (seen[place] === 1) continue;
      if (this.who[place] >= 0) this.placeOf[this.who[place]] = -1;
      this.who[place] = -1;
      if (next < taken) {
        const i = entrants[next++];
        this.who[place] = e.uid[i];
        this.follow(e.uid[i], place);
        this.nextEntrant = e.uid[i] + 1;
        this.write(w, i, base + place);
      }
    }
  }

  /** Follows person `uid` in `place`. */
  private follow(uid: number, place: number): void {
    if (uid >= this.placeOf.length) {
      const grown = new Int32Array(Math.max(uid + 1, 2 * this.placeOf.length)).fill(-1);
      grown.set(this.placeOf);
      this.placeOf = grown;
    }
    this.placeOf[uid] = place;
  }

  private write(w: World, i: number, cell: number): void {
    const e = w.eng;
    const s = this.sample;
    const slot = e.employer[i];
    s.uid[cell] = e.uid[i];
    s.level[cell] = e.level[i];
    if (slot === UNEMPLOYED) {
      s.firm[cell] = SAMPLE_UNEMPLOYED;
    } else {
      const f = w.firms[slot];
      s.firm[cell] = slot;
      s.firmType[cell] = f.type;
      s.budget[cell] = e.budget[i] * f.budgetScale;
    }
  }
}
