/** Whether the CLI bundle is current, as sim/cli/bin.mjs decides it (the benches that run the CLI report which they measured). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The latest modification time of any file under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(f) : statSync(f).mtimeMs);
  }
  return t;
}

/**
 * True when `root`/build/cli/main.cjs (main.mjs in a checkout from before the CommonJS bundle)
 * exists and is newer than every file under `root`/sim.
 */
export function bundleIsCurrent(root: string): boolean {
  const sources = newest(path.join(root, 'sim'));
  return ['main.cjs', 'main.mjs'].some((f) => {
    const main = path.join(root, 'build', 'cli', f);
    return existsSync(main) && statSync(main).mtimeMs >= sources;
  });
}
