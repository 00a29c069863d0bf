// A bundled pool worker thread's entry (built to build/cli/worker.mjs, see sim/cli/build.mjs):
// loads the worker's code, build/cli/worker.cjs, with the code cache the build saved beside it
// (loadBundle.mjs) and serves the engine on the parent port. Started with workerData
// { tokensimTrainCodeCache: true } (by the build), it runs the training run instead, saves the
// code it compiled as worker.cjs.cache and posts 'trained'.
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { loadBundle } from '../loadBundle.mjs';

const training = workerData?.tokensimTrainCodeCache === true;
const bundle = loadBundle(fileURLToPath(new URL('./worker.cjs', import.meta.url)), { cache: training ? 'off' : 'use' });
if (training) {
  bundle.exports.trainEngine();
  bundle.saveCache();
  parentPort.postMessage('trained');
} else bundle.exports.serveWorkerApi();
