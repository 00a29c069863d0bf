import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { isRewindable, restream, stream, STREAMS } from '../../sim/lib/rng.ts';
import type { Stream } from '../../sim/lib/rng.ts';
import { log } from '../../sim/lib/dmath.ts';

const draw = (s: Stream, n: number, f: (s: Stream) => number): number[] => Array.from({ length: n }, () => f(s));

/** The streams as first written: seedrandom's own generator behind closures (the reference for the port). */
function seedrandomStream(seed: number, name: string): Stream {
  const prng = seedrandom.xor4096(`tokensim:${seed}:${name}`);
  let spare = 0;
  let hasSpare = false;
  const stream: Stream = {
    next: () => prng(),
    int: (n: number) => Math.floor(prng() * n),
    normalInto(out: Float64Array, at: number): void {
      out[at] = stream.normal();
    },
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * prng() - 1;
        v = 2 * prng() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * log(s)) / s);
      spare = v * m;
      hasSpare = true;
      return u * m;
    },
  };
  return stream;
}

/** normalInto's draw, read back. */
const intoOut = new Float64Array(3);
const into = (s: Stream): number => (s.normalInto(intoOut, 2), intoOut[2]);

describe('rng streams', () => {
  it('draw exactly what seedrandom\'s xor4096 gives for the same name, bit for bit', () => {
    // Names shorter and longer than seedrandom's 128-step seeding (a long one wraps the state).
    const long = 'x'.repeat(150) + 'é∑';
    for (const [seed, name] of [[1, 'market'], [7, STREAMS.firm(3, 2)], [123456, 'labour-supply'], [0, ''], [3, long], [3, long + '!']] as const) {
      const ours = stream(seed, name);
      const ref = seedrandomStream(seed, name);
      // Mixed and interleaved, as the engine draws: uniforms, integers, normals (with spares,
      // returned or written by normalInto).
      for (let k = 0; k < 20_000; k++) {
        const kind = k % 7;
        const [a, b] = kind < 3 ? [ours.next(), ref.next()] : kind < 5 ? [ours.normal(), ref.normal()] : kind < 6 ? [into(ours), ref.normal()] : [ours.int(1 + (k % 97)), ref.int(1 + (k % 97))];
        if (!Object.is(a, b)) throw new Error(`${seed}:${name} draw ${k}: ${a} ≠ ${b}`);
      }
    }
  });

  it('the same (seed, name) gives the identical sequence of uniforms, normals and integers', () => {
    const mixed = (s: Stream) => [...draw(s, 200, (x) => x.next()), ...draw(s, 201, (x) => x.normal()), ...draw(s, 200, (x) => x.int(97))];
    expect(mixed(stream(42, 'market'))).toEqual(mixed(stream(42, 'market')));
  });

  it('different names or different seeds give different sequences', () => {
    const first = (seed: number, name: string) => draw(stream(seed, name), 20, (s) => s.next());
    const base = first(42, 'market');
    const others = [first(42, 'labour-market'), first(43, 'market'), first(4, '2:market'), first(42, STREAMS.firm(0, 0))];
    for (const o of others) {
      // Not a single position may coincide: a shared prefix would mean a shared state.
      expect(o.some((v, i) => v === base[i])).toBe(false);
    }
  });

  it('firm streams are distinct per slot and per entrant generation', () => {
    const names = [STREAMS.firm(0, 0), STREAMS.firm(0, 1), STREAMS.firm(1, 0), STREAMS.firm(10, 1), STREAMS.firm(1, 10)];
    expect(new Set(names).size).toBe(names.length);
    const firsts = names.map((n) => stream(7, n).next());
    expect(new Set(firsts).size).toBe(names.length);
  });

  it('next() stays in [0, 1) over 100k draws and fills the interval', () => {
    const s = stream(1, 'uniform');
    let min = 1;
    let max = 0;
    let sum = 0;
    let outside = 0;
    const N = 100_000;
    for (let i = 0; i < N; i++) {
      const u = s.next();
      if (!(u >= 0 && u < 1)) outside += 1;
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
    }
    expect(outside).toBe(0);
    // 100k uniforms: min and max lie within 1e-4 of the ends with probability 1 − 2e^(−10).
    expect(min).toBeLessThan(1e-4);
    expect(max).toBeGreaterThan(1 - 1e-4);
    // Mean 1/2, s.e. = sqrt(1/12 / 1e5) ≈ 9.1e-4; 5 s.e. tolerance.
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
  });

  it('int(n) returns integers in [0, n) and hits every value about equally often', () => {
    const s = stream(2, 'int');
    const n = 7;
    const N = 70_000;
    const counts = new Array<number>(n).fill(0);
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const k = s.int(n);
      if (Number.isInteger(k) && k >= 0 && k < n) counts[k] += 1;
      else bad += 1;
    }
    expect(bad).toBe(0);
    expect(counts.every((c) => c > 0)).toBe(true);
    // Pearson χ² with 6 degrees of freedom: P(χ² > 35) ≈ 4e-6, so a fair generator passes.
    const e = N / n;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(35);
  });

  it('int(1) is always 0 and int(2) gives both values', () => {
    const s = stream(3, 'int-small');
    expect(draw(s, 100, (x) => x.int(1)).every((k) => k === 0)).toBe(true);
    expect(new Set(draw(s, 100, (x) => x.int(2)))).toEqual(new Set([0, 1]));
  });

  it('normal() has mean ≈ 0, s.d. ≈ 1 and normal tails over 100k draws', () => {
    const s = stream(4, 'normal');
    const N = 100_000;
    let sum = 0;
    let sum2 = 0;
    let sum4 = 0;
    let inside196 = 0;
    for (let i = 0; i < N; i++) {
      const z = s.normal();
      sum += z;
      sum2 += z * z;
      sum4 += z ** 4;
      if (Math.abs(z) < 1.959964) inside196 += 1;
    }
    const mean = sum / N;
    const sd = Math.sqrt(sum2 / N - mean * mean);
    // s.e. of the mean = 1/sqrt(N) ≈ 0.0032; s.e. of the s.d. ≈ 1/sqrt(2N) ≈ 0.0022. 5 s.e. each.
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(sd - 1)).toBeLessThan(5 / Math.sqrt(2 * N));
    // Kurtosis 3 (a scaled uniform would give 1.8); s.e. ≈ sqrt(24/N) ≈ 0.015.
    expect(Math.abs(sum4 / N - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
    // 95 % within ±1.96; s.e. = sqrt(0.95·0.05/N) ≈ 6.9e-4.
    expect(Math.abs(inside196 / N - 0.95)).toBeLessThan(5 * Math.sqrt((0.95 * 0.05) / N));
  });

  it('successive normal pairs are uncorrelated (the Box–Muller spare is not a copy)', () => {
    const s = stream(5, 'pairs');
    const N = 50_000;
    let sxy = 0;
    for (let i = 0; i < N; i++) sxy += s.normal() * s.normal();
    // Correlation of independent standard normals: s.e. 1/sqrt(N) ≈ 0.0045.
    expect(Math.abs(sxy / N)).toBeLessThan(5 / Math.sqrt(N));
  });

  it('drawing from one stream does not change another stream of the same run', () => {
    const alone = draw(stream(9, 'labour-market'), 500, (s) => s.normal());
    const a = stream(9, 'labour-market');
    const b = stream(9, 'market');
    const interleaved: number[] = [];
    for (let i = 0; i < 500; i++) {
      for (let k = 0; k < 3; k++) b.next();
      b.normal();
      interleaved.push(a.normal());
    }
    expect(interleaved).toEqual(alone);
  });

  it('restream seeds an old stream in place: the draws of a new stream, whatever the old one left', () => {
    const name = STREAMS.firm(4, 3);
    const fresh = stream(11, name);
    const want = [...draw(fresh, 50, (s) => s.normal()), ...draw(fresh, 50, (s) => s.next())];
    const old = stream(11, STREAMS.firm(4, 2));
    if (!isRewindable(old)) throw new Error('stream() gives rewindable streams');
    old.normal(); // leaves a spare normal
    old.mark();
    old.next();
    const again = restream(old, 11, name);
    expect(again).toBe(old);
    expect([...draw(again, 50, (s) => s.normal()), ...draw(again, 50, (s) => s.next())]).toEqual(want);
    // The mark went with the old state: rewinding needs a new mark.
    expect(() => old.rewind()).toThrow(/before mark/);
  });

  it('restream of a stream that is not one of stream()\'s gives a new stream', () => {
    const other = seedrandomStream(1, 'other');
    const made = restream(other, 11, 'market');
    expect(made).not.toBe(other);
    expect(draw(made, 20, (s) => s.next())).toEqual(draw(stream(11, 'market'), 20, (s) => s.next()));
  });
});
