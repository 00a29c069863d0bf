#!/usr/bin/env node
// The `tokensim` executable: loads the TypeScript CLI through tsx (a runtime dependency),
// so `npx tokensim …` works straight after `npm install`, with no build step.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

try {
  const { main } = await tsImport('./main.ts', {
    parentURL: import.meta.url,
    tsconfig: existsSync(tsconfig) ? tsconfig : false,
  });
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`tokensim: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
