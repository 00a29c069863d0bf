/**
 * A default `tokensim run` (baseline, seed 1, 10,000 engineers × 10 years) of two checkouts,
 * each through its own `node sim/cli/bin.mjs` (its bundle in build/cli: run `npm run build:cli`
 * in each first), alternating in fresh processes, and the engine's first run in a fresh
 * process (bench/cli-wall.ts --engine-child, this checkout) in the same rounds.
 * Usage: npx tsx bench/cli-ab.ts DIR_A DIR_B [rounds (default 7)]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [dirA, dirB, roundsArg = '7'] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: npx tsx bench/cli-ab.ts DIR_A DIR_B [rounds]');
  process.exit(2);
}
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cli-ab-'));
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const t = { A: [] as number[], B: [] as number[], engine: [] as number[] };
for (let r = 0; r < Number(roundsArg); r++) {
  for (const [k, dir] of r % 2 ? ([['B', dirB], ['A', dirA]] as const) : ([['A', dirA], ['B', dirB]] as const)) {
    const out = path.join(tmp, `out-${k}-${r}`);
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [path.join(dir, 'sim/cli/bin.mjs'), 'run', path.join(dir, 'scenarios/baseline.json'), '--seed', '1', '--out', out], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${dir}: ${res.stderr}`);
    t[k].push(performance.now() - t0);
  }
  const e = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/cli-wall.ts'), '--engine-child'], { cwd: ROOT, encoding: 'utf8' });
  if (e.status !== 0) throw new Error(e.stderr);
  t.engine.push((JSON.parse(e.stdout) as number[])[0]);
}
rmSync(tmp, { recursive: true, force: true });
const s = (v: number[]) => `median ${(median(v) / 1000).toFixed(2)} s (${v.map((x) => (x / 1000).toFixed(2)).join(', ')})`;
console.log(`A ${dirA}: ${s(t.A)}`);
console.log(`B ${dirB}: ${s(t.B)}`);
console.log(`engine alone, first run in a fresh process: ${s(t.engine)}`);
console.log(`B ÷ A per round: ${t.A.map((a, i) => (t.B[i] / a).toFixed(2)).join(' ')}; median ${median(t.A.map((a, i) => t.B[i] / a)).toFixed(2)}`);
console.log(`run ÷ engine's first run (medians): A ${(median(t.A) / median(t.engine)).toFixed(2)}, B ${(median(t.B) / median(t.engine)).toFixed(2)}`);
