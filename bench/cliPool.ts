/**
 * The benches that run the CLI's worker pool in their own process (bench/concurrency.ts,
 * bench/load-scaling.ts) should give its workers the V8 platform pool `tokensim sweep` gets
 * (sim/cli/v8Pool.mjs): node's size is fixed when node starts, so they run themselves again
 * with it, as sim/cli/bin.mjs does.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { widerPoolSize } from '../sim/cli/v8Pool.mjs';
import { nodeArgsFor } from './selfRun.ts';

/** Runs `script` again under node with the CLI's --v8-pool-size and exits with its status, when the CLI would restart; returns otherwise. */
export function withCliPool(script: string): void {
  const size = widerPoolSize(['sweep'], { cores: os.availableParallelism(), env: process.env, execArgv: process.execArgv });
  if (size === undefined) return;
  console.error(`(running again with --v8-pool-size=${size}, as tokensim sweep does on this machine)`);
  const r = spawnSync(process.execPath, [`--v8-pool-size=${size}`, ...nodeArgsFor(script), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
