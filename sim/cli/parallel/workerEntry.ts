/**
 * The bundled pool worker's code (build/cli/worker.cjs, see sim/cli/build.mjs), loaded in the
 * thread by workerLaunch.mjs (build/cli/worker.mjs) with its code cache: the JavaScript twin of
 * worker.mjs, which loads the same module through tsx when the CLI runs from its TypeScript
 * sources. `trainEngine` is the build's training run, whose compiled code the cache keeps.
 */
import { cloneParams, DEFAULTS } from '../../model/params.ts';
import { engineApi } from '../../engineApi.ts';

export { serveWorkerApi } from './workerThread.ts';

/** A short run of the engine as the pool runs one (300 engineers, one year, a sample of 20 engineers): what a worker compiles for its jobs. */
export function trainEngine(): void {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = 300;
  p.run.years = 1;
  engineApi.run(p, 1, undefined, 20);
}
