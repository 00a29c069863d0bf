/**
 * What node/V8 flags do to a fresh process's first runs (a sweep worker's start): the engine,
 * bundled with esbuild, runs `--runs` times at `--engineers` in K fresh processes per set of
 * flags, the sets alternating. Reports medians of the first run, the last run, and the
 * process's CPU time (process.cpuUsage: every thread, the JIT's background compiling
 * included) and wall time.
 *
 * Usage: npx tsx bench/cold-flags.ts [--engineers 2000] [--runs 3] [--k 7] -- "" "--flag-a" "--flag-b --flag-c"
 *   (each argument after `--` is one set of flags; "" is node as it is)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const sep = args.indexOf('--');
const opts = sep >= 0 ? args.slice(0, sep) : args;
const sets = sep >= 0 ? args.slice(sep + 1) : [''];
const flag = (name: string, fallback: string): string => {
  const i = opts.indexOf(`--${name}`);
  return i >= 0 ? opts[i + 1] : fallback;
};
const engineers = Number(flag('engineers', '2000'));
const runs = Number(flag('runs', '3'));
const k = Number(flag('k', '7'));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cold-flags-'));
const script = path.join(tmp, 'cold.mjs');
await build({
  stdin: {
    contents: [
      `import { DEFAULTS, cloneParams } from ${JSON.stringify(path.join(ROOT, 'sim/model/params.ts'))};`,
      `import { simulate } from ${JSON.stringify(path.join(ROOT, 'sim/run/simulate.ts'))};`,
      'const times = [];',
      `for (let i = 0; i < ${runs}; i++) {`,
      '  const p = cloneParams(DEFAULTS);',
      `  p.run.engineers = ${engineers};`,
      '  const t0 = performance.now();',
      '  simulate(p, 1 + i);',
      '  times.push(performance.now() - t0);',
      '}',
      'const cpu = process.cpuUsage();',
      'process.stdout.write(JSON.stringify({ times, cpu: (cpu.user + cpu.system) / 1000 }));',
    ].join('\n'),
    resolveDir: ROOT,
    loader: 'ts',
  },
  outfile: script,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const res = sets.map(() => ({ first: [] as number[], last: [] as number[], cpu: [] as number[], wall: [] as number[] }));
for (let r = 0; r < k; r++) {
  sets.forEach((set, j) => {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, [...set.split(' ').filter(Boolean), script], { encoding: 'utf8' });
    const wall = performance.now() - t0;
    if (out.status !== 0) throw new Error(`node ${set} failed: ${out.stderr}`);
    const { times, cpu } = JSON.parse(out.stdout) as { times: number[]; cpu: number };
    res[j].first.push(times[0]);
    res[j].last.push(times[times.length - 1]);
    res[j].cpu.push(cpu);
    res[j].wall.push(wall);
  });
}
rmSync(tmp, { recursive: true, force: true });
console.log(`${os.cpus()[0]?.model ?? 'cpu'} × ${os.availableParallelism()}; Node ${process.version}; ${engineers} engineers × 10 years, ${runs} runs a process, ${k} processes per set (medians, ms)`);
console.log('\n| flags | first run | last run | CPU of the process | wall |\n|---|---:|---:|---:|---:|');
sets.forEach((set, j) => {
  const m = res[j];
  console.log(`| ${set === '' ? '(none)' : `\`${set}\``} | ${median(m.first).toFixed(0)} | ${median(m.last).toFixed(0)} | ${median(m.cpu).toFixed(0)} | ${median(m.wall).toFixed(0)} |`);
});
