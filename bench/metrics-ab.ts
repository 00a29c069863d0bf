/**
 * The monthly metrics alone, two versions against each other in one process: a default-size
 * world (10,000 engineers) is simulated for `months` months with tree A's engine, then tree A's
 * and tree B's MetricsCollector.collect() run on that same world in alternating blocks, and
 * every series value both write must agree bit for bit. Reports each version's median time per
 * collect() and the ratio B ÷ A per block pair (median).
 * Usage: npx tsx bench/metrics-ab.ts DIR_A DIR_B [blocks (default 20)] [months (default 60)]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dirA, dirB, blocksArg = '20', monthsArg = '60'] = process.argv.slice(2);
if (!dirA || !dirB || !existsSync(`${dirA}/sim/run/metrics.ts`) || !existsSync(`${dirB}/sim/run/metrics.ts`)) {
  console.error('usage: npx tsx bench/metrics-ab.ts DIR_A DIR_B [blocks] [months]: each DIR a checkout with sim/run/metrics.ts');
  process.exit(2);
}
const blocks = Number(blocksArg);
const months = Number(monthsArg);
const url = (dir: string, f: string) => pathToFileURL(resolve(dir, f)).href;
interface Collector {
  series: { metric: string; group: string; values: Float64Array }[];
  collect(w: unknown, month: number): void;
}
type CollectorClass = new (w: unknown) => Collector;
const params = await import(url(dirA, 'sim/model/params.ts'));
const simA = await import(url(dirA, 'sim/run/simulate.ts'));
const A: CollectorClass = (await import(url(dirA, 'sim/run/metrics.ts'))).MetricsCollector;
const B: CollectorClass = (await import(url(dirB, 'sim/run/metrics.ts'))).MetricsCollector;

// The world after `months` months of a default run (seed 1).
const p = params.cloneParams(params.DEFAULTS);
const run = simA.startRun(p, 1, { inspect: (w: unknown) => void (world = w) });
let world: unknown;
run.step(months);
const a = new A(world);
const b = new B(world);
const PER_BLOCK = 20;
const time = (c: Collector): number => {
  const t0 = performance.now();
  for (let k = 0; k < PER_BLOCK; k++) c.collect(world, k % 12);
  return (performance.now() - t0) / PER_BLOCK;
};
time(a);
time(b);
const check = (): void => {
  for (let s = 0; s < a.series.length; s++) {
    const x = a.series[s].values;
    const y = b.series[s].values;
    for (let m = 0; m < 12; m++) if (!Object.is(x[m], y[m])) throw new Error(`${a.series[s].metric}/${a.series[s].group} month ${m}: ${x[m]} ≠ ${y[m]}`);
  }
};
check();
const ta: number[] = [];
const tb: number[] = [];
for (let i = 0; i < blocks; i++) {
  if (i % 2) {
    tb.push(time(b));
    ta.push(time(a));
  } else {
    ta.push(time(a));
    tb.push(time(b));
  }
}
check();
const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const ratios = ta.map((x, i) => tb[i] / x);
console.log(`A ${dirA}: median collect() ${median(ta).toFixed(3)} ms`);
console.log(`B ${dirB}: median collect() ${median(tb).toFixed(3)} ms`);
console.log(`B ÷ A per block: median ${median(ratios).toFixed(3)} (range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}); values identical`);
