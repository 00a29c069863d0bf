/**
 * Runs on every core at once (issue: sweeps that scale with cores). For each size, through the
 * CLI's own worker pool (sim/cli/parallel/pool.ts) and its bundled worker thread
 * (build/cli/worker.mjs; the TypeScript worker through tsx when there is no current bundle):
 *
 * - start-up: a worker thread's spawn → ready (engine loaded, API served), median of 5; and
 *   spawn → first result of a run in a fresh pool against the same run on a warm worker (the
 *   difference is start-up plus the JIT's warm-up);
 * - the concurrency slowdown: after every worker has done `--warm` runs, rounds of one run
 *   alone (the other workers idle) and `--workers` runs at once (every worker busy), timed
 *   from the parent (submit → result); per round, the mean concurrent run ÷ the lone run, and
 *   the median of the rounds;
 * - a sweep through the real `tokensim sweep` command (bundled main.cjs, in this process) with
 *   1 worker and with `--workers`: wall time, the parent thread's CPU time (Linux
 *   /proc/self/task/<pid>/stat) and its share of the process's CPU time (process.cpuUsage()
 *   counts every thread), and the files must be byte-identical (all but the shard record,
 *   which notes the run's workers and time).
 *
 * The machine's other load competes for the same cores: the load average is printed with
 * every figure. Where `tokensim sweep` would restart node with a wider V8 platform pool (more
 * than 4 cores, sim/cli/v8Pool.mjs), this runs itself again with the same (bench/cliPool.ts).
 * Usage:
 *   npm run build:cli && npx tsx bench/concurrency.ts [--sizes 10000,2000] [--workers 2]
 *     [--rounds 7] [--warm 3] [--sweep-runs 8] [--years 10]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { writeBenchSweep } from './benchSweep.ts';
import { bundleIsCurrent } from './bundleState.ts';
import { withCliPool } from './cliPool.ts';
import { describeCpus, meanClockMHz } from './cpuTopology.ts';
import { createPoolWithEntry, WORKER_READY, type Pool } from '../sim/cli/parallel/pool.ts';
import { DEFAULTS, cloneParams, type Params } from '../sim/model/params.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
withCliPool(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = flag('sizes', '10000,2000').split(',').map(Number);
const W = Number(flag('workers', '2'));
const rounds = Number(flag('rounds', '7'));
const warm = Number(flag('warm', '3'));
const sweepRuns = Number(flag('sweep-runs', '8'));
const years = Number(flag('years', '10'));

const bundleMain = path.join(ROOT, 'build/cli/main.cjs');
/** Whether bin.mjs runs the bundle (build/cli) or the TypeScript through tsx. */
const bundled = bundleIsCurrent(ROOT);
const entry = bundled ? pathToFileURL(path.join(ROOT, 'build/cli/worker.mjs')) : new URL('../sim/cli/parallel/worker.mjs', import.meta.url);
const mainModule = bundled ? pathToFileURL(bundleMain).href : new URL('../sim/cli/main.ts', import.meta.url).href;

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const load = (): string => os.loadavg()[0].toFixed(2);

/** Awaits `work`, reading the mean clock into `clocks` 40 ms in (if it is still going then). */
async function during<T>(work: Promise<T>, clocks: number[]): Promise<T> {
  let done = false;
  const timer = setTimeout(() => {
    const mhz = meanClockMHz();
    if (!done && mhz !== null) clocks.push(mhz);
  }, 40);
  try {
    return await work;
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
const paramsFor = (engineers: number): Params => {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  p.run.years = years;
  return p;
};
/** Milliseconds from submitting each job to its result, the jobs submitted together. */
async function timed(pool: Pool, p: Params, seeds: number[]): Promise<number[]> {
  const t0 = performance.now();
  return Promise.all(seeds.map((s) => pool.run(p, s).then(() => performance.now() - t0)));
}

/** Spawn → WORKER_READY of one fresh worker thread, ms. */
async function spawnToReady(): Promise<number> {
  const t0 = performance.now();
  const w = new Worker(entry);
  await new Promise<void>((resolve, reject) => {
    w.on('message', (m: { type?: string }) => m?.type === WORKER_READY && resolve());
    w.on('error', reject);
  });
  const ms = performance.now() - t0;
  await w.terminate();
  return ms;
}

const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
/** CPU seconds of this process's main thread so far (Linux), else NaN. */
function mainThreadCpu(): number {
  const f = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(f)) return Number.NaN;
  const fields = readFileSync(f, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

async function sweep(engineers: number, workers: number, dir: string): Promise<{ wall: number; parentCpu: number; cpu: number; files: Map<string, string> }> {
  const sweepFile = path.join(dir, 'sweep.json');
  writeBenchSweep(sweepFile, 'bench-concurrency', sweepRuns, engineers, years);
  const { main, readPackageInfo } = await import(mainModule);
  const out = path.join(dir, `out-${workers}`);
  const io = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false };
  const cpu0 = process.cpuUsage();
  const p0 = mainThreadCpu();
  const t0 = performance.now();
  const code = await main(['sweep', sweepFile, '--out', out, '--workers', String(workers), '--exact-workers'], io, readPackageInfo());
  const wall = (performance.now() - t0) / 1000;
  const parentCpu = mainThreadCpu() - p0;
  const used = process.cpuUsage(cpu0);
  if (code !== 0) throw new Error(`tokensim sweep exited ${code}`);
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (!/manifest|log|^shard-/i.test(e.name)) files.set(path.relative(out, f), readFileSync(f, 'utf8'));
    }
  };
  walk(out);
  return { wall, parentCpu, cpu: (used.user + used.system) / 1e6, files };
}

console.log(`tokensim concurrency bench: ${describeCpus()}; Node ${process.version}, worker ${bundled ? 'bundled (build/cli/worker.mjs)' : 'from the TypeScript sources (tsx)'}`);
const ready: number[] = [];
for (let k = 0; k < 5; k++) ready.push(await spawnToReady());
console.log(`worker spawn → ready: median ${median(ready).toFixed(0)} ms (${ready.map((x) => x.toFixed(0)).join(', ')}); load ${load()}`);

for (const engineers of sizes) {
  const p = paramsFor(engineers);
  console.log(`\n${engineers.toLocaleString('en-US')} engineers × ${years} years, ${W} workers`);
  // Start-up: a fresh pool's first results (every worker starting at once), then warm-up.
  const pool = createPoolWithEntry(W, entry);
  const firsts = await timed(pool, p, Array.from({ length: W }, (_, k) => 1 + k));
  for (let k = 1; k < warm; k++) await timed(pool, p, Array.from({ length: W }, (_, j) => 1 + j));
  const warmRun = median(await Promise.all([1, 2, 3].map(async () => (await timed(pool, p, [1]))[0])));
  console.log(`spawn → first result (fresh pool, ${W} workers starting together): ${firsts.map((x) => x.toFixed(0)).join(', ')} ms; the same run on a warm worker: ${warmRun.toFixed(0)} ms; load ${load()}`);
  // Concurrency slowdown: the same seed alone and on every worker at once, alternating.
  const ratios: number[] = [];
  const alone: number[] = [];
  const together: number[] = [];
  const clockAlone: number[] = [];
  const clockTogether: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const seed = 1 + (r % 3);
    const a = (await during(timed(pool, p, [seed]), clockAlone))[0];
    const c = await during(timed(pool, p, Array.from({ length: W }, () => seed)), clockTogether);
    const cMean = c.reduce((x, y) => x + y, 0) / c.length;
    alone.push(a);
    together.push(cMean);
    ratios.push(cMean / a);
  }
  await pool.close();
  console.log(
    `alone ${median(alone).toFixed(0)} ms, ${W} at once ${median(together).toFixed(0)} ms (median of ${rounds} rounds); slowdown per round ${ratios.map((x) => x.toFixed(2)).join(', ')}: median ${median(ratios).toFixed(2)}×; load ${load()}`,
  );
  if (clockAlone.length > 0 && clockTogether.length > 0) {
    console.log(`mean clock reported mid-run: ${median(clockAlone).toFixed(0)} MHz with one run, ${median(clockTogether).toFixed(0)} MHz with ${W} at once`);
  }
  // A sweep through the real command: the parent's CPU share, and 1 vs W workers.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tokensim-concurrency-'));
  try {
    const one = await sweep(engineers, 1, dir);
    const many = await sweep(engineers, W, dir);
    const differing = [...one.files.keys()].filter((k) => many.files.get(k) !== one.files.get(k));
    if (differing.length > 0 || one.files.size !== many.files.size) throw new Error(`the sweep wrote different files with 1 and with ${W} workers: ${differing.slice(0, 5).join(', ')}`);
    for (const [w, s] of [[1, one], [W, many]] as const) {
      console.log(
        `sweep of ${sweepRuns} runs, ${w} worker${w === 1 ? '' : 's'}: ${s.wall.toFixed(2)} s wall, process CPU ${s.cpu.toFixed(2)} s, parent thread CPU ${s.parentCpu.toFixed(2)} s = ${((100 * s.parentCpu) / s.cpu).toFixed(1)} % of the process's CPU, ${((100 * s.parentCpu) / s.wall).toFixed(1)} % of a core; load ${load()}`,
      );
    }
    console.log(`sweep speed-up ${W} workers over 1: ${(one.wall / many.wall).toFixed(2)}×; ${one.files.size} files identical`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
