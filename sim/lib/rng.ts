/**
 * Seeded random streams. Every mechanism draws from its own named stream derived from
 * (run seed, stream name), so a change to one mechanism never shifts another's draws.
 * xor4096 (seedrandom) is fast and has a long period; see STACK.md for measured speeds.
 */
import seedrandom from 'seedrandom';
import { log } from './dmath.ts';

export interface Stream {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal (Marsaglia's polar method; the spare value is kept). */
  normal(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
}

/** The stream named `name` of run `seed`. Names in use: see STREAMS. */
export function stream(seed: number, name: string): Stream {
  const prng = seedrandom.xor4096(`tokensim:${seed}:${name}`);
  let spare = 0;
  let hasSpare = false;
  return {
    next: () => prng(),
    int: (n: number) => Math.floor(prng() * n),
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // Marsaglia's polar method: only log and sqrt, which every engine computes alike here.
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
