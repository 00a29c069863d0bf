/**
 * Heap allocation in the monthly loop of a default run (10,000 engineers × 10 years): runs of
 * seeds 1, 2, … in one process, each started (startRun: the world and scratch, left out) and
 * then stepped through every month, which is what is measured.
 *
 * Bytes: with a new space larger than a run allocates, no collection happens during the
 * months, so the growth of V8's used heap over them is every byte they allocated (the script
 * checks that no collection ran). Needs node's flags, so run it as
 *   node --expose-gc --min-semi-space-size=1024 --max-semi-space-size=1024 --import tsx bench/alloc.ts [runs (default 5)]
 * The first runs include the JIT's warm-up: code that is not yet optimised boxes numbers.
 *
 * Sites: with --sites, the last run is sampled with V8's sampling heap profiler instead
 * (node:inspector; objects later collected included) and the allocating functions are listed.
 * The profiler itself can change what is optimised, so use it for where, not how much.
 */
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { DEFAULTS, cloneParams } from '../sim/model/params.ts';
import { startRun } from '../sim/run/simulate.ts';

const args = process.argv.slice(2);
const sites = args.includes('--sites');
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('bench/alloc.ts: run with node --expose-gc --min-semi-space-size=1024 --max-semi-space-size=1024 --import tsx');
  process.exit(2);
}
let gcs = 0;
new PerformanceObserver((list) => (gcs += list.getEntries().length)).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((r) => setTimeout(r, 10));

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
async function sampled(step: () => void): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  step();
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
  session.disconnect();
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (n: Node, path: string[]): void => {
    const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`;
    if (n.selfSize > 0) {
      const key = [name, ...path.slice(-2).reverse()].join(' < ');
      bySite.set(key, (bySite.get(key) ?? 0) + n.selfSize);
      total += n.selfSize;
    }
    for (const c of n.children) walk(c, [...path, name]);
  };
  walk(profile.head, []);
  console.log(`sampled: ${(total / 1024).toFixed(0)} KiB in all; by site:`);
  for (const [site, bytes] of [...bySite.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(bytes / 1024).toFixed(0).padStart(8)} KiB  ${site}`);
}

for (let k = 0; k < runs; k++) {
  const run = startRun(cloneParams(DEFAULTS), 1 + k);
  gc();
  await settle();
  if (sites && k === runs - 1) {
    await sampled(() => run.step(run.months));
    break;
  }
  gcs = 0;
  const h0 = getHeapStatistics().used_heap_size;
  const t0 = performance.now();
  run.step(run.months);
  const ms = performance.now() - t0;
  const bytes = getHeapStatistics().used_heap_size - h0;
  await settle();
  const note = gcs > 0 ? ` (${gcs} collections during the run: bytes undercounted, use a larger new space)` : '';
  console.log(`run ${k + 1}: ${ms.toFixed(0)} ms, ${(bytes / 1048576).toFixed(2)} MiB allocated over ${run.months} months, ${(bytes / run.months / 1024).toFixed(1)} KiB a month${note}`);
}
