/**
 * The bench sweep (bench/benchSweep.ts: σ values × 2 replicates over tunguz-100k, group `all`)
 * through two checkouts' executables (`node <dir>/sim/cli/bin.mjs sweep …`, each with its
 * bundle: run `npm run build:cli` in each first), alternating in fresh processes, K rounds.
 * Reports per checkout the median wall time of the whole command, the median of the run phase
 * the command itself reports ("ran N on W workers in X s"), and the rest (start, writing the
 * combined outputs, exit), and B ÷ A per round. Checks the two wrote the same files.
 *
 * Usage: npx tsx bench/sweep-ab.ts DIR_A DIR_B [--runs 64] [--engineers 2000] [--years 10]
 *          [--workers 2] [--rounds 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMBINED_FILES } from '../sim/cli/output/sweepOutputs.ts';
import { writeBenchSweep } from './benchSweep.ts';
import { bundleIsCurrent } from './bundleState.ts';

const args = process.argv.slice(2);
const [dirA, dirB] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
if (!dirA || !dirB) {
  console.error('usage: npx tsx bench/sweep-ab.ts DIR_A DIR_B [--runs 64] [--engineers 2000] [--years 10] [--workers 2] [--rounds 5]');
  process.exit(2);
}
const runs = Number(flag('runs', '64'));
const engineers = Number(flag('engineers', '2000'));
const years = Number(flag('years', '10'));
const workers = flag('workers', '2');
const rounds = Number(flag('rounds', '5'));
for (const d of [dirA, dirB]) if (!bundleIsCurrent(d)) console.error(`note: ${d}: build/cli is missing or older than sim/ (the TypeScript runs through tsx)`);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-sweep-ab-'));
const file = path.join(tmp, 'bench.json');
writeBenchSweep(file, 'bench-ab', runs, engineers, years);
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const t = { A: { wall: [] as number[], runs: [] as number[] }, B: { wall: [] as number[], runs: [] as number[] } };
for (let r = 0; r < rounds; r++) {
  for (const [k, dir] of r % 2 ? ([['B', dirB], ['A', dirA]] as const) : ([['A', dirA], ['B', dirB]] as const)) {
    const out = path.join(tmp, `out-${k}`);
    rmSync(out, { recursive: true, force: true });
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [path.join(dir, 'sim/cli/bin.mjs'), 'sweep', file, '--out', out, '--workers', workers], { encoding: 'utf8' });
    const wall = performance.now() - t0;
    if (res.status !== 0) throw new Error(`${dir}: ${res.stderr}`);
    const ran = /ran \d+ on \d+ workers? in ([\d.]+) s/.exec(res.stdout);
    if (!ran) throw new Error(`${dir}: no "ran … in … s" line in: ${res.stdout}`);
    t[k].wall.push(wall);
    t[k].runs.push(Number(ran[1]) * 1000);
  }
  for (const f of COMBINED_FILES) {
    if (!readFileSync(path.join(tmp, 'out-A', f)).equals(readFileSync(path.join(tmp, 'out-B', f)))) throw new Error(`${f} differs between ${dirA} and ${dirB}`);
  }
}
rmSync(tmp, { recursive: true, force: true });
const sec = (ms: number) => (ms / 1000).toFixed(2);
console.log(`${os.cpus()[0]?.model ?? 'cpu'} × ${os.availableParallelism()}; ${runs} runs × ${engineers} engineers × ${years} years, --workers ${workers}, ${rounds} rounds; same files from both`);
for (const k of ['A', 'B'] as const) {
  const { wall, runs: ran } = t[k];
  const rest = wall.map((w, i) => w - ran[i]);
  console.log(`${k} ${k === 'A' ? dirA : dirB}: wall median ${sec(median(wall))} s (${wall.map(sec).join(', ')}); runs ${sec(median(ran))} s; the rest (start, combined outputs, exit) ${sec(median(rest))} s`);
}
console.log(`B ÷ A per round: ${t.A.wall.map((a, i) => (t.B.wall[i] / a).toFixed(2)).join(' ')}; median ${median(t.A.wall.map((a, i) => t.B.wall[i] / a)).toFixed(2)}`);
