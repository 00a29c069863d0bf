/**
 * The month's rating noise of produceLearnSave (engineers.ts), drawn in a batch per firm before
 * its loop and the firms' streams rewound after it to where drawing one at a time would leave
 * them (test/model/ratingNoise.test.ts holds both to the one-at-a-time bits).
 */
import { expRange } from '../lib/dmath.ts';
import { isRewindable } from '../lib/rng.ts';
import type { World } from './world.ts';

/**
 * The month's rating-noise factors exp(σ·z − σ²/2), drawn before produceLearnSave's loop, firm
 * by firm: firm slot k's engineers take theirs in engineer order from factors[start[k]] on,
 * `count[k]` of them (start −1: drawn one at a time in the loop). Each firm's normals come from
 * its own stream in the order the loop would draw them, so a batch per firm gives the same
 * values; drawn in a small loop they cost about half as much (the draw inlined, the stream's
 * state in cache, the pair's spare in a predictable pattern), and the exps of the month's
 * factors are taken together in one call (expRange). A firm's batch holds one
 * factor per engineer it employs (f.n); an engineer with no expected output draws none, and the
 * stream is then rewound and drawn again as far as the loop used (rewindRatingNoise), so it
 * ends where drawing one at a time would have left it. Scratch for one call, reused.
 */
export const ratingNoise = { factors: new Float64Array(0), start: new Int32Array(0), count: new Int32Array(0), used: new Int32Array(0) };

export function drawRatingNoise(w: World, sd: number): void {
  const firms = w.firms;
  const rn = ratingNoise;
  if (rn.start.length < firms.length) {
    const k = Math.max(firms.length, 2 * rn.start.length);
    rn.start = new Int32Array(k);
    rn.count = new Int32Array(k);
    rn.used = new Int32Array(k);
  }
  if (rn.factors.length < w.eng.n) rn.factors = new Float64Array(Math.max(w.eng.n, 2 * rn.factors.length));
  const { factors, start, count, used } = rn;
  let pos = 0;
  for (let k = 0; k < firms.length; k++) {
    const f = firms[k];
    const rng = f.rng;
    used[k] = 0;
    count[k] = 0;
    start[k] = -1;
    // A firm's slot is its index in w.firms; the batch is only for streams that can rewind.
    if (f.n === 0 || f.slot !== k || !isRewindable(rng) || pos + f.n > factors.length) continue;
    rng.mark();
    rng.normalsInto(factors, pos, f.n);
    for (let j = pos, end = pos + f.n; j < end; j++) factors[j] = sd * factors[j] - 0.5 * sd * sd;
    start[k] = pos;
    count[k] = f.n;
    pos += f.n;
  }
  expRange(factors, 0, pos);
}

/** Leaves each firm's stream after the draws the loop used (see ratingNoise). */
export function rewindRatingNoise(w: World): void {
  const { factors, start, count, used } = ratingNoise;
  for (let k = 0; k < w.firms.length; k++) {
    if (start[k] < 0 || used[k] === count[k]) continue;
    const rng = w.firms[k].rng;
    if (!isRewindable(rng)) continue;
    rng.rewind();
    rng.normalsInto(factors, start[k], used[k]);
  }
}
