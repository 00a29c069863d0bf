/**
 * Cold runs of two versions of the engine: the first simulate() in a fresh process (what a
 * fresh worker or a `tokensim run` pays: the JIT compiling the engine as it goes) and the next
 * ones in that process (what a sweep worker's later runs pay), for tree A and tree B
 * alternating, `rounds` processes each. Each tree's engine is bundled with esbuild first (as
 * build/cli bundles it). Reports the medians of each run of a process and the ratio B ÷ A of
 * the first runs per round.
 * Usage: npx tsx bench/cold-ab.ts DIR_A DIR_B [rounds (default 8)] [engineers (default 10000,2000)] [--runs N (runs a process, default 2)]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runsPerProcess = runsAt >= 0 ? Number(argv[runsAt + 1]) : 2;
if (runsAt >= 0) argv.splice(runsAt, 2);
const [dirA, dirB, roundsArg = '8', sizesArg = '10000,2000'] = argv;
if (!dirA || !dirB || !existsSync(`${dirA}/sim/run/simulate.ts`) || !existsSync(`${dirB}/sim/run/simulate.ts`) || !(Number.isInteger(runsPerProcess) && runsPerProcess >= 1)) {
  console.error('usage: npx tsx bench/cold-ab.ts DIR_A DIR_B [rounds] [engineers,…] [--runs N]');
  process.exit(2);
}
const rounds = Number(roundsArg);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cold-ab-'));
const bundles: Record<'A' | 'B', string> = { A: path.join(tmp, 'A'), B: path.join(tmp, 'B') };
for (const [k, dir] of [['A', dirA], ['B', dirB]] as const) {
  await build({
    entryPoints: { sim: path.resolve(dir, 'sim/run/simulate.ts'), params: path.resolve(dir, 'sim/model/params.ts') },
    outdir: bundles[k],
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}
const child = path.join(tmp, 'child.mjs');
writeFileSync(
  child,
  `const { DEFAULTS, cloneParams } = await import(process.argv[2] + '/params.mjs');
const { simulate } = await import(process.argv[2] + '/sim.mjs');
const p = cloneParams(DEFAULTS);
p.run.engineers = Number(process.argv[3]);
const t = [];
for (let k = 0; k < Number(process.argv[4]); k++) {
  const t0 = performance.now();
  simulate(p, 1 + k);
  t.push(performance.now() - t0);
}
console.log(JSON.stringify(t));
`,
);
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
for (const engineers of sizesArg.split(',').map(Number)) {
  // byRun[k][j]: tree k's j-th run of each process.
  const byRun = { A: [] as number[][], B: [] as number[][] };
  for (let j = 0; j < runsPerProcess; j++) [byRun.A[j], byRun.B[j]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
      const out = spawnSync(process.execPath, [child, bundles[k], String(engineers), String(runsPerProcess)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      (JSON.parse(out.stdout) as number[]).forEach((ms, j) => byRun[k][j].push(ms));
    }
  }
  const first = { A: byRun.A[0], B: byRun.B[0] };
  const ratios = first.A.map((a, i) => first.B[i] / a);
  const later = byRun.A.slice(1).map((a, j) => `run ${j + 2} A ${median(a).toFixed(0)} ms, B ${median(byRun.B[j + 1]).toFixed(0)} ms`);
  console.log(
    `${engineers.toLocaleString('en-US')} engineers: first run A ${median(first.A).toFixed(0)} ms, B ${median(first.B).toFixed(0)} ms ` +
      `(B ÷ A per round ${ratios.map((x) => x.toFixed(2)).join(' ')}; median ${median(ratios).toFixed(2)})` +
      (later.length > 0 ? `; ${later.join('; ')}` : ''),
  );
}
rmSync(tmp, { recursive: true, force: true });
