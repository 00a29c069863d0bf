/**
 * Wall time of the `tokensim` executable against the engine's own run time (the issue's
 * "the CLI ships as JavaScript" targets: `--version` under 0.2 s, a default run within 10 % of
 * the engine's own time).
 *
 * Runs, in rounds so that every variant sees the same load, each command once per round in a
 * fresh process and prints the median and every time:
 * - `npx tokensim --version` and `npx tokensim run scenarios/baseline.json --seed 1 --out …`
 *   as a user types them (the bundle in build/cli when it is current: run `npm run build:cli`);
 * - the same through node without npx, `npx node -e 0` and `npx` of a trivial package's bin
 *   that only prints a line (npx's own cost, against which `npx tokensim --version` compares);
 * - the CLI from its TypeScript sources through tsx (what `bin` ran before the bundle), from a
 *   launcher outside sim/ so the bundle stays current;
 * - the engine alone: simulate() of the same scenario and seed timed inside a fresh process
 *   (its first run, cold, as the CLI's is) and a second run in that process (warm);
 * - the engine alone as a whole process: node running the engine bundled with esbuild (as the
 *   CLI bundles it) that reads and validates the scenario, runs it once and exits, timed from
 *   outside like the commands: node's start, loading the code and the cold run, without the
 *   CLI's own work (its argument handling and the files it writes).
 *
 * Usage: npx tsx bench/cli-wall.ts [--rounds 5]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median } from 'simple-statistics';
import { parseScenario } from '../sim/input/scenario.ts';
import { simulate } from '../sim/run/simulate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = path.join(ROOT, 'scenarios', 'baseline.json');
const args = process.argv.slice(2);

if (args[0] === '--engine-child') {
  // One process: the first simulate() (cold) and a second (warm), in milliseconds.
  const params = parseScenario(readFileSync(SCENARIO, 'utf8'), SCENARIO);
  const times: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    simulate(params, 1);
    times.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify(times));
  process.exit(0);
}

const i = args.indexOf('--rounds');
const rounds = i >= 0 ? Number(args[i + 1]) : 5;
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('--rounds must be a positive integer');
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cli-wall-'));
const launcher = path.join(tmp, 'from-sources.mjs');
writeFileSync(
  launcher,
  [
    `import { tsImport } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};`,
    `const { main } = await tsImport(${JSON.stringify(new URL('../sim/cli/main.ts', import.meta.url).href)}, { parentURL: import.meta.url, tsconfig: ${JSON.stringify(path.join(ROOT, 'tsconfig.json'))} });`,
    'process.exitCode = await main(process.argv.slice(2));',
  ].join('\n'),
);
const BIN = path.join(ROOT, 'sim', 'cli', 'bin.mjs');
// The engine alone as a program: the scenario read and validated, one run, exit.
const engineOnly = path.join(tmp, 'engine-only.mjs');
await build({
  stdin: {
    contents: [
      `import { readFileSync } from 'node:fs';`,
      `import { parseScenario } from ${JSON.stringify(path.join(ROOT, 'sim/input/scenario.ts'))};`,
      `import { simulate } from ${JSON.stringify(path.join(ROOT, 'sim/run/simulate.ts'))};`,
      `const file = ${JSON.stringify(SCENARIO)};`,
      `const r = simulate(parseScenario(readFileSync(file, 'utf8'), file), 1);`,
      `if (!r.resultHash) process.exit(1);`,
    ].join('\n'),
    resolveDir: ROOT,
    loader: 'ts',
  },
  outfile: engineOnly,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
// A package whose bin prints one line: what npx costs before any of tokensim runs.
const trivial = path.join(tmp, 'trivial');
mkdirSync(path.join(trivial, 'bin'), { recursive: true });
writeFileSync(path.join(trivial, 'package.json'), JSON.stringify({ name: 'trivialbin', version: '1.0.0', type: 'module', bin: { trivialbin: 'bin/t.mjs' } }));
writeFileSync(path.join(trivial, 'bin', 't.mjs'), '#!/usr/bin/env node\nconsole.log("trivialbin 1.0.0");\n', { mode: 0o755 });
const run = ['run', SCENARIO, '--seed', '1', '--out', path.join(tmp, 'out')];

const commands: [string, string, string[], string?][] = [
  ['npx node -e 0 (npx alone)', 'npx', ['node', '-e', '0']],
  ['npx trivialbin (a package whose bin prints one line)', 'npx', ['trivialbin'], trivial],
  ['npx tokensim --version', 'npx', ['tokensim', '--version']],
  ['node sim/cli/bin.mjs --version', process.execPath, [BIN, '--version']],
  ['--version from the TypeScript sources (tsx)', process.execPath, [launcher, '--version']],
  ['npx tokensim run baseline --seed 1', 'npx', ['tokensim', ...run]],
  ['node sim/cli/bin.mjs run baseline --seed 1', process.execPath, [BIN, ...run]],
  ['run baseline --seed 1 from the TypeScript sources (tsx)', process.execPath, [launcher, ...run]],
  ['engine alone as a process: node running the bundled engine on baseline, seed 1', process.execPath, [engineOnly]],
];

const times = new Map<string, number[]>(commands.map(([name]) => [name, []]));
const cold: number[] = [];
const warm: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const [name, cmd, argv, cwd] of commands) {
    const t0 = performance.now();
    const res = spawnSync(cmd, argv, { cwd: cwd ?? ROOT, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (res.status !== 0) throw new Error(`${name} failed (${res.status}): ${res.stderr}`);
    times.get(name)!.push(ms);
  }
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--engine-child'], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`engine child failed: ${child.stderr}`);
  const [c, w] = JSON.parse(child.stdout) as number[];
  cold.push(c);
  warm.push(w);
}
rmSync(tmp, { recursive: true, force: true });

const fmt = (ms: number): string => (ms / 1000).toFixed(2);
const row = (name: string, xs: number[]): string => `| ${name} | ${fmt(median(xs))} | ${xs.map(fmt).join(', ')} |`;
console.log(`${os.cpus()[0]?.model ?? 'cpu'} × ${os.availableParallelism()}; Node ${process.version}; load average at end ${os.loadavg()[0].toFixed(2)}; ${rounds} rounds`);
console.log('\n| command | median (s) | each round (s) |\n|---|---:|---|');
for (const [name] of commands) console.log(row(name, times.get(name)!));
console.log(row('engine alone: simulate(baseline, seed 1), first run in a fresh process', cold));
console.log(row('engine alone: second run in that process', warm));
const wall = median(times.get('npx tokensim run baseline --seed 1')!);
const direct = median(times.get('node sim/cli/bin.mjs run baseline --seed 1')!);
const process_ = median(times.get('engine alone as a process: node running the bundled engine on baseline, seed 1')!);
console.log(`\nA default run's wall time ÷ the engine's first run: ${(wall / median(cold)).toFixed(2)}× through npx, ${(direct / median(cold)).toFixed(2)}× through node.`);
console.log(`Through node ÷ the engine alone as a process (node's start and loading on both sides): ${(direct / process_).toFixed(2)}×.`);
