/**
 * Entry of the bundled pool worker thread (build/cli/worker.mjs, see sim/cli/build.mjs): the
 * JavaScript twin of worker.mjs, which loads the same module through tsx when the CLI runs
 * from its TypeScript sources.
 */
import { serveWorkerApi } from './workerThread.ts';

serveWorkerApi();
