#!/usr/bin/env node
// Builds the CLI to plain JavaScript so `tokensim` starts without compiling TypeScript:
// build/cli/main.cjs (sim/cli/main.ts and everything it imports, dependencies included; CommonJS
// so that it can load with V8's code cache, see loadBundle.mjs); build/cli/worker.cjs (the pool
// worker's code, sim/cli/parallel/workerEntry.ts) and build/cli/worker.mjs (the worker thread's
// entry, workerLaunch.mjs, which main.cjs starts from its own folder and which loads worker.cjs);
// and main.cjs.cache and worker.cjs.cache, the code caches saved after short training runs (the
// CLI on 300 engineers for one year; the worker on an engine run of that size). npm runs this
// after `npm install`/`npm ci` (the `prepare` script); `npm run build:cli` runs it by hand.
// sim/cli/bin.mjs runs the bundle when it is newer than every file under sim/, and the
// TypeScript through tsx otherwise.
//
// Usage: node sim/cli/build.mjs [<out-dir>]   (default build/cli, relative to the repository)
// The bundle must sit two folders below the repository root, as sim/cli does: the CLI finds
// package.json, scenarios/ and test/golden/ from there (sim/cli/packageRoot.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_OUT = 'build/cli';

/**
 * zod re-exports all of its ~40 message locales (`z.locales`, half of zod's code in the bundle);
 * tokensim only uses English, which zod registers from its own module. This resolves zod's
 * locale index to one that exports English alone, so the CLI does not parse the other 390 kB
 * at every start.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** What both bundles share. */
const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
  write: false,
};

/** The arguments of the training run whose compiled code the cache keeps (output to a temporary folder). */
const TRAINING_RUN = ['run', 'scenarios/baseline.json', '--engineers', '300', '--years', '1', '--seed', '1'];

/**
 * Runs `main.cjs` in `out` once in a fresh node (TRAINING_RUN, its output thrown away) and saves
 * the bytecode it compiled as main.cjs.cache (loadBundle.mjs); then, in a worker thread started
 * from worker.mjs, the pool worker's code on a run of its own (workerEntry.ts trainEngine), saved
 * as worker.cjs.cache. Returns the caches' paths, or throws with the child's message.
 */
function trainCodeCache(out) {
  const file = path.join(out, 'main.cjs');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tokensim-train-'));
  try {
    const script = [
      `import { loadBundle } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'sim/cli/loadBundle.mjs')).href)};`,
      `const b = loadBundle(${JSON.stringify(file)}, { cache: 'off' });`,
      `const code = await b.exports.main(${JSON.stringify([...TRAINING_RUN, '--out', path.join(tmp, 'out')])});`,
      'if (code !== 0) process.exit(code);',
      'b.saveCache();',
      "const { Worker } = await import('node:worker_threads');",
      `const w = new Worker(new URL(${JSON.stringify(pathToFileURL(path.join(out, 'worker.mjs')).href)}), { workerData: { tokensimTrainCodeCache: true } });`,
      "await new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); w.once('exit', (c) => reject(new Error(`worker exited (${c})`))); });",
      'await w.terminate();',
    ].join('\n');
    // A file, not `-e`: the training process starts as a tokensim process does, with no node
    // options (V8 takes a cache only in a process with the same flags; worker threads inherit them).
    const trainer = path.join(tmp, 'train.mjs');
    writeFileSync(trainer, script);
    const r = spawnSync(process.execPath, [trainer], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      const lines = (r.stderr || r.stdout).trim().split('\n');
      throw new Error(`training run failed (${r.status}): ${lines.find((l) => /Error|tokensim:/.test(l)) ?? lines[0]}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return [`${file}.cache`, path.join(out, 'worker.cjs.cache')];
}

/**
 * Bundles main.cjs, worker.cjs and worker.mjs (the worker thread's entry, which loads
 * worker.cjs) into `outDir` (relative to the repository root or absolute) and saves the code
 * caches of main.cjs and worker.cjs; returns the paths written. A training run that fails leaves
 * no cache (the CLI then compiles as it starts) and is reported in `warning`.
 */
export async function buildCli(outDir = DEFAULT_OUT) {
  const { build } = await import('esbuild');
  const out = path.resolve(ROOT, outDir);
  // CommonJS, so that it loads with V8's code cache (loadBundle.mjs); import.meta.url (the
  // bundle's own address: packageRoot.ts, the pool's worker.mjs) as in an ES module, and import()
  // of node's modules as require(): a vm.Script has no module loader.
  const commonJs = {
    ...COMMON,
    outdir: out,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { 'import.meta.url': '__tokensimImportMetaUrl' },
    banner: { js: "var __tokensimImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    supported: { 'dynamic-import': false },
  };
  const [main, worker, launch] = await Promise.all([
    build({ ...commonJs, entryPoints: { main: 'sim/cli/main.ts' } }),
    build({ ...commonJs, entryPoints: { worker: 'sim/cli/parallel/workerEntry.ts' } }),
    // The worker thread's entry: an ES module (node starts a worker from a file), which loads worker.cjs.
    build({ ...COMMON, entryPoints: { worker: 'sim/cli/parallel/workerLaunch.mjs' }, outdir: out, outExtension: { '.js': '.mjs' }, format: 'esm' }),
  ]);
  mkdirSync(out, { recursive: true });
  // Each file replaced whole (a running tokensim never reads half a bundle), main.cjs last: its
  // time is the bundle's time for bin.mjs. The old caches go first (they would not match the new
  // bundles), and a main.mjs of an earlier build (an ES module) with them.
  for (const f of ['main.cjs.cache', 'worker.cjs.cache', 'main.mjs']) rmSync(path.join(out, f), { force: true });
  const files = [...launch.outputFiles, ...worker.outputFiles, ...main.outputFiles];
  for (const f of files) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  const written = files.map((f) => f.path);
  let warning;
  try {
    written.push(...trainCodeCache(out));
  } catch (err) {
    warning = `no code cache (${err instanceof Error ? err.message : String(err)}); the CLI compiles as it starts`;
  }
  return { files: written, warning };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    const { files, warning } = await buildCli(process.argv[2] ?? DEFAULT_OUT);
    const ms = Math.round(performance.now() - started);
    console.log(`tokensim: built ${files.map((f) => path.relative(process.cwd(), f)).join(', ')} in ${ms} ms`);
    if (warning) console.warn(`tokensim: ${warning}`);
  } catch (err) {
    // Never fail an install over it: bin.mjs runs the TypeScript sources instead.
    console.warn(`tokensim: could not build the CLI to JavaScript (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); it will run from the TypeScript sources through tsx`);
  }
}
