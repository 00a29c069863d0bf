/**
 * The CLI built to plain JavaScript (sim/cli/build.mjs, run by npm's prepare script) is the
 * same program as the TypeScript sources: built into a folder of its own two levels below the
 * repository root, as build/cli is, its `run` writes the same bytes as the sources' and its
 * `sweep` on worker threads (its own worker.mjs) the same result set. Loaded as bin.mjs loads
 * it (loadBundle.mjs), it takes the code cache the build saved, and runs the same without it or
 * with one that does not match.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, expectSameFiles, ROOT, sweep, SWEEP, tmpPath, TUNGUZ } from './sweepHarness.ts';

const OUT = path.join('build', `bundle-test-${process.pid}`);
const DIR = path.join(ROOT, OUT);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/**
 * A launcher of the test's bundle, as bin.mjs launches build/cli (node options would reach the
 * workers); it reports on stderr how the code cache went when TOKENSIM_TEST_CACHE_STATE is set.
 */
const LAUNCHER = `${tmpPath('launch')}.mjs`;
const MAIN = path.join(DIR, 'main.cjs');
const CACHE = `${MAIN}.cache`;
writeFileSync(
  LAUNCHER,
  [
    `import { loadBundle } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'sim/cli/loadBundle.mjs')).href)};`,
    `const b = loadBundle(${JSON.stringify(MAIN)});`,
    "if (process.env.TOKENSIM_TEST_CACHE_STATE) process.stderr.write(`cache: ${b.cacheState}\\n`);",
    'process.exitCode = await b.exports.main(process.argv.slice(2));',
  ].join('\n'),
);

/** The built CLI's main(argv), in a fresh node process started from the repository root. */
const bundled = (args: string[], env: NodeJS.ProcessEnv = process.env, nodeFlags: string[] = []) =>
  spawnSync(process.execPath, [...nodeFlags, LAUNCHER, ...args], { cwd: ROOT, encoding: 'utf8', env });
/** `tokensim --version` through the launcher (node started with `nodeFlags`), with the cache's state on stderr. */
const versionWithCacheState = (nodeFlags: string[] = []) => bundled(['--version'], { ...process.env, TOKENSIM_TEST_CACHE_STATE: '1' }, nodeFlags);

/** A copy of a code cache file with V8's data overwritten from 64 bytes past its header line on. */
const damagedCache = (cache: Buffer): Buffer => Buffer.from(cache).fill(7, cache.indexOf(10) + 1 + 64);

const manifestWithoutCommand = (dir: string): Record<string, unknown> => {
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete m.command;
  return m;
};

describe('the CLI bundled to JavaScript', () => {
  it('builds main.cjs, the worker (worker.mjs loading worker.cjs) and both code caches', () => {
    const r = spawnSync(process.execPath, ['sim/cli/build.mjs', OUT], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^tokensim: built .*worker\.mjs, .*worker\.cjs, .*main\.cjs, .*main\.cjs\.cache, .*worker\.cjs\.cache in \d+ ms\n$/);
    for (const f of ['main.cjs', 'main.cjs.cache', 'worker.mjs', 'worker.cjs', 'worker.cjs.cache']) expect(existsSync(path.join(DIR, f))).toBe(true);
  });

  it('takes the code cache when it matches the bundle, and runs the same without it or with one that does not', () => {
    const good = readFileSync(CACHE);
    try {
      let r = versionWithCacheState();
      expect(r.stderr).toBe('cache: used\n');
      expect(r.stdout).toMatch(/^tokensim \d/);
      // Other V8 flags than the cache was made with: V8 rejects it and the bundle compiles as without one.
      r = versionWithCacheState(['--no-opt']);
      expect(r.stderr).toBe('cache: rejected\n');
      expect(r.stdout).toMatch(/^tokensim \d/);
      // V8's data damaged behind its header (V8 itself would crash on it): not used.
      writeFileSync(CACHE, damagedCache(good));
      r = versionWithCacheState();
      expect(r.stderr).toBe('cache: stale\n');
      expect(r.status).toBe(0);
      // The folder copied (new modification times, same bytes): the cache still serves.
      writeFileSync(CACHE, good);
      const t = new Date(Date.now() - 60_000);
      utimesSync(MAIN, t, t);
      expect(versionWithCacheState().stderr).toBe('cache: used\n');
      // A bundle changed since the cache was saved (other bytes, same length): the cache is not used.
      const text = readFileSync(MAIN, 'utf8');
      writeFileSync(MAIN, text.replace('"use strict"', "'use strict'"));
      expect(readFileSync(MAIN, 'utf8')).not.toBe(text);
      r = versionWithCacheState();
      expect(r.stderr).toBe('cache: stale\n');
      expect(r.status).toBe(0);
      rmSync(CACHE);
      r = versionWithCacheState();
      expect(r.stderr).toBe('cache: none\n');
      expect(r.stdout).toMatch(/^tokensim \d/);
    } finally {
      // Back to a cache that matches (the bundle's new time), for the tests below.
      const b = spawnSync(process.execPath, ['sim/cli/build.mjs', OUT], { cwd: ROOT, encoding: 'utf8' });
      expect(b.status).toBe(0);
    }
    expect(versionWithCacheState().stderr).toBe('cache: used\n');
  });

  it('the pool worker carries the engine without the scenario schema (zod) or scenario parsing', () => {
    const worker = readFileSync(path.join(DIR, 'worker.cjs'), 'utf8');
    expect(worker).toContain('// sim/run/simulate.ts'); // esbuild's module comments
    expect(worker).not.toContain('node_modules/zod/');
    expect(worker).not.toContain('// sim/input/scenario.ts');
  });

  it('carries zod’s English messages and none of its other locales (the build leaves them out)', () => {
    const main = readFileSync(MAIN, 'utf8');
    expect(main).not.toContain('zod/v4/locales/de.js'); // esbuild's module comment for zod's German locale
    expect(main).toContain('Invalid input');
    // A scenario error still reads as before: the bundle's message for a wrong type.
    const bad = `${tmpPath('bad-scenario')}.json`;
    writeFileSync(bad, JSON.stringify({ name: 'x', description: 'd', run: { engineers: 'many' } }));
    const r = bundled(['run', bad, '--out', tmpPath('bad-out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/run\.engineers: .*number/);
  });

  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = bundled(['--version']);
    expect(r.stdout).toBe(`tokensim ${pkg.version}\n`);
    expect(r.status).toBe(0);
  });

  it('runs a scenario to the same bytes as the TypeScript sources', async () => {
    const args = (out: string) => ['run', TUNGUZ, '--engineers', '300', '--years', '1', '--seeds', '1,2', '--out', out];
    const fromBundle = tmpPath('bundle-run');
    const r = bundled(args(fromBundle));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const fromSources = tmpPath('sources-run');
    const s = await cli(args(fromSources));
    expect(s.code).toBe(0);
    for (const f of ['series.csv', 'summary.csv']) {
      expect(readFileSync(path.join(fromBundle, f), 'utf8') === readFileSync(path.join(fromSources, f), 'utf8')).toBe(true);
    }
    expect(manifestWithoutCommand(fromBundle)).toEqual(manifestWithoutCommand(fromSources));
  });

  it('sweeps on two worker threads to the same result set as the sources, with the workers’ code cache or a damaged one', async () => {
    const fromSources = tmpPath('sources-sweep');
    expect((await sweep([SWEEP, '--out', fromSources])).code).toBe(0);
    const workerCache = path.join(DIR, 'worker.cjs.cache');
    const good = readFileSync(workerCache);
    const damaged = damagedCache(good);
    try {
      for (const cache of [good, damaged]) {
        writeFileSync(workerCache, cache);
        const fromBundle = tmpPath('bundle-sweep');
        const r = bundled(['sweep', SWEEP, '--out', fromBundle, '--workers', '2', '--exact-workers']);
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(/^ran 12 on 2 workers in /m);
        expect(r.status).toBe(0);
        expectSameFiles(fromSources, fromBundle);
      }
    } finally {
      writeFileSync(workerCache, good);
    }
  });
});
