/**
 * What provenance hashing costs in a default run (10,000 engineers × 10 years): the run's
 * time (simulate, hashing included) against the time of the hashing it does — the SHA-256
 * result hash over every series and the parameters hash (sim/lib/hash.ts) — timed apart on
 * the same result, many times over, median kept. The target: under 2 % of a run.
 * Usage: npx tsx bench/hash-cost.ts [--runs 3] [--repeats 50] [--no-append]
 * Results are printed and appended to bench/RESULTS.md with date, machine and command.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { canonicalJson, Hasher, hashString } from '../sim/lib/hash.ts';
import { cloneParams, DEFAULTS } from '../sim/model/params.ts';
import type { Result } from '../sim/run/result.ts';
import { simulate } from '../sim/run/simulate.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const runs = option('runs', 3);
const repeats = option('repeats', 50);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The hashing `simulate` does at the end of a run (sim/run/simulate.ts), on its result. */
function hashLikeSimulate(r: Result): string {
  const h = new Hasher();
  for (const s of r.series) h.string(s.metric).string(s.group).floats(s.values);
  return h.digest();
}

const params = cloneParams(DEFAULTS);
const runMs: number[] = [];
let result: Result | undefined;
for (let seed = 1; seed <= runs; seed++) {
  const t0 = performance.now();
  result = simulate(params, seed);
  runMs.push(performance.now() - t0);
}
const r = result!;
if (hashLikeSimulate(r) !== r.resultHash) throw new Error('the timed hashing is not the hashing simulate does');

const resultMs: number[] = [];
const paramsMs: number[] = [];
for (let k = 0; k < repeats; k++) {
  let t0 = performance.now();
  hashLikeSimulate(r);
  resultMs.push(performance.now() - t0);
  t0 = performance.now();
  hashString(canonicalJson(params));
  paramsMs.push(performance.now() - t0);
}

const values = r.series.reduce((n, s) => n + s.values.length, 0);
const bytes = values * 8 + r.series.reduce((n, s) => n + 8 + s.metric.length + s.group.length, 0) + r.series.length * 4;
const hashMs = median(resultMs) + median(paramsMs);
const run = median(runMs);
const share = (100 * hashMs) / run;
const cpus = os.cpus();
const text = [
  `## ${new Date().toISOString().slice(0, 10)} — provenance hashing cost (bench/hash-cost.ts)`,
  '',
  `Machine: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}; Node ${process.version}; load average at end ${os.loadavg()[0].toFixed(2)}.`,
  `Command: \`npx tsx bench/hash-cost.ts${args.length ? ` ${args.join(' ')}` : ''}\`.`,
  '',
  `Default run (10,000 engineers × 10 years), median of ${runs}: ${(run / 1000).toFixed(2)} s. ` +
    `Result hash (SHA-256 over ${r.series.length} series, ${values.toLocaleString('en-US')} values, ${(bytes / 1024).toFixed(0)} KiB): ` +
    `${median(resultMs).toFixed(2)} ms (${(bytes / 1e6 / (median(resultMs) / 1000)).toFixed(0)} MB/s); parameters hash ${median(paramsMs).toFixed(3)} ms; ` +
    `median of ${repeats}. Hashing = **${share.toFixed(2)} %** of a run (target < 2 %: ${share < 2 ? 'met' : 'NOT met'}).`,
  '',
].join('\n');
console.log(text);
if (!args.includes('--no-append')) appendFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), `${text}\n`);
