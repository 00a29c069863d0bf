/**
 * When a dragged slider has come to rest (web/lib/sliderRest.ts), with a fake clock: the value
 * under a thumb held still for SLIDER_REST_MS is reported once; a move restarts the wait; a
 * release withdraws a rest reported at a value that is then not committed.
 */
import { describe, expect, it } from 'vitest';
import { SLIDER_REST_MS, SliderRest, type Timers } from '../../web/lib/sliderRest.ts';

function clock() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      pending.set(++nextId, { at: now + ms, fn });
      return nextId;
    },
    clear: (id) => pending.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      pending.delete(id);
      t.fn();
    }
  };
  return { timers, advance, pending };
}

function setup() {
  const told: (number | undefined)[] = [];
  const { timers, advance, pending } = clock();
  const rest = new SliderRest((v) => told.push(v), SLIDER_REST_MS, timers);
  return { rest, told, advance, pending };
}

describe('a dragged slider at rest', () => {
  it('reports the value under a thumb held still for the rest time, once', () => {
    const { rest, told, advance } = setup();
    rest.moved(1.2, 0.8);
    advance(SLIDER_REST_MS - 1);
    expect(told).toEqual([]);
    advance(1);
    expect(told).toEqual([1.2]);
    advance(10 * SLIDER_REST_MS);
    expect(told).toEqual([1.2]);
  });

  it('waits again after every move: a thumb that keeps moving reports nothing', () => {
    const { rest, told, advance } = setup();
    for (const v of [1, 1.2, 1.4, 1.6]) {
      rest.moved(v, 0.8);
      advance(SLIDER_REST_MS / 2);
    }
    expect(told).toEqual([]);
    advance(SLIDER_REST_MS / 2);
    expect(told).toEqual([1.6]);
  });

  it('reports nothing when released before the rest time (a quick drag, a key press)', () => {
    const { rest, told, advance, pending } = setup();
    rest.moved(1.2, 0.8);
    advance(SLIDER_REST_MS / 4);
    rest.released(1.2, 0.8);
    advance(10 * SLIDER_REST_MS);
    expect(told).toEqual([]);
    expect(pending.size).toBe(0);
  });

  it('a release at a new value after a rest says nothing more (the commit replaces what started)', () => {
    const { rest, told, advance } = setup();
    rest.moved(1.2, 0.8);
    advance(SLIDER_REST_MS);
    rest.moved(1.4, 0.8);
    rest.released(1.4, 0.8);
    advance(10 * SLIDER_REST_MS);
    expect(told).toEqual([1.2]);
  });

  it('withdraws a rest when the thumb comes back to the committed value, or is released there', () => {
    const { rest, told, advance } = setup();
    rest.moved(1.2, 0.8);
    advance(SLIDER_REST_MS);
    rest.moved(0.8, 0.8);
    advance(SLIDER_REST_MS);
    expect(told).toEqual([1.2, undefined]);
    // Withdrawn already: releasing there says nothing more, nor does resting there again.
    rest.released(0.8, 0.8);
    rest.moved(0.8, 0.8);
    advance(SLIDER_REST_MS);
    rest.released(0.8, 0.8);
    expect(told).toEqual([1.2, undefined]);
    // Rested elsewhere, then released on the committed value without resting there.
    rest.moved(1.4, 0.8);
    advance(SLIDER_REST_MS);
    rest.moved(0.8, 0.8);
    rest.released(0.8, 0.8);
    expect(told).toEqual([1.2, undefined, 1.4, undefined]);
  });

  it('stops its timer when the slider goes away', () => {
    const { rest, told, advance, pending } = setup();
    rest.moved(1.2, 0.8);
    rest.dispose();
    advance(10 * SLIDER_REST_MS);
    expect(told).toEqual([]);
    expect(pending.size).toBe(0);
  });
});
