/**
 * Seeded random streams. Every mechanism draws from its own named stream derived from
 * (run seed, stream name), so a change to one mechanism never shifts another's draws.
 * xor4096 (seedrandom) is fast and has a long period; see STACK.md for measured speeds.
 */
import seedrandom from 'seedrandom';

export interface Stream {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller; the spare value is kept). */
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
      let u = prng();
      while (u <= 0) u = prng();
      const v = prng();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Stream names, in one place. Firm streams are per slot and per entrant generation. */
export const STREAMS = {
  market: 'market',
  init: 'engineer-init',
  labour: 'labour-market',
  firmInit: 'firm-init',
  firm: (slot: number, generation: number) => `firm:${slot}:${generation}`,
} as const;
