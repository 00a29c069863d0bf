#!/usr/bin/env node
// The `tokensim` executable. Runs the CLI bundled to plain JavaScript (build/cli/main.mjs,
// built by `npm install` through the prepare script, or by `npm run build:cli`) when the
// bundle is newer than every file under sim/; otherwise (not built, or sources edited since)
// it runs the TypeScript sources through tsx, slower to start but the same program.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUNDLE = new URL('../../build/cli/main.mjs', import.meta.url);
const SOURCES = fileURLToPath(new URL('../', import.meta.url));

/** The latest modification time of any file under `dir`. */
function newestFile(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`;
    const t = entry.isDirectory() ? newestFile(file) : statSync(file).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function bundleIsCurrent() {
  try {
    return statSync(BUNDLE).mtimeMs >= newestFile(SOURCES);
  } catch {
    return false;
  }
}

async function loadMain() {
  if (bundleIsCurrent()) return (await import(BUNDLE.href)).main;
  const { tsImport } = await import('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
  const mod = await tsImport('./main.ts', { parentURL: import.meta.url, tsconfig: existsSync(tsconfig) ? tsconfig : false });
  return mod.main;
}

try {
  const main = await loadMain();
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`tokensim: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
