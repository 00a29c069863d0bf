/**
 * How a bench runs itself again in a fresh node or a worker thread: through tsx when it is the
 * TypeScript, plainly when it was bundled to JavaScript (`npx esbuild bench/X.ts --bundle
 * --platform=node --format=esm --outfile=X.mjs`, for a machine with node but not the
 * repository's dependencies, such as a lent many-core machine).
 */
import { Worker } from 'node:worker_threads';

/** The node arguments that run `script` (a path). */
export function nodeArgsFor(script: string): string[] {
  return script.endsWith('.ts') ? ['--import', 'tsx', script] : [script];
}

/** A worker thread running `script` (a path; `parentUrl` is the caller's import.meta.url) with `workerData`. */
export function workerFor(script: string, parentUrl: string, workerData: unknown): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { workerData });
  // A worker thread cannot load TypeScript by itself: it loads the file through tsx's API.
  const code = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(script)}, ${JSON.stringify(parentUrl)}))`;
  return new Worker(code, { eval: true, workerData });
}
