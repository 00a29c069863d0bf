/**
 * Two versions of the engine timed against each other in one process, for a loaded machine:
 * default runs (10,000 engineers × 10 years) of tree A and tree B alternate, so each pair sees
 * the same load and heap, and the ratio B ÷ A of each pair is kept (its median is the figure
 * to quote; single timings scatter with the load). Each tree is a checkout of the repository
 * (e.g. `git archive <commit> | tar -x -C DIR` with node_modules linked); each run's result
 * hash must be the same in both, or the script stops. Also reports garbage collections a run
 * and the metrics' share of a run (time in the `metrics` phase, from simulate's onPhase), and
 * each phase's median time in A and B with the median B ÷ A of the phase per pair.
 *
 * The tree loaded second can run a few per cent slower or faster for reasons of its own (two
 * copies of one tree, loaded into one process the same way to time produceLearnSave alone,
 * measured 1.03–1.06 apart in one order): with --both-orders the
 * script runs itself twice in fresh processes, A loaded first and then B loaded first, and
 * reports the geometric mean of the two medians of B ÷ A, in which that bias cancels.
 * Usage: npx tsx bench/ab.ts DIR_A DIR_B [pairs (default 12)] [--both-orders]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const bothOrders = process.argv.includes('--both-orders');
const [dirA, dirB, pairsArg = '12'] = process.argv.slice(2).filter((a) => a !== '--both-orders');
const pairs = Number(pairsArg);
if (!dirA || !dirB || !existsSync(`${dirA}/sim/run/simulate.ts`) || !existsSync(`${dirB}/sim/run/simulate.ts`)) {
  console.error('usage: npx tsx bench/ab.ts DIR_A DIR_B [pairs]: each DIR a checkout with sim/run/simulate.ts');
  process.exit(2);
}
if (!Number.isInteger(pairs) || pairs < 1) {
  console.error(`bench/ab.ts: pairs must be a positive integer, got ${pairsArg}`);
  process.exit(2);
}

interface Tree {
  params: { DEFAULTS: unknown; cloneParams(p: unknown): unknown };
  sim: { simulate(p: unknown, seed: number, o?: { onPhase?: (phase: string) => void }): { resultHash: string } };
}
const load = async (dir: string): Promise<Tree> => ({
  params: await import(pathToFileURL(resolve(dir, 'sim/model/params.ts')).href),
  sim: await import(pathToFileURL(resolve(dir, 'sim/run/simulate.ts')).href),
});
if (bothOrders) {
  // Each order in a fresh process; the last line of each is its median B ÷ A (of its own A and B).
  const once = (first: string, second: string): number => {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], first, second, String(pairs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`bench/ab.ts ${first} ${second} failed`);
    process.stdout.write(r.stdout);
    return Number(/median ([0-9.]+)\s*$/.exec(r.stdout)?.[1]);
  };
  console.log(`order 1: A = ${dirA} loaded first`);
  const ab = once(dirA, dirB);
  console.log(`order 2: B = ${dirB} loaded first (its "B ÷ A" is A ÷ B)`);
  const ba = once(dirB, dirA);
  console.log(`B ÷ A, both load orders: √(${ab.toFixed(3)} ÷ ${ba.toFixed(3)}) = ${Math.sqrt(ab / ba).toFixed(3)}`);
  process.exit(0);
}
const a = await load(dirA);
const b = await load(dirB);

let gcs = 0;
new PerformanceObserver((list) => (gcs += list.getEntries().length)).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((r) => setTimeout(r, 20));
/** One default run: its time (ms), result hash and the collections reported during it. */
interface Timed {
  ms: number;
  gcs: number;
  metrics: number;
  /** Milliseconds in each phase of simulate's onPhase (market, engineers, firms, cfo, labour, metrics). */
  phases: Map<string, number>;
}
async function run(t: Tree, seed: number): Promise<Timed & { hash: string }> {
  await settle();
  gcs = 0;
  const phases = new Map<string, number>();
  const t0 = performance.now();
  let last = t0;
  const onPhase = (phase: string): void => {
    const now = performance.now();
    phases.set(phase, (phases.get(phase) ?? 0) + now - last);
    last = now;
  };
  const r = t.sim.simulate(t.params.cloneParams(t.params.DEFAULTS), seed, { onPhase });
  const ms = performance.now() - t0;
  await settle();
  return { ms, hash: r.resultHash, gcs, metrics: (phases.get('metrics') ?? 0) / ms, phases };
}

const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

for (let k = 0; k < 2; k++) {
  await run(a, 1);
  await run(b, 1);
}
const ra: Timed[] = [];
const rb: Timed[] = [];
for (let i = 0; i < pairs; i++) {
  const seed = 1 + (i % 5);
  // Alternate which goes first, so neither always follows the other's garbage.
  const [x, y] = i % 2 ? [await run(b, seed), await run(a, seed)].reverse() : [await run(a, seed), await run(b, seed)];
  if (x.hash !== y.hash) throw new Error(`seed ${seed}: result hashes differ (${x.hash} ≠ ${y.hash})`);
  ra.push(x);
  rb.push(y);
}
const line = (name: string, r: Timed[]) =>
  `${name}: median run ${median(r.map((x) => x.ms)).toFixed(0)} ms, fastest ${Math.min(...r.map((x) => x.ms)).toFixed(0)} ms, collections a run (median) ${median(r.map((x) => x.gcs))}, metrics ${(100 * median(r.map((x) => x.metrics))).toFixed(1)} % of a run (median)`;
console.log(line(`A ${dirA}`, ra));
console.log(line(`B ${dirB}`, rb));
for (const phase of ra[0].phases.keys()) {
  const pa = ra.map((x) => x.phases.get(phase) ?? 0);
  const pb = rb.map((x) => x.phases.get(phase) ?? 0);
  const r = median(pa.map((x, i) => pb[i] / x));
  console.log(`  ${phase.padEnd(9)} A ${median(pa).toFixed(1).padStart(6)} ms, B ${median(pb).toFixed(1).padStart(6)} ms, B ÷ A per pair: median ${r.toFixed(3)}`);
}
const ratios = ra.map((x, i) => rb[i].ms / x.ms);
console.log(`B ÷ A per pair: ${ratios.map((x) => x.toFixed(3)).join(' ')}; median ${median(ratios).toFixed(3)}`);
