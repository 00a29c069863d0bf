/**
 * The CLI built to plain JavaScript (sim/cli/build.mjs, run by npm's prepare script) is the
 * same program as the TypeScript sources: built into a folder of its own two levels below the
 * repository root, as build/cli is, its `run` writes the same bytes as the sources' and its
 * `sweep` on worker threads (its own worker.mjs) the same result set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, expectSameFiles, ROOT, sweep, SWEEP, tmpPath, TUNGUZ } from './sweepHarness.ts';

const OUT = path.join('build', `bundle-test-${process.pid}`);
const DIR = path.join(ROOT, OUT);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** A launcher of the test's bundle, as bin.mjs launches build/cli (node options would reach the workers). */
const LAUNCHER = `${tmpPath('launch')}.mjs`;
writeFileSync(LAUNCHER, `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(DIR, 'main.mjs')).href)});\nprocess.exitCode = await main(process.argv.slice(2));\n`);

/** The built CLI's main(argv), in a fresh node process started from the repository root. */
const bundled = (args: string[]) => spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, encoding: 'utf8' });

const manifestWithoutCommand = (dir: string): Record<string, unknown> => {
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete m.command;
  return m;
};

describe('the CLI bundled to JavaScript', () => {
  it('builds main.mjs and worker.mjs', () => {
    const r = spawnSync(process.execPath, ['sim/cli/build.mjs', OUT], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^tokensim: built .*worker\.mjs, .*main\.mjs in \d+ ms\n$/);
    expect(existsSync(path.join(DIR, 'main.mjs')) && existsSync(path.join(DIR, 'worker.mjs'))).toBe(true);
  });

  it('the pool worker carries the engine without the scenario schema (zod) or scenario parsing', () => {
    const worker = readFileSync(path.join(DIR, 'worker.mjs'), 'utf8');
    expect(worker).toContain('// sim/run/simulate.ts'); // esbuild's module comments
    expect(worker).not.toContain('node_modules/zod/');
    expect(worker).not.toContain('// sim/input/scenario.ts');
  });

  it('carries zod’s English messages and none of its other locales (the build leaves them out)', () => {
    const main = readFileSync(path.join(DIR, 'main.mjs'), 'utf8');
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

  it('sweeps on two worker threads to the same result set as the sources', async () => {
    const fromBundle = tmpPath('bundle-sweep');
    const r = bundled(['sweep', SWEEP, '--out', fromBundle, '--workers', '2']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ran 12 on 2 workers in /m);
    expect(r.status).toBe(0);
    const fromSources = tmpPath('sources-sweep');
    expect((await sweep([SWEEP, '--out', fromSources])).code).toBe(0);
    expectSameFiles(fromSources, fromBundle);
  });
});
