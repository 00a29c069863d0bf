// Every worker thread of a process shares V8's platform pool: the background threads that
// compile hot functions (TurboFan) and help the garbage collector. Node gives that pool 4
// threads whatever the machine. A sweep on 16 workers starts 16 engines at once, each with
// about a second of compiling to do; on 4 threads they queue, and the workers run their first
// runs unoptimised meanwhile. Measured on a 16-core machine (bench/RESULTS.md, "many-core
// machine"): a 64-run sweep at 2,000 engineers on 16 workers took 4.9–5.6 s of running with
// the default pool and 3.6–3.8 s with --v8-pool-size=16. The pool's size can only be set when
// node starts, so the commands that run a pool of workers restart node with it (sim/cli/bin.mjs).

/** The commands that run the engine on a pool of worker threads (and `run` with --seeds, see widerPoolSize). */
export const POOL_COMMANDS = new Set(['sweep', 'sensitivity', 'calibrate', 'compare']);

/** `run` runs on a pool when given several seeds; a single run (the default) runs in this thread and never restarts. */
const runsSeveralSeeds = (argv) => argv[0] === 'run' && argv.some((arg) => arg === '--seeds' || arg.startsWith('--seeds='));

/** Node's own size of V8's platform pool. */
export const NODE_DEFAULT_POOL = 4;

/** The environment variable that sets the pool's size (a whole number; 0: never restart). */
export const POOL_ENV = 'TOKENSIM_V8_POOL_SIZE';

/**
 * The --v8-pool-size to restart node with before running `argv` (the arguments after the
 * program), or undefined to run in this process: for the pool commands and `run --seeds` (not
 * their --help), when
 * neither node's own arguments nor NODE_OPTIONS already set a size and node is not under a
 * debugger. The size is `POOL_ENV` if set, else one thread per core where that is more than
 * node's 4.
 *
 * @param {readonly string[]} argv
 * @param {{ cores: number; env: Record<string, string | undefined>; execArgv: readonly string[] }} host
 * @returns {number | undefined}
 */
export function widerPoolSize(argv, host) {
  if (!(POOL_COMMANDS.has(argv[0] ?? '') || runsSeveralSeeds(argv)) || argv.includes('--help') || argv.includes('-h')) return undefined;
  const setsPool = (arg) => arg === '--v8-pool-size' || arg.startsWith('--v8-pool-size=');
  if (host.execArgv.some(setsPool) || (host.env.NODE_OPTIONS ?? '').split(/\s+/).some(setsPool)) return undefined;
  // Under a debugger (--inspect…) a second node would try to open the same inspector port.
  if (host.execArgv.some((arg) => arg.startsWith('--inspect') || arg.startsWith('--debug'))) return undefined;
  const chosen = host.env[POOL_ENV];
  if (chosen !== undefined && chosen.trim() !== '') {
    const size = Number(chosen);
    if (!Number.isInteger(size) || size < 0 || size > 1024) {
      throw new Error(`${POOL_ENV}=${chosen} is not a whole number of threads from 0 to 1024`);
    }
    return size === 0 ? undefined : size;
  }
  return host.cores > NODE_DEFAULT_POOL ? host.cores : undefined;
}
