/**
 * Sweep speed-up on worker threads: the same sweep of R runs at the default size (10,000
 * engineers, 10 years) with --workers 1, then --workers 2 (or the list given), through the
 * real `tokensim sweep` command in this process. Reports wall time, runs per second, the
 * speed-up over one worker, and CPU time ÷ wall time — the number of cores kept busy
 * (process CPU time counts every worker thread) — and the load average, since other processes
 * on the machine take cores too. Checks that every worker count wrote byte-identical files.
 * Appends the table to bench/sweep-speedup-results.md.
 *
 * Usage: npx tsx bench/sweep-speedup.ts [--runs 200] [--workers 1,2] [--engineers 10000] [--years 10] [--no-append]
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, readPackageInfo } from '../sim/cli/main.ts';
import { COMBINED_FILES } from '../sim/cli/output/sweepOutputs.ts';
import { writeBenchSweep } from './benchSweep.ts';
import { describeCpus } from './cpuTopology.ts';

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
if (!(runs >= 2 && runs % 2 === 0)) throw new Error('--runs must be an even number ≥ 2 (points × 2 replicates)');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-sweep-bench-'));
const sweepFile = path.join(tmp, 'bench.json');
writeBenchSweep(sweepFile, 'bench-speedup', runs, engineers, years);

const io = { stdout: () => undefined, stderr: (t: string) => void process.stderr.write(t), stderrIsTTY: process.stderr.isTTY === true };

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of COMBINED_FILES) out.set(f, readFileSync(path.join(dir, f), 'utf8'));
  for (const f of readdirSync(path.join(dir, 'runs')).sort()) out.set(f, readFileSync(path.join(dir, 'runs', f), 'utf8'));
  return out;
}

interface Row {
  workers: number;
  wall: number;
  cpu: number;
  /** 1-minute load average at the end: other processes competing for the cores show here. */
  load: number;
}

const rows: Row[] = [];
let reference: Map<string, string> | undefined;
for (const workers of workerCounts) {
  const out = path.join(tmp, `out-${workers}`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await main(['sweep', sweepFile, '--out', out, '--workers', String(workers)], io, readPackageInfo());
  const wall = (performance.now() - t0) / 1000;
  const cpuUsed = process.cpuUsage(cpu0);
  if (code !== 0) throw new Error(`tokensim sweep exited ${code}`);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
  rows.push({ workers, wall, cpu, load: os.loadavg()[0] });
  const files = filesOf(out);
  if (!reference) reference = files;
  else {
    const differing = [...reference.keys()].filter((k) => reference!.get(k) !== files.get(k));
    if (differing.length > 0 || files.size !== reference.size) throw new Error(`--workers ${workers} wrote different files: ${differing.slice(0, 5).join(', ')}`);
  }
  console.error(`--workers ${workers}: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`);
  rmSync(out, { recursive: true, force: true });
}
rmSync(tmp, { recursive: true, force: true });

const base = rows[0];
const table = [
  '| workers | wall (s) | runs/s | speed-up | CPU ÷ wall (cores busy) | load average (1 min, at end) |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) => `| ${r.workers} | ${r.wall.toFixed(1)} | ${(runs / r.wall).toFixed(2)} | ${(base.wall / r.wall).toFixed(2)}× | ${(r.cpu / r.wall).toFixed(2)} | ${r.load.toFixed(2)} |`,
  ),
].join('\n');
const command = `npx tsx bench/sweep-speedup.ts ${args.join(' ')}`.trim();
const header = `## ${new Date().toISOString().slice(0, 10)} · ${describeCpus()} · Node ${process.version}\n\n` +
  `\`${command}\` — ${runs} runs (${runs / 2} points × 2 replicates) of tunguz-100k at ${engineers.toLocaleString('en-US')} engineers × ${years} years; files identical across worker counts.\n\n`;
console.log(table);
if (!args.includes('--no-append')) {
  const file = path.join(ROOT, 'bench', 'sweep-speedup-results.md');
  if (!existsSync(file)) writeFileSync(file, '# tokensim sweep: speed-up with worker threads\n\nRecorded by bench/sweep-speedup.ts.\n\n');
  appendFileSync(file, `${header}${table}\n\n`);
}
