/**
 * produceLearnSave draws each firm's rating noise in a batch before its loop (sim/model/engineers.ts,
 * ratingNoise). These tests hold it to the values and stream positions of drawing one normal at
 * a time in the loop, which is what a non-rewindable stream gets: the same world run both ways
 * must give the same bits, including when engineers with no expected output draw nothing (the
 * batch is then rewound and drawn again as far as the loop used).
 */
import { describe, expect, it } from 'vitest';
import { produceLearnSave, useTokens } from '../../sim/model/engineers.ts';
import { produce } from '../../sim/model/firms.ts';
import { isRewindable, stream } from '../../sim/lib/rng.ts';
import type { Stream } from '../../sim/lib/rng.ts';
import type { World } from '../../sim/model/world.ts';
import { smallWorld, staff } from '../support/engineerWorld.ts';

/** The same stream behind an object that is not rewindable: produceLearnSave draws from it one at a time. */
const oneAtATime = (inner: Stream): Stream => ({
  next: () => inner.next(),
  normal: () => inner.normal(),
  normalInto: (out, at) => inner.normalInto(out, at),
  int: (n) => inner.int(n),
});

/** A month's token use and production, then `edit`, then produceLearnSave. */
function month(w: World, edit: (w: World) => void): void {
  useTokens(w);
  produce(w);
  edit(w);
  produceLearnSave(w);
}

/** Runs the same small world batched and one at a time; returns both, with each firm's own stream. */
function both(edit: (w: World) => void, months = 3): { batched: World; single: World; singleStreams: Stream[] } {
  const batched = smallWorld();
  const single = smallWorld();
  const singleStreams = single.firms.map((f) => f.rng);
  for (const f of single.firms) f.rng = oneAtATime(f.rng);
  for (let m = 0; m < months; m++) {
    batched.month = m;
    single.month = m;
    month(batched, edit);
    month(single, edit);
  }
  return { batched, single, singleStreams };
}

function expectSame(a: World, b: World, streamsB: Stream[]): void {
  expect(Array.from(a.eng.rating.subarray(0, a.eng.n))).toEqual(Array.from(b.eng.rating.subarray(0, b.eng.n)));
  expect(Array.from(a.eng.wealth.subarray(0, a.eng.n))).toEqual(Array.from(b.eng.wealth.subarray(0, b.eng.n)));
  // Every firm's stream stands at the same place: its next draws are the same.
  a.firms.forEach((f, k) => {
    expect([f.rng.next(), f.rng.normal(), f.rng.next()]).toEqual([streamsB[k].next(), streamsB[k].normal(), streamsB[k].next()]);
  });
}

describe('rating noise drawn in a batch per firm', () => {
  it('gives the bits and stream positions of drawing one normal at a time', () => {
    const { batched, single, singleStreams } = both(() => {});
    expect(batched.firms.every((f) => isRewindable(f.rng))).toBe(true);
    expect(batched.eng.rating.subarray(0, batched.eng.n).some((r) => r !== 1)).toBe(true);
    expectSame(batched, single, singleStreams);
  });

  it('stays exact when some engineers draw no noise (no expected output): the batch is rewound', () => {
    // In the biggest firm, no output from compute and every other engineer without skill: those
    // engineers expect no output and draw nothing, so the loop uses half the firm's batch.
    const edit = (w: World) => {
      const f = w.firms.reduce((a, b) => (b.n > a.n ? b : a));
      f.YC = 0;
      staff(w, f).forEach((i, k) => {
        if (k % 2 === 1) w.eng.skill[i] = 0;
      });
    };
    const { batched, single, singleStreams } = both(edit);
    expectSame(batched, single, singleStreams);
  });

  it('stays exact when a whole firm draws no noise', () => {
    const edit = (w: World) => {
      const f = w.firms.reduce((a, b) => (b.n > a.n ? b : a));
      f.YL = 0;
      f.YC = 0;
    };
    const { batched, single, singleStreams } = both(edit);
    expectSame(batched, single, singleStreams);
  });
});

describe('rewindable streams', () => {
  it('normalsInto draws what as many normal() calls draw', () => {
    const a = stream(4, 'x');
    const b = stream(4, 'x');
    if (!isRewindable(a)) throw new Error('stream() should be rewindable');
    a.next(); // an odd start: the pair's spare is pending after the first normal
    b.next();
    const out = new Float64Array(7);
    a.normalsInto(out, 0, 7);
    expect(Array.from(out)).toEqual(Array.from({ length: 7 }, () => b.normal()));
    expect(a.next()).toBe(b.next());
  });

  it('normalsInto of any length, between other draws, leaves the values and the state of one-at-a-time normal()', () => {
    const a = stream(6, 'z');
    const b = stream(6, 'z');
    const ops = stream(7, 'ops');
    if (!isRewindable(a)) throw new Error('stream() should be rewindable');
    const out = new Float64Array(80);
    for (let step = 0; step < 300; step++) {
      const op = ops.int(4);
      if (op === 0) expect(Object.is(a.normal(), b.normal())).toBe(true);
      else if (op === 1) expect(a.next()).toBe(b.next());
      else {
        const from = ops.int(10);
        const count = ops.int(op === 2 ? 4 : 70);
        a.normalsInto(out, from, count);
        for (let k = 0; k < count; k++) if (!Object.is(out[from + k], b.normal())) throw new Error(`step ${step}: draw ${k} of ${count} differs`);
      }
    }
    expect(a.next()).toBe(b.next());
    expect(Object.is(a.normal(), b.normal())).toBe(true);
  });

  it('rewind returns to the mark, spare included: the same draws come again', () => {
    const a = stream(5, 'y');
    if (!isRewindable(a)) throw new Error('stream() should be rewindable');
    a.normal(); // leaves a spare
    a.mark();
    const first = [a.normal(), a.next(), a.normal(), a.normal(), a.int(1000)];
    a.rewind();
    expect([a.normal(), a.next(), a.normal(), a.normal(), a.int(1000)]).toEqual(first);
  });
});
