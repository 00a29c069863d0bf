/**
 * Sweep speed-up on worker threads: the same sweep of R runs at the default size (10,000
 * engineers, 10 years) with --workers 1, then --workers 2 (or the list given), each through
 * the real executable as a user starts it (`node sim/cli/bin.mjs sweep …`, in a process of its
 * own: the bundled CLI when it is current, and on a machine of more than 4 cores restarted
 * with a V8 platform pool of one thread per core, sim/cli/v8Pool.mjs). With `--rounds K` the
 * worker counts alternate K times and each figure is the median. Reports wall time, runs per
 * second, the speed-up over the first worker count, and CPU time ÷ wall time — the number of
 * cores kept busy (the children's CPU time, Linux /proc/self/stat) — and the load average,
 * since other processes on the machine take cores too. Checks that every worker count wrote
 * byte-identical files. `--workers` is a ceiling (a sweep starts no more workers than its
 * runs' work repays, sim/cli/args/runArgs.ts chooseWorkers); the table gives the workers each
 * sweep started, and `--exact` passes `--exact-workers` so that every count starts in full.
 * Each sweep runs with TOKENSIM_POOL_TRACE, and the table also gives, from its pool's trace
 * (bench/pool-trace.mjs), the share of the pool's span its workers were busy, the median first
 * run on a worker (the JIT compiling the engine as it goes) and later run, and the idle tail
 * (the last run's end after the first worker ran out of work).
 * Appends the table to bench/sweep-speedup-results.md.
 *
 * Usage: npm run build:cli && npx tsx bench/sweep-speedup.ts [--runs 200] [--workers 1,2]
 *   [--engineers 10000] [--years 10] [--rounds 1] [--exact] [--no-append]
 * (TOKENSIM_V8_POOL_SIZE=0 in the environment keeps node's own pool of 4, for comparison.)
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMBINED_FILES } from '../sim/cli/output/sweepOutputs.ts';
import { writeBenchSweep } from './benchSweep.ts';
import { bundleIsCurrent } from './bundleState.ts';
import { describeCpus } from './cpuTopology.ts';
// @ts-expect-error a plain .mjs bench script without declarations
import { readTrace, summarise } from './pool-trace.mjs';
import { POOL_TRACE_ENV } from '../sim/cli/parallel/pool.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(flag('runs', '200'));
const workerCounts = flag('workers', '1,2').split(',').map(Number);
const engineers = Number(flag('engineers', '10000'));
const years = Number(flag('years', '10'));
const rounds = Number(flag('rounds', '1'));
const exact = args.includes('--exact');
if (!(runs >= 2 && runs % 2 === 0)) throw new Error('--runs must be an even number ≥ 2 (points × 2 replicates)');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-sweep-bench-'));
const sweepFile = path.join(tmp, 'bench.json');
writeBenchSweep(sweepFile, 'bench-speedup', runs, engineers, years);

const BIN = path.join(ROOT, 'sim', 'cli', 'bin.mjs');

/** Whether bin.mjs runs the bundle (build/cli) or the TypeScript through tsx. */
const bundled = bundleIsCurrent(ROOT);
if (!bundled) console.error('note: build/cli is missing or older than sim/: the executable runs the TypeScript through tsx (npm run build:cli first)');

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of COMBINED_FILES) out.set(f, readFileSync(path.join(dir, f), 'utf8'));
  for (const f of readdirSync(path.join(dir, 'runs')).sort()) out.set(f, readFileSync(path.join(dir, 'runs', f), 'utf8'));
  return out;
}

/** CPU seconds of this process's finished (waited-for) children and theirs: /proc/self/stat cutime + cstime. */
function childrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // clock ticks; USER_HZ is 100 on Linux
}

/** `tokensim sweep` as its own process; resolves with its wall time (s) and the workers it started ("ran N on W workers") once it has exited 0. */
function runExecutable(sweepArgs: string[], trace: string): Promise<{ wall: number; started: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const env = { ...process.env, [POOL_TRACE_ENV]: trace };
    const child = spawn(process.execPath, [BIN, ...sweepArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      const started = Number(/^ran [\d,]+ on (\d+) workers? in /m.exec(stdout)?.[1] ?? NaN);
      if (code === 0) resolve({ wall, started });
      else reject(new Error(`tokensim sweep exited ${code}: ${stderr.trim()}`));
    });
  });
}

interface Row {
  workers: number;
  /** Workers the sweep started (fewer than asked where the runs' work does not repay them, unless --exact). */
  started: number;
  wall: number;
  cpu: number;
  /** 1-minute load average at the end: other processes competing for the cores show here. */
  load: number;
  /** From the pool's trace (none when one worker ran the sweep in its own thread): see bench/pool-trace.mjs. */
  trace?: { busyShare: number; firstRun: number; laterRun: number; tail: number };
}

/** The parts of a pool trace's summary the table gives (ms and shares). */
function traceFigures(file: string): Row['trace'] {
  if (!existsSync(file)) return undefined;
  const s = summarise(readTrace(readFileSync(file, 'utf8')));
  rmSync(file);
  return { busyShare: s.busyShare, firstRun: median(s.firstRuns), laterRun: s.laterRuns.length ? median(s.laterRuns) : Number.NaN, tail: s.tail };
}

const median = (v: number[]): number => {
  const sorted = [...v].sort((a, b) => a - b);
  const h = sorted.length >> 1;
  return sorted.length % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
};

const samples = new Map<number, Row[]>(workerCounts.map((w) => [w, []]));
let reference: Map<string, string> | undefined;
for (let round = 0; round < rounds; round++) {
  for (const workers of workerCounts) {
    const out = path.join(tmp, `out-${workers}`);
    const cpu0 = childrenCpu();
    const traceFile = path.join(tmp, `trace-${workers}.csv`);
    const { wall, started } = await runExecutable(['sweep', sweepFile, '--out', out, '--workers', String(workers), ...(exact ? ['--exact-workers'] : [])], traceFile);
    const cpu = childrenCpu() - cpu0;
    samples.get(workers)!.push({ workers, started, wall, cpu, load: os.loadavg()[0], trace: traceFigures(traceFile) });
    const files = filesOf(out);
    if (!reference) reference = files;
    else {
      const differing = [...reference.keys()].filter((k) => reference!.get(k) !== files.get(k));
      if (differing.length > 0 || files.size !== reference.size) throw new Error(`--workers ${workers} wrote different files: ${differing.slice(0, 5).join(', ')}`);
    }
    console.error(`--workers ${workers}${exact ? ' --exact-workers' : ''} (started ${started}): ${wall.toFixed(2)} s wall, ${cpu.toFixed(1)} s CPU, load ${os.loadavg()[0].toFixed(2)}`);
    rmSync(out, { recursive: true, force: true });
  }
}
rmSync(tmp, { recursive: true, force: true });
const rows: Row[] = workerCounts.map((workers) => {
  const s = samples.get(workers)!;
  const traces = s.flatMap((r) => (r.trace ? [r.trace] : []));
  const trace = traces.length
    ? {
        busyShare: median(traces.map((t) => t.busyShare)),
        firstRun: median(traces.map((t) => t.firstRun)),
        laterRun: median(traces.map((t) => t.laterRun)),
        tail: median(traces.map((t) => t.tail)),
      }
    : undefined;
  return { workers, started: s[s.length - 1].started, wall: median(s.map((r) => r.wall)), cpu: median(s.map((r) => r.cpu)), load: s[s.length - 1].load, trace };
});
const ms = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en-US'));

const base = rows[0];
const table = [
  `| --workers | started | wall (s${rounds > 1 ? `, median of ${rounds}` : ''}) | runs/s | speed-up | CPU ÷ wall (cores busy) | workers busy in the pool's span | first run on a worker (ms) | later runs (ms) | idle tail (ms) | load average (1 min, at end) |`,
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.workers} | ${r.started} | ${r.wall.toFixed(2)} | ${(runs / r.wall).toFixed(2)} | ${(base.wall / r.wall).toFixed(2)}× | ${(r.cpu / r.wall).toFixed(2)} | ` +
      `${r.trace ? `${(100 * r.trace.busyShare).toFixed(0)} %` : '–'} | ${ms(r.trace?.firstRun)} | ${ms(r.trace?.laterRun)} | ${ms(r.trace?.tail)} | ${r.load.toFixed(2)} |`,
  ),
].join('\n');
const command = `npx tsx bench/sweep-speedup.ts ${args.join(' ')}`.trim();
const header = `## ${new Date().toISOString().slice(0, 10)} · ${describeCpus()} · Node ${process.version}\n\n` +
  `\`${command}\` — ${runs} runs (${runs / 2} points × 2 replicates) of tunguz-100k at ${engineers.toLocaleString('en-US')} engineers × ${years} years, each a \`tokensim sweep\` process of its own (${bundled ? 'bundled CLI' : 'TypeScript through tsx'})${process.env.TOKENSIM_V8_POOL_SIZE ? ` (TOKENSIM_V8_POOL_SIZE=${process.env.TOKENSIM_V8_POOL_SIZE})` : ''}; files identical across worker counts.\n\n`;
console.log(table);
if (!args.includes('--no-append')) {
  const file = path.join(ROOT, 'bench', 'sweep-speedup-results.md');
  if (!existsSync(file)) writeFileSync(file, '# tokensim sweep: speed-up with worker threads\n\nRecorded by bench/sweep-speedup.ts.\n\n');
  appendFileSync(file, `${header}${table}\n\n`);
}
