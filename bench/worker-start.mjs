/**
 * A pool worker's start: spawn → its ready message, for a bundled worker (build/cli/worker.mjs
 * by default, or the file given), nine times in a row; prints the median and every time. Plain
 * JavaScript, run by plain node as the bundled CLI is: under tsx its loader hooks would slow
 * every worker's module loading (≈ 90 ms whichever worker).
 *
 * Usage: npm run build:cli && node bench/worker-start.mjs [<worker.mjs>]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** sim/cli/parallel/pool.ts's WORKER_READY. */
const WORKER_READY = 'tokensim-worker-ready';

const file = path.resolve(process.argv[2] ?? 'build/cli/worker.mjs');
const times = [];
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  const w = new Worker(pathToFileURL(file));
  await new Promise((resolve, reject) => {
    w.on('message', (m) => m?.type === WORKER_READY && resolve());
    w.once('error', reject);
  });
  times.push(performance.now() - t);
  await w.terminate();
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`${path.relative(process.cwd(), file)}: spawn → ready median ${sorted[4].toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
