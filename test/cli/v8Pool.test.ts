/**
 * The pool commands restart node with a wider V8 platform pool (sim/cli/v8Pool.mjs,
 * sim/cli/bin.mjs): when they do, the outputs are the same bytes, signals reach the child, and
 * a child whose parent is killed outright stops.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_DEFAULT_POOL, POOL_ENV, widerPoolSize } from '../../sim/cli/v8Pool.mjs';
import { BIN, expectSameFiles, runFiles, startTokensim, tmpPath, writeSweep } from './sweepHarness.ts';

const host = (cores: number, env: Record<string, string | undefined> = {}, execArgv: string[] = []) => ({ cores, env, execArgv });

describe('widerPoolSize', () => {
  it('gives the pool commands one thread per core where that is more than node’s 4', () => {
    for (const command of ['sweep', 'sensitivity', 'calibrate', 'compare']) {
      expect(widerPoolSize([command, 'x.json'], host(16))).toBe(16);
      expect(widerPoolSize([command, 'x.json'], host(NODE_DEFAULT_POOL + 1))).toBe(NODE_DEFAULT_POOL + 1);
      expect(widerPoolSize([command, 'x.json'], host(NODE_DEFAULT_POOL))).toBeUndefined();
      expect(widerPoolSize([command, 'x.json'], host(2))).toBeUndefined();
    }
  });

  it('restarts run only with several seeds (a pool); a single run stays in its thread', () => {
    expect(widerPoolSize(['run', 's.json', '--seeds', '1..64', '--out', 'o'], host(16))).toBe(16);
    expect(widerPoolSize(['run', 's.json', '--seeds=1,2', '--out', 'o'], host(16))).toBe(16);
    expect(widerPoolSize(['run', 's.json', '--seed', '3', '--out', 'o'], host(16))).toBeUndefined();
  });

  it('leaves other commands, help and an absent command alone', () => {
    for (const argv of [['run', 'scenarios/baseline.json'], ['--version'], ['validate', 'a.json'], [], ['sweep', '--help'], ['compare', '-h'], ['run', '--seeds', '1..3', '--help']]) {
      expect(widerPoolSize(argv, host(64))).toBeUndefined();
    }
  });

  it('keeps a size already set in node’s arguments or NODE_OPTIONS', () => {
    expect(widerPoolSize(['sweep'], host(16, {}, ['--v8-pool-size=2']))).toBeUndefined();
    expect(widerPoolSize(['sweep'], host(16, { NODE_OPTIONS: '--max-old-space-size=4096 --v8-pool-size=8' }))).toBeUndefined();
    expect(widerPoolSize(['sweep'], host(16, { NODE_OPTIONS: '--max-old-space-size=4096' }))).toBe(16);
  });

  it('runs in this process under a debugger (a second node would want the same inspector port)', () => {
    expect(widerPoolSize(['sweep'], host(16, {}, ['--inspect-brk=9229']))).toBeUndefined();
    expect(widerPoolSize(['sweep'], host(16, {}, ['--inspect']))).toBeUndefined();
    expect(widerPoolSize(['sweep'], host(16, {}, ['--cpu-prof']))).toBe(16);
  });

  it(`takes ${POOL_ENV} over the core count, 0 meaning never, and refuses anything but a whole number`, () => {
    expect(widerPoolSize(['sweep'], host(2, { [POOL_ENV]: '6' }))).toBe(6);
    expect(widerPoolSize(['sweep'], host(64, { [POOL_ENV]: '0' }))).toBeUndefined();
    expect(widerPoolSize(['sweep'], host(64, { [POOL_ENV]: ' ' }))).toBe(64);
    expect(widerPoolSize(['run'], host(64, { [POOL_ENV]: 'many' }))).toBeUndefined();
    for (const bad of ['many', '-1', '2.5', '1025']) {
      expect(() => widerPoolSize(['sweep'], host(2, { [POOL_ENV]: bad }))).toThrow(`${POOL_ENV}=${bad} is not a whole number of threads from 0 to 1024`);
    }
  });
});

/** The executable with TOKENSIM_V8_POOL_SIZE=`pool` (0: never restarts; 3: restarts on this machine too). */
const start = (args: readonly string[], pool: string) => startTokensim(args, { [POOL_ENV]: pool });

/** The processes whose parent is `pid`, with their command lines (Linux /proc). */
function childrenOf(pid: number): { pid: number; cmdline: string[] }[] {
  const out: { pid: number; cmdline: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0') });
    } catch {
      // the process ended while it was read
    }
  }
  return out;
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}/stat`) && !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tokensim sweep restarted with a wider V8 pool', () => {
  const slow = writeSweep('pool-slow', { engineers: 500, parameters: { 'production.sigma': [0.5, 0.8, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6] } });

  it('runs in a child node with --v8-pool-size and writes the same files as without', async () => {
    const tiny = writeSweep('pool-tiny');
    const plain = tmpPath('pool-plain');
    const wide = tmpPath('pool-wide');
    const a = await start(['sweep', tiny, '--out', plain, '--workers', '2', '--exact-workers'], '0').done;
    expect(a.code).toBe(0);
    const { child, done } = start(['sweep', tiny, '--out', wide, '--workers', '2', '--exact-workers'], '3');
    let seen: string[] | undefined;
    for (let i = 0; i < 500 && seen === undefined; i++) {
      seen = childrenOf(child.pid!).find((c) => c.cmdline.includes(BIN))?.cmdline;
      if (seen === undefined) await sleep(5);
    }
    const b = await done;
    expect(seen).toContain('--v8-pool-size=3');
    expect(b.code).toBe(0);
    expect(b.stderr).toBe(a.stderr);
    const timeless = (s: string) => s.replace(/ in [\d.]+ s/g, ' in … s');
    expect(timeless(b.stdout.replaceAll(wide, plain))).toBe(timeless(a.stdout));
    expectSameFiles(plain, wide);
  });

  it('ends with the child’s exit code and its one-line error (a usage error exits 2)', async () => {
    const missing = tmpPath('no-such-sweep.json');
    const plain = await start(['sweep', missing, '--out', tmpPath('unused')], '0').done;
    const wide = await start(['sweep', missing, '--out', tmpPath('unused')], '3').done;
    expect(plain.code).toBe(2);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toBe(plain.stderr);
    expect(wide.stderr).toBe(`tokensim: cannot read sweep file ${missing}: no such file\n`);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('passes %s to the child: the sweep stops as interrupted (exit 130) and keeps its finished runs', async (signal) => {
    const out = tmpPath(`pool-${signal}`);
    const { child, done } = start(['sweep', slow, '--out', out, '--workers', '1'], '3');
    for (let i = 0; i < 3000 && runFiles(out).length < 2; i++) await sleep(10);
    const inner = childrenOf(child.pid!).find((c) => c.cmdline.includes(BIN));
    expect(inner).toBeDefined();
    child.kill(signal);
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/^tokensim: interrupted; \d+ of 20 runs of this shard are finished in .* — rerun with --resume to finish\n$/);
    expect(alive(inner!.pid)).toBe(false);
  });

  it('a child whose parent is killed outright (SIGKILL) stops by itself', async () => {
    const out = tmpPath('pool-kill');
    const { child, done } = start(['sweep', slow, '--out', out, '--workers', '1'], '3');
    for (let i = 0; i < 3000 && runFiles(out).length < 2; i++) await sleep(10);
    const inner = childrenOf(child.pid!).find((c) => c.cmdline.includes(BIN));
    expect(inner).toBeDefined();
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    for (let i = 0; i < 1000 && alive(inner!.pid); i++) await sleep(10);
    expect(alive(inner!.pid)).toBe(false);
    expect(runFiles(out).length).toBeLessThan(20);
  });
});
