/**
 * Seed lists on the command line: `--seeds 1..30` (a range, both ends included),
 * `--seeds 1,2,5` (a list) or both mixed (`1..3,10`). Seeds keep the order given, which is
 * the order of rows in series.csv; a seed may appear only once, since every seed is one
 * replicate in the summary statistics.
 */
import { groupThousands } from '../output/groupThousands.ts';
import { parseIntegerArg, UsageError } from './parseArgs.ts';

/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;

/** Most seeds in one list (each is a full simulation, and all are held for the summary). */
export const MAX_SEEDS = 10_000;

/** Parses a seed list; throws a UsageError naming `label` (e.g. `--seeds`) and the bad part. */
export function parseSeedList(text: string, label = '--seeds'): number[] {
  const form = `${label} takes seeds like 1..30, 1,2,5 or 1..3,10`;
  if (text.trim() === '') throw new UsageError(`${form} (got an empty value)`);
  const seeds: number[] = [];
  const seen = new Set<number>();
  const add = (seed: number): void => {
    if (seen.has(seed)) throw new UsageError(`${label} lists seed ${seed} more than once`);
    if (seeds.length >= MAX_SEEDS) throw new UsageError(`${label} lists more than ${groupThousands(MAX_SEEDS)} seeds`);
    seen.add(seed);
    seeds.push(seed);
  };
  for (const part of text.split(',')) {
    const range = /^(.*)\.\.(.*)$/.exec(part);
    if (!range) {
      if (!/^\d+$/.test(part)) throw new UsageError(`${form} (got '${text}')`);
      add(parseIntegerArg(`${label} seed`, part, 0, MAX_SEED));
      continue;
    }
    const [, a, b] = range;
    if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) throw new UsageError(`${form} (got '${text}')`);
    const from = parseIntegerArg(`${label} seed`, a, 0, MAX_SEED);
    const to = parseIntegerArg(`${label} seed`, b, 0, MAX_SEED);
    if (to < from) throw new UsageError(`${label} range ${part} runs backwards (write ${b}..${a})`);
    if (to - from + 1 > MAX_SEEDS) throw new UsageError(`${label} lists more than ${groupThousands(MAX_SEEDS)} seeds`);
    for (let s = from; s <= to; s++) add(s);
  }
  return seeds;
}

/** The shortest text parseSeedList reads back to `seeds`: [1,2,3,5] → `1..3,5`. */
export function formatSeedList(seeds: readonly number[]): string {
  const parts: string[] = [];
  let k = 0;
  while (k < seeds.length) {
    let j = k;
    while (j + 1 < seeds.length && seeds[j + 1] === seeds[j] + 1) j++;
    if (j - k >= 2) parts.push(`${seeds[k]}..${seeds[j]}`);
    else for (let i = k; i <= j; i++) parts.push(String(seeds[i]));
    k = j + 1;
  }
  return parts.join(',');
}
