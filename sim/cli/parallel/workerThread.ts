/**
 * The body of a pool worker thread (see pool.ts): exposes the engine's `engineApi` on the
 * thread's parent port through comlink, then tells the pool it is ready. Loaded by
 * worker.mjs through tsx, together with sim/engineApi.ts, so both use one comlink instance
 * (its `transfer` marks must be seen by the same `expose`).
 */
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import '../nativeHash.ts';
import { engineApi } from '../../engineApi.ts';
import { WORKER_READY } from './pool.ts';

export function serveWorkerApi(): void {
  if (!parentPort) throw new Error('serveWorkerApi must run in a worker thread');
  expose(engineApi, nodeEndpoint(parentPort));
  parentPort.postMessage({ type: WORKER_READY });
}
