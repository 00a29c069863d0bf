/**
 * Seeded random streams. Every mechanism draws from its own named stream derived from
 * (run seed, stream name), so a change to one mechanism never shifts another's draws.
 * xor4096 (seedrandom) is fast and has a long period; see STACK.md for measured speeds.
 *
 * Xor4096 below is seedrandom's xor4096: the same seeding from the stream's name and the same
 * recurrence, on a state held in an Int32Array (seedrandom keeps it in a plain array and
 * reaches it through three closures a draw), so every draw is the value seedrandom's generator
 * would give, bit for bit (test/lib/rng.test.ts compares the two). Seeding writes into that
 * array, so a firm's stream is seeded again in place when a new firm enters its slot
 * (`restream`) instead of making a new generator.
 */
import { log, logRange } from './dmath.ts';

export interface Stream {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal (Marsaglia's polar method; the spare value is kept). */
  normal(): number;
  /**
   * The same draw as normal(), written to out[at] instead of returned: for a loop where the
   * call is not inlined, a returned double would be boxed on the heap at every draw.
   */
  normalInto(out: Float64Array, at: number): void;
  /** Uniform integer on [0, n). */
  int(n: number): number;
}

/** markX before a stream's first mark(). */
const NO_MARK = new Int32Array(0);

/** Scratch of normalsInto's pairs: uniforms, s = u² + v², and log s (grown as needed, shared by every stream). */
let pairScratch = { u: new Float64Array(0), v: new Float64Array(0), s: new Float64Array(0), log: new Float64Array(0) };

/** seedrandom's xor4096 generator (Brent's xorgens with a Weyl sequence), from its state after seeding. */
class Xor4096 implements RewindableStream {
  private readonly x: Int32Array;
  private i: number;
  private w: number;
  /** Marsaglia's pair: `first` is returned at once, `spare` by the next normal(). */
  private first = 0;
  private spare = 0;
  private hasSpare = false;
  /**
   * The state at the last mark() (see RewindableStream); empty before the first. An array from
   * the start, never null: a field that first holds null and later an array changes the class's
   * recorded field type, and code optimised for streams is thrown away when the next is made.
   */
  private markX: Int32Array = NO_MARK;
  /** Whether mark() was called since the stream was seeded. */
  private marked = false;
  private markI = 0;
  private markW = 0;
  private markSpare = 0;
  private markHasSpare = false;

  constructor(seed: string) {
    this.x = new Int32Array(128);
    this.i = 0;
    this.w = 0;
    // The pair's fields hold fractions once drawn: made doubles now (set to a fraction and back,
    // as storeAsDoubles does), or the first pair drawn changes the class's field layout, and
    // every stream made after (the next run's) no longer matches what the world recorded.
    this.first = 0.5;
    this.spare = 0.5;
    this.markSpare = 0.5;
    this.first = 0;
    this.spare = 0;
    this.markSpare = 0;
    this.seed(seed);
  }

  /**
   * Seeds the generator from `seed` as seedrandom's xor4096 does for a string (its `init`),
   * into this stream's own state: a new stream's state, nothing of the old one kept (a spare
   * normal and a mark included).
   */
  seed(seed: string): void {
    const X = this.x;
    X.fill(0);
    // seedrandom appends a NUL and reads the characters cyclically.
    const len = seed.length + 1;
    const limit = Math.max(128, len);
    let v = 0;
    let w = 0;
    let zeros = 0;
    for (let j = -32; j < limit; ++j) {
      const at = (j + 32) % len;
      v ^= at < seed.length ? seed.charCodeAt(at) : 0;
      if (j === 0) w = v;
      v ^= v << 10;
      v ^= v >>> 15;
      v ^= v << 4;
      v ^= v >>> 13;
      if (j >= 0) {
        w = (w + 0x61c88647) | 0;
        const t = (X[j & 127] ^= v + w);
        zeros = t === 0 ? zeros + 1 : 0;
      }
    }
    if (zeros >= 128) X[len & 127] = -1;
    // Discards the first 4 × 128 outputs' state updates, as seedrandom does.
    let i = 127;
    for (let j = 4 * 128; j > 0; --j) {
      let u = X[(i + 34) & 127];
      i = (i + 1) & 127;
      let t = X[i];
      u ^= u << 13;
      t ^= t << 17;
      u ^= u >>> 15;
      t ^= t >>> 12;
      X[i] = u ^ t;
    }
    this.i = i;
    this.w = w;
    this.first = 0;
    this.spare = 0;
    this.hasSpare = false;
    this.marked = false;
  }

  /**
   * The next 32-bit output as an unsigned integer (seedrandom's `int32() >>> 0`) over 2^32. The
   * generator's step is written out here, not called: one small body that V8 inlines into the
   * callers' loops, where a double returned from a call that is not inlined is boxed on the heap.
   */
  next(): number {
    const X = this.x;
    const w = (this.w + 0x61c88647) | 0;
    this.w = w;
    let v = X[(this.i + 34) & 127];
    const i = (this.i + 1) & 127;
    let t = X[i];
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = v ^ t;
    X[i] = v;
    this.i = i;
    return ((v + (w ^ (w >>> 16))) >>> 0) / 0x100000000;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Small enough for the optimiser to inline into a caller's loop; the pair is drawn out of
   * line into fields, so no number crosses a call boundary (where it would be boxed).
   */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    this.drawPair();
    return this.first;
  }

  normalInto(out: Float64Array, at: number): void {
    if (this.hasSpare) {
      this.hasSpare = false;
      out[at] = this.spare;
      return;
    }
    this.drawPair();
    out[at] = this.first;
  }

  /**
   * The draws of normalInto(out, k) for k = from … from + count − 1, pair by pair as drawPair
   * makes them, with the logs of a batch's pairs taken together (logRange) between drawing the
   * pairs' uniforms and scaling them: the same operations on the same values, in one call to
   * log's body instead of one a pair.
   */
  normalsInto(out: Float64Array, from: number, count: number): void {
    let k = from;
    const end = from + count;
    if (k < end && this.hasSpare) {
      this.hasSpare = false;
      out[k++] = this.spare;
    }
    if (k >= end) return;
    const pairs = (end - k + 1) >> 1;
    if (pairScratch.s.length < pairs) {
      const n = Math.max(pairs, 2 * pairScratch.s.length);
      pairScratch = { u: new Float64Array(n), v: new Float64Array(n), s: new Float64Array(n), log: new Float64Array(n) };
    }
    const { u: us, v: vs, s: ss, log: logs } = pairScratch;
    // drawPair's rejection loop, written out here too: in a helper both called, V8 did not
    // always inline the draws, and then every uniform was boxed (13 MiB a default run).
    for (let p = 0; p < pairs; p++) {
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * this.next() - 1;
        v = 2 * this.next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      us[p] = u;
      vs[p] = v;
      ss[p] = s;
      logs[p] = s;
    }
    logRange(logs, 0, pairs);
    for (let p = 0; p < pairs; p++) {
      const m = Math.sqrt((-2 * logs[p]) / ss[p]);
      const first = us[p] * m;
      const spare = vs[p] * m;
      out[k++] = first;
      if (k < end) out[k++] = spare;
      else {
        this.first = first;
        this.spare = spare;
        this.hasSpare = true;
      }
    }
  }

  mark(): void {
    if (this.markX.length !== this.x.length) this.markX = new Int32Array(this.x.length);
    this.markX.set(this.x);
    this.markI = this.i;
    this.markW = this.w;
    this.markSpare = this.spare;
    this.markHasSpare = this.hasSpare;
    this.marked = true;
  }

  rewind(): void {
    if (!this.marked) throw new Error('rng: rewind() before mark()');
    this.x.set(this.markX);
    this.i = this.markI;
    this.w = this.markW;
    this.spare = this.markSpare;
    this.hasSpare = this.markHasSpare;
  }

  /** Marsaglia's polar method: only log and sqrt, which every engine computes alike here. */
  private drawPair(): void {
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * log(s)) / s);
    this.first = u * m;
    this.spare = v * m;
    this.hasSpare = true;
  }
}

/**
 * A stream that can draw normals in a batch and go back to a marked state: a caller that draws
 * ahead (a batch in a tight loop is cheaper than the same draws one at a time in a large loop)
 * and then needs fewer can rewind and draw exactly as many again, so the stream ends where
 * drawing them one at a time would have left it. The streams of `stream()` are rewindable.
 */
export interface RewindableStream extends Stream {
  /** `count` normal() draws into out[from], out[from + 1], …: the same values in the same order. */
  normalsInto(out: Float64Array, from: number, count: number): void;
  /** Remembers the current state (one mark per stream; a new mark replaces it). */
  mark(): void;
  /** Returns to the state of the last mark(): the draws since then come again, the same. */
  rewind(): void;
}

/** Whether `s` is rewindable (every stream of `stream()` is; test doubles may not be). */
export const isRewindable = (s: Stream): s is RewindableStream => s instanceof Xor4096;

/** The stream named `name` of run `seed`. Names in use: see STREAMS. */
export function stream(seed: number, name: string): Stream {
  return new Xor4096(`tokensim:${seed}:${name}`);
}

/**
 * The stream named `name` of run `seed`, made by seeding `old` again when it is one of
 * `stream()`'s (its earlier draws are then gone): the same draws as stream(seed, name), without
 * a new generator. For a firm entering a slot, whose previous firm's stream is no longer used.
 */
export function restream(old: Stream, seed: number, name: string): Stream {
  if (!(old instanceof Xor4096)) return stream(seed, name);
  old.seed(`tokensim:${seed}:${name}`);
  return old;
}

/** Stream names, in one place. Firm streams are per slot and per entrant generation. */
export const STREAMS = {
  market: 'market',
  init: 'engineer-init',
  labour: 'labour-market',
  firmInit: 'firm-init',
  supply: 'labour-supply',
  firm: (slot: number, generation: number) => `firm:${slot}:${generation}`,
} as const;
