/**
 * What a machine does when every core is busy, and what the engine does then: N copies of a
 * fixed piece of work started at once, for N in the list, each copy's time in ms (mean and
 * slowest). The work:
 *
 * - `alu`: an integer loop touching no memory; `l2`: sums over a 1.2 MB array; `mem`: sums
 *   over a 128 MB array (each in a process of its own);
 * - the engine: tunguz-100k `--runs` times in one process at each size, run 1 (cold: the JIT
 *   compiling the engine as it goes) and runs 3.. (warm) reported apart; in N processes, and
 *   in N worker threads of one process (as a sweep's pool runs them).
 *
 * A loop that slows with N is the machine (shared caches, memory, clocks); an engine run that
 * slows more than the loops is the engine. The threads share the V8 platform pool
 * `tokensim sweep` would give them (bench/cliPool.ts). Recorded in bench/RESULTS.md ("the sweep on a
 * 16-core machine").
 *
 * Usage: npx tsx bench/load-scaling.ts [--n 1,8,16] [--engineers 10000,2000] [--runs 4]
 *   [--work alu,l2,mem,processes,threads]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseScenario } from '../sim/input/scenario.ts';
import { simulate } from '../sim/run/simulate.ts';
import { withCliPool } from './cliPool.ts';
import { nodeArgsFor, workerFor } from './selfRun.ts';

const SELF = fileURLToPath(import.meta.url);
const TUNGUZ = fileURLToPath(new URL('../scenarios/tunguz-100k.json', import.meta.url));

/** The fixed loops: ms taken. */
function loop(kind: string): number {
  const t = performance.now();
  let s = 0;
  if (kind === 'alu') {
    let x = 1;
    for (let i = 0; i < 4e8; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      s += x & 1;
    }
  } else {
    const len = kind === 'l2' ? 150_000 : 16 * 2 ** 20;
    const a = new Float64Array(len).fill(1.5);
    const passes = kind === 'l2' ? 4000 : 40;
    for (let p = 0; p < passes; p++) for (let i = 0; i < len; i++) s += a[i];
  }
  if (s < 0) throw new Error('unreachable');
  return performance.now() - t;
}

/** The engine `runs` times at `engineers`: each run's ms. */
function engine(engineers: number, runs: number): number[] {
  const p = parseScenario(readFileSync(TUNGUZ, 'utf8'));
  p.run.engineers = engineers;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    simulate(p, 1 + r);
    times.push(performance.now() - t);
  }
  return times;
}

type Job = { kind: string; engineers: number; runs: number };
const work = (job: Job): number[] => (job.kind === 'engine' ? engine(job.engineers, job.runs) : [loop(job.kind)]);

if (!isMainThread) {
  parentPort!.postMessage(work(workerData as Job));
} else if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(work(JSON.parse(process.argv[3]) as Job)));
} else {
  withCliPool(SELF);
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const counts = flag('n', '1,8,16').split(',').map(Number);
  const sizes = flag('engineers', '10000,2000').split(',').map(Number);
  const runs = Number(flag('runs', '4'));
  const kinds = flag('work', 'alu,l2,mem,processes,threads').split(',');

  const inProcess = (job: Job): Promise<number[]> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...nodeArgsFor(SELF), '--child', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`child exited ${code}`))));
    });
  const inThread = (job: Job): Promise<number[]> =>
    new Promise((resolve, reject) => {
      const w = workerFor(SELF, import.meta.url, job);
      w.once('message', (m: number[]) => void w.terminate().then(() => resolve(m)));
      w.once('error', reject);
    });
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const cell = (v: number[]) => `${mean(v).toFixed(0)} (max ${Math.max(...v).toFixed(0)})`;

  console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'} · ${os.availableParallelism()} CPUs · Node ${process.version}; N copies at once, ms each: mean (slowest)\n`);
  console.log(`| work | ${counts.map((n) => `N = ${n}`).join(' | ')} |`);
  console.log(`|---|${counts.map(() => '---:').join('|')}|`);
  for (const kind of kinds.filter((k) => ['alu', 'l2', 'mem'].includes(k))) {
    const cells: string[] = [];
    for (const n of counts) cells.push(cell((await Promise.all(Array.from({ length: n }, () => inProcess({ kind, engineers: 0, runs: 1 })))).flat()));
    console.log(`| ${kind} | ${cells.join(' | ')} |`);
  }
  for (const how of kinds.filter((k) => k === 'processes' || k === 'threads')) {
    for (const engineers of sizes) {
      const cells: string[] = [];
      for (const n of counts) {
        const job: Job = { kind: 'engine', engineers, runs };
        const all = await Promise.all(Array.from({ length: n }, () => (how === 'threads' ? inThread(job) : inProcess(job))));
        cells.push(`${mean(all.map((t) => t[0])).toFixed(0)} / ${mean(all.flatMap((t) => t.slice(2))).toFixed(0)}`);
      }
      console.log(`| engine in ${how}, ${engineers.toLocaleString('en-US')} engineers: cold / warm | ${cells.join(' | ')} |`);
    }
  }
}
