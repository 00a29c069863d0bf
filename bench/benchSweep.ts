/**
 * The sweep file the sweep benches run (bench/concurrency.ts, bench/sweep-speedup.ts):
 * runs ÷ 2 values of σ, each with 2 replicates, over tunguz-100k, so every run costs about the
 * same; only the group `all` is written.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function writeBenchSweep(file: string, name: string, runs: number, engineers: number, years: number): void {
  const points = runs / 2;
  writeFileSync(
    file,
    JSON.stringify({
      name,
      description: 'Benchmark sweep: σ values × 2 replicates over tunguz-100k.',
      base: path.join(ROOT, 'scenarios', 'tunguz-100k.json'),
      parameters: { 'production.sigma': Array.from({ length: points }, (_, k) => Number((0.5 + (2.5 * k) / points).toFixed(4))) },
      replicates: 2,
      engineers,
      years,
      groups: ['all'],
    }),
  );
}
