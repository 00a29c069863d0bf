#!/usr/bin/env node
// The `tokensim` executable. Runs the CLI bundled to plain JavaScript (build/cli/main.cjs,
// built by `npm install` through the prepare script, or by `npm run build:cli`) when the
// bundle is newer than every file under sim/, with V8's code cache the build saved beside it
// (loadBundle.mjs); otherwise (not built, or sources edited since) it runs the TypeScript
// sources through tsx, slower to start but the same program.
// The commands that run a pool of worker threads restart node first with a wider V8 platform
// pool on machines of more than 4 cores (sim/cli/v8Pool.mjs says why).
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadBundle } from './loadBundle.mjs';
import { widerPoolSize } from './v8Pool.mjs';

const BUNDLE = new URL('../../build/cli/main.cjs', import.meta.url);
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
  if (bundleIsCurrent()) return loadBundle(fileURLToPath(BUNDLE)).exports.main;
  const { tsImport } = await import('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
  const mod = await tsImport('./main.ts', { parentURL: import.meta.url, tsconfig: existsSync(tsconfig) ? tsconfig : false });
  return mod.main;
}

/** Set in the environment of the child that relaunch() starts. */
const RELAUNCHED = 'TOKENSIM_RELAUNCHED';

/**
 * Runs this executable again in a child node with `--v8-pool-size=<size>`, its standard streams
 * shared; passes on SIGINT, SIGTERM and SIGHUP (a scheduler or `kill` may signal this process
 * alone) and ends as the child ended: its exit code, or the same signal. The two are joined by
 * an IPC channel too, so a child whose parent is killed outright (SIGKILL) stops as on SIGTERM
 * rather than running on unseen (see stopWithParent).
 */
async function relaunch(size) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, `--v8-pool-size=${size}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => void (child.exitCode === null && child.signalCode === null && child.kill(signal));
  for (const signal of signals) process.on(signal, forward);
  const [code, signal] = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c, s) => resolve([c, s]));
  });
  for (const s of signals) process.off(s, forward);
  if (signal !== null) process.kill(process.pid, signal);
  else process.exitCode = code ?? 1;
}

/** In a child of relaunch(): its parent's end of the channel closing (the parent gone) is taken as SIGTERM. */
function stopWithParent() {
  delete process.env[RELAUNCHED];
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

if (process.env[RELAUNCHED] === '1') stopWithParent();
const args = process.argv.slice(2);
let pool;
try {
  pool = widerPoolSize(args, { cores: os.availableParallelism(), env: process.env, execArgv: process.execArgv });
} catch (err) {
  process.stderr.write(`tokensim: ${err.message}\n`);
  process.exit(2);
}
try {
  if (pool !== undefined) await relaunch(pool);
  else process.exitCode = await (await loadMain())(args);
} catch (err) {
  process.stderr.write(`tokensim: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
