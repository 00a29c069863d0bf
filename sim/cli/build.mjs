#!/usr/bin/env node
// Builds the CLI to plain JavaScript so `tokensim` starts without compiling TypeScript:
// build/cli/main.cjs (sim/cli/main.ts and everything it imports, dependencies included; CommonJS
// so that it can load with V8's code cache, see loadBundle.mjs), build/cli/worker.mjs (the
// pool's worker thread, sim/cli/parallel/workerEntry.ts, an ES module), which main.cjs starts
// from its own folder, and main.cjs.cache, the code cache saved after a short training run of
// the bundle (300 engineers, one year). npm runs this after `npm install`/`npm ci` (the
// `prepare` script); `npm run build:cli` runs it by hand. sim/cli/bin.mjs runs the bundle when
// it is newer than every file under sim/, and the TypeScript through tsx otherwise.
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
export const TRAINING_RUN = ['run', 'scenarios/baseline.json', '--engineers', '300', '--years', '1', '--seed', '1'];

/**
 * Runs `main.cjs` in `out` once in a fresh node (TRAINING_RUN, its output thrown away) and saves
 * the bytecode it compiled as main.cjs.cache (loadBundle.mjs). Returns the cache's path, or
 * throws with the child's message.
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
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`training run failed (${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return `${file}.cache`;
}

/**
 * Bundles main.cjs and worker.mjs into `outDir` (relative to the repository root or absolute)
 * and saves main.cjs's code cache; returns the paths written. A training run that fails leaves
 * no cache (the CLI then compiles as it starts) and is reported in `warning`.
 */
export async function buildCli(outDir = DEFAULT_OUT) {
  const { build } = await import('esbuild');
  const out = path.resolve(ROOT, outDir);
  const [main, worker] = await Promise.all([
    build({
      ...COMMON,
      entryPoints: { main: 'sim/cli/main.ts' },
      outdir: out,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      // import.meta.url (the bundle's own address: packageRoot.ts, the pool's worker.mjs) as in an ES module.
      define: { 'import.meta.url': '__tokensimImportMetaUrl' },
      banner: { js: "var __tokensimImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      // import() of node's modules as require(): a vm.Script (loadBundle.mjs) has no module loader.
      supported: { 'dynamic-import': false },
    }),
    build({
      ...COMMON,
      entryPoints: { worker: 'sim/cli/parallel/workerEntry.ts' },
      outdir: out,
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      // CommonJS dependencies (seedrandom looks for node's crypto) call require().
      banner: { js: "import { createRequire as __tokensimCreateRequire } from 'node:module';\nconst require = __tokensimCreateRequire(import.meta.url);" },
    }),
  ]);
  mkdirSync(out, { recursive: true });
  // Each file replaced whole (a running tokensim never reads half a bundle), main.cjs last: its
  // time is the bundle's time for bin.mjs. The old cache goes first: it would not match.
  rmSync(path.join(out, 'main.cjs.cache'), { force: true });
  const files = [...worker.outputFiles, ...main.outputFiles];
  for (const f of files) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  const written = files.map((f) => f.path);
  let warning;
  try {
    written.push(trainCodeCache(out));
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
