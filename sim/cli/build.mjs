#!/usr/bin/env node
// Builds the CLI to plain JavaScript so `tokensim` starts without compiling TypeScript:
// build/cli/main.mjs (sim/cli/main.ts and everything it imports, dependencies included) and
// build/cli/worker.mjs (the pool's worker thread, sim/cli/parallel/workerEntry.ts), which
// main.mjs starts from its own folder. npm runs this after `npm install`/`npm ci` (the
// `prepare` script); `npm run build:cli` runs it by hand. sim/cli/bin.mjs runs the bundle
// when it is newer than every file under sim/, and the TypeScript through tsx otherwise.
//
// Usage: node sim/cli/build.mjs [<out-dir>]   (default build/cli, relative to the repository)
// The bundle must sit two folders below the repository root, as sim/cli does: the CLI finds
// package.json, scenarios/ and test/golden/ from there (sim/cli/packageRoot.ts).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Bundles main.mjs and worker.mjs into `outDir` (relative to the repository root or absolute). */
export async function buildCli(outDir = DEFAULT_OUT) {
  const { build } = await import('esbuild');
  const out = path.resolve(ROOT, outDir);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'sim/cli/main.ts', worker: 'sim/cli/parallel/workerEntry.ts' },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // CommonJS dependencies (seedrandom looks for node's crypto) call require().
    banner: { js: "import { createRequire as __tokensimCreateRequire } from 'node:module';\nconst require = __tokensimCreateRequire(import.meta.url);" },
    legalComments: 'none',
    plugins: [zodEnglishOnly],
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(out, { recursive: true });
  // Each file replaced whole (a running tokensim never reads half a bundle), main.mjs last:
  // its time is the bundle's time for bin.mjs.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path.endsWith('main.mjs')) - Number(b.path.endsWith('main.mjs')));
  for (const f of files) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  return files.map((f) => f.path);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    const files = await buildCli(process.argv[2] ?? DEFAULT_OUT);
    const ms = Math.round(performance.now() - started);
    console.log(`tokensim: built ${files.map((f) => path.relative(process.cwd(), f)).join(', ')} in ${ms} ms`);
  } catch (err) {
    // Never fail an install over it: bin.mjs runs the TypeScript sources instead.
    console.warn(`tokensim: could not build the CLI to JavaScript (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); it will run from the TypeScript sources through tsx`);
  }
}
