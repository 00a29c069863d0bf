// Entry of a tokensim pool worker thread (sim/cli/parallel/pool.ts). Node 20 cannot start a worker
// thread from a .ts file, even under tsx, so this plain module loads the TypeScript through
// tsx's API and serves the engine's comlink API on the parent port.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
const { serveWorkerApi } = await tsImport('./workerThread.ts', {
  parentURL: import.meta.url,
  tsconfig: existsSync(tsconfig) ? tsconfig : false,
});
serveWorkerApi();
